/**
 * Impersonation across the role matrix (PRODUCT.md C6): a user holding Delegate and one predefined role
 * impersonates a user of each predefined role (and one without a role), and may do exactly what the
 * intersection of the two allows, over HTTP, on both stores. The expectations are derived from the
 * spec's privilege table in ./role-expectations.ts (`impersonationExpectation`), never restated.
 *
 * One table stands for each group (the full matrix, ./role-matrix.test.ts, shows every table of a
 * group follows its group), and each cell picks the rows that tell the depths apart: the impersonated
 * user's own row and another user's.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import {
  createPrincipal,
  expectDataverseError,
  idOf,
  MatrixFixtures,
  type MatrixUser,
  setUpMatrix,
  specOf,
} from './matrix-fixtures.js';
import {
  allows,
  impersonationExpectation,
  type Operation,
  PRINCIPALS,
  type PrincipalName,
  type TableGroup,
  type Target,
  UNDELETABLE_TABLES,
} from './role-expectations.js';

/** The roles an impersonator holds besides Delegate; `Delegate` stands for Delegate alone. */
type ImpersonatorRole = Exclude<PrincipalName, 'No role'>;
const IMPERSONATOR_ROLES = PRINCIPALS.filter((name): name is ImpersonatorRole => name !== 'No role');
/** Everyone but a Delegate alone, who is covered as an impersonator. */
const IMPERSONATED = PRINCIPALS.filter((name) => name !== 'Delegate');

const REPRESENTATIVE: Readonly<Record<TableGroup, string>> = {
  sales: 'salesorder',
  customers: 'account',
  catalog: 'product',
  organization: 'organization',
  security: 'businessunit',
  systemViews: 'savedquery',
  personalViews: 'userquery',
};

interface Cell {
  readonly name: string;
  readonly impersonator: ImpersonatorRole;
  readonly impersonated: PrincipalName;
  readonly table: string;
  readonly operation: Operation;
  readonly target: Target;
  readonly status: number;
}

function targetsOf(table: string, operation: Operation): Target[] {
  const kind = specOf(table).kind;
  if (kind === 'shared' || (kind === 'security' && operation === 'create')) return ['any'];
  // Nobody deletes the business unit they work in.
  if (table === 'businessunit' && operation === 'delete') return ['other'];
  return ['own', 'other'];
}

function rowPhrase(table: string, target: Target): string {
  if (target === 'any') return table === 'organization' ? 'the organization' : `a ${table}`;
  if (table === 'businessunit') return target === 'own' ? 'their business unit' : 'another business unit';
  return target === 'own' ? `their own ${table}` : `another user's ${table}`;
}

function cells(): Cell[] {
  const all: Cell[] = [];
  for (const impersonator of IMPERSONATOR_ROLES) {
    for (const impersonated of IMPERSONATED) {
      const expected = impersonationExpectation(impersonator, impersonated);
      for (const [group, table] of Object.entries(REPRESENTATIVE) as [TableGroup, string][]) {
        for (const operation of ['create', 'read', 'write', 'delete'] as const) {
          for (const target of targetsOf(table, operation)) {
            const undeletable = operation === 'delete' && UNDELETABLE_TABLES.has(table);
            const allowed = allows(expected[group][operation], target);
            const status = undeletable ? 405 : !allowed ? 403 : operation === 'read' ? 200 : 204;
            const caller = impersonator === 'Delegate' ? 'Delegate' : `Delegate + ${impersonator}`;
            const verdict = allowed && !undeletable ? 'may' : 'may not';
            all.push({
              name: `${caller} as ${impersonated} ${verdict} ${operation} ${rowPhrase(table, target)}`,
              impersonator,
              impersonated,
              table,
              operation,
              target,
              status,
            });
          }
        }
      }
    }
  }
  return all;
}

const CELLS = cells();

for (const kind of TEST_STORES) {
  describe(`impersonation across the role matrix on ${kind}`, () => {
    let server: TestServer;
    let fixtures: MatrixFixtures;
    const impersonators = new Map<ImpersonatorRole, { id: string; token: string }>();

    beforeAll(async () => {
      server = await startTestServer(kind);
      fixtures = new MatrixFixtures(server, await setUpMatrix(server));
      const { rootBusinessUnitId, roleIds } = fixtures.setup;
      for (const role of IMPERSONATOR_ROLES) {
        const roles = role === 'Delegate' ? ['Delegate'] : ['Delegate', role];
        impersonators.set(
          role,
          await createPrincipal(server, rootBusinessUnitId, roleIds, `Impersonator ${role}`, roles),
        );
      }
    });
    afterAll(async () => {
      await server?.close();
    });

    /** Calls the Web API as the cell's impersonator acting as the cell's impersonated user. */
    function actingAs(cell: Cell, effective: MatrixUser) {
      const token = impersonators.get(cell.impersonator)!.token;
      return (path: string, init: { method?: string; body?: unknown } = {}) =>
        server.api(path, { ...init, token, headers: { MSCRMCallerID: effective.id } });
    }

    async function run(cell: Cell): Promise<void> {
      const effective = fixtures.setup.users[cell.impersonated];
      const api = actingAs(cell, effective);
      const tableSpec = specOf(cell.table);
      if (cell.operation === 'create') {
        const owner = cell.target === 'other' ? fixtures.setup.otherUserId : effective.id;
        const body = await fixtures.body(cell.table, owner, cell.target === 'other');
        const response = await api(tableSpec.set, { method: 'POST', body });
        if (cell.status !== 204) return expectDataverseError(response, cell.status);
        expect(response.status, response.text).toBe(204);
        if (tableSpec.kind === 'owned') {
          const row = await fixtures.adminRead(cell.table, idOf(response));
          expect(row.json._ownerid_value, 'created for the impersonated user unless another is named').toBe(owner);
          expect(row.json._createdonbehalfby_value).toBe(impersonators.get(cell.impersonator)!.id);
        }
        return;
      }
      const purpose = cell.operation === 'delete' ? 'consume' : cell.operation === 'read' ? 'read' : 'change';
      const id = await fixtures.rowFor(cell.table, cell.target, effective, purpose);
      const before = await fixtures.adminRead(cell.table, id);
      let response: Awaited<ReturnType<typeof api>>;
      if (cell.operation === 'read') response = await api(`${tableSpec.set}(${id})`);
      else if (cell.operation === 'delete') response = await api(`${tableSpec.set}(${id})`, { method: 'DELETE' });
      else {
        const change = tableSpec.patch(fixtures.next(), before.json);
        response = await api(`${tableSpec.set}(${id})`, { method: 'PATCH', body: change });
      }
      const after = await fixtures.adminRead(cell.table, id);
      if (cell.status === 200 || cell.status === 204) {
        expect(response.status, response.text).toBe(cell.status);
        if (cell.operation === 'delete') expect(after.status).toBe(404);
        return;
      }
      expectDataverseError(response, cell.status);
      expect(after.json, 'a refused request leaves the row exactly as it was').toEqual(before.json);
    }

    for (const impersonator of IMPERSONATOR_ROLES) {
      describe(impersonator === 'Delegate' ? 'Delegate alone' : `Delegate + ${impersonator}`, () => {
        it.each(CELLS.filter((cell) => cell.impersonator === impersonator).map((cell) => [cell.name, cell] as const))(
          '%s',
          async (_name, cell) => {
            await run(cell);
          },
        );
      });
    }
  });
}
