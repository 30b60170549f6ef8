/**
 * Resolving `?savedQuery=` / `?userQuery=` to the FetchXML to run, checked directly on both stores: the
 * view is looked up as the caller, and every view that cannot be run on the addressed entity set is
 * refused with Dataverse's status and code before anything runs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createPrincipal, idOf } from '../../../test/security/matrix-fixtures.js';
import { startTestServer, type TestServer } from '../../../test/support/test-app.js';
import { TEST_STORES } from '../../../test/support/test-stores.js';
import { DomainError } from '../../domain/errors.js';
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import { createPrincipalLoader } from '../../security/principal-loader.js';
import type { ODataResponse } from '../odata-request.js';
import { parsePrefer } from '../prefer.js';
import { filterCompiler, type ReadContext } from '../read-context.js';
import type { RequestScope } from '../request-scope.js';
import type { FetchXmlRunner } from './run-view.js';
import { retrieveByView } from './run-view.js';
import { resolveView, viewParameterOf } from './view-resolution.js';

const ACTIVE_ACCOUNTS = '00000000-0000-0000-00aa-000010001002';
const ACTIVE_ORDERS = '00000000-0000-0000-00aa-000011088001';
const MY_QUOTES_FETCH = '<fetch><entity name="quote"><attribute name="name" /></entity></fetch>';

/** The DomainError a promise rejects with, for its kind, status, code and message. */
async function refusal(promise: Promise<unknown>): Promise<DomainError> {
  const error = await promise.then(
    () => undefined,
    (thrown: unknown) => thrown,
  );
  expect(error).toBeInstanceOf(DomainError);
  return error as DomainError;
}

describe('viewParameterOf', () => {
  it('finds savedQuery or userQuery, and nothing in a query without them', () => {
    expect(viewParameterOf(new Map([['savedQuery', 'x']]))).toEqual({ parameter: 'savedQuery', value: 'x' });
    expect(viewParameterOf(new Map([['userQuery', 'y']]))).toEqual({ parameter: 'userQuery', value: 'y' });
    expect(viewParameterOf(new Map([['$top', '1']]))).toBeUndefined();
  });

  it('refuses both at once with a 400', () => {
    const both = new Map([
      ['savedQuery', ACTIVE_ACCOUNTS],
      ['userQuery', ACTIVE_ACCOUNTS],
    ]);
    expect(() => viewParameterOf(both)).toThrow(
      expect.objectContaining({ status: 400, code: '0x80040203', message: expect.stringMatching(/not both/) }),
    );
  });
});

