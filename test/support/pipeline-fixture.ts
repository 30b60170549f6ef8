/**
 * The write pipeline without HTTP, for the messages' unit tests: a fresh SQLite store, the services
 * src/app.ts composes (the same steps, in the same order), the provisioned organization and the
 * starter demo catalog, and the administrator acting as the system.
 */
import { afterAll, beforeAll } from 'vitest';
import { appSteps } from '../../src/app-steps.js';
import { Decimal } from '../../src/domain/decimal.js';
import { createSalesMetadata } from '../../src/domain/metadata/sales-metadata.js';
import type { TableMetadata } from '../../src/domain/metadata/table-metadata.js';
import type { Row } from '../../src/domain/record.js';
import { type ExecutionContext, type PipelineServices, systemClock } from '../../src/pipeline/execution-context.js';
import { createRecord, updateRecord } from '../../src/pipeline/record-writer.js';
import { createReferenceData } from '../../src/pipeline/reference-data.js';
import { inUnitOfWork } from '../../src/pipeline/unit-of-work.js';
import { addStarterDemo, adminCaller, type StarterDemo } from '../../src/provisioning/demo-data.js';
import { provision } from '../../src/provisioning/first-start.js';
import type { Caller } from '../../src/security/principal.js';
import { createRecordRepository } from '../../src/storage/record-repository.js';
import { openStore } from '../../src/storage/store.js';
import { createTestDatabase } from './test-stores.js';

export interface PipelineFixture {
  readonly services: PipelineServices;
  readonly caller: Caller;
  readonly demo: StarterDemo;
  /** Runs `work` in one unit of work as the administrator, committed at the end. */
  run<T>(work: (context: ExecutionContext) => Promise<T>): Promise<T>;
  table(logicalName: string): TableMetadata;
  /** The committed row, decoded (money as Decimal). */
  row(logicalName: string, id: string): Promise<Row>;
  /** Committed rows of `logicalName` whose `column` is `value`. */
  rowsWhere(logicalName: string, column: string, value: string): Promise<Row[]>;
  /** Creates a row as the system would, in its own unit of work; returns its id. */
  create(logicalName: string, attributes: Row): Promise<string>;
  update(logicalName: string, id: string, attributes: Row): Promise<void>;
  close(): Promise<void>;
}

export async function startPipelineFixture(): Promise<PipelineFixture> {
  const database = await createTestDatabase('sqlite', { schema: 'migrated' });
  const metadata = createSalesMetadata();
  const store = await openStore(database.location, metadata);
  const records = createRecordRepository(store.dialect, metadata.tables);
  const referenceData = createReferenceData(metadata, records, store.db);
  const services: PipelineServices = {
    metadata,
    store,
    records,
    referenceData,
    clock: systemClock,
    // The app's own steps, checked and in the order of the step order table.
    steps: appSteps(metadata),
    onCommitted: (tables) => referenceData.invalidate(tables),
  };
  const { adminUserId } = await provision(services, { tokenMaxLifetimeDays: 90 });
  const caller = await adminCaller(services, adminUserId);
  const run = <T>(work: (context: ExecutionContext) => Promise<T>) => inUnitOfWork(services, caller, work);
  const demo = await run(addStarterDemo);
  const table = (logicalName: string) => metadata.table(logicalName)!;
  return {
    services,
    caller,
    demo,
    run,
    table,
    async row(logicalName, id) {
      const found = await records.find(store.db, table(logicalName), id);
      if (!found) throw new Error(`${logicalName} ${id} is not in the store`);
      return found;
    },
    async rowsWhere(logicalName, column, value) {
      const stored = await store.db.selectFrom(logicalName).selectAll().where(column, '=', value).execute();
      return stored.map((row) => records.decodeRow(table(logicalName), row));
    },
    async create(logicalName, attributes) {
      const created = await run((context) =>
        createRecord(context, table(logicalName), { attributes, bindings: [] }, { asSystem: true }),
      );
      return created.id;
    },
    async update(logicalName, id, attributes) {
      await run((context) =>
        updateRecord(context, table(logicalName), id, { attributes, bindings: [] }, {}, { asSystem: true }),
      );
    },
    async close() {
      await store.close();
      await database.drop();
    },
  };
}

/** A deal's header on the starter catalog: Contoso Ltd, Retail USD. */
function dealHeader(fixture: PipelineFixture, name: string): Row {
  return { name, customerid: fixture.demo.account, customeridtype: 'account', pricelevelid: fixture.demo.priceList };
}

/** Two lines of the starter catalog (2 desks and 12 chairs) under `parent` in `lineTable`. */
async function addLines(fixture: PipelineFixture, lineTable: string, parent: Row): Promise<void> {
  const [first, second] = [...fixture.demo.products.values()];
  for (const [productid, quantity] of [
    [first!, 2],
    [second!, 12],
  ] as const) {
    await fixture.create(lineTable, {
      ...parent,
      productid,
      uomid: fixture.demo.unit,
      quantity: new Decimal(quantity),
    });
  }
}

export async function openOpportunity(fixture: PipelineFixture): Promise<string> {
  const id = await fixture.create('opportunity', dealHeader(fixture, 'Office fit-out'));
  await addLines(fixture, 'opportunityproduct', { opportunityid: id });
  return id;
}

/** A quote with two lines, Draft or activated (Active / In Progress). */
export async function quote(fixture: PipelineFixture, state: 'draft' | 'active'): Promise<string> {
  const id = await fixture.create('quote', dealHeader(fixture, 'Office fit-out proposal'));
  await addLines(fixture, 'quotedetail', { quoteid: id });
  if (state === 'active') await fixture.update('quote', id, { statecode: 1, statuscode: 2 });
  return id;
}

/** An Active order with two lines. */
export async function activeOrder(fixture: PipelineFixture): Promise<string> {
  const id = await fixture.create('salesorder', dealHeader(fixture, 'Office fit-out order'));
  await addLines(fixture, 'salesorderdetail', { salesorderid: id });
  return id;
}

/**
 * A fixture for one suite: started before its tests and closed after them. The object is usable from
 * the suite's body; its members reach the started fixture when a test calls them.
 */
export function usePipelineFixture(): PipelineFixture {
  let started: PipelineFixture | undefined;
  beforeAll(async () => {
    started = await startPipelineFixture();
  });
  afterAll(async () => {
    await started?.close();
  });
  const current = (): PipelineFixture => {
    if (!started) throw new Error('The pipeline fixture is used before its suite started.');
    return started;
  };
  return {
    get services() {
      return current().services;
    },
    get caller() {
      return current().caller;
    },
    get demo() {
      return current().demo;
    },
    run: (work) => current().run(work),
    table: (logicalName) => current().table(logicalName),
    row: (logicalName, id) => current().row(logicalName, id),
    rowsWhere: (logicalName, column, value) => current().rowsWhere(logicalName, column, value),
    create: (logicalName, attributes) => current().create(logicalName, attributes),
    update: (logicalName, id, attributes) => current().update(logicalName, id, attributes),
    close: () => current().close(),
  };
}
