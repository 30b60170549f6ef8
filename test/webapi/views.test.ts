/**
 * Views over HTTP, on both stores (PRODUCT.md C9; "Retrieve and execute predefined queries"): the system
 * views Sales ships are there at first start with valid FetchXML and grid layouts, `savedqueries` is
 * read by every role and written only by customizers and administrators, `userqueries` belong to their
 * user, and `?savedQuery=` / `?userQuery=` reach the view and refuse what cannot be run.
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSalesMetadata } from '../../src/domain/metadata/sales-metadata.js';
import type { TableMetadata } from '../../src/domain/metadata/table-metadata.js';
import { SYSTEM_VIEWS } from '../../src/provisioning/system-view-definitions.js';
import { createPrincipal, expectDataverseError, idOf } from '../security/matrix-fixtures.js';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';

const metadata = createSalesMetadata();
const ACTIVE_ACCOUNTS = '00000000-0000-0000-00aa-000010001002';
const OPEN_OPPORTUNITIES = '00000000-0000-0000-00aa-000010003001';

/** The tables Sales's view selector opens, each with its default view's name. */
const DEFAULT_VIEWS: Readonly<Record<string, string>> = {
  account: 'Active Accounts',
  contact: 'Active Contacts',
  opportunity: 'Open Opportunities',
  quote: 'Open Quotes',
  salesorder: 'Active Orders',
  invoice: 'Active Invoices',
  product: 'Active Products',
  pricelevel: 'Active Price Lists',
};

interface SavedQuery {
  savedqueryid: string;
  name: string;
  returnedtypecode: string;
  fetchxml: string;
  layoutxml: string;
  querytype: number;
  isdefault: boolean;
  isquickfindquery: boolean;
  statecode: number;
}

/** Attributes kept as `@_name`, every element as an array: the shapes a view's XML can take, uniformly. */
const parser = new XMLParser({
  ignoreAttributes: false,
  isArray: (_name, _path, _isLeaf, isAttribute) => !isAttribute,
  processEntities: false,
});

type Element = Record<string, unknown>;
const children = (element: Element, name: string): Element[] => (element[name] as Element[] | undefined) ?? [];
const attribute = (element: Element, name: string): string | undefined => element[`@_${name}`] as string | undefined;

function columnsOf(table: TableMetadata): Set<string> {
  return new Set(table.columns.map((column) => column.name));
}

/** Every column a FetchXML document names: attributes, orders and conditions, at any depth of filters. */
function namedColumns(entity: Element): string[] {
  const names: string[] = [];
  for (const element of children(entity, 'attribute')) names.push(attribute(element, 'name')!);
  for (const element of children(entity, 'order')) names.push(attribute(element, 'attribute')!);
  const visit = (filter: Element) => {
    for (const condition of children(filter, 'condition')) names.push(attribute(condition, 'attribute')!);
    for (const nested of children(filter, 'filter')) visit(nested);
  };
  for (const filter of children(entity, 'filter')) visit(filter);
  return names;
}

function conditionsOf(entity: Element): Element[] {
  return children(entity, 'filter').flatMap((filter) => children(filter, 'condition'));
}

