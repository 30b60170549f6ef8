/**
 * The organization's sales settings through the Web API, as the Sales settings page writes them (issue
 * #14): a System Administrator changes them and the server honours them (a new order takes the new
 * prefix); a bad value is refused with a 400 that names its column and changes nothing; a role that may
 * only read is refused, and `ol_RetrieveAllowedMessages` says so beforehand.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, as, createUser, expectOk, newOrder, organizationId, read } from '../lifecycle/support.js';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';

interface Verdict {
  readonly MessageName: string;
  readonly IsAllowed: boolean;
  readonly Reason: string | null;
}

describe.each(TEST_STORES)('the sales settings (%s)', (kind) => {
  let server: TestServer;
  let admin: Api;
  let salesperson: Api;
  let orgId: string;
  const settings = () =>
    read(admin, `organizations(${orgId})?$select=orderprefix,quoteprefix,invoiceprefix,pricingdecimalprecision`);
  const mayUpdate = async (api: Api) => {
    const answer = await read(api, `ol_RetrieveAllowedMessages(EntityName='organization',EntityId=${orgId})`);
    return (answer.value as Verdict[]).find((verdict) => verdict.MessageName === 'Update');
  };

  beforeAll(async () => {
    server = await startTestServer(kind);
    admin = as(server);
    salesperson = as(server, await createUser(server, { roles: ['Salesperson'] }));
    orgId = await organizationId(server);
  });
  afterAll(async () => {
    await server?.close();
  });

  it('a System Administrator changes the order prefix and a new order is numbered with it', async () => {
    expect(await mayUpdate(admin)).toMatchObject({ IsAllowed: true, Reason: null });
    expectOk(
      await admin(`organizations(${orgId})`, {
        method: 'PATCH',
        body: { orderprefix: 'SO', pricingdecimalprecision: 3 },
      }),
    );
    expect(await settings()).toMatchObject({ orderprefix: 'SO', pricingdecimalprecision: 3 });
    const order = await read(admin, `salesorders(${await newOrder(admin)})?$select=ordernumber`);
    expect(order.ordernumber).toMatch(/^SO-\d{5}-[A-Z0-9]{4}$/);
  });

  it.each([
    ['a blank order prefix', { orderprefix: '' }, 'orderprefix'],
    ['a quote prefix with a space', { quoteprefix: 'Q 1' }, 'quoteprefix'],
    ['an invoice prefix of 21 characters', { invoiceprefix: 'I'.repeat(21) }, 'invoiceprefix'],
    ['a pricing precision of 5', { pricingdecimalprecision: 5 }, 'pricingdecimalprecision'],
    ['a suffix length of 3', { uniquespecifierlength: 3 }, 'uniquespecifierlength'],
    ['a discount method that does not exist', { discountcalculationmethod: 7 }, 'discountcalculationmethod'],
  ] as [string, Record<string, unknown>, string][])(
    'refuses %s with a 400 naming the column, and changes nothing',
    async (_what, body, column) => {
      const before = await settings();
      const refused = await admin(`organizations(${orgId})`, {
        method: 'PATCH',
        // A valid change beside the bad value: the whole write is refused.
        body: { orderprefix: 'CHANGED', ...body },
      });
      expect(refused.status).toBe(400);
      expect(refused.json.error.message).toContain(`'${column}'`);
      expect(await settings()).toEqual(before);
    },
  );

  it('a salesperson may read the settings but not change them, and is told so before trying', async () => {
    const verdict = await mayUpdate(salesperson);
    expect(verdict?.IsAllowed).toBe(false);
    expect(verdict?.Reason).toMatch(/write/);
    const before = await read(salesperson, `organizations(${orgId})?$select=orderprefix`);
    const refused = await salesperson(`organizations(${orgId})`, { method: 'PATCH', body: { orderprefix: 'X' } });
    expect(refused.status).toBe(403);
    expect((await settings()).orderprefix).toBe(before.orderprefix);
  });
});
