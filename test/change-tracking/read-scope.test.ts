/**
 * Change tracking keeps to the caller's read privilege, as every read does. A Salesperson (who reads
 * sales rows organization-wide, PRODUCT.md) sees in a tracked read and its deltas exactly what normal
 * reads show them; a user without read privilege is refused. No predefined role reads sales rows at
 * user level, so a principal with that depth is built in process to show the scope applied to rows and
 * removals alike: only their own rows, and a row assigned away from them reported as removed
 * (`reason: "changed"`) while an organization-level reader sees the same row as changed.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createUser, type TestUser } from '../lifecycle/support.js';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import {
  type Client,
  create,
  currentRows,
  type DeltaEntry,
  expectRefusal,
  inProcessClient,
  isRemoval,
  ownRowsReader,
  patch,
  readTracked,
  remove,
  TRACK,
} from './support.js';

const ids = (entries: readonly DeltaEntry[]) =>
  entries.filter((entry) => !isRemoval(entry)).map((entry) => entry.salesorderid ?? entry.salesorderdetailid);
const removals = (entries: readonly DeltaEntry[]) =>
  entries.filter(isRemoval).map((entry) => ({ id: entry.id, reason: entry.reason }));
const sorted = (values: readonly string[]) => [...values].sort();

for (const kind of TEST_STORES) {
  describe(`change tracking within the read scope on ${kind}`, () => {
    let server: TestServer;
    let seller: TestUser;
    let other: TestUser;
    let ownReader: Client;

    beforeAll(async () => {
      server = await startTestServer(kind);
      seller = await createUser(server, { roles: ['Salesperson'], name: 'seller' });
      other = await createUser(server, { roles: ['Salesperson'], name: 'other' });
      const businessUnitId = (await server.api('WhoAmI', { token: seller.token })).json.BusinessUnitId;
      ownReader = inProcessClient(server, ownRowsReader(seller, businessUnitId));
    });
    afterAll(async () => {
      await server?.close();
    });

    const ownedBy = (user: TestUser) => ({ 'ownerid@odata.bind': `/systemusers(${user.id})` });

    it('shows a Salesperson the same rows in a tracked read and its deltas as in normal reads', async () => {
      const asSeller = { token: seller.token };
      const own = await create(server, 'salesorders', { name: 'Own', ...ownedBy(seller) });
      const foreign = await create(server, 'salesorders', { name: 'Foreign', ...ownedBy(other) });
      const first = await readTracked(server, 'salesorders?$select=name', { ...asSeller, headers: TRACK });
      const normal = await currentRows(server, 'salesorders?$select=name', 'salesorderid', asSeller);
      expect(sorted(ids(first.entries))).toEqual(sorted([...normal.keys()]));
      expect(ids(first.entries)).toEqual(expect.arrayContaining([own, foreign]));

      const created = await create(server, 'salesorders', { name: 'Created by the seller' }, asSeller);
      await patch(server, `salesorders(${foreign})`, { name: 'Foreign, renamed' });
      await remove(server, `salesorders(${own})`);
      const delta = await readTracked(server, first.deltaLink, asSeller);
      expect(sorted(ids(delta.entries))).toEqual(sorted([created, foreign]));
      expect(removals(delta.entries)).toEqual([{ id: own, reason: 'deleted' }]);
    });

    it('refuses a tracked read to a user without read privilege on the table', async () => {
      const nobody = await createUser(server, { roles: [], name: 'nobody' });
      const response = await server.api('salesorders?$select=name', { token: nobody.token, headers: TRACK });
      expectRefusal(response, 403);
    });

    it('shows a user-level reader only their own rows, changes and removals', async () => {
      const own = await create(server, 'salesorders', { name: 'Own', ...ownedBy(seller) });
      const ownToDelete = await create(server, 'salesorders', { name: 'Own, deleted', ...ownedBy(seller) });
      const foreign = await create(server, 'salesorders', { name: 'Foreign', ...ownedBy(other) });
      const foreignToDelete = await create(server, 'salesorders', { name: 'Foreign, deleted', ...ownedBy(other) });

      const first = await readTracked(ownReader, 'salesorders?$select=name', { headers: TRACK });
      const normal = await currentRows(ownReader, 'salesorders?$select=name', 'salesorderid');
      expect(sorted(ids(first.entries))).toEqual(sorted([...normal.keys()]));
      expect(ids(first.entries)).toContain(own);
      expect(ids(first.entries)).not.toContain(foreign);

      const created = await create(server, 'salesorders', { name: 'Created by the seller' }, { token: seller.token });
      await patch(server, `salesorders(${own})`, { name: 'Own, renamed' });
      await patch(server, `salesorders(${foreign})`, { name: 'Foreign, renamed' });
      await remove(server, `salesorders(${ownToDelete})`);
      await remove(server, `salesorders(${foreignToDelete})`);

      const delta = await readTracked(ownReader, first.deltaLink);
      expect(sorted(ids(delta.entries))).toEqual(sorted([own, created]));
      expect(removals(delta.entries)).toEqual([{ id: ownToDelete, reason: 'deleted' }]);
      const token = first.deltaLink.slice(first.deltaLink.indexOf('$deltatoken='));
      expect((await ownReader.api(`salesorders/$count?${token}`)).text).toBe('3');
    });

    it('reports a row assigned away as removed to a user-level reader, and as changed to the organization', async () => {
      const moving = await create(server, 'salesorders', { name: 'Moving', ...ownedBy(seller) });
      const line = await create(server, 'salesorderdetails', {
        'salesorderid@odata.bind': `/salesorders(${moving})`,
        isproductoverridden: true,
        productdescription: 'Moves with its order',
        quantity: 1,
        priceperunit: 2,
      });
      const orders = await readTracked(ownReader, 'salesorders?$select=name', { headers: TRACK });
      const lines = await readTracked(ownReader, 'salesorderdetails?$select=quantity', { headers: TRACK });
      const organization = await readTracked(server, 'salesorders?$select=name', { headers: TRACK });
      expect(ids(orders.entries)).toContain(moving);
      expect(ids(lines.entries)).toContain(line);

      await patch(server, `salesorders(${moving})`, ownedBy(other));

      const delta = await readTracked(ownReader, orders.deltaLink);
      expect(ids(delta.entries)).toEqual([]);
      expect(removals(delta.entries)).toEqual([{ id: moving, reason: 'changed' }]);
      // The line followed its order to the new owner (Dataverse's parental cascade): gone from view too.
      const lineDelta = await readTracked(ownReader, lines.deltaLink);
      expect(removals(lineDelta.entries)).toEqual([{ id: line, reason: 'changed' }]);
      const organizationDelta = await readTracked(server, organization.deltaLink);
      expect(ids(organizationDelta.entries)).toEqual([moving]);
      expect(removals(organizationDelta.entries)).toEqual([]);

      // Assigned back: a changed row again, and no removal beside it.
      await patch(server, `salesorders(${moving})`, ownedBy(seller));
      const back = await readTracked(ownReader, delta.deltaLink);
      expect(ids(back.entries)).toEqual([moving]);
      expect(removals(back.entries)).toEqual([]);
    });
  });
}
