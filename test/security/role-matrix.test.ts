/**
 * The role matrix (PRODUCT.md C6 and "Reliability to prove"): for every principal (the five predefined
 * roles and a user without a role), every table and every operation, one named test that the Web API
 * allows or refuses it as the spec's privilege table says, over HTTP, on both stores. The expectations
 * come from ./role-expectations.ts, written from the spec, never from the server's own table.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import {
  expectDataverseError,
  idOf,
  MatrixFixtures,
  type MatrixUser,
  setUpMatrix,
  specOf,
  type TableSpec,
} from './matrix-fixtures.js';
import {
  allows,
  EXPECTED,
  groupOf,
  type Operation,
  PRINCIPALS,
  type PrincipalName,
  TABLE_GROUPS,
  type Target,
  UNDELETABLE_TABLES,
} from './role-expectations.js';

/** `list` is a read of the collection: it must hold exactly the rows the principal may read. */
type CellOperation = Operation | 'list';

interface Cell {
  readonly name: string;
  readonly principal: PrincipalName;
  readonly table: string;
  readonly operation: CellOperation;
  readonly target: Target;
  /** The HTTP status the spec calls for. */
  readonly status: number;
}

const ALL_TABLES = Object.values(TABLE_GROUPS).flat();

/** "a salesorder", "an account". */
function article(noun: string): string {
  return `${/^[aeiou]/.test(noun) ? 'an' : 'a'} ${noun}`;
}

/** "another user's salesorder", "a role they hold", "the organization", ... */
function rowPhrase(table: string, target: Target): string {
  if (table === 'organization') return 'the organization';
  if (table === 'role')
    return target === 'own' ? 'a role they hold' : target === 'other' ? 'a role they do not hold' : 'a role';
  if (table === 'businessunit' && target === 'other') return 'another business unit';
  if (table === 'systemuser' && target === 'own') return 'their own systemuser row';
  if (target === 'own') return `own ${table}`;
  if (target === 'other') return `another user's ${table}`;
  return article(table);
}

function createPhrase(tableSpec: TableSpec, target: Target): string {
  if (tableSpec.kind === 'child') {
    const parent = tableSpec.parent!.table;
    return `${article(tableSpec.table)} under ${target === 'own' ? `own ${parent}` : `another user's ${parent}`}`;
  }
  if (tableSpec.kind === 'owned')
    return target === 'own' ? `own ${tableSpec.table}` : `${article(tableSpec.table)} owned by another user`;
  return article(tableSpec.table);
}

/** The targets a table distinguishes for an operation. */
function targetsOf(tableSpec: TableSpec, operation: CellOperation, principal: PrincipalName): Target[] {
  if (tableSpec.kind === 'shared') return ['any'];
  if (tableSpec.kind === 'security') {
    if (operation === 'create' || operation === 'list') return ['any'];
    // The user without a role holds no role of its own to act on.
    if (tableSpec.table === 'role' && principal === 'No role') return ['other'];
    // Deleting one's own business unit is impossible for structural reasons (users work in it).
    if (tableSpec.table === 'businessunit' && operation === 'delete') return ['other'];
    return ['own', 'other'];
  }
  return operation === 'list' ? ['any'] : ['own', 'other'];
}

function expectedStatus(principal: PrincipalName, table: string, operation: CellOperation, target: Target): number {
  if (operation === 'delete' && UNDELETABLE_TABLES.has(table)) return 405;
  const depth = EXPECTED[principal][groupOf(table)][operation === 'list' ? 'read' : operation];
  const allowed = operation === 'list' ? depth !== 'none' : allows(depth, target);
  if (!allowed) return 403;
  return operation === 'read' || operation === 'list' ? 200 : 204;
}

function cellName(
  principal: PrincipalName,
  tableSpec: TableSpec,
  operation: CellOperation,
  target: Target,
  status: number,
): string {
  const allowed = status === 200 || status === 204;
  if (operation === 'list') {
    const depth = EXPECTED[principal][groupOf(tableSpec.table)].read;
    if (!allowed) return `${principal} may not list ${tableSpec.set}`;
    return depth === 'own'
      ? `${principal} lists only their own ${tableSpec.set}`
      : `${principal} lists all ${tableSpec.set}`;
  }
  const what = operation === 'create' ? createPhrase(tableSpec, target) : rowPhrase(tableSpec.table, target);
  const suffix = status === 405 ? ' (405: never deletable)' : '';
  return `${principal} ${allowed ? 'may' : 'may not'} ${operation} ${what}${suffix}`;
}

function matrixCells(): Cell[] {
  const cells: Cell[] = [];
  for (const principal of PRINCIPALS) {
    for (const table of ALL_TABLES) {
      const tableSpec = specOf(table);
      for (const operation of ['create', 'read', 'list', 'write', 'delete'] as const) {
        for (const target of targetsOf(tableSpec, operation, principal)) {
          const status = expectedStatus(principal, table, operation, target);
          cells.push({
            name: cellName(principal, tableSpec, operation, target, status),
            principal,
            table,
            operation,
            target,
            status,
          });
        }
      }
    }
  }
  return cells;
}

const CELLS = matrixCells();

/** Ids of the roles a user holds, as the administrator sees them. */
async function heldRoleIds(server: TestServer, userId: string): Promise<Set<string>> {
  const roles = await server.api(`systemusers(${userId})/systemuserroles_association?$select=roleid`);
  expect(roles.status, roles.text).toBe(200);
  return new Set((roles.json.value as { roleid: string }[]).map((role) => role.roleid));
}

