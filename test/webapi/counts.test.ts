/**
 * Counting rows as Dataverse does (Learn: "Count rows using OData", "RetrieveTotalRecordCount
 * Function"), once per store: `$count=true` caps `@odata.count` at 5,000 and adds
 * `totalrecordcount` / `totalrecordcountlimitexceeded` only when the `Prefer` header asks for them;
 * `RetrieveTotalRecordCount` counts each named table, as far as the caller may read it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { as, createUser, expectRefused, post, read, type TestUser } from '../lifecycle/support.js';
import { copyRow } from '../support/bulk-rows.js';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';

const TOTAL = 'Microsoft.Dynamics.CRM.totalrecordcount';
const EXCEEDED = 'Microsoft.Dynamics.CRM.totalrecordcountlimitexceeded';

for (const kind of TEST_STORES) {
  describe(`counting rows on ${kind}`, () => {
    let server: TestServer;
    let seller: TestUser;
    const few = `few-${Date.now()}-`;
    const many = `many-${Date.now()}-`;

    beforeAll(async () => {
      server = await startTestServer(kind);
      const admin = as(server);
      for (let index = 0; index < 3; index += 1) await post(admin, 'accounts', { name: `${few}${index}` });
      const original = await post(admin, 'accounts', { name: `${many}0` });
      await copyRow(server, { logicalName: 'account', primaryId: 'accountid' }, original, 5_000, many);
      seller = await createUser(server, { roles: ['Salesperson'] });
    }, 120_000);
    afterAll(async () => {
      await server?.close();
    });

    const countOf = (prefix: string, prefer?: string, also = '') =>
      server.api(`accounts?$select=name&$filter=startswith(name,'${prefix}')${also}&$count=true`, {
        headers: { ...(prefer ? { prefer: `odata.include-annotations="${prefer}"` } : {}) },
      });

    it('without the preference, $count=true adds @odata.count alone', async () => {
      const response = await countOf(few);
      expect(response.status, response.text).toBe(200);
      expect(response.json['@odata.count']).toBe(3);
      expect(response.json).not.toHaveProperty(`@${TOTAL}`);
      expect(response.json).not.toHaveProperty(`@${EXCEEDED}`);
    });

    it.each(['*', 'Microsoft.Dynamics.CRM.*', `${TOTAL},${EXCEEDED}`])(
      'with include-annotations="%s", the total and whether it exceeds the limit, under the limit',
      async (prefer) => {
        const response = await countOf(few, prefer);
        expect(response.json['@odata.count']).toBe(3);
        expect(response.json[`@${TOTAL}`]).toBe(3);
        expect(response.json[`@${EXCEEDED}`]).toBe(false);
        expect(response.headers.get('preference-applied')).toContain('odata.include-annotations');
      },
    );

    it('asks for one annotation and gets that one', async () => {
      const response = await countOf(few, EXCEEDED);
      expect(response.json[`@${EXCEEDED}`]).toBe(false);
      expect(response.json).not.toHaveProperty(`@${TOTAL}`);
    });

    it('beyond 5,000 rows: 5,000 and the limit exceeded, as Dataverse answers', async () => {
      const response = await countOf(many, '*');
      expect(response.status, response.text).toBe(200);
      expect(response.json['@odata.count']).toBe(5000);
      expect(response.json[`@${TOTAL}`]).toBe(5000);
      expect(response.json[`@${EXCEEDED}`]).toBe(true);
      // Exactly 5,000 is not beyond the limit.
      const exact = await countOf(many, '*', ` and name ne '${many}0'`);
      expect(exact.json['@odata.count']).toBe(5000);
      expect(exact.json[`@${EXCEEDED}`]).toBe(false);
    });

    describe('RetrieveTotalRecordCount', () => {
      it("answers Dataverse's EntityRecordCountCollection with exact counts", async () => {
        const body = await read(as(server), "RetrieveTotalRecordCount(EntityNames=['account','systemuser'])");
        const accounts = (await read(as(server), 'accounts/$count')) as unknown;
        expect(body['@odata.context']).toBe(
          `${server.serviceRoot}$metadata#Microsoft.Dynamics.CRM.RetrieveTotalRecordCountResponse`,
        );
        const users = (await read(as(server), 'systemusers?$select=systemuserid')).value.length;
        expect(body.EntityRecordCountCollection).toEqual({
          Count: 2,
          IsReadOnly: false,
          Keys: ['account', 'systemuser'],
          Values: [3 + 5001, users],
        });
        expect(accounts).toBe(5000);
      });

      it('takes the names through a parameter alias, with double quotes too', async () => {
        const body = await read(
          as(server),
          `RetrieveTotalRecordCount(EntityNames=@names)?@names=${encodeURIComponent('["account"]')}`,
        );
        expect(body.EntityRecordCountCollection.Keys).toEqual(['account']);
      });

      it("counts only what the caller may read: a Salesperson's users are themselves", async () => {
        const body = await read(as(server, seller), "RetrieveTotalRecordCount(EntityNames=['systemuser'])");
        expect(body.EntityRecordCountCollection.Values).toEqual([1]);
      });

      it('refuses an unknown table, and names that are not a collection of strings', async () => {
        expectRefused(
          await server.api("RetrieveTotalRecordCount(EntityNames=['nosuchtable'])"),
          404,
          /'nosuchtable'.*was not found/,
        );
        expectRefused(await server.api("RetrieveTotalRecordCount(EntityNames='account')"), 400, /collection/);
        expectRefused(await server.api('RetrieveTotalRecordCount()'), 400, /EntityNames/);
      });

      it('is declared in $metadata with its response types', async () => {
        const response = await server.api('$metadata', { headers: { accept: 'application/xml' } });
        expect(response.text).toContain('<Function Name="RetrieveTotalRecordCount"');
        expect(response.text).toContain('<ComplexType Name="EntityRecordCountCollection"');
        expect(response.text).toContain('<ComplexType Name="RetrieveTotalRecordCountResponse"');
      });
    });
  });
}
