/**
 * The one place where a query keeps to the rows its reader may see. Every table a query reaches goes
 * through here: the table a list starts from, each table a navigation path hops to, each table an
 * `any`/`all` lambda ranges over (nested ones too), the rows `$expand` reads; FetchXML `link-entity` and
 * `$apply` are to call the same functions. The decision which rows a reader may see is the security
 * model's (`readScope()` in src/security/authorization.ts); this file only writes it as SQL.
 *
 * A related row the reader may not see behaves as if it were not there, as in Dataverse, whose queries
 * read every table through its security-filtered view: a condition on it is never true, so a filter
 * cannot test an unreadable row's columns one guess at a time.
 */
import { sql } from 'kysely';
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { ReadScope } from '../../security/authorization.js';
import { type Condition, columnRef } from './column-conditions.js';
import type { Scope } from './filter-to-sql.js';

/** Which rows of a table the reader of a query may see (for a request: `readScope(caller, table)`). */
export type ReadScopeOf = (table: TableMetadata) => ReadScope;

/**
 * For reads made by the system itself, never on behalf of a caller (and unit tests of the SQL): every
 * row of every table.
 */
export const EVERY_ROW: ReadScopeOf = () => ({ kind: 'all' });

/** The rows of `scope`'s table the reader may see, as a condition on its alias. */
export function readableRows(readScopeOf: ReadScopeOf, scope: Scope): Condition {
  const readable = readScopeOf(scope.table);
  switch (readable.kind) {
    case 'all':
      return sql`1 = 1`;
    case 'none':
      return sql`1 = 0`;
    case 'owned':
      if (readable.values.length === 0) return sql`1 = 0`;
      return sql`${columnRef(scope, readable.column)} in (${sql.join(readable.values.map((value) => sql.val(value)))})`;
  }
}

/**
 * `select <primary key> from <table> as <alias> where <readable> and <condition>`: the rows of a table a
 * query joins, kept to those the reader may see. A subquery of `IN` or `EXISTS`, so joining never
 * multiplies the rows of the table the query lists.
 */
export function readableSubquery(readScopeOf: ReadScopeOf, scope: Scope, condition: Condition): Condition {
  return sql`select ${columnRef(scope, scope.table.primaryId)} from ${sql.table(scope.table.logicalName)} as ${sql.raw(scope.alias)} where ${readableRows(readScopeOf, scope)} and ${condition}`;
}
