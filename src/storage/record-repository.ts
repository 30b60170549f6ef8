/**
 * Reads and writes single rows of metadata-described tables, converting between domain values and
 * their stored form. Every method takes the executor of the caller's unit of work.
 */

import { Decimal } from '../domain/decimal.js';
import { DomainError } from '../domain/errors.js';
import type { ColumnMetadata, DecimalColumn, MoneyColumn, TableMetadata } from '../domain/metadata/table-metadata.js';
import { changeWatermark } from './change-watermark.js';
import { type Dialect, decodeValue, encodeValue, type FieldValue, numericStorage, type Row } from './column-codec.js';
import { dialectSpecifics } from './dialects/dialect-specifics.js';
import { createLockedRows, type LockedRows } from './locked-rows.js';
import { createRowStatements } from './row-statements.js';
import { lookupTypeColumn } from './storage-columns.js';
import type { Executor } from './store.js';

export interface RecordRepository {
  readonly dialect: Dialect;
  find(trx: Executor, table: TableMetadata, id: string, options?: { forUpdate?: boolean }): Promise<Row | undefined>;
  /** Finds by an alternate key (`ordernumber='ORD-1'`). */
  findByKey(trx: Executor, table: TableMetadata, key: Readonly<Record<string, FieldValue>>): Promise<Row | undefined>;
  exists(trx: Executor, table: TableMetadata, id: string): Promise<boolean>;
  insert(trx: Executor, table: TableMetadata, row: Row): Promise<void>;
  /** Inserts several rows of one table in one statement (outbox deliveries, timeline entries). */
  insertMany(trx: Executor, table: TableMetadata, rows: readonly Row[]): Promise<void>;
  update(trx: Executor, table: TableMetadata, id: string, changes: Row): Promise<void>;
  delete(trx: Executor, table: TableMetadata, id: string): Promise<void>;
  /** Ids of the rows whose lookup `column` points at `id` (for cascades). */
  referencingIds(trx: Executor, table: TableMetadata, column: string, id: string): Promise<string[]>;
  decodeRow(table: TableMetadata, stored: Record<string, unknown>): Row;
  encodeRow(table: TableMetadata, row: Row): Record<string, unknown>;
  /** A cache of locked rows for one unit of work to own (see locked-rows.ts). */
  newLockedRows(): LockedRows;
  /**
   * This repository as seen by the unit of work on `trx`: rows it reads there under lock are kept in
   * `rows` until it writes them, so `find` reads each at most once. Other executors read as before.
   */
  keepingLockedRows(trx: Executor, rows: LockedRows): RecordRepository;
  /** Drops the rows kept for `trx` of `table`: for SQL that writes the table other than through here. */
  forgetRows(trx: Executor, table: TableMetadata): void;
}

interface TableCodec {
  readonly columns: ReadonlyMap<string, ColumnMetadata>;
}

