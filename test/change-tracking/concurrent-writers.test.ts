/**
 * Change tracking under concurrent writers: no change is ever missed. On PostgreSQL a transaction can
 * take a row version below one a reader already saw and commit after that read; a token made of the
 * highest version seen would skip its change for good, so the token is a transaction-id watermark
 * instead (src/storage/change-watermark.ts). Then, on every store, a property: whatever the
 * interleaving of writes and delta reads, applying the deltas in order gives the table as it is.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteRecord, updateRecord } from '../../src/pipeline/record-writer.js';
import { inUnitOfWork } from '../../src/pipeline/unit-of-work.js';
import { systemPrincipal } from '../../src/provisioning/first-start.js';
import { createUser, type TestUser } from '../lifecycle/support.js';
import type { ApiInit, TestServer } from '../support/test-app.js';
import { startTestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import {
  applyDelta,
  type Client,
  create,
  currentRows,
  type DeltaEntry,
  inProcessClient,
  isRemoval,
  ownRowsReader,
  patch,
  readTracked,
  TRACK,
} from './support.js';

/** A promise with its resolve function, to hold a transaction open until told. */
function gate(): { promise: Promise<void>; open: () => void } {
  let open!: () => void;
  const promise = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { promise, open };
}

if (TEST_STORES.includes('postgres')) {
  describe('change tracking with a transaction that commits late on postgres', () => {
    let server: TestServer;
    beforeAll(async () => {
      server = await startTestServer('postgres');
    });
    afterAll(async () => {
      await server?.close();
    });

    it('reports a change whose transaction held a lower version and committed after a delta read', async () => {
      const { app } = server;
      const held = await create(server, 'salesorders', { name: 'Held' });
      const doomed = await create(server, 'salesorders', { name: 'Doomed' });
      const quick = await create(server, 'salesorders', { name: 'Quick' });
      const first = await readTracked(server, 'salesorders?$select=name', { headers: TRACK });

      // A unit of work updates one order and deletes another, takes its row versions, and stays open.
      const whoAmI = (await server.api('WhoAmI')).json;
      const caller = { user: systemPrincipal(whoAmI.UserId, whoAmI.BusinessUnitId) };
      const orders = app.services.metadata.table('salesorder')!;
      const written = gate();
      const release = gate();
      const slow = inUnitOfWork(app.services, caller, async (context) => {
        await updateRecord(context, orders, held, { attributes: { name: 'Held, committed late' }, bindings: [] });
        await deleteRecord(context, orders, doomed);
        written.open();
        await release.promise;
      });
      await written.promise;

      // Meanwhile another order changes and commits, with a higher version, and a delta is read.
      let middle: Awaited<ReturnType<typeof readTracked>>;
      try {
        await patch(server, `salesorders(${quick})`, { name: 'Quick, committed first' });
        middle = await readTracked(server, first.deltaLink);
      } finally {
        release.open();
        await slow;
      }
      expect(middle.entries.map((entry) => entry.salesorderid ?? entry.id)).toEqual([quick]);
      const heldRow = (await server.api(`salesorders(${held})?$select=name`)).json;
      const quickRow = (await server.api(`salesorders(${quick})?$select=name`)).json;
      const version = (row: DeltaEntry) => BigInt(/"(\d+)"/.exec(row['@odata.etag'])![1]!);
      // The late change has the lower version: "versionnumber greater than the highest one the middle
      // read saw" would never report it.
      expect(version(heldRow)).toBeLessThan(version(quickRow));
      const highestSeen = middle.entries.filter((entry) => !isRemoval(entry)).map(version);
      expect(highestSeen.every((seen) => version(heldRow) < seen)).toBe(true);

      const after = await readTracked(server, middle.deltaLink);
      const rows = after.entries.filter((entry) => !isRemoval(entry));
      expect(rows.find((row) => row.salesorderid === held)).toMatchObject({ name: 'Held, committed late' });
      expect(after.entries.filter(isRemoval)).toEqual([expect.objectContaining({ id: doomed, reason: 'deleted' })]);
    });
  });
}

interface Writer {
  readonly who: 'admin' | 'seller';
  readonly kind: 'create' | 'update' | 'delete' | 'assign';
  /** Which existing row (modulo the rows known), or the new owner for an assignment. */
  readonly pick: number;
  readonly toSeller: boolean;
}

const writerArbitrary: fc.Arbitrary<Writer> = fc.record({
  who: fc.constantFrom('admin', 'seller'),
  kind: fc.constantFrom('create', 'create', 'update', 'update', 'delete', 'assign'),
  pick: fc.nat({ max: 1000 }),
  toSeller: fc.boolean(),
});

