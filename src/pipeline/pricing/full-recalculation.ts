/**
 * Full recalculation of one record (RecalculatePrice, unlocking prices, a new price list or currency):
 * its lines are read once, priced once by the engine in one linear pass, and only the lines whose
 * computed columns changed are written back. Returns the header columns; the caller writes them (into
 * the target of a header update, or straight to the row for an action).
 */
import type { Row } from '../../domain/record.js';
import { recalculate } from '../../pricing/index.js';
import { rowsInCreationOrder } from '../../storage/rows-by-column.js';
import type { ExecutionContext } from '../execution-context.js';
import { measurePricing } from '../telemetry.js';
import { loadPricingCatalog } from './catalog-loader.js';
import { headerTotalsColumns, pricedLineColumns, pricingLine, pricingRecord, sameValue } from './convert.js';
import { lineHeaderColumns, productNameOf, settingsFor, tableNamed, writeComputedColumns } from './header-access.js';
import type { SalesPair } from './sales-tables.js';

export async function linesOf(context: ExecutionContext, pair: SalesPair, headerId: string): Promise<Row[]> {
  const table = tableNamed(context, pair.line);
  const stored = await rowsInCreationOrder(context.trx, table, pair.parentColumn, headerId);
  return stored.map((row) => context.services.records.decodeRow(table, row));
}

/** `header` is the record as it will be (stored row with the pending changes of an update). */
export async function recalculateRecord(
  context: ExecutionContext,
  organization: Row,
  pair: SalesPair,
  header: Readonly<Row>,
): Promise<Row> {
  const headerId = header[pair.parentColumn] as string;
  const lines = await linesOf(context, pair, headerId);
  const { catalog, productNames } = await loadPricingCatalog(
    context,
    lines.map((line) => line.productid),
    header.pricelevelid,
  );
  const settings = await settingsFor(context, organization, header);
  const record = pricingRecord(pair.header, header);
  const result = measurePricing(context, 'record', () =>
    recalculate(record, lines.map(pricingLine), catalog, settings),
  );
  const fromHeader = lineHeaderColumns(header, pair.lockMirror);
  const lineTable = tableNamed(context, pair.line);
  for (let index = 0; index < lines.length; index++) {
    const stored = lines[index]!;
    const columns: Row = {
      ...pricedLineColumns(result.lines[index]!),
      ...fromHeader,
      productname: productNameOf(stored, productNames),
    };
    const changed = Object.keys(columns).some((name) => !sameValue(columns[name], stored[name]));
    if (changed) await writeComputedColumns(context, pair.line, stored[lineTable.primaryId] as string, columns);
  }
  return headerTotalsColumns(result.header, result.sums);
}