for (const kind of TEST_STORES) {
  describe(`role matrix on ${kind}`, () => {
    let server: TestServer;
    let fixtures: MatrixFixtures;

    beforeAll(async () => {
      server = await startTestServer(kind);
      fixtures = new MatrixFixtures(server, await setUpMatrix(server));
    });
    afterAll(async () => {
      await server?.close();
    });

    const userOf = (principal: PrincipalName): MatrixUser => fixtures.setup.users[principal];

    async function create(cell: Cell, user: MatrixUser): Promise<void> {
      const tableSpec = specOf(cell.table);
      const owner = cell.target === 'other' ? fixtures.setup.otherUserId : user.id;
      // Own rows are created as the caller leaves them (ownerid defaults to the caller); a row for someone
      // else names its owner.
      const body = await fixtures.body(cell.table, owner, cell.target === 'other');
      const response = await server.api(tableSpec.set, { method: 'POST', body, token: user.token });
      if (cell.status !== 204) {
        expectDataverseError(response, cell.status);
        return;
      }
      expect(response.status, response.text).toBe(204);
      if (tableSpec.kind === 'owned' || tableSpec.kind === 'child') {
        const row = await fixtures.adminRead(cell.table, idOf(response));
        expect(row.json._ownerid_value, 'the new row belongs to the owner the cell intends').toBe(owner);
      }
    }

    async function read(cell: Cell, user: MatrixUser): Promise<void> {
      const tableSpec = specOf(cell.table);
      const id = await fixtures.rowFor(cell.table, cell.target, user, 'read');
      const response = await server.api(`${tableSpec.set}(${id})`, { token: user.token });
      if (cell.status !== 200) {
        expectDataverseError(response, cell.status);
        return;
      }
      expect(response.status, response.text).toBe(200);
      expect(response.json[tableSpec.primaryId]).toBe(id);
    }

    /** The rows a principal may see in a list: all, or those that are theirs. */
    async function ownsRow(table: string, user: MatrixUser, row: Record<string, unknown>): Promise<boolean> {
      const tableSpec = specOf(table);
      const id = row[tableSpec.primaryId] as string;
      switch (table) {
        case 'systemuser':
          return id === user.id;
        case 'role':
          return (await heldRoleIds(server, user.id)).has(id);
        case 'businessunit':
          return id === fixtures.setup.rootBusinessUnitId;
        default:
          return row._ownerid_value === user.id;
      }
    }

    async function list(cell: Cell, user: MatrixUser): Promise<void> {
      const tableSpec = specOf(cell.table);
      // Make sure there is something of the principal's and something of someone else's to see.
      const hasOwn = tableSpec.kind !== 'shared' && (cell.table !== 'role' || user.roleId !== undefined);
      const own = hasOwn ? await fixtures.rowFor(cell.table, 'own', user, 'read') : undefined;
      const other = await fixtures.rowFor(cell.table, tableSpec.kind === 'shared' ? 'any' : 'other', user, 'read');
      const response = await server.api(tableSpec.set, { token: user.token });
      if (cell.status !== 200) {
        expectDataverseError(response, cell.status);
        return;
      }
      expect(response.status, response.text).toBe(200);
      const rows = response.json.value as Record<string, unknown>[];
      const ids = rows.map((row) => row[tableSpec.primaryId]);
      const depth = EXPECTED[cell.principal][groupOf(cell.table)].read;
      if (depth === 'all') {
        expect(ids).toContain(other);
        if (own) expect(ids).toContain(own);
        return;
      }
      if (own) expect(ids).toContain(own);
      expect(ids).not.toContain(other);
      for (const row of rows)
        expect(await ownsRow(cell.table, user, row), `row ${String(row[tableSpec.primaryId])}`).toBe(true);
    }

    async function write(cell: Cell, user: MatrixUser): Promise<void> {
      const tableSpec = specOf(cell.table);
      const id = await fixtures.rowFor(cell.table, cell.target, user, 'change');
      const before = await fixtures.adminRead(cell.table, id);
      expect(before.status, before.text).toBe(200);
      const change = tableSpec.patch(fixtures.next(), before.json);
      const response = await server.api(`${tableSpec.set}(${id})`, {
        method: 'PATCH',
        body: change,
        token: user.token,
      });
      const after = await fixtures.adminRead(cell.table, id);
      if (cell.status !== 204) {
        expectDataverseError(response, cell.status);
        expect(after.json, 'a refused write leaves the row exactly as it was').toEqual(before.json);
        return;
      }
      expect(response.status, response.text).toBe(204);
      for (const [column, value] of Object.entries(change)) expect(after.json[column]).toEqual(value);
    }

    async function remove(cell: Cell, user: MatrixUser): Promise<void> {
      const tableSpec = specOf(cell.table);
      const id = await fixtures.rowFor(cell.table, cell.target, user, 'consume');
      const response = await server.api(`${tableSpec.set}(${id})`, { method: 'DELETE', token: user.token });
      const after = await fixtures.adminRead(cell.table, id);
      if (cell.status !== 204) {
        expectDataverseError(response, cell.status);
        expect(after.status, 'a refused delete leaves the row in place').toBe(200);
        return;
      }
      expect(response.status, response.text).toBe(204);
      expect(after.status).toBe(404);
    }

    const run: Record<CellOperation, (cell: Cell, user: MatrixUser) => Promise<void>> = {
      create,
      read,
      list,
      write,
      delete: remove,
    };

    for (const principal of PRINCIPALS) {
      describe(principal, () => {
        it.each(CELLS.filter((cell) => cell.principal === principal).map((cell) => [cell.name, cell] as const))(
          '%s',
          async (_name, cell) => {
            await run[cell.operation](cell, userOf(cell.principal));
          },
        );
      });
    }
  });
}
