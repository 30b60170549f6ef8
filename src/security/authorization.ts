/**
 * Applies the role privileges to a table, an operation and (for user-level access) a row. Refusals are
 * 403s with Dataverse's privilege error code; the message names the user, the operation and the table,
 * so a script author sees at once what is missing.
 */
import { DomainError } from '../domain/errors.js';
import type { TableMetadata } from '../domain/metadata/table-metadata.js';
import type { FieldValue } from '../domain/record.js';
import type { Caller, Principal } from './principal.js';
import type { Operation } from './role-privileges.js';

/**
 * The column that says whom a row belongs to, for user-level access. Users own their own systemuser
 * row; a role or a business unit "belongs" to the users who hold it or work in it.
 */
export function ownershipColumn(table: TableMetadata): string | undefined {
  if (table.ownership === 'user') return 'ownerid';
  if (table.logicalName === 'systemuser' || table.logicalName === 'role' || table.logicalName === 'businessunit') {
    return table.primaryId;
  }
  return undefined;
}

/** The values of the ownership column that count as the user's own rows. */
export function ownedValues(table: TableMetadata, user: Principal): readonly string[] {
  switch (table.logicalName) {
    case 'role':
      return user.roleIds;
    case 'businessunit':
      return [user.businessUnitId];
    default:
      return [user.userId];
  }
}

function denied(user: Principal, operation: Operation, table: TableMetadata): DomainError {
  return new DomainError(
    'privilegeDenied',
    `Principal user (Id=${user.userId}, type=8, roleCount=${user.roleIds.length}) is missing the ${operation} privilege on ${table.logicalName}.`,
  );
}

/** Throws unless the effective user may perform `operation` on `table` (on `row`, for user-level access). */
export function requireAccess(
  caller: Caller,
  table: TableMetadata,
  operation: Operation,
  row?: Readonly<Record<string, FieldValue>>,
): void {
  const user = caller.user;
  const depth = user.access(table.privilegeGroup, operation);
  if (depth === 'organization') return;
  if (depth === 'none') throw denied(user, operation, table);
  const column = ownershipColumn(table);
  const owner = column && row ? row[column] : undefined;
  if (typeof owner === 'string' && ownedValues(table, user).includes(owner)) return;
  throw denied(user, operation, table);
}

export type ReadScope =
  | { readonly kind: 'all' }
  | { readonly kind: 'none' }
  | { readonly kind: 'owned'; readonly column: string; readonly values: readonly string[] };

/** Which rows of `table` the effective user may read: a predicate for queries. */
export function readScope(caller: Caller, table: TableMetadata): ReadScope {
  const depth = caller.user.access(table.privilegeGroup, 'read');
  if (depth === 'organization') return { kind: 'all' };
  const column = ownershipColumn(table);
  if (depth === 'none' || !column) return { kind: 'none' };
  return { kind: 'owned', column, values: ownedValues(table, caller.user) };
}

export function requireReadAccess(caller: Caller, table: TableMetadata): void {
  if (readScope(caller, table).kind === 'none') throw denied(caller.user, 'read', table);
}
