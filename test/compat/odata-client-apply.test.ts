/**
 * A generic OData v4 client from npm, `@odata/client` 2.21, sending `$apply` and `$count` to a real
 * server on loopback, once per store: its own URL building (Transformation, SystemQueryOptions), headers
 * and response parsing. Figures are checked against the rows the same client lists with `$filter`.
 */
import { OData } from '@odata/client';
import { Transformation } from '@odata/client/lib/tranformation.js';
import { Decimal } from 'decimal.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_TOKEN, startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';

for (const kind of TEST_STORES) {
  describe(`@odata/client 2.21 with $apply and $count on ${kind}`, () => {
    let server: TestServer;
    let client: ReturnType<typeof OData.New4>;
    const tag = `odc${Date.now()}`;
    const revenues = [10.1, 20.2, 30.3, 0.05];

    beforeAll(async () => {
      server = await startTestServer(kind);
      client = OData.New4({
        serviceEndpoint: server.serviceRoot,
        commonHeaders: {
          authorization: `Bearer ${ADMIN_TOKEN}`,
          prefer: 'odata.include-annotations="*"',
        },
      });
      for (const [index, revenue] of revenues.entries()) {
        const response = await server.api('accounts', {
          method: 'POST',
          body: { name: `${tag} ${index}`, revenue, address1_city: index % 2 === 0 ? `${tag}-even` : `${tag}-odd` },
        });
        expect(response.status, response.text).toBe(204);
      }
    }, 60_000);
    afterAll(async () => {
      await server?.close();
    });

    const mine = () => OData.newFilter().fieldIn('address1_city', [`${tag}-even`, `${tag}-odd`]);

    it('aggregates with Transformation objects: filter then aggregate, money to the cent', async () => {
      const params = OData.newParam().apply([
        Transformation.newTransformation().filter(mine()),
        Transformation.newTransformation().aggregate('revenue with sum as total,$count as n'),
      ]);
      const response = await client.newRequest({ collection: 'accounts', params });
      expect(response.error).toBeUndefined();
      const rows = response.value as unknown as { total: number; n: number }[];
      const listed = await client
        .getEntitySet<{ revenue: number }>('accounts')
        .query(OData.newParam().filter(mine()).select('revenue'));
      const expected = listed.reduce((sum, row) => sum.add(String(row.revenue)), new Decimal(0));
      expect(rows).toHaveLength(1);
      expect(new Decimal(String(rows[0]!.total)).toFixed(2)).toBe(expected.toFixed(2));
      expect(new Decimal(String(rows[0]!.total)).toFixed(2)).toBe('60.65');
      expect(rows[0]!.n).toBe(listed.length);
    });

    it('groups with a $apply string and reads the formatted values', async () => {
      const params = OData.newParam().apply(
        `filter(startswith(name,'${tag}'))/groupby((address1_city),aggregate(revenue with average as mean))`,
      );
      const response = await client.newRequest({ collection: 'accounts', params });
      const rows = response.value as unknown as Record<string, unknown>[];
      expect(rows.map((row) => row.address1_city)).toEqual([`${tag}-even`, `${tag}-odd`]);
      expect(new Decimal(String(rows[0]!.mean)).toFixed(4)).toBe('20.2000');
      expect(new Decimal(String(rows[1]!.mean)).toFixed(4)).toBe('10.1250');
      expect(rows[1]!['mean@OData.Community.Display.V1.FormattedValue']).toBe('10.13');
    });

    it('counts with $count=true and reads the total record count annotations', async () => {
      const params = OData.newParam().filter(mine()).count(true).select('name');
      const response = (await client.newRequest({ collection: 'accounts', params })) as unknown as Record<
        string,
        unknown
      >;
      expect(response['@odata.count']).toBe(revenues.length);
      expect(response['@Microsoft.Dynamics.CRM.totalrecordcount']).toBe(revenues.length);
      expect(response['@Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded']).toBe(false);
      expect(await client.getEntitySet('accounts').count(mine())).toBe(revenues.length);
    });

    it("gets Dataverse's error for the client's camel-cased groupBy, naming the fix", async () => {
      const params = OData.newParam().apply(Transformation.newTransformation().groupBy(['address1_city']));
      const response = await client.newRequest({ collection: 'accounts', params });
      expect(response.error?.code).toBe('0x80060888');
      expect(JSON.stringify(response.error)).toMatch(/case-sensitive: write groupby/);
    });
  });
}
