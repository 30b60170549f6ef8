/**
 * An Orderline app on a fresh test database for the import and export suites, without an HTTP
 * listener: the suites call the data-transfer functions directly, as the administrator, the way the
 * CLI does.
 */
import { type App, createApp } from '../../src/app.js';
import { configWith } from '../../src/config/app-config.js';
import { Decimal } from '../../src/domain/decimal.js';
import { createLogger } from '../../src/observability/logger.js';
import { inUnitOfWork } from '../../src/pipeline/unit-of-work.js';
import { adminCaller } from '../../src/provisioning/demo-data.js';
import { createAsSystem } from '../../src/provisioning/first-start.js';
import type { Caller } from '../../src/security/principal.js';
import { createTestDatabase, type StoreKind } from '../support/test-stores.js';

export const ADMIN_TOKEN = 'transfer-admin-token-0123456789';

export interface TransferTestApp {
  readonly app: App;
  readonly caller: Caller;
  /** ORDERLINE_DB for a child process on the same database. */
  readonly location: string;
  /** Rows of a table. */
  count(table: string): Promise<number>;
  close(): Promise<void>;
}

export async function openTransferTestApp(kind: StoreKind): Promise<TransferTestApp> {
  const database = await createTestDatabase(kind, { schema: 'migrated' });
  const app = await createApp(
    configWith({ database: database.location, adminToken: ADMIN_TOKEN, logLevel: 'silent', dispatcher: 'off' }),
    { logger: createLogger('silent') },
  );
  const caller = await adminCaller(app.services, app.provisioning.adminUserId);
  return {
    app,
    caller,
    location: database.location,
    async count(table) {
      const row = await app.store.db
        .selectFrom(table)
        .select((eb) => eb.fn.countAll().as('rows'))
        .executeTakeFirstOrThrow();
      return Number(row.rows);
    },
    async close() {
      await app.close();
      await database.drop();
    },
  };
}

/**
 * What a catalog file refers to but cannot create: the unit groups of the demo (Default Unit with
 * Primary Unit; Packs with Each and Box of 10; Service Time with Hour and Day) and the Volume tiers
 * discount list.
 */
export async function addCatalogFoundations(test: TransferTestApp): Promise<void> {
  await inUnitOfWork(test.app.services, test.caller, async (context) => {
    const group = async (name: string, base: string, extra?: { name: string; quantity: number }) => {
      const id = await createAsSystem(context, 'uomschedule', { name, baseuomname: base });
      if (!extra) return;
      const baseUnit = await context.trx
        .selectFrom('uom')
        .select('uomid')
        .where('uomscheduleid', '=', id)
        .executeTakeFirstOrThrow();
      await createAsSystem(context, 'uom', {
        name: extra.name,
        uomscheduleid: id,
        baseuom: String(baseUnit.uomid),
        quantity: new Decimal(extra.quantity),
      });
    };
    await group('Default Unit', 'Primary Unit');
    await group('Packs', 'Each', { name: 'Box of 10', quantity: 10 });
    await group('Service Time', 'Hour', { name: 'Day', quantity: 8 });
    const tiers = await createAsSystem(context, 'discounttype', { name: 'Volume tiers', isamounttype: false });
    await createAsSystem(context, 'discount', {
      discounttypeid: tiers,
      lowquantity: new Decimal(10),
      highquantity: new Decimal(1000),
      percentage: new Decimal(5),
    });
  });
}

/** `rows` products P-00000, P-00001, ... in the Default Unit group. */
export function productsCsv(rows: number): string {
  const lines = ['productnumber,name,defaultuomid,price,currentcost,description'];
  for (let index = 0; index < rows; index++) {
    const number = String(index).padStart(5, '0');
    lines.push(
      `P-${number},"Product ${number}, ${index % 2 ? 'blue' : 'red'}",Primary Unit,${index % 997}.99,${index % 300}.4,Imported`,
    );
  }
  return `${lines.join('\n')}\n`;
}
