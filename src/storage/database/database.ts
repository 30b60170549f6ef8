/**
 * The Kysely database interface of Orderline: every table the metadata describes (generated into
 * database-types.ts) and Orderline's own tables. Repositories under src/storage/repositories/ write
 * their SQL against it, so a misspelt table or column, or a value of the wrong kind, fails typecheck.
 */
import type { Kysely } from 'kysely';
import type { MetadataTables } from './database-types.js';
import type { InternalTables } from './internal-tables.js';

export interface Database extends MetadataTables, InternalTables {}

/**
 * A connection or transaction with typed SQL. An `Executor` (untyped, for metadata-driven code that
 * names tables at run time) is accepted wherever this is asked for.
 */
export type TypedExecutor = Kysely<Database>;
