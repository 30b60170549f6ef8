/**
 * What a column holds as the drivers hand it over and take it, on either store. Repositories decode
 * these into domain values (`column-codec.ts` does it for metadata-driven code); the types say which
 * forms a value may take so that code cannot forget one.
 *
 * better-sqlite3 runs with safe integers, so every SQLite integer comes back as a BigInt; pg returns
 * int8, numeric, dates and timestamps as text (dialects/postgres.ts).
 */

/** uniqueidentifier, lookup, owner and customer columns: a GUID as text (SQLite text, PostgreSQL uuid). */
export type StoredId = string;
/** string and memo columns. */
export type StoredText = string;
/** integer, picklist, state and status: SQLite integer (BigInt), PostgreSQL integer (number). */
export type StoredInteger = number | bigint;
/** bigint columns (row versions, epoch milliseconds): SQLite BigInt, PostgreSQL int8 as text. */
export type StoredBigInt = string | number | bigint;
/** money and decimal: SQLite an integer scaled by 10^scale (or text), PostgreSQL numeric as text. */
export type StoredDecimal = string | bigint;
/** boolean: SQLite 0/1, PostgreSQL boolean. */
export type StoredBoolean = boolean | number | bigint;
/** datetime: SQLite text, PostgreSQL date or timestamptz read as text (UTC session). */
export type StoredDateTime = string;
