/**
 * Reads and writes single rows of metadata-described tables, converting between domain values and
 * their stored form. Every method takes the executor of the caller's unit of work.
 */
import type { ColumnMetadata, TableMetadata } from '../domain/metadata/table-metadata.js';
import { type Dialect, decodeValue, encodeValue, type FieldValue, type Row } from './column-codec.js';
import type { Executor } from './store.js';
import { lookupTypeColumn } from './storage-columns.js';

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

export function createRecordRepository(dialect: Dialect, tables: readonly TableMetadata[]): RecordRepository {
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
      await trx.insertInto(table.logicalName).values(encodeRow(table, row)).execute();
    },
    async update(trx, table, id, changes) {
      if (Object.keys(changes).length === 0) return;
      await trx.updateTable(table.logicalName).set(encodeRow(table, changes)).where(table.primaryId, '=', id).execute();
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
