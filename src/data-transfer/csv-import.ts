/**
 * `orderline import <kind> <file.csv>`: products, price lists or price list items from CSV, all or
 * nothing.
 *
 * 1. Every row is checked first (types, lengths, ranges, options, lookups by natural key, required
 *    columns, the same row twice in the file) and every bad row is reported with its line; if there is
 *    one, nothing is written.
 * 2. Then every row is written through the write pipeline (createRecord / updateRecord), like a
 *    request's, in one unit of work: a refusal or a crash on row 9,000 rolls back the 8,999 before it.
 *
 * A row whose natural key names an existing row updates it (an empty cell clears that column); other
 * rows are created. Products start Draft or Active as the organization's
 * `createproductswithoutparentinactivestate` says; `publish` then makes Draft ones Active (SetState, as
 * PublishProductHierarchy does).
 */

import { DomainError } from '../domain/errors.js';
import { isLookup } from '../domain/metadata/metadata-registry.js';
import { ProductState, ProductStatus } from '../domain/metadata/named-states.js';
import type { TableMetadata } from '../domain/metadata/table-metadata.js';
import type { Row } from '../domain/record.js';
import type { ExecutionContext, PipelineServices } from '../pipeline/execution-context.js';
import { createRecord, updateRecord } from '../pipeline/record-writer.js';
import { inUnitOfWork } from '../pipeline/unit-of-work.js';
import type { Caller } from '../security/principal.js';
import { productUnitRows, scanColumns } from '../storage/repositories/table-scans.js';
import { CsvFormatError, type CsvRow, type CsvTable, readCsvTable } from './csv-table.js';
import { ImportRefused, type RowProblem } from './import-refusal.js';
import { type NaturalKeyDirectory, naturalKeyDirectory } from './natural-keys.js';
import { type ProductUnits, readRow } from './row-reader.js';
import { type ImportKindName, TRANSFER_KINDS, type TransferKind } from './transfer-kinds.js';

export interface ImportOptions {
  /** Check every row, write nothing. */
  readonly dryRun?: boolean;
  /** Make imported products Active. */
  readonly publish?: boolean;
  /** Told after each row written: rows written so far, rows to write. */
  readonly onProgress?: (written: number, total: number) => void;
}

export interface ImportSummary {
  readonly kind: ImportKindName;
  readonly rows: number;
  readonly created: number;
  readonly updated: number;
  /** Products made Active by `publish`. */
  readonly published: number;
  readonly dryRun: boolean;
}

/** Product states PublishProductHierarchy moves to Active: Draft and Under Revision. */
const PUBLISHABLE_STATES = new Set<number>([ProductState.Draft, ProductState.UnderRevision]);

/** Columns filled in when a file leaves them out (see `completeRow`). */
const FILLED_IN: Readonly<Partial<Record<ImportKindName, readonly string[]>>> = {
  pricelists: ['transactioncurrencyid'],
  pricelistitems: ['uomid'],
};

interface PlannedWrite {
  readonly line: number;
  /** The existing row the natural key names; a new row when absent. */
  readonly existingId?: string;
  readonly attributes: Row;
}

export async function importCsv(
  services: PipelineServices,
  caller: Caller,
  kindName: ImportKindName,
  text: string,
  options: ImportOptions = {},
): Promise<ImportSummary> {
  const kind = TRANSFER_KINDS[kindName];
  const table = services.metadata.table(kind.table)!;
  const csv = readCsv(text);
  checkHeader(kind, table, csv);
  return inUnitOfWork(services, caller, async (context) => {
    const writes = await planWrites(context, kind, table, csv);
    const created = writes.filter((write) => write.existingId === undefined).length;
    const summary = {
      kind: kindName,
      rows: writes.length,
      created,
      updated: writes.length - created,
      published: 0,
      dryRun: options.dryRun ?? false,
    };
    if (options.dryRun) return summary;
    const published = await performWrites(context, table, writes, options);
    return { ...summary, published };
  });
}

function readCsv(text: string): CsvTable {
  try {
    return readCsvTable(text);
  } catch (error) {
    if (error instanceof CsvFormatError) throw new ImportRefused([{ line: error.line, reason: error.message }]);
    throw error;
  }
}

