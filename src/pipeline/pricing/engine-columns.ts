/**
 * The columns only the pricing engine writes (`writtenBy: 'pricing'` in the metadata: the "!C" totals of
 * a header, the amounts of a line). They are valid for update, as in Dataverse, so a client may send
 * them; whether its value stands is the skip matrix's call (reference 1.5). Where pricing runs for the
 * write, Sales recomputes them and the client's value is lost; where pricing is skipped (the back office
 * writing as an integration user while order processing integration is on) the value is taken, which is
 * how the back office's totals reach the order. The pricing steps apply that rule with these helpers.
 */
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { Row } from '../../domain/record.js';
import { applyLineDelta, EMPTY_HEADER_ACCUMULATOR, type HeaderAccumulator } from '../../pricing/index.js';
import type { ExecutionContext } from '../execution-context.js';
import { storedLineAmounts } from './convert.js';
import { linesOf } from './full-recalculation.js';
import type { SalesPair } from './sales-tables.js';

const engineColumnsByTable = new WeakMap<TableMetadata, readonly string[]>();

function engineColumns(table: TableMetadata): readonly string[] {
  let names = engineColumnsByTable.get(table);
  if (!names) {
    names = table.columns.filter((column) => column.writtenBy === 'pricing').map((column) => column.name);
    engineColumnsByTable.set(table, names);
  }
  return names;
}

/** Does this write carry a value for a column only the engine writes? */
export function writesEngineColumns(table: TableMetadata, target: Readonly<Row>): boolean {
  return engineColumns(table).some((name) => target[name] !== undefined);
}

/**
 * Takes the client's values for engine columns out of the write, for the engine that runs after the
 * write (a custom pricing module, post-operation) to fill in: the stored values stand meanwhile.
 */
export function dropEngineColumns(table: TableMetadata, target: Row): void {
  for (const name of engineColumns(table)) delete target[name];
}

/**
 * A header's sums from its lines as stored, not from its own stored totals: when a client has written
 * the totals, the base the next line delta moves from is rebuilt, so no forged total outlives the write.
 * Linear in the lines, and only on that rare write; the lines are not re-priced.
 */
export async function sumsOfStoredLines(
  context: ExecutionContext,
  pair: SalesPair,
  headerId: string,
): Promise<HeaderAccumulator> {
  let sums = EMPTY_HEADER_ACCUMULATOR;
  for (const line of await linesOf(context, pair, headerId)) {
    sums = applyLineDelta(sums, undefined, storedLineAmounts(line));
  }
  return sums;
}
