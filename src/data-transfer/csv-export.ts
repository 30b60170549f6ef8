/**
 * `orderline export <kind>`: the rows of a kind as CSV that `orderline import` reads back. Lookups are
 * written as natural keys (a price list by name, a product by number, a unit by name), amounts exactly,
 * trailing zeros trimmed; rows are sorted by their natural key so two exports of the same data are
 * identical. `orders` (export only) adds each order's state and totals.
 */
import { isLookup } from '../domain/metadata/metadata-registry.js';
import type { ColumnMetadata, TableMetadata } from '../domain/metadata/table-metadata.js';
import type { Row } from '../domain/record.js';
import type { PipelineServices } from '../pipeline/execution-context.js';
import { scanTable } from '../storage/repositories/table-scans.js';
import { writeCell } from './cell-values.js';
import { writeCsvTable } from './csv-table.js';
import { type NaturalKeyDirectory, naturalKeyDirectory } from './natural-keys.js';
import { type ExportKindName, TRANSFER_KINDS } from './transfer-kinds.js';

export interface CsvExport {
  readonly text: string;
  readonly rows: number;
}

export async function exportCsv(services: PipelineServices, kindName: ExportKindName): Promise<CsvExport> {
  const kind = TRANSFER_KINDS[kindName];
  const { metadata, records } = services;
  const table = metadata.table(kind.table)!;
  // One transaction: a consistent snapshot on PostgreSQL while rows and lookups are read.
  return services.store.transaction(async (trx) => {
    const directory = naturalKeyDirectory(trx, (name) => metadata.table(name)!.primaryId);
    const stored = await scanTable(trx, table.logicalName);
    const lines: string[][] = [];
    for (const storedRow of stored) {
      const row = records.decodeRow(table, storedRow);
      lines.push(await cellsOf(table, kind.columns, row, directory));
    }
    const keyIndexes = kind.key.map((name) => kind.columns.indexOf(name));
    const sortKey = (line: readonly string[]) => keyIndexes.map((index) => line[index]).join('\u0000');
    lines.sort((a, b) => compareText(sortKey(a), sortKey(b)));
    return { text: writeCsvTable(kind.columns, lines), rows: lines.length };
  });
}

function compareText(a: string, b: string): number {
  if (a === b) return 0;
  return a < b ? -1 : 1;
}

async function cellsOf(
  table: TableMetadata,
  columns: readonly string[],
  row: Row,
  directory: NaturalKeyDirectory,
): Promise<string[]> {
  const cells: string[] = [];
  for (const name of columns) {
    const column = table.columns.find((candidate) => candidate.name === name);
    cells.push(column ? await cellOf(column, row, directory) : writeCell(row[name]));
  }
  return cells;
}

/** A lookup as the natural key of the row it names (an account or a contact, for a customer). */
async function cellOf(column: ColumnMetadata, row: Row, directory: NaturalKeyDirectory): Promise<string> {
  const value = row[column.name];
  if (!isLookup(column) || typeof value !== 'string') return writeCell(value);
  const target = column.type === 'customer' ? String(row[`${column.name}type`] ?? 'account') : column.targets[0]!.table;
  return (await directory.keyOf(target, value)) ?? '';
}