/** The first line: known columns, each once, with the key and the required columns among them. */
function checkHeader(kind: TransferKind, table: TableMetadata, csv: CsvTable): void {
  const line = csv.headerLine;
  const problems: RowProblem[] = [];
  const seen = new Set<string>();
  for (const name of csv.header) {
    if (!kind.columns.includes(name)) {
      problems.push({ line, reason: `unknown column "${name}"; ${kind.name} take ${kind.columns.join(', ')}` });
    } else if (seen.has(name)) {
      problems.push({ line, reason: `the column ${name} is named twice` });
    }
    seen.add(name);
  }
  for (const name of requiredColumns(kind, table)) {
    if (!seen.has(name)) problems.push({ line, reason: `the column ${name} is missing; ${kind.name} need it` });
  }
  if (problems.length > 0) throw new ImportRefused(problems);
}

/** Columns a new row cannot do without: the key, and what the table requires that nothing fills in. */
function requiredColumns(kind: TransferKind, table: TableMetadata): string[] {
  const filledIn = FILLED_IN[kind.name as ImportKindName] ?? [];
  const required = table.columns
    .filter((column) => column.required === 'system' && kind.columns.includes(column.name))
    .filter((column) => !('default' in column && column.default !== undefined))
    .map((column) => column.name);
  return [...new Set([...kind.key, ...required])].filter((name) => !filledIn.includes(name));
}

async function planWrites(
  context: ExecutionContext,
  kind: TransferKind,
  table: TableMetadata,
  csv: CsvTable,
): Promise<PlannedWrite[]> {
  const { metadata } = context.services;
  const directory = naturalKeyDirectory(context.trx, (name) => metadata.table(name)!.primaryId);
  const productUnits = kind.name === 'pricelistitems' ? await loadProductUnits(context) : undefined;
  const existing = await existingRows(context, kind, table);
  const required = requiredColumns(kind, table);
  const firstLineOfKey = new Map<string, number>();
  const problems: RowProblem[] = [];
  const writes: PlannedWrite[] = [];
  for (const row of csv.rows) {
    const reading = await readRow(
      { table, header: csv.header, directory, ...(productUnits ? { productUnits } : {}) },
      row,
    );
    const rowProblems = [...reading.problems];
    const attributes = { ...reading.attributes };
    if (rowProblems.length === 0)
      rowProblems.push(...(await completeRow(context, kind, attributes, directory, productUnits)));
    if (rowProblems.length > 0) {
      problems.push(...rowProblems.map((reason) => ({ line: row.line, reason })));
      continue;
    }
    const key = keyOf(kind, attributes);
    const earlier = firstLineOfKey.get(key);
    if (earlier !== undefined) {
      problems.push({
        line: row.line,
        reason: `${await describeKey(kind, table, attributes, directory)} also on line ${earlier}`,
      });
      continue;
    }
    firstLineOfKey.set(key, row.line);
    const matches = existing.get(key) ?? [];
    if (matches.length > 1) {
      problems.push({
        line: row.line,
        reason: `${await describeKey(kind, table, attributes, directory)} already on ${matches.length} rows; give them different ${kind.key.join(', ')} first`,
      });
      continue;
    }
    const missing = required.filter((name) => attributes[name] === null || attributes[name] === undefined);
    if (missing.length > 0) {
      problems.push(...missing.map((name) => ({ line: row.line, reason: `${name} is empty; it is required` })));
      continue;
    }
    writes.push(planned(row, matches[0], attributes));
  }
  if (problems.length > 0) throw new ImportRefused(problems);
  return writes;
}

/** A new row leaves empty cells out (so column defaults apply); an update clears them. */
function planned(row: CsvRow, existingId: string | undefined, attributes: Row): PlannedWrite {
  if (existingId !== undefined) return { line: row.line, existingId, attributes };
  const given = Object.fromEntries(Object.entries(attributes).filter(([, value]) => value !== null));
  return { line: row.line, attributes: given };
}

/**
 * What a row implies beyond its cells: a price list in the base currency unless it names one; a price
 * list item in its product's default unit unless it names one, and in that unit's group; a product's unit
 * group from its default unit.
 */