/** PostgreSQL's unique_violation, and SQLite's codes for a unique index or a primary key. */
const UNIQUE_VIOLATIONS = new Set(['23505', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

/**
 * A unique index (an alternate key such as `accountnumber`) refuses a value another row already
 * holds: that is Dataverse's duplicate record (412), not a server fault.
 */
async function refusingDuplicates(table: TableMetadata, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    if (typeof code !== 'string' || !UNIQUE_VIOLATIONS.has(code)) throw error;
    const keys = table.alternateKeys.map((columns) => columns.join(', ')).join('; ');
    throw new DomainError(
      'duplicateRecord',
      `A record with matching key values already exists: ${table.logicalName} needs unique values of ${keys || table.primaryId}.`,
    );
  }
}

interface StorableRange {
  readonly lowest: Decimal;
  readonly highest: Decimal;
}

/** Computed once per column: every money or decimal value written is checked against it. */
const storableRanges = new WeakMap<MoneyColumn | DecimalColumn, StorableRange>();

/**
 * The largest magnitude a money or decimal column holds on every store, either side of zero. A value
 * computed during a write can exceed it (a base amount through an exchange rate of 0.000000000001): it
 * is then the same 400 on both stores, instead of an integer overflow in SQLite or a numeric overflow
 * in PostgreSQL.
 */
function storableRange(column: MoneyColumn | DecimalColumn): StorableRange {
  let range = storableRanges.get(column);
  if (!range) {
    const limit = Decimal.min(numericStorage(column, 'sqlite').largest, numericStorage(column, 'postgres').largest);
    range = { lowest: limit.neg(), highest: limit };
    storableRanges.set(column, range);
  }
  return range;
}

function checkStorable(table: TableMetadata, columns: ReadonlyMap<string, ColumnMetadata>, row: Row): void {
  for (const [name, value] of Object.entries(row)) {
    const column = columns.get(name);
    if (!(value instanceof Decimal) || (column?.type !== 'money' && column?.type !== 'decimal')) continue;
    const { lowest, highest } = storableRange(column);
    if (value.gt(highest) || value.lt(lowest)) {
      throw new DomainError(
        'invalidArgument',
        `A validation error occurred. The value ${value.toString()} of '${name}' on record of type '${table.logicalName}' is outside the range a ${column.type} column can hold (${lowest.toFixed()} to ${highest.toFixed()}).`,
        { code: '0x8004431a' },
      );
    }
  }
}

export function createRecordRepository(dialect: Dialect, tables: readonly TableMetadata[]): RecordRepository {
  // Every insert and update of a change-tracked table stamps its change watermark (PostgreSQL: ol_xid).
  const watermark = changeWatermark(dialect);
  const specifics = dialectSpecifics(dialect);
  const statements = createRowStatements();
  const codecs = new Map<string, TableCodec>(
    tables.map((table) => [table.logicalName, { columns: new Map(table.columns.map((c) => [c.name, c])) }]),
  );

  function codecOf(table: TableMetadata): TableCodec {
    return codecs.get(table.logicalName)!;
  }

  function decodeRow(table: TableMetadata, stored: Record<string, unknown>): Row {
    const row: Row = {};
    for (const column of table.columns) {
      if (!(column.name in stored)) continue;
      row[column.name] = decodeValue(column, stored[column.name], dialect);
      const typeColumn = lookupTypeColumn(column);
      if (typeColumn) row[typeColumn] = (stored[typeColumn] as string | null) ?? null;
    }
    return row;
  }

  function encodeRow(table: TableMetadata, row: Row): Record<string, unknown> {
    const { columns } = codecOf(table);
    const stored: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(row)) {
      const column = columns.get(name);
      if (column) stored[name] = encodeValue(column, value, dialect);
      else stored[name] = value; // a lookup's type column: plain text
    }
    return stored;
  }

  async function find(
    kept: LockedRows | undefined,
    trx: Executor,
    table: TableMetadata,
    id: string,
    options: { forUpdate?: boolean } = {},
  ): Promise<Row | undefined> {
    const cached = kept?.get(table.logicalName, id);
    if (cached) return cached;
    const forUpdate = options.forUpdate === true && specifics.selectsForUpdate;
    const stored = await statements.select(trx, table.logicalName, table.primaryId, id, forUpdate);
    if (!stored) return undefined;
    const row = decodeRow(table, stored);
    if (kept?.isLockedRead(options.forUpdate)) kept.keep(table.logicalName, id, row);
    return row;
  }

  /**
   * A row the unit of work writes is locked by its transaction until the end (PostgreSQL locks a row it
   * inserts or updates; SQLite's whole database is), so the row as stored, which the write answers with
   * RETURNING, is kept for its later reads (the outbox's look at the order it changed, the response).
   */
  function keepWritten(
    kept: LockedRows,
    table: TableMetadata,
    id: string,
    stored: Record<string, unknown> | undefined,
  ) {
    if (stored) kept.keep(table.logicalName, id, decodeRow(table, stored));
  }

  async function insert(kept: LockedRows | undefined, trx: Executor, table: TableMetadata, row: Row) {
    checkStorable(table, codecOf(table).columns, row);
    const id = String(row[table.primaryId]);
    kept?.forget(table.logicalName, id);
    let stored: Record<string, unknown> | undefined;
    await refusingDuplicates(table, async () => {
      stored = await statements.insert(
        trx,
        table.logicalName,
        encodeRow(table, row),
        watermark.writeStamp(table),
        kept !== undefined,
      );
    });
    if (kept) keepWritten(kept, table, id, stored);
  }

  async function insertMany(kept: LockedRows | undefined, trx: Executor, table: TableMetadata, rows: readonly Row[]) {
    if (rows.length === 0) return;
    const { columns } = codecOf(table);
    const stamp = watermark.writeStamp(table);
    const encoded = rows.map((row) => {
      checkStorable(table, columns, row);
      kept?.forget(table.logicalName, String(row[table.primaryId]));
      return { ...encodeRow(table, row), ...stamp };
    });
    await refusingDuplicates(table, () => trx.insertInto(table.logicalName).values(encoded).execute());
  }

  async function update(kept: LockedRows | undefined, trx: Executor, table: TableMetadata, id: string, changes: Row) {
    if (Object.keys(changes).length === 0) return;
    checkStorable(table, codecOf(table).columns, changes);
    kept?.forget(table.logicalName, id);
    let stored: Record<string, unknown> | undefined;
    await refusingDuplicates(table, async () => {
      stored = await statements.update(
        trx,
        table.logicalName,
        table.primaryId,
        id,
        encodeRow(table, changes),
        watermark.writeStamp(table),
        kept !== undefined,
      );
    });
    if (kept) keepWritten(kept, table, id, stored);
  }

  async function remove(kept: LockedRows | undefined, trx: Executor, table: TableMetadata, id: string) {
    kept?.forget(table.logicalName, id);
    await trx.deleteFrom(table.logicalName).where(table.primaryId, '=', id).execute();
  }

  const repository: RecordRepository = {
    dialect,
    decodeRow,
    encodeRow,
    newLockedRows: () => createLockedRows(dialect),
    keepingLockedRows(ownTrx, rows) {
      // The kept rows are the unit of work's: only reads and writes on its own transaction use them.
      const keptFor = (trx: Executor) => (trx === ownTrx ? rows : undefined);
      return {
        ...repository,
        find: (trx, table, id, options) => find(keptFor(trx), trx, table, id, options),
        insert: (trx, table, row) => insert(keptFor(trx), trx, table, row),
        insertMany: (trx, table, many) => insertMany(keptFor(trx), trx, table, many),
        update: (trx, table, id, changes) => update(keptFor(trx), trx, table, id, changes),
        delete: (trx, table, id) => remove(keptFor(trx), trx, table, id),
        forgetRows: (trx, table) => keptFor(trx)?.forgetTable(table.logicalName),
      };
    },
    forgetRows: () => {},
    find: (trx, table, id, options) => find(undefined, trx, table, id, options),
    insert: (trx, table, row) => insert(undefined, trx, table, row),
    insertMany: (trx, table, rows) => insertMany(undefined, trx, table, rows),
    update: (trx, table, id, changes) => update(undefined, trx, table, id, changes),
    delete: (trx, table, id) => remove(undefined, trx, table, id),
    async findByKey(trx, table, key) {
      const encoded = encodeRow(table, key as Row);
      let query = trx.selectFrom(table.logicalName).selectAll();
      for (const [name, value] of Object.entries(encoded)) query = query.where(name, '=', value);
      const stored = await query.executeTakeFirst();
      return stored ? decodeRow(table, stored) : undefined;
    },
    async exists(trx, table, id) {
      const found = await trx
        .selectFrom(table.logicalName)
        .select(table.primaryId)
        .where(table.primaryId, '=', id)
        .executeTakeFirst();
      return found !== undefined;
    },
    async referencingIds(trx, table, column, id) {
      const rows = await trx.selectFrom(table.logicalName).select(table.primaryId).where(column, '=', id).execute();
      return rows.map((row) => String(row[table.primaryId]));
    },
  };
  return repository;
}
