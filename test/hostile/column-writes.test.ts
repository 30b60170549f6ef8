/**
 * PRODUCT.md C6, "every column says who may write it": random column writes by every predefined role (and
 * an integration user) to every column class — anyone's, the pricing engine's, integration users', the
 * system's — through PATCH, PUT of one column, POST, upsert and `$batch`. Never a 5xx, every refusal in
 * Dataverse's error shape, and never a row holding a value the role may not have put there.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, expectOk, idOf, type RoleName, setIntegration } from '../lifecycle/support.js';
import { type ApiResponse, startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { writeBatch } from './support/batch-bodies.js';
import { assertProperty, RUNS } from './support/hostile-server.js';

const PROPERTY_TIMEOUT = 240_000;

type ColumnClass = 'user' | 'pricing' | 'integration' | 'system';
type Path = 'PATCH' | 'PUT one column' | 'POST' | 'upsert' | '$batch';
type Set = 'salesorders' | 'salesorderdetails';

interface ColumnTarget {
  readonly set: Set;
  readonly column: string;
  readonly writer: ColumnClass;
}

interface ColumnCase extends ColumnTarget {
  /** Values a client could send for it: right-typed, and a few wrong ones. */
  readonly values: fc.Arbitrary<unknown>;
}

const money = fc.oneof(
  fc.constantFrom(0, 1, 0.01, 999999.99, -5, 1e15, '12', null),
  fc.integer({ min: 1, max: 1_000_000 }),
);
const text = fc.oneof(fc.constantFrom('FAKE-1', '', 'x'.repeat(101), null, 42), fc.string({ maxLength: 20 }));
const revision = fc.constantFrom(1, 999999999999999, 1e16, -1, 1.5, '7', null);
const instant = fc.constantFrom('2001-01-01T00:00:00Z', '9999-12-31T23:59:59Z', 'yesterday', null, 3);

const COLUMNS: readonly ColumnCase[] = [
  { set: 'salesorders', column: 'description', writer: 'user', values: text },
  { set: 'salesorderdetails', column: 'description', writer: 'user', values: text },
  { set: 'salesorders', column: 'totalamount', writer: 'pricing', values: money },
  { set: 'salesorders', column: 'totallineitemamount', writer: 'pricing', values: money },
  { set: 'salesorders', column: 'totaltax', writer: 'pricing', values: money },
  { set: 'salesorderdetails', column: 'extendedamount', writer: 'pricing', values: money },
  { set: 'salesorderdetails', column: 'baseamount', writer: 'pricing', values: money },
  { set: 'salesorders', column: 'ol_backofficeordernumber', writer: 'integration', values: text },
  { set: 'salesorders', column: 'ol_backofficetotalamount', writer: 'integration', values: money },
  { set: 'salesorders', column: 'ol_backofficerevision', writer: 'integration', values: revision },
  { set: 'salesorderdetails', column: 'ol_backofficerevision', writer: 'integration', values: revision },
  { set: 'salesorders', column: 'createdon', writer: 'system', values: instant },
  { set: 'salesorders', column: 'ol_acknowledgedon', writer: 'system', values: instant },
  { set: 'salesorders', column: 'exchangerate', writer: 'system', values: money },
  { set: 'salesorders', column: 'versionnumber', writer: 'system', values: fc.constantFrom('1', 99, null) },
  { set: 'salesorderdetails', column: 'productname', writer: 'system', values: text },
  { set: 'salesorderdetails', column: 'volumediscountamount', writer: 'system', values: money },
];

/** One column and a value for it; the case is written out plainly, so a counterexample reads well. */
const columnWrite = fc.oneof(...COLUMNS.map(({ values, ...target }) => values.map((value) => ({ ...target, value }))));

const PATHS: readonly Path[] = ['PATCH', 'PUT one column', 'POST', 'upsert', '$batch'];

interface Actor {
  readonly name: string;
  readonly token: string;
  readonly integration: boolean;
  /** An order of the actor's own, with one write-in line. */
  readonly orderId: string;
  readonly lineId: string;
}

const ROLES: readonly RoleName[] = [
  'System Administrator',
  'System Customizer',
  'Sales Manager',
  'Salesperson',
  'Delegate',
];

/** May this actor leave a value of its own in a column of this class? */
function mayWrite(actor: Actor, writer: ColumnClass): boolean {
  if (writer === 'system') return false;
  // The pricing engine's columns: the matrix skips pricing only for integration users (integration on).
  if (writer === 'pricing' || writer === 'integration') return actor.integration;
  return true;
}