/** Each round: writes running at once, while both clients read their deltas. */
const roundsArbitrary = fc.array(fc.array(writerArbitrary, { minLength: 0, maxLength: 4 }), {
  minLength: 1,
  maxLength: 6,
});

for (const kind of TEST_STORES) {
  describe(`change tracking under interleaved writers and readers on ${kind}`, () => {
    let server: TestServer;
    let seller: TestUser;
    let otherUserId: string;
    let ownReader: Client;

    beforeAll(async () => {
      server = await startTestServer(kind);
      seller = await createUser(server, { roles: ['Salesperson'], name: 'seller' });
      otherUserId = (await createUser(server, { roles: ['Salesperson'], name: 'other' })).id;
      const businessUnitId = (await server.api('WhoAmI', { token: seller.token })).json.BusinessUnitId;
      // Reads only the seller's rows: removals include rows assigned away from them.
      ownReader = inProcessClient(server, ownRowsReader(seller, businessUnitId));
    });
    afterAll(async () => {
      await server?.close();
    });

    it('rebuilds the table, as each caller may read it, from a first read and the deltas that follow', async () => {
      const asSeller: ApiInit = { token: seller.token };
      const path = 'salesorders?$select=name,_ownerid_value';
      let counter = 0;

      async function write(writer: Writer, known: readonly string[]): Promise<void> {
        const init: ApiInit = writer.who === 'seller' ? asSeller : {};
        const id = known.length > 0 ? known[writer.pick % known.length] : undefined;
        counter += 1;
        // A row another writer of the same round removed, or one the seller may not touch: refused, fine.
        const tolerated = [204, 403, 404];
        if (writer.kind === 'create' || id === undefined) {
          const ownerId = writer.toSeller ? seller.id : otherUserId;
          const owner = writer.who === 'admin' ? { 'ownerid@odata.bind': `/systemusers(${ownerId})` } : {};
          const response = await server.api('salesorders', {
            ...init,
            method: 'POST',
            body: { name: `Order ${counter}`, ...owner },
          });
          expect(response.status, response.text).toBe(204);
        } else if (writer.kind === 'update') {
          const response = await server.api(`salesorders(${id})`, {
            ...init,
            method: 'PATCH',
            headers: { 'if-match': '*' },
            body: { name: `Renamed ${counter}` },
          });
          expect(tolerated, response.text).toContain(response.status);
        } else if (writer.kind === 'delete') {
          const response = await server.api(`salesorders(${id})`, { ...init, method: 'DELETE' });
          expect(tolerated, response.text).toContain(response.status);
        } else {
          const owner = writer.toSeller ? seller.id : otherUserId;
          const response = await server.api(`salesorders(${id})`, {
            method: 'PATCH',
            headers: { 'if-match': '*' },
            body: { 'ownerid@odata.bind': `/systemusers(${owner})` },
          });
          expect(tolerated, response.text).toContain(response.status);
        }
      }

      await fc.assert(
        fc.asyncProperty(roundsArbitrary, async (rounds) => {
          const clients = [
            { client: server as Client, init: {} as ApiInit, copy: new Map<string, DeltaEntry>(), link: '' },
            { client: server as Client, init: asSeller, copy: new Map<string, DeltaEntry>(), link: '' },
            { client: ownReader, init: {} as ApiInit, copy: new Map<string, DeltaEntry>(), link: '' },
          ];
          for (const client of clients) {
            const first = await readTracked(client.client, path, { ...client.init, headers: TRACK });
            applyDelta(client.copy, first.entries, 'salesorderid');
            client.link = first.deltaLink;
          }
          const pull = async (client: (typeof clients)[number]) => {
            const delta = await readTracked(client.client, client.link, client.init);
            applyDelta(client.copy, delta.entries, 'salesorderid');
            client.link = delta.deltaLink;
          };
          for (const round of rounds) {
            const known = [...clients[0]!.copy.keys()];
            await Promise.all([...round.map((writer) => write(writer, known)), ...clients.map(pull)]);
          }
          for (const client of clients) {
            await pull(client);
            const now = await currentRows(client.client, path, 'salesorderid', client.init);
            const summary = (rows: Map<string, DeltaEntry>) =>
              new Map([...rows].map(([id, row]) => [id, [row.name, row._ownerid_value, row['@odata.etag']].join('|')]));
            expect(summary(client.copy)).toEqual(summary(now));
          }
        }),
        { numRuns: 12 },
      );
    }, 180_000);
  });
}
