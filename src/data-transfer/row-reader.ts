/**
 * One CSV row -> the attributes of one write: each cell read by its column's metadata (cell-values.ts),
 * each lookup resolved by natural key (natural-keys.ts). Every problem of the row is returned, not only
 * the first, so a person fixes a file in one pass.
 *
 * Units are read last because their name is only unique within a unit group: a product's default unit
 * is looked up in the unit group of the same row, a price list item's unit in its product's unit group.
 */
import { isLookup } from '../domain/metadata/metadata-registry.js';
import type { TableMetadata } from '../domain/metadata/table-metadata.js';
import type { Row } from '../domain/record.js';
import { readCell } from './cell-values.js';
import type { CsvRow } from './csv-table.js';
import type { NaturalKeyDirectory } from './natural-keys.js';

const UNIT_COLUMNS = new Set(['defaultuomid', 'uomid']);

/** The unit group and default unit of each product, for price list items. */
export type ProductUnits = ReadonlyMap<string, { readonly group: string | null; readonly unit: string | null }>;

export interface RowReading {
  /** Columns of the row; an empty cell is null. */
  readonly attributes: Row;
  readonly problems: readonly string[];
}

export interface RowReaderContext {
  readonly table: TableMetadata;
  readonly header: readonly string[];
  readonly directory: NaturalKeyDirectory;
  /** Needed for price list items only. */
  readonly productUnits?: ProductUnits;
}

export async function readRow(reader: RowReaderContext, row: CsvRow): Promise<RowReading> {
  const { table, header, directory } = reader;
  const attributes: Row = {};
  const problems: string[] = [];
  if (row.cells.length !== header.length) {
    problems.push(`has ${row.cells.length} values but the first line names ${header.length} columns`);
    return { attributes, problems };
  }
  const units: [string, string][] = [];
  for (const [index, name] of header.entries()) {
    const text = row.cells[index]!.trim();
    const column = table.columns.find((candidate) => candidate.name === name)!;
    if (text === '') {
      attributes[name] = null;
      continue;
    }
    if (UNIT_COLUMNS.has(name)) {
      units.push([name, text]);
      continue;
    }
    if (isLookup(column)) {
      const target = column.targets[0]!.table;
      const resolved = await directory.resolve(target, name, text);
      if ('problem' in resolved) problems.push(resolved.problem);
      else attributes[name] = resolved.id;
      continue;
    }
    const reading = readCell(column, text);
    if ('problem' in reading) problems.push(reading.problem);
    else attributes[name] = reading.value;
  }
  for (const [name, text] of units) {
    const group = unitGroupFor(reader, attributes);
    const resolved = await directory.resolve('uom', name, text, group ?? undefined);
    if ('problem' in resolved) {
      problems.push(resolved.problem);
      continue;
    }
    attributes[name] = resolved.id;
  }
  return { attributes, problems };
}

/** The unit group a unit name of this row is looked up in, if one is known. */
function unitGroupFor(reader: RowReaderContext, attributes: Row): string | null {
  if (typeof attributes.defaultuomscheduleid === 'string') return attributes.defaultuomscheduleid;
  if (typeof attributes.productid === 'string') return reader.productUnits?.get(attributes.productid)?.group ?? null;
  return null;
}