for (const kind of TEST_STORES) {
  describe(`views on ${kind}`, () => {
    let server: TestServer;
    const tokens: Record<'salesperson' | 'colleague' | 'manager' | 'customizer' | 'delegate', string> = {
      salesperson: '',
      colleague: '',
      manager: '',
      customizer: '',
      delegate: '',
    };
    const ids: Record<string, string> = {};
    let views: SavedQuery[];

    beforeAll(async () => {
      server = await startTestServer(kind);
      const whoAmI = await server.api('WhoAmI');
      const roles = await server.api('roles?$select=roleid,name');
      const roleIds = new Map<string, string>(
        (roles.json.value as { roleid: string; name: string }[]).map((role) => [role.name, role.roleid]),
      );
      const businessUnit = whoAmI.json.BusinessUnitId as string;
      const principals = {
        salesperson: ['Views Salesperson', 'Salesperson'],
        colleague: ['Views Colleague', 'Salesperson'],
        manager: ['Views Manager', 'Sales Manager'],
        customizer: ['Views Customizer', 'System Customizer'],
        delegate: ['Views Delegate', 'Delegate'],
      } as const;
      for (const [key, [label, role]] of Object.entries(principals) as [keyof typeof tokens, readonly string[]][]) {
        const made = await createPrincipal(server, businessUnit, roleIds, label!, [role!]);
        tokens[key] = made.token;
        ids[key] = made.id;
      }
      const all = await server.api('savedqueries');
      expect(all.status, all.text).toBe(200);
      views = all.json.value as SavedQuery[];
    });
    afterAll(async () => {
      await server?.close();
    });

    describe('the system views provisioned at first start', () => {
      it('are all there, active, main application views, under the ids Orderline ships', () => {
        expect(views.map((view) => view.savedqueryid).sort()).toEqual(SYSTEM_VIEWS.map((view) => view.id).sort());
        for (const view of views) expect(view).toMatchObject({ statecode: 0, querytype: 0, isquickfindquery: false });
      });

      it("keep Dataverse's own ids for Active Accounts and Open Opportunities", () => {
        expect(views.find((view) => view.savedqueryid === ACTIVE_ACCOUNTS)?.name).toBe('Active Accounts');
        expect(views.find((view) => view.savedqueryid === OPEN_OPPORTUNITIES)?.name).toBe('Open Opportunities');
      });

      it.each([
        'Active Accounts',
        'My Active Accounts',
        'Active Contacts',
        'Open Opportunities',
        'My Open Opportunities',
        'Active Quotes',
        'Open Quotes',
        'My Quotes',
        'Active Orders',
        'My Open Orders',
        'Submitted Orders',
        'Active Invoices',
        'Active Products',
        'Active Price Lists',
      ])('include %s', (name) => {
        expect(views.map((view) => view.name)).toContain(name);
      });

      it.each(Object.entries(DEFAULT_VIEWS))('make exactly one view of %s the default: %s', (table, name) => {
        const defaults = views.filter((view) => view.returnedtypecode === table && view.isdefault);
        expect(defaults.map((view) => view.name)).toEqual([name]);
      });

      it.each(SYSTEM_VIEWS.map((view) => [view.name, view.id] as const))(
        "%s: its FetchXML is well-formed, over its table, and names only the table's columns",
        (_name, id) => {
          const view = views.find((candidate) => candidate.savedqueryid === id)!;
          expect(XMLValidator.validate(view.fetchxml)).toBe(true);
          const [fetch] = children(parser.parse(view.fetchxml) as Element, 'fetch');
          const entities = children(fetch!, 'entity');
          expect(entities).toHaveLength(1);
          const entity = entities[0]!;
          expect(attribute(entity, 'name')).toBe(view.returnedtypecode);
          const table = metadata.table(view.returnedtypecode)!;
          const columns = columnsOf(table);
          const named = namedColumns(entity);
          expect(named.length).toBeGreaterThan(0);
          for (const column of named) expect(columns, `${view.name} names ${column}`).toContain(column);
          // The primary id comes back with every row: the grid opens records by it.
          expect(children(entity, 'attribute').map((element) => attribute(element, 'name'))).toContain(table.primaryId);
        },
      );

      it.each(SYSTEM_VIEWS.map((view) => [view.name, view.id] as const))(
        "%s: its layout is Dataverse's grid, keyed by the primary id, showing columns the query returns",
        (_name, id) => {
          const view = views.find((candidate) => candidate.savedqueryid === id)!;
          const table = metadata.table(view.returnedtypecode)!;
          expect(XMLValidator.validate(view.layoutxml)).toBe(true);
          const [grid] = children(parser.parse(view.layoutxml) as Element, 'grid');
          expect(attribute(grid!, 'name')).toBe('resultset');
          expect(attribute(grid!, 'jump')).toBe(table.primaryName);
          const [row] = children(grid!, 'row');
          expect(attribute(row!, 'name')).toBe('result');
          expect(attribute(row!, 'id')).toBe(table.primaryId);
          const [fetch] = children(parser.parse(view.fetchxml) as Element, 'fetch');
          const returned = children(children(fetch!, 'entity')[0]!, 'attribute').map((element) =>
            attribute(element, 'name'),
          );
          const cells = children(row!, 'cell');
          expect(cells.length).toBeGreaterThan(0);
          for (const cell of cells) {
            expect(returned).toContain(attribute(cell, 'name'));
            expect(Number(attribute(cell, 'width'))).toBeGreaterThan(0);
          }
        },
      );

      it('restrict the "My" views to the caller\'s rows with eq-userid on ownerid, and only those', () => {
        for (const view of views) {
          const [fetch] = children(parser.parse(view.fetchxml) as Element, 'fetch');
          const userConditions = conditionsOf(children(fetch!, 'entity')[0]!).filter(
            (condition) => attribute(condition, 'operator') === 'eq-userid',
          );
          const isMine = view.name.startsWith('My ');
          expect(userConditions.length, view.name).toBe(isMine ? 1 : 0);
          if (isMine) expect(attribute(userConditions[0]!, 'attribute')).toBe('ownerid');
        }
      });
    });

    describe('savedqueries', () => {
      it("filters by returnedtypecode, a table's logical name, and querytype, with $select", async () => {
        const response = await server.api(
          "savedqueries?$select=name,returnedtypecode&$filter=returnedtypecode eq 'salesorder' and querytype eq 0&$orderby=name",
        );
        expect(response.status, response.text).toBe(200);
        const rows = response.json.value as Record<string, unknown>[];
        const expected = SYSTEM_VIEWS.filter((view) => view.table === 'salesorder')
          .map((view) => view.name)
          .sort();
        expect(rows.map((row) => row.name)).toEqual(expected);
        for (const row of rows) {
          expect(row.returnedtypecode).toBe('salesorder');
          expect(row).not.toHaveProperty('fetchxml');
        }
      });

      it('are read by a Salesperson', async () => {
        const response = await server.api(`savedqueries(${ACTIVE_ACCOUNTS})?$select=name`, {
          token: tokens.salesperson,
        });
        expect(response.status, response.text).toBe(200);
        expect(response.json.name).toBe('Active Accounts');
      });

      it('are not read by a user holding only the Delegate role', async () => {
        expectDataverseError(await server.api('savedqueries', { token: tokens.delegate }), 403);
      });

      const newView = (name: string) => ({
        name,
        returnedtypecode: 'salesorder',
        fetchxml:
          '<fetch><entity name="salesorder"><attribute name="name" /><filter><condition attribute="statecode" operator="eq" value="1" /></filter></entity></fetch>',
        layoutxml:
          '<grid name="resultset" object="1088" jump="name" select="1" icon="1" preview="1"><row name="result" id="salesorderid"><cell name="name" width="300" /></row></grid>',
        querytype: 0,
      });

      it('are created, changed and deleted by a System Customizer', async () => {
        const created = await server.api('savedqueries', {
          method: 'POST',
          body: newView('Orders to ship'),
          token: tokens.customizer,
        });
        expect(created.status, created.text).toBe(204);
        const id = idOf(created);
        const changed = await server.api(`savedqueries(${id})`, {
          method: 'PATCH',
          body: { name: 'Orders to ship today' },
          token: tokens.customizer,
        });
        expect(changed.status, changed.text).toBe(204);
        const read = await server.api(`savedqueries(${id})?$select=name,returnedtypecode`, {
          token: tokens.salesperson,
        });
        expect(read.json).toMatchObject({ name: 'Orders to ship today', returnedtypecode: 'salesorder' });
        const deleted = await server.api(`savedqueries(${id})`, { method: 'DELETE', token: tokens.customizer });
        expect(deleted.status, deleted.text).toBe(204);
      });

      it.each(['salesperson', 'manager'] as const)(
        'are neither created, changed nor deleted by a %s, and stay as they were',
        async (who) => {
          const token = tokens[who];
          expectDataverseError(
            await server.api('savedqueries', { method: 'POST', body: newView('Not mine to add'), token }),
            403,
          );
          const before = await server.api(`savedqueries(${ACTIVE_ACCOUNTS})`);
          expectDataverseError(
            await server.api(`savedqueries(${ACTIVE_ACCOUNTS})`, {
              method: 'PATCH',
              body: { name: 'Renamed' },
              token,
            }),
            403,
          );
          expectDataverseError(await server.api(`savedqueries(${ACTIVE_ACCOUNTS})`, { method: 'DELETE', token }), 403);
          expect((await server.api(`savedqueries(${ACTIVE_ACCOUNTS})`)).json).toEqual(before.json);
        },
      );
    });

    describe('a view that could never run', () => {
      const fetchOf = (entity: string) => `<fetch><entity name="${entity}"><attribute name="name" /></entity></fetch>`;

      it.each([
        ['a table Orderline does not serve', { returnedtypecode: 'lead', fetchxml: fetchOf('lead') }, 'not a table'],
        ['FetchXML that is not XML', { returnedtypecode: 'account', fetchxml: 'select * from account' }, 'well-formed'],
        [
          'FetchXML that is not well-formed',
          { returnedtypecode: 'account', fetchxml: '<fetch><entity name="account"></fetch>' },
          'well-formed',
        ],
        [
          'FetchXML declaring a DTD',
          {
            returnedtypecode: 'account',
            fetchxml: `<!DOCTYPE fetch [<!ENTITY x "account">]>${fetchOf('account')}`,
          },
          'DTD',
        ],
        [
          'FetchXML over another table',
          { returnedtypecode: 'account', fetchxml: fetchOf('contact') },
          "queries 'contact'",
        ],
        [
          'FetchXML whose root is not fetch',
          { returnedtypecode: 'account', fetchxml: '<entity name="account" />' },
          '<fetch>',
        ],
        [
          'FetchXML with two entities',
          {
            returnedtypecode: 'account',
            fetchxml: '<fetch><entity name="account" /><entity name="account" /></fetch>',
          },
          'exactly one <entity>',
        ],
      ])('is refused when it names %s, and nothing is created', async (_case, body, message) => {
        for (const set of ['savedqueries', 'userqueries']) {
          const name = `Never run ${set} ${_case}`;
          const response = await server.api(set, { method: 'POST', body: { name, querytype: 0, ...body } });
          expectDataverseError(response, 400);
          expect(response.json.error.message).toContain(message);
          const found = await server.api(`${set}?$select=name&$filter=name eq '${name}'`);
          expect(found.json.value).toEqual([]);
        }
      });

      it('is refused when a change points its FetchXML at another table, and the view stays as it was', async () => {
        const id = idOf(
          await server.api('userqueries', {
            method: 'POST',
            body: { name: 'Accounts to call', returnedtypecode: 'account', fetchxml: fetchOf('account') },
            token: tokens.salesperson,
          }),
        );
        const before = await server.api(`userqueries(${id})`);
        const response = await server.api(`userqueries(${id})`, {
          method: 'PATCH',
          body: { fetchxml: fetchOf('salesorder') },
          token: tokens.salesperson,
        });
        expectDataverseError(response, 400);
        expect((await server.api(`userqueries(${id})`)).json).toEqual(before.json);
      });
    });

    describe('userqueries', () => {
      const personal = (name: string) => ({
        name,
        returnedtypecode: 'quote',
        fetchxml: '<fetch><entity name="quote"><attribute name="name" /></entity></fetch>',
        querytype: 0,
      });

      it('are created, read, listed, changed and deleted by their owner', async () => {
        const created = await server.api('userqueries', {
          method: 'POST',
          body: personal('My quotes to chase'),
          token: tokens.salesperson,
        });
        expect(created.status, created.text).toBe(204);
        const id = idOf(created);
        const read = await server.api(`userqueries(${id})?$select=name,_ownerid_value`, { token: tokens.salesperson });
        expect(read.json).toMatchObject({ name: 'My quotes to chase', _ownerid_value: ids.salesperson });
        const listed = await server.api("userqueries?$select=name&$filter=returnedtypecode eq 'quote'", {
          token: tokens.salesperson,
        });
        expect((listed.json.value as { userqueryid: string }[]).map((row) => row.userqueryid)).toContain(id);
        const changed = await server.api(`userqueries(${id})`, {
          method: 'PATCH',
          body: { description: 'Quotes waiting for an answer' },
          token: tokens.salesperson,
        });
        expect(changed.status, changed.text).toBe(204);
        const deleted = await server.api(`userqueries(${id})`, { method: 'DELETE', token: tokens.salesperson });
        expect(deleted.status, deleted.text).toBe(204);
        expect((await server.api(`userqueries(${id})`)).status).toBe(404);
      });

      it('are private: another Salesperson neither lists, reads, changes nor deletes them, nor runs them', async () => {
        const id = idOf(
          await server.api('userqueries', {
            method: 'POST',
            body: personal('Private view'),
            token: tokens.salesperson,
          }),
        );
        const listed = await server.api('userqueries', { token: tokens.colleague });
        expect(listed.status, listed.text).toBe(200);
        expect((listed.json.value as { userqueryid: string }[]).map((row) => row.userqueryid)).not.toContain(id);
        expectDataverseError(await server.api(`userqueries(${id})`, { token: tokens.colleague }), 403);
        expectDataverseError(
          await server.api(`userqueries(${id})`, {
            method: 'PATCH',
            body: { name: 'Taken over' },
            token: tokens.colleague,
          }),
          403,
        );
        expectDataverseError(
          await server.api(`userqueries(${id})`, { method: 'DELETE', token: tokens.colleague }),
          403,
        );
        expectDataverseError(await server.api(`quotes?userQuery=${id}`, { token: tokens.colleague }), 403);
        expect((await server.api(`userqueries(${id})?$select=name`)).json.name).toBe('Private view');
      });

      it("are reached by a Sales Manager, as every user's sales records are", async () => {
        const id = idOf(
          await server.api('userqueries', {
            method: 'POST',
            body: personal('Seen by my manager'),
            token: tokens.salesperson,
          }),
        );
        const read = await server.api(`userqueries(${id})?$select=name`, { token: tokens.manager });
        expect(read.status, read.text).toBe(200);
        const changed = await server.api(`userqueries(${id})`, {
          method: 'PATCH',
          body: { description: 'Reviewed' },
          token: tokens.manager,
        });
        expect(changed.status, changed.text).toBe(204);
      });
    });

    describe('running a view on an entity set', () => {
      /** The account ids a query answers, sorted: the view and its $filter twin must agree row for row. */
      async function accountIds(path: string, token: string): Promise<string[]> {
        const response = await server.api(path, { token });
        expect(response.status, response.text).toBe(200);
        return (response.json.value as { accountid: string }[]).map((row) => row.accountid).sort();
      }

      describe('with accounts of two salespeople, one of them deactivated', () => {
        beforeAll(async () => {
          for (const [owner, name] of [
            ['salesperson', 'View Mine'],
            ['salesperson', 'View Mine Closed'],
            ['colleague', 'View Theirs'],
          ] as const) {
            const id = idOf(await server.api('accounts', { method: 'POST', body: { name }, token: tokens[owner] }));
            if (name.endsWith('Closed')) {
              const closed = await server.api(`accounts(${id})`, {
                method: 'PATCH',
                body: { statecode: 1, statuscode: 2 },
                token: tokens[owner],
              });
              expect(closed.status, closed.text).toBe(204);
            }
          }
        });

        it('runs a system view as its FetchXML: Active Accounts answers what statecode eq 0 answers', async () => {
          const viaView = await accountIds(`accounts?savedQuery=${ACTIVE_ACCOUNTS}`, tokens.salesperson);
          expect(viaView.length).toBeGreaterThan(1);
          expect(viaView).toEqual(
            await accountIds('accounts?$select=accountid&$filter=statecode eq 0', tokens.salesperson),
          );
        });

        it('runs a "My" view for the caller: eq-userid is the user who asks', async () => {
          const myActive = SYSTEM_VIEWS.find((view) => view.name === 'My Active Accounts')!.id;
          for (const who of ['salesperson', 'colleague'] as const) {
            const viaView = await accountIds(`accounts?savedQuery=${myActive}`, tokens[who]);
            expect(viaView.length).toBe(1);
            expect(viaView).toEqual(
              await accountIds(
                `accounts?$select=accountid&$filter=statecode eq 0 and _ownerid_value eq ${ids[who]}`,
                tokens[who],
              ),
            );
          }
        });

        it('runs a personal view for its owner, and refuses it to a colleague', async () => {
          const fetchxml =
            '<fetch><entity name="account"><attribute name="accountid" /><attribute name="name" />' +
            '<filter><condition attribute="name" operator="begins-with" value="View " /></filter></entity></fetch>';
          const id = idOf(
            await server.api('userqueries', {
              method: 'POST',
              body: { name: 'Accounts named View', returnedtypecode: 'account', fetchxml, querytype: 0 },
              token: tokens.salesperson,
            }),
          );
          expect(await accountIds(`accounts?userQuery=${id}`, tokens.salesperson)).toEqual(
            await accountIds("accounts?$select=accountid&$filter=startswith(name,'View ')", tokens.salesperson),
          );
          expectDataverseError(await server.api(`accounts?userQuery=${id}`, { token: tokens.colleague }), 403);
        });
      });

      it.each([
        ['a value that is not a GUID', 'accounts?savedQuery=Active%20Accounts', 400],
        ['a view that does not exist', 'accounts?savedQuery=11111111-2222-3333-4444-555555555555', 404],
        ['a view of another table', `salesorders?savedQuery=${ACTIVE_ACCOUNTS}`, 400],
        ['both savedQuery and userQuery', `accounts?savedQuery=${ACTIVE_ACCOUNTS}&userQuery=${ACTIVE_ACCOUNTS}`, 400],
        ['OData query options beside a view', `accounts?savedQuery=${ACTIVE_ACCOUNTS}&$top=1`, 400],
        ['a view on $count', `accounts/$count?savedQuery=${ACTIVE_ACCOUNTS}`, 400],
        ['a view on one row', `savedqueries(${ACTIVE_ACCOUNTS})?savedQuery=${ACTIVE_ACCOUNTS}`, 400],
      ])('refuses %s', async (_case, path, status) => {
        expectDataverseError(await server.api(path, { token: tokens.salesperson }), status);
      });

      it('refuses a view on a POST, and creates nothing', async () => {
        const response = await server.api(`accounts?savedQuery=${ACTIVE_ACCOUNTS}`, {
          method: 'POST',
          body: { name: 'Posted beside a view' },
          token: tokens.salesperson,
        });
        expectDataverseError(response, 400);
        const found = await server.api("accounts?$filter=name eq 'Posted beside a view'");
        expect(found.json.value).toEqual([]);
      });

      it('refuses a deactivated system view', async () => {
        const id = SYSTEM_VIEWS.find((view) => view.name === 'Inactive Accounts')!.id;
        const deactivated = await server.api(`savedqueries(${id})`, {
          method: 'PATCH',
          body: { statecode: 1, statuscode: 2 },
          token: tokens.customizer,
        });
        expect(deactivated.status, deactivated.text).toBe(204);
        const response = await server.api(`accounts?savedQuery=${id}`, { token: tokens.salesperson });
        expectDataverseError(response, 400);
        expect(response.json.error.message).toContain('inactive');
      });
    });
  });
}
