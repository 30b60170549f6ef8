/**
 * Reads and writes single rows of metadata-described tables, converting between domain values and
 * their stored form. Every method takes the executor of the caller's unit of work.
 */

import { Decimal } from '../domain/decimal.js';
import { DomainError } from '../domain/errors.js';
import type { ColumnMetadata, DecimalColumn, MoneyColumn, TableMetadata } from '../domain/metadata/table-metadata.js';
import { changeWatermark } from './change-watermark.js';
import { type Dialect, decodeValue, encodeValue, type FieldValue, numericStorage, type Row } from './column-codec.js';
import { lookupTypeColumn } from './storage-columns.js';
import type { Executor } from './store.js';

export interface RecordRepository {
  readonly dialect: Dialect;
  find(trx: Executor, table: TableMetadata, id: string, options?: { forUpdate?: boolean }): Promise<Row | undefined>;
  /** Finds by an alternate key (`ordernumber='ORD-1'`). */
  findByKey(trx: Executor, table: TableMetadata, key: Readonly<Record<string, FieldValue>>): Promise<Row | undefined>;
  exists(trx: Executor, table: TableMetadata, id: string): Promise<boolean>;
  insert(trx: Executor, table: TableMetadata, row: Row): Promise<void>;
  update(trx: Executor, table: TableMetadata, id: string, changes: Row): Promise<void>;
  delete(trx: Executor, table: TableMetadata, id: string): Promise<void>;
  /** Ids of the rows whose lookup `column` points at `id` (for cascades). */
  referencingIds(trx: Executor, table: TableMetadata, column: string, id: string): Promise<string[]>;
  decodeRow(table: TableMetadata, stored: Record<string, unknown>): Row;
  encodeRow(table: TableMetadata, row: Row): Record<string, unknown>;
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

/**
 * The largest magnitude a money or decimal column holds on every store. A value computed during a
 * write can exceed it (a base amount through an exchange rate of 0.000000000001): it is then the same
 * 400 on both stores, instead of an integer overflow in SQLite or a numeric overflow in PostgreSQL.
 */
function storableLimit(column: MoneyColumn | DecimalColumn): Decimal {
  return Decimal.min(numericStorage(column, 'sqlite').largest, numericStorage(column, 'postgres').largest);
}

function checkStorable(table: TableMetadata, columns: ReadonlyMap<string, ColumnMetadata>, row: Row): void {
  for (const [name, value] of Object.entries(row)) {
    const column = columns.get(name);
    if (!(value instanceof Decimal) || (column?.type !== 'money' && column?.type !== 'decimal')) continue;
    const limit = storableLimit(column);
    if (value.abs().gt(limit)) {
      throw new DomainError(
        'invalidArgument',
        `A validation error occurred. The value ${value.toString()} of '${name}' on record of type '${table.logicalName}' is outside the range a ${column.type} column can hold (-${limit.toFixed()} to ${limit.toFixed()}).`,
        { code: '0x8004431a' },
      );
    }
  }
}

export function createRecordRepository(dialect: Dialect, tables: readonly TableMetadata[]): RecordRepository {
  // Every insert and update of a change-tracked table stamps its change watermark (PostgreSQL: ol_xid).
  const watermark = changeWatermark(dialect);
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

  return {
    dialect,
    decodeRow,
    encodeRow,
    async find(trx, table, id, options = {}) {
      let query = trx.selectFrom(table.logicalName).selectAll().where(table.primaryId, '=', id);
      if (options.forUpdate && dialect === 'postgres') query = query.forUpdate();
      const stored = await query.executeTakeFirst();
      return stored ? decodeRow(table, stored) : undefined;
    },
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
    async insert(trx, table, row) {
      checkStorable(table, codecOf(table).columns, row);
      await refusingDuplicates(table, () =>
        trx
          .insertInto(table.logicalName)
          .values({ ...encodeRow(table, row), ...watermark.writeStamp(table) })
          .execute(),
      );
    },
    async update(trx, table, id, changes) {
      if (Object.keys(changes).length === 0) return;
      checkStorable(table, codecOf(table).columns, changes);
      await refusingDuplicates(table, () =>
        trx
          .updateTable(table.logicalName)
          .set({ ...encodeRow(table, changes), ...watermark.writeStamp(table) })
          .where(table.primaryId, '=', id)
          .execute(),
      );
    },
    async delete(trx, table, id) {
      await trx.deleteFrom(table.logicalName).where(table.primaryId, '=', id).execute();
    },
    async referencingIds(trx, table, column, id) {
      const rows = await trx.selectFrom(table.logicalName).select(table.primaryId).where(column, '=', id).execute();
      return rows.map((row) => String(row[table.primaryId]));
    },
  };
}
