/**
 * The worst cases the hostile-input properties found, kept as plain examples named after the rule
 * they break, so a regression shows up with a readable name instead of a shrunk counterexample.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_STORES } from '../support/test-stores.js';
import {
  ADMIN_TOKEN,
  API,
  expectDataverseError,
  expectHandled,
  expectUnchanged,
  type HostileServer,
  startHostileServer,
} from './support/hostile-server.js';

for (const kind of TEST_STORES) {
  describe(`hostile-input regressions on ${kind}`, () => {
    let hostile: HostileServer;
    beforeAll(async () => {
      hostile = await startHostileServer(kind);
    });
    afterAll(async () => {
      await hostile?.close();
    });

    const filterCount = async (filter: string) => {
      const response = await hostile.raw(`${API}salesorders?$filter=${encodeURIComponent(filter)}&$count=true`);
      expectHandled(response, filter);
      return response.json?.['@odata.count'] as number | undefined;
    };

    it('a URL up to 32 KB reaches the Web API, as in Dataverse', async () => {
      const filter = `name eq '${'a'.repeat(30_000)}'`;
      const response = await hostile.raw(`${API}salesorders?$filter=${encodeURIComponent(filter)}`);
      expect(response.status, response.text.slice(0, 300)).toBe(200);
      expect(response.json.value).toEqual([]);
    });

    it('a URL longer than 32 KB is a 400 in the error shape', async () => {
      const response = await hostile.raw(
        `${API}salesorders?$filter=${encodeURIComponent(`name eq '${'a'.repeat(40_000)}'`)}`,
      );
      expect(response.status).toBe(400);
      expectDataverseError(response, 'URL over 32 KB');
    });

    it('request headers larger than the server takes are a 431 in the error shape', async () => {
      const response = await hostile.raw(`${API}salesorders`, { headers: { 'x-padding': 'p'.repeat(70_000) } });
      expect(response.status).toBe(431);
      expectDataverseError(response, 'headers over the limit');
    });

    it('a money literal beyond any stored value compares as a number instead of failing', async () => {
      expect(await filterCount('freightamount lt 1e400')).toBe(1);
      expect(await filterCount('1e400 ne freightamount')).toBe(1);
      expect(await filterCount('freightamount gt -1e400')).toBe(1);
      expect(await filterCount('freightamount eq 1e400')).toBe(0);
      expect(await filterCount('freightamount ge 922337203685477.5808')).toBe(0);
    });

    it('money compares exactly beyond four decimals: 5.00001 is not 5', async () => {
      expect(await filterCount('freightamount eq 5')).toBe(1);
      expect(await filterCount('freightamount eq 5.00001')).toBe(0);
      expect(await filterCount('freightamount ne 5.00001')).toBe(1);
      expect(await filterCount('freightamount gt 4.99999')).toBe(1);
      expect(await filterCount('freightamount lt 5.00001')).toBe(1);
      expect(await filterCount('freightamount le 4.99999')).toBe(0);
      expect(await filterCount('freightamount ge 5.00001')).toBe(0);
      expect(await filterCount('freightamount eq 5.0000000000000000001')).toBe(0);
    });

    it('a path longer than 32 KB is a 400 in the error shape', async () => {
      const response = await hostile.raw(`${API}${'a'.repeat(40_000)}`);
      expect(response.status).toBe(400);
      expectDataverseError(response, 'path over 32 KB');
    });

    it('a malformed %-escape in the path is a 400 in the error shape', async () => {
      for (const path of ['%ZZ', 'salesorders%', "accounts(accountnumber='%E0%A4%A')"]) {
        const response = await hostile.raw(`${API}${path}`);
        expect(response.status, path).toBe(400);
        expectDataverseError(response, path);
      }
    });

    it('bytes that are not HTTP get a 400 in the error shape', async () => {
      const response = await hostile.socket(Buffer.from('GET /api/data/v9.2/accounts HTTP/1.1\r\nBad Header\r\n\r\n'));
      expect(response?.status).toBe(400);
      expectDataverseError(response!, 'malformed header line');
    });

    it('a malformed request pipelined after a write is refused after the write has been answered', async () => {
      // No Content-Length: the POST has an empty body, and the JSON after it is read as a second request.
      const bytes = `POST ${API}accounts HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${ADMIN_TOKEN}\r\n\r\n{"name":"pipelined"}`;
      const response = await hostile.socket(Buffer.from(bytes));
      expect(response?.status).toBe(204);
    });

    it('authentication comes first: a bad token with a bad Content-Type or body is a 401', async () => {
      const response = await hostile.raw(`${API}accounts`, {
        method: 'POST',
        headers: { authorization: 'Bearer wrong', 'content-type': '/json' },
        body: '{',
      });
      expect(response.status).toBe(401);
      expectDataverseError(response, 'bad token, bad content type');
    });

    it('an Int32 column compared with a literal beyond Int32 is a 400, not a database error', async () => {
      for (const literal of ['99999999999', '-99999999999', '1e400']) {
        const response = await hostile.raw(
          `${API}salesorders?$filter=${encodeURIComponent(`statecode eq ${literal}`)}`,
        );
        expect(response.status, literal).toBe(400);
        expectDataverseError(response, literal);
      }
    });

    it('the row version compared with a literal beyond Int64 is a 400', async () => {
      const response = await hostile.raw(
        `${API}salesorders?$filter=${encodeURIComponent('versionnumber eq 99999999999999999999999')}`,
      );
      expect(response.status).toBe(400);
      expectDataverseError(response, 'versionnumber beyond Int64');
    });

    it('LastXDays reaching before year 1 counts from the earliest date instead of failing', async () => {
      const filter = "Microsoft.Dynamics.CRM.LastXDays(PropertyName='createdon',PropertyValue=999999)";
      const response = await hostile.raw(`${API}salesorders?$filter=${encodeURIComponent(filter)}`);
      expect(response.status, response.text).toBe(200);
    });

    it('EqualUserId and EqualBusinessId on a column that is not a lookup are a 400', async () => {
      for (const [fn, column] of [
        ['EqualUserId', 'freightamount'],
        ['NotEqualUserId', 'submitdate'],
        ['EqualBusinessId', 'statecode'],
        ['NotEqualBusinessId', 'ispricelocked'],
      ]) {
        const filter = `Microsoft.Dynamics.CRM.${fn}(PropertyName='${column}')`;
        const response = await hostile.raw(`${API}salesorders?$filter=${encodeURIComponent(filter)}`);
        expect(response.status, filter).toBe(400);
        expectDataverseError(response, filter);
      }
      expect(await filterCount("Microsoft.Dynamics.CRM.EqualUserId(PropertyName='_ownerid_value')")).toBe(1);
    });

    it('U+0000 in a $filter literal, a key or a body string is a 400 on every store, and writes nothing', async () => {
      const before = await hostile.fingerprint();
      const urls = [
        `salesorders?$filter=${encodeURIComponent("name eq 'a\u0000b'")}`,
        `salesorders?$filter=${encodeURIComponent("contains(name,'\u0000')")}`,
        "accounts(accountnumber='%00')",
      ];
      for (const url of urls) {
        const response = await hostile.raw(`${API}${url}`);
        expect(response.status, url).toBe(400);
        expectDataverseError(response, url);
      }
      const bodies = [
        ['POST', 'accounts', '{"name":"a\\u0000b"}'],
        ['PATCH', `salesorders(${hostile.seeded.orderId})`, '{"description":"\\u0000"}'],
        ['POST', 'salesorders', `{"name":"x","customerid_account@odata.bind":"/accounts(accountnumber='\\u0000')"}`],
      ];
      for (const [method, url, body] of bodies) {
        const response = await hostile.raw(`${API}${url}`, {
          method,
          headers: { 'content-type': 'application/json' },
          body,
        });
        expect(response.status, body).toBe(400);
        expectDataverseError(response, body!);
      }
      expectUnchanged(await hostile.fingerprint(), before, 'U+0000');
    });

    it('a forged $skiptoken whose offset is not a safe integer is a 400', async () => {
      for (const offset of ['1e300', '100000000000000000000', '-1', '1.5']) {
        const token = Buffer.from(`{"offset":${offset}}`).toString('base64url');
        const response = await hostile.raw(`${API}salesorders?$skiptoken=${token}`);
        expect(response.status, offset).toBe(400);
        expectDataverseError(response, offset);
      }
    });

    it('a duplicate alternate key is a 412 duplicate record, on create and on update, and writes nothing', async () => {
      const before = await hostile.fingerprint();
      const created = await hostile.raw(`${API}accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"name":"Copy","accountnumber":"HI-1"}',
      });
      expect(created.status).toBe(412);
      expectDataverseError(created, 'duplicate accountnumber on create');
      expectUnchanged(await hostile.fingerprint(), before, 'duplicate on create');
      const other = await hostile.raw(`${API}accounts`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"name":"Other","accountnumber":"HI-2"}',
      });
      expect(other.status).toBe(204);
      const middle = await hostile.fingerprint();
      const updated = await hostile.raw(`${other.headers['odata-entityid']}`.replace(/^https?:\/\/[^/]+/, ''), {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: '{"accountnumber":"HI-1"}',
      });
      expect(updated.status).toBe(412);
      expectDataverseError(updated, 'duplicate accountnumber on update');
      expectUnchanged(await hostile.fingerprint(), middle, 'duplicate on update');
    });

    it('a chain of 999 or terms and an In of 3000 values are answered, not refused by SQLite', async () => {
      expect(
        await filterCount([...Array.from({ length: 998 }, () => "name eq 'x'"), "name eq 'Seeded order'"].join(' or ')),
      ).toBe(1);
      const values = Array.from({ length: 3000 }, (_, index) => `'v${index}'`).join(',');
      expect(
        await filterCount(`Microsoft.Dynamics.CRM.In(PropertyName='name',PropertyValues=[${values},'Seeded order'])`),
      ).toBe(1);
      expect(await filterCount(`Microsoft.Dynamics.CRM.NotIn(PropertyName='name',PropertyValues=[${values}])`)).toBe(1);
    });

    it('amounts computed beyond what money holds are a 400 and write nothing, on every store', async () => {
      const before = await hostile.fingerprint();
      const line = await hostile.raw(`${API}salesorderdetails`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          'salesorderid@odata.bind': `/salesorders(${hostile.seeded.orderId})`,
          isproductoverridden: true,
          productdescription: 'Overflow',
          quantity: 100000000000,
          priceperunit: 922337203685477,
        }),
      });
      expect(line.status, line.text).toBe(400);
      expectDataverseError(line, 'line amounts beyond money');
      expectUnchanged(await hostile.fingerprint(), before, 'line amounts beyond money');
    });

    it('a base amount through a tiny exchange rate is a 400, not a database overflow', async () => {
      const currency = await hostile.server.api('transactioncurrencies', {
        method: 'POST',
        body: {
          isocurrencycode: 'TNY',
          currencyname: 'Tiny',
          currencysymbol: 't',
          currencyprecision: 2,
          exchangerate: 0.000000000001,
        },
      });
      expect(currency.status, currency.text).toBe(204);
      const before = await hostile.fingerprint();
      const order = await hostile.raw(`${API}salesorders`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({
          name: 'Tiny rate',
          'customerid_account@odata.bind': `/accounts(${hostile.seeded.accountId})`,
          'transactioncurrencyid@odata.bind': currency.headers.get('odata-entityid'),
          freightamount: 1000000000000,
        }),
      });
      expect(order.status, order.text).toBe(400);
      expectDataverseError(order, 'freightamount_base beyond money');
      expectUnchanged(await hostile.fingerprint(), before, 'freightamount_base beyond money');
    });

    it('a row-bound action called on the collection is a 404, not a crash for want of a row', async () => {
      const response = await hostile.raw(`${API}salesorders/Microsoft.Dynamics.CRM.ol_SubmitSalesOrder`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{}',
      });
      expect(response.status).toBe(404);
      expectDataverseError(response, 'bound action on the collection');
    });

    it('a money value with a huge exponent is refused with a short message, not written out in full', async () => {
      const response = await hostile.raw(`${API}accounts(${hostile.seeded.accountId})`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json' },
        body: '{"creditlimit":1e900000000}',
      });
      expect(response.status).toBe(400);
      expectDataverseError(response, 'creditlimit 1e900000000');
      expect(response.text.length).toBeLessThan(1000);
    });

    it('an upsert by alternate key checks the key values as it checks body values', async () => {
      const before = await hostile.fingerprint();
      for (const key of [`accountnumber='${'k'.repeat(5000)}'`, 'accountnumber=5']) {
        const response = await hostile.raw(`${API}accounts(${key})`, {
          method: 'PATCH',
          headers: { 'content-type': 'application/json' },
          body: '{"name":"Upserted by key"}',
        });
        expect(response.status, key.slice(0, 40)).toBe(400);
        expectDataverseError(response, key.slice(0, 40));
      }
      expectUnchanged(await hostile.fingerprint(), before, 'upsert by bad key');
    });
  });
}
