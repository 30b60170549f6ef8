/**
 * The audit log (PRODUCT.md C6): every create, update and delete of orders, order lines, invoices,
 * invoice lines and the organization settings records who, on behalf of whom, when, and the old and
 * new values of the changed columns, and every N:N link made or removed; it is read through
 * `audits?$filter=_objectid_value eq <id>` and cannot be written through the API.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import {
  as,
  createUser,
  expectOk,
  expectRefused,
  firstLine,
  newInvoice,
  newOrder,
  organizationId,
  post,
  read,
  setIntegration,
  type TestUser,
} from './support.js';

interface Change {
  readonly logicalName: string;
  readonly oldValue: unknown;
  readonly newValue: unknown;
}

for (const kind of TEST_STORES) {
  describe(`the audit log on ${kind}`, () => {
    let server: TestServer;
    let seller: TestUser;
    let adminId: string;

    beforeAll(async () => {
      server = await startTestServer(kind);
      seller = await createUser(server, { roles: ['Salesperson'], license: 2 });
      adminId = server.app.provisioning.adminUserId;
    });
    afterAll(async () => {
      await server?.close();
    });

    async function auditsOf(id: string): Promise<any[]> {
      return (await read(as(server), `audits?$filter=_objectid_value eq ${id}&$orderby=createdon,versionnumber`)).value;
    }

    const changes = (audit: any): Record<string, Change> =>
      Object.fromEntries(
        JSON.parse(audit.changedata).changedAttributes.map((change: Change) => [change.logicalName, change]),
      );

    it('records the creation of an order: who, when, what, and the new values', async () => {
      const orderId = await post(as(server, seller), 'salesorders', { name: 'Audited', freightamount: 12.5 });
      const [created] = await auditsOf(orderId);
      expect(created.operation).toBe(1);
      expect(created.objecttypecode).toBe('salesorder');
      expect(created._objectid_value).toBe(orderId);
      expect(created._userid_value).toBe(seller.id);
      expect(created._callinguserid_value).toBeNull();
      expect(created.createdon).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/);
      const values = changes(created);
      expect(values.name).toEqual({ logicalName: 'name', oldValue: null, newValue: 'Audited' });
      expect(values.freightamount!.newValue).toBe(12.5);
      expect(values.statecode!.newValue).toBe(0);
    });

    it('records only the changed columns of an update, old and new, exactly', async () => {
      const api = as(server);
      const orderId = await newOrder(api, 0);
      expectOk(
        await api(`salesorders(${orderId})`, {
          method: 'PATCH',
          body: { name: 'Renamed', freightamount: 1234.56, description: null },
        }),
      );
      const audits = await auditsOf(orderId);
      expect(audits.map((audit) => audit.operation)).toEqual([1, 2]);
      const update = changes(audits[1]);
      // Freight moves the total with it: pricing recomputes the header in the same write.
      expect(Object.keys(update).sort()).toEqual([
        'freightamount',
        'freightamount_base',
        'name',
        'totalamount',
        'totalamount_base',
      ]);
      expect(update.name).toEqual({ logicalName: 'name', oldValue: 'Order', newValue: 'Renamed' });
      expect(update.freightamount!.newValue).toBe(1234.56);
      expect(audits[1].changedata).toContain('"newValue":1234.56');
    });

    it('records the deletion of an order line with its old values', async () => {
      const api = as(server);
      const orderId = await newOrder(api, 1);
      const line = await firstLine(api, 'salesorderdetails', 'salesorderid', orderId);
      expectOk(await api(`salesorderdetails(${line.salesorderdetailid})`, { method: 'DELETE' }));
      const audits = await auditsOf(line.salesorderdetailid);
      expect(audits.map((audit) => audit.operation)).toEqual([1, 3]);
      expect(audits[1].objecttypecode).toBe('salesorderdetail');
      const deleted = changes(audits[1]);
      expect(deleted.productdescription).toEqual({
        logicalName: 'productdescription',
        oldValue: 'Order line 0',
        newValue: null,
      });
      expect(deleted.quantity!.oldValue).toBe(2);
    });

    it('records invoices and invoice lines', async () => {
      const api = as(server);
      const invoiceId = await newInvoice(api, 1);
      const line = await firstLine(api, 'invoicedetails', 'invoiceid', invoiceId);
      expectOk(await api(`invoices(${invoiceId})`, { method: 'PATCH', body: { statecode: 2, statuscode: 100001 } }));
      expect((await auditsOf(invoiceId)).map((audit) => audit.operation)).toEqual([1, 2]);
      expect((await auditsOf(line.invoicedetailid)).map((audit) => audit.objecttypecode)).toEqual(['invoicedetail']);
    });

    it('records a change of the organization settings', async () => {
      const orgId = await organizationId(server);
      await setIntegration(server, false);
      await setIntegration(server, true);
      const audits = await auditsOf(orgId);
      const last = changes(audits.at(-1));
      expect(last.issopintegrationenabled).toEqual({
        logicalName: 'issopintegrationenabled',
        oldValue: false,
        newValue: true,
      });
      expect(audits.at(-1)._userid_value).toBe(adminId);
      await setIntegration(server, false);
    });

    it('records on behalf of whom a delegate acted', async () => {
      const orderId = await post(as(server, seller), 'salesorders', { name: 'Delegated' });
      await as(server)(`salesorders(${orderId})`, {
        method: 'PATCH',
        headers: { mscrmcallerid: seller.id },
        body: { name: 'By delegate' },
      });
      const [, update] = await auditsOf(orderId);
      expect(update._userid_value).toBe(seller.id);
      expect(update._callinguserid_value).toBe(adminId);
    });

    it('records an N:N association and a disassociation (actions 33 and 34), once each', async () => {
      const api = as(server);
      const user = await createUser(server, { roles: [] });
      const roleId = (await read(api, "roles?$filter=name eq 'Delegate'&$select=roleid")).value[0].roleid;
      const link = { method: 'POST', body: { '@odata.id': `${server.serviceRoot}roles(${roleId})` } } as const;
      expectOk(await api(`systemusers(${user.id})/systemuserroles_association/$ref`, link));
      // Linking again changes nothing, so it is not audited again.
      expectOk(await api(`systemusers(${user.id})/systemuserroles_association/$ref`, link));
      expectOk(await api(`systemusers(${user.id})/systemuserroles_association(${roleId})/$ref`, { method: 'DELETE' }));
      const audits = await auditsOf(user.id);
      expect(audits.map((audit) => [audit.operation, audit.action])).toEqual([
        [1, 33],
        [3, 34],
      ]);
      expect(audits[0].objecttypecode).toBe('systemuser');
      expect(audits[0]._userid_value).toBe(adminId);
      expect(JSON.parse(audits[1].changedata)).toEqual({
        relationshipName: 'systemuserroles_association',
        targetRecords: [{ logicalName: 'role', id: roleId }],
      });
    });

    it('leaves tables outside the audit alone, and records nothing for a refused write', async () => {
      const api = as(server);
      const accountId = await post(api, 'accounts', { name: 'Not audited' });
      expect(await auditsOf(accountId)).toEqual([]);
      await setIntegration(server, true);
      const orderId = await newOrder(api, 0);
      expectOk(await api(`salesorders(${orderId})`, { method: 'PATCH', body: { statecode: 1, statuscode: 3 } }));
      const before = await auditsOf(orderId);
      expectRefused(await api(`salesorders(${orderId})`, { method: 'PATCH', body: { name: 'Locked' } }), 400);
      expect(await auditsOf(orderId)).toEqual(before);
      await setIntegration(server, false);
    });

    it('refuses to create, change or delete audit rows, leaving them as they were', async () => {
      const api = as(server);
      const orderId = await newOrder(api, 0);
      const [audit] = await auditsOf(orderId);
      expectRefused(await api('audits', { method: 'POST', body: {} }), 405);
      expectRefused(await api('audits', { method: 'POST', body: { objecttypecode: 'salesorder' } }), 400);
      expectRefused(await api(`audits(${audit.auditid})`, { method: 'PATCH', body: {} }), 405);
      expectRefused(await api(`audits(${audit.auditid})`, { method: 'PATCH', body: { changedata: '{}' } }), 400);
      expectRefused(await api(`audits(${audit.auditid})`, { method: 'DELETE' }), 405);
      const { '@odata.context': _context, ...after } = await read(api, `audits(${audit.auditid})`);
      expect(after).toEqual(audit);
    });

    it('is read by administrators, not by salespeople', async () => {
      expectRefused(await as(server, seller)('audits'), 403);
      const manager = await createUser(server, { roles: ['Sales Manager'] });
      expect((await as(server, manager)('audits?$top=1')).status).toBe(200);
    });
  });
}