for (const kind of TEST_STORES) {
  describe(`resolveView on ${kind}`, () => {
    let server: TestServer;
    let contextOf: (userId: string) => Promise<ReadContext>;
    const users: Record<'owner' | 'colleague' | 'manager' | 'noRole', string> = {
      owner: '',
      colleague: '',
      manager: '',
      noRole: '',
    };
    let ownQuery: string;
    let inactiveQuery: string;
    let account: TableMetadata;
    let quote: TableMetadata;

    beforeAll(async () => {
      server = await startTestServer(kind);
      const { services, store } = server.app;
      account = services.metadata.table('account')!;
      quote = services.metadata.table('quote')!;
      const whoAmI = await server.api('WhoAmI');
      const roles = await server.api('roles?$select=roleid,name');
      const roleIds = new Map<string, string>(
        (roles.json.value as { roleid: string; name: string }[]).map((role) => [role.name, role.roleid]),
      );
      const businessUnit = whoAmI.json.BusinessUnitId as string;
      const make = async (label: string, roleNames: string[]) =>
        (await createPrincipal(server, businessUnit, roleIds, label, roleNames)).id;
      users.owner = await make('View Owner', ['Salesperson']);
      users.colleague = await make('View Colleague', ['Salesperson']);
      users.manager = await make('View Manager', ['Sales Manager']);
      users.noRole = await make('View Nobody', []);
      const loader = createPrincipalLoader();
      contextOf = async (userId) => ({
        services,
        metadata: services.metadata,
        caller: { user: (await loader.load(store.db, userId))! },
        executor: store.db,
        preferences: parsePrefer(undefined),
        serviceRoot: server.serviceRoot,
        compiler: filterCompiler,
      });
      const personal = (name: string) => ({
        name,
        returnedtypecode: 'quote',
        fetchxml: MY_QUOTES_FETCH,
        'ownerid@odata.bind': `/systemusers(${users.owner})`,
      });
      ownQuery = idOf(await server.api('userqueries', { method: 'POST', body: personal('My big quotes') }));
      inactiveQuery = idOf(await server.api('userqueries', { method: 'POST', body: personal('Old quotes') }));
      const deactivated = await server.api(`userqueries(${inactiveQuery})`, {
        method: 'PATCH',
        body: { statecode: 1, statuscode: 2 },
      });
      expect(deactivated.status, deactivated.text).toBe(204);
    });
    afterAll(async () => {
      await server?.close();
    });

    it('answers the FetchXML of a system view run on its own table', async () => {
      const view = await resolveView(await contextOf(users.owner), 'savedQuery', ACTIVE_ACCOUNTS, account);
      expect(view).toMatchObject({ parameter: 'savedQuery', id: ACTIVE_ACCOUNTS, name: 'Active Accounts' });
      expect(view.fetchXml).toContain('<entity name="account">');
    });

    it('accepts the id in braces and in capitals, as Dataverse does', async () => {
      const view = await resolveView(
        await contextOf(users.owner),
        'savedQuery',
        `{${ACTIVE_ACCOUNTS.toUpperCase()}}`,
        account,
      );
      expect(view.id).toBe(ACTIVE_ACCOUNTS);
    });

    it("answers a personal view's FetchXML to its owner and to a Sales Manager", async () => {
      for (const user of [users.owner, users.manager]) {
        const view = await resolveView(await contextOf(user), 'userQuery', ownQuery, quote);
        expect(view).toMatchObject({ parameter: 'userQuery', id: ownQuery, fetchXml: MY_QUOTES_FETCH });
      }
    });

    it('refuses a value that is not a GUID with a 400', async () => {
      const error = await refusal(resolveView(await contextOf(users.owner), 'savedQuery', 'Active Accounts', account));
      expect(error).toMatchObject({ status: 400, code: '0x80040203' });
      expect(error.message).toBe("The value of savedQuery, 'Active Accounts', is not a GUID.");
    });

    it.each([
      ['savedQuery', 'savedquery'],
      ['userQuery', 'userquery'],
    ] as const)('refuses a %s that does not exist with a 404 naming it', async (parameter, table) => {
      const missing = '11111111-2222-3333-4444-555555555555';
      const error = await refusal(resolveView(await contextOf(users.owner), parameter, missing, account));
      expect(error).toMatchObject({
        status: 404,
        code: '0x80040217',
        message: `${table} With Id = ${missing} Does Not Exist`,
      });
    });

    it("refuses another Salesperson's personal view with a 403, as reading it would be", async () => {
      const error = await refusal(resolveView(await contextOf(users.colleague), 'userQuery', ownQuery, quote));
      expect(error).toMatchObject({ status: 403, code: '0x80040220' });
      expect(error.message).toContain('read privilege on userquery');
    });

    it('refuses a system view to a user without a role with a 403', async () => {
      const error = await refusal(resolveView(await contextOf(users.noRole), 'savedQuery', ACTIVE_ACCOUNTS, account));
      expect(error).toMatchObject({ status: 403, code: '0x80040220' });
    });

    it('refuses a deactivated view with a 400', async () => {
      const error = await refusal(resolveView(await contextOf(users.owner), 'userQuery', inactiveQuery, quote));
      expect(error).toMatchObject({ status: 400, code: '0x80040203' });
      expect(error.message).toContain("'Old quotes'");
      expect(error.message).toContain('inactive');
    });

    it('refuses a view over another table with a 400 naming both', async () => {
      const error = await refusal(resolveView(await contextOf(users.owner), 'savedQuery', ACTIVE_ORDERS, account));
      expect(error).toMatchObject({ status: 400, code: '0x80040203' });
      expect(error.message).toContain('returns salesorder rows; it cannot be run on accounts');
    });

    describe('retrieveByView', () => {
      async function scopeOf(userId: string, query: Record<string, string>): Promise<RequestScope> {
        const request = { query: new Map(Object.entries(query)) };
        return { ...(await contextOf(userId)), request } as unknown as RequestScope;
      }

      it("hands the view's FetchXML, for the addressed table, to the FetchXML runner and answers its response", async () => {
        const calls: { table: string; fetchXml: string }[] = [];
        const answer: ODataResponse = { status: 200, headers: {}, body: '{"value":[]}' };
        const runner: FetchXmlRunner = async (_scope, table, fetchXml) => {
          calls.push({ table: table.logicalName, fetchXml });
          return answer;
        };
        const scope = await scopeOf(users.owner, { userQuery: ownQuery });
        const response = await retrieveByView(scope, quote, { parameter: 'userQuery', value: ownQuery }, runner);
        expect(response).toBe(answer);
        expect(calls).toEqual([{ table: 'quote', fetchXml: MY_QUOTES_FETCH }]);
      });

      it('refuses OData query options beside a view, before running anything', async () => {
        const runner: FetchXmlRunner = async () => {
          throw new Error('the runner must not be reached');
        };
        const scope = await scopeOf(users.owner, { savedQuery: ACTIVE_ACCOUNTS, $filter: "name eq 'x'", $top: '1' });
        const error = await refusal(
          retrieveByView(scope, account, { parameter: 'savedQuery', value: ACTIVE_ACCOUNTS }, runner),
        );
        expect(error).toMatchObject({ status: 400, code: '0x80060888' });
        expect(error.message).toContain('$filter, $top');
      });

      it('does not reach the runner for a view it refuses', async () => {
        let ran = false;
        const runner: FetchXmlRunner = async () => {
          ran = true;
          return { status: 200, headers: {}, body: '' };
        };
        const scope = await scopeOf(users.colleague, { userQuery: ownQuery });
        await refusal(retrieveByView(scope, quote, { parameter: 'userQuery', value: ownQuery }, runner));
        expect(ran).toBe(false);
      });
    });
  });
}