describe.each(TEST_STORES)('hostile column writes on %s', (kind) => {
  let server: TestServer;
  const actors: Actor[] = [];

  async function ownOrder(ownerId: string): Promise<{ orderId: string; lineId: string }> {
    const order = await server.api('salesorders', {
      method: 'POST',
      body: { name: 'Column writes', 'ownerid@odata.bind': `/systemusers(${ownerId})` },
    });
    expectOk(order);
    const orderId = idOf(order);
    const line = await server.api('salesorderdetails', {
      method: 'POST',
      body: {
        'salesorderid@odata.bind': `/salesorders(${orderId})`,
        isproductoverridden: true,
        productdescription: 'Widget',
        quantity: 3,
        priceperunit: 12.5,
      },
    });
    expectOk(line);
    return { orderId, lineId: idOf(line) };
  }

  beforeAll(async () => {
    server = await startTestServer(kind);
    await setIntegration(server, true);
    const cast: { name: string; roles: RoleName[]; integration: boolean }[] = [
      ...ROLES.map((role) => ({ name: role, roles: [role], integration: false })),
      { name: 'integration user', roles: ['Salesperson'], integration: true },
    ];
    for (const member of cast) {
      const user = await createUser(server, { roles: member.roles, integration: member.integration });
      actors.push({
        name: member.name,
        token: user.token,
        integration: member.integration,
        ...(await ownOrder(user.id)),
      });
    }
  }, 120_000);
  afterAll(async () => {
    await server?.close();
  });

  const read = async (path: string) => (await server.api(path)).json as Record<string, unknown> | undefined;

  /** Sends one write of `column` by `actor`; returns the answer and the row it aimed at (or created). */
  async function send(
    actor: Actor,
    target: ColumnTarget,
    path: Path,
    value: unknown,
  ): Promise<{ response: ApiResponse; rowPath?: string; parts?: number[] }> {
    const id = target.set === 'salesorders' ? actor.orderId : actor.lineId;
    const existing = `${target.set}(${id})`;
    const parent =
      target.set === 'salesorders'
        ? { name: 'Forged' }
        : { 'salesorderid@odata.bind': `/salesorders(${actor.orderId})`, productdescription: 'x', quantity: 1 };
    const token = actor.token;
    switch (path) {
      case 'PATCH':
        return {
          response: await server.api(existing, { method: 'PATCH', token, body: { [target.column]: value } }),
          rowPath: existing,
        };
      case 'PUT one column':
        return {
          response: await server.api(`${existing}/${target.column}`, { method: 'PUT', token, body: { value } }),
          rowPath: existing,
        };
      case 'POST': {
        const response = await server.api(target.set, {
          method: 'POST',
          token,
          body: { ...parent, isproductoverridden: true, [target.column]: value },
        });
        return { response, ...(response.status < 300 ? { rowPath: `${target.set}(${idOf(response)})` } : {}) };
      }
      case 'upsert': {
        const fresh = `${target.set}(${crypto.randomUUID()})`;
        const body =
          target.set === 'salesorders'
            ? { [target.column]: value, ...parent }
            : { ...parent, isproductoverridden: true, [target.column]: value };
        return { response: await server.api(fresh, { method: 'PATCH', token, body }), rowPath: fresh };
      }
      case '$batch': {
        const text = writeBatch({
          boundary: 'batch_columns',
          lineBreak: '\r\n',
          items: [
            {
              kind: 'changeset',
              parts: [
                {
                  method: 'PATCH',
                  url: `${server.serviceRoot}${existing}`,
                  headers: { 'Content-Type': 'application/json' },
                  body: JSON.stringify({ [target.column]: value }),
                  contentId: '1',
                },
              ],
            },
          ],
        });
        const response = await server.api('$batch', {
          method: 'POST',
          token,
          headers: { 'content-type': 'multipart/mixed; boundary=batch_columns' },
          body: text,
        });
        const parts = [...response.text.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((match) => Number(match[1]));
        return { response, rowPath: existing, parts };
      }
    }
  }

  it(
    'a column write by any role, on any path, never gets a 5xx and never leaves a value the role may not write',
    async () => {
      await assertProperty(
        fc.asyncProperty(
          fc.integer({ min: 0, max: ROLES.length }),
          columnWrite,
          fc.constantFrom(...PATHS),
          async (actorIndex, { value, ...target }, path) => {
            const actor = actors[actorIndex]!;
            const context = `${actor.name}: ${path} ${target.set}.${target.column} = ${JSON.stringify(value)}`;
            const order = `salesorders(${actor.orderId})`;
            const orderBefore = await read(order);
            const rowBefore =
              target.set === 'salesorders' ? orderBefore : await read(`salesorderdetails(${actor.lineId})`);
            const { response, rowPath, parts } = await send(actor, target, path, value);

            expect(response.status, `${context}\n${response.text.slice(0, 1000)}`).toBeLessThan(500);
            for (const part of parts ?? [])
              expect(part, `${context}\n${response.text.slice(0, 1000)}`).toBeLessThan(500);
            if (response.status >= 400) {
              expect(response.json?.error?.code, `${context}\n${response.text}`).toMatch(/^0x[0-9a-f]{8}$/);
            }
            const refused = response.status >= 400 || (parts ?? []).some((part) => part >= 400);
            const creates = path === 'POST' || path === 'upsert';
            const rowAfter = rowPath ? await read(rowPath) : undefined;

            if (refused && !creates) {
              // A refused write changes nothing.
              expect(rowAfter?.versionnumber, context).toBe(rowBefore?.versionnumber);
            }
            if (rowAfter && !mayWrite(actor, target.writer)) {
              if (creates) {
                // A row created with a forged value does not keep it.
                if (response.status < 300 && value !== null)
                  expect(rowAfter[target.column], context).not.toEqual(value);
              } else {
                expect(rowAfter[target.column], context).toEqual(rowBefore?.[target.column]);
              }
            }
            if (!mayWrite(actor, 'pricing') && !creates) {
              // The engine's totals stand whatever a line or header update tried.
              const orderAfter = await read(order);
              expect(orderAfter?.totalamount, context).toEqual(orderBefore?.totalamount);
            }
          },
        ),
        Math.min(RUNS, 120),
      );
    },
    PROPERTY_TIMEOUT,
  );
});