async function completeRow(
  context: ExecutionContext,
  kind: TransferKind,
  attributes: Row,
  directory: NaturalKeyDirectory,
  productUnits: ProductUnits | undefined,
): Promise<string[]> {
  switch (kind.name) {
    case 'pricelists':
      if (attributes.transactioncurrencyid === null || attributes.transactioncurrencyid === undefined) {
        const organization = await context.services.referenceData.organization(context.trx);
        attributes.transactioncurrencyid = organization.basecurrencyid ?? null;
      }
      return [];
    case 'pricelistitems': {
      if (attributes.uomid === null || attributes.uomid === undefined) {
        const unit = productUnits?.get(String(attributes.productid))?.unit;
        if (!unit) return ['uomid is empty and the product has no default unit to use instead'];
        attributes.uomid = unit;
      }
      attributes.uomscheduleid = (await directory.scopeOf('uom', String(attributes.uomid))) ?? null;
      return [];
    }
    case 'products':
      if (typeof attributes.defaultuomid === 'string' && typeof attributes.defaultuomscheduleid !== 'string') {
        attributes.defaultuomscheduleid = (await directory.scopeOf('uom', attributes.defaultuomid)) ?? null;
      }
      return [];
    default:
      return [];
  }
}

function keyOf(kind: TransferKind, row: Readonly<Record<string, unknown>>): string {
  return kind.key.map((name) => String(row[name] ?? '')).join('\u0000');
}

/** `productnumber "DESK-01" is` / `pricelevelid "Retail USD", productid "DESK-01", uomid "Each" are`. */
async function describeKey(
  kind: TransferKind,
  table: TableMetadata,
  attributes: Row,
  directory: NaturalKeyDirectory,
): Promise<string> {
  const parts: string[] = [];
  for (const name of kind.key) {
    const value = String(attributes[name] ?? '');
    const column = table.columns.find((candidate) => candidate.name === name);
    // A lookup is named back by the natural key it was given by, not by its id.
    const shown = column && isLookup(column) ? await directory.keyOf(column.targets[0]!.table, value) : value;
    parts.push(`${name} "${shown ?? value}"`);
  }
  return `${parts.join(', ')} ${parts.length > 1 ? 'are' : 'is'}`;
}

/** The rows already in the table, by natural key (several when the key is not unique there). */
async function existingRows(
  context: ExecutionContext,
  kind: TransferKind,
  table: TableMetadata,
): Promise<Map<string, string[]>> {
  const rows = await scanColumns(context.trx, table.logicalName, [table.primaryId, ...kind.key]);
  const byKey = new Map<string, string[]>();
  for (const row of rows) {
    const key = keyOf(kind, row);
    const ids = byKey.get(key);
    const id = String(row[table.primaryId]);
    if (ids) ids.push(id);
    else byKey.set(key, [id]);
  }
  return byKey;
}

async function loadProductUnits(context: ExecutionContext): Promise<ProductUnits> {
  const rows = await productUnitRows(context.trx);
  return new Map(rows.map((row) => [row.productId, { group: row.unitGroupId, unit: row.defaultUnitId }]));
}

/** Writes the planned rows in order; returns how many products it published. */
async function performWrites(
  context: ExecutionContext,
  table: TableMetadata,
  writes: readonly PlannedWrite[],
  options: ImportOptions,
): Promise<number> {
  let published = 0;
  for (const [index, write] of writes.entries()) {
    try {
      const input = { attributes: write.attributes, bindings: [] };
      const result =
        write.existingId === undefined
          ? await createRecord(context, table, input)
          : await updateRecord(context, table, write.existingId, input);
      if (
        options.publish &&
        table.logicalName === 'product' &&
        PUBLISHABLE_STATES.has(result.row.statecode as number)
      ) {
        await updateRecord(context, table, result.id, {
          attributes: { statecode: ProductState.Active, statuscode: ProductStatus.Active },
          bindings: [],
        });
        published++;
      }
    } catch (error) {
      // A rule only the pipeline knows refused the row: the whole file is refused, nothing is kept.
      if (error instanceof DomainError) throw new ImportRefused([{ line: write.line, reason: error.message }]);
      throw new Error(`line ${write.line}: ${error instanceof Error ? error.message : String(error)}`, {
        cause: error,
      });
    }
    options.onProgress?.(index + 1, writes.length);
  }
  return published;
}
