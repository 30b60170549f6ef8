/**
 * System pricing of one line (PRODUCT.md C2, "Cost"): creating, changing or deleting a line prices that
 * line only and moves its header's totals by the line's delta, from the stored before-row to the priced
 * after-row. The other lines are never read.
 *
 * Runs in pre-operation after the currency step (src/pipeline/step-order.ts), so the engine's values, already at their
 * column's precision and with their own `_base` twins, are the last word on every computed column.
 */
import { invalidArgument } from '../../domain/errors.js';
import type { Row } from '../../domain/record.js';
import {
  applyLineDelta,
  computeHeaderTotals,
  type LineChange,
  priceLine,
  RECALCULATE,
  shouldCalculatePrice,
} from '../../pricing/index.js';
import type { ExecutionContext } from '../execution-context.js';
import { measurePricing } from '../telemetry.js';
import type { WriteOperation, WriteStep } from '../write-step.js';
import { loadPricingCatalog } from './catalog-loader.js';
import {
  headerSums,
  headerTotalsColumns,
  pricedLineColumns,
  pricingLine,
  pricingRecord,
  sameValue,
  storedLineAmounts,
} from './convert.js';
import { dropEngineColumns, writesEngineColumns } from './engine-columns.js';
import {
  isHeaderDeleting,
  lineHeaderColumns,
  lockHeader,
  productNameOf,
  settingsFor,
  skipFacts,
  systemPricingEnabled,
  writeComputedColumns,
} from './header-access.js';
import { LINE_TABLES, pairOfLine } from './sales-tables.js';

/**
 * An update that writes none of these, nor a column only the engine writes, leaves the line's price alone
 * (an owner cascade, a description). One that writes an engine column is priced again, so the engine's
 * amounts replace the client's (engine-columns.ts).
 */
const PRICING_INPUTS = [
  'productid',
  'uomid',
  'isproductoverridden',
  'ispriceoverridden',
  'priceperunit',
  'quantity',
  'manualdiscountamount',
  'tax',
] as const;

function lineChange(operation: WriteOperation, locked: boolean): LineChange {
  const { target, preImage } = operation;
  // A line copied by a message (quote to order, order to invoice) onto a price-locked record keeps the
  // agreed price it carries, as a recalculation would; a new line otherwise takes the catalog's.
  if (operation.message === 'Create') return locked && target.iscopied === true ? RECALCULATE : { operation: 'create' };
  const differs = (name: string) => target[name] !== undefined && !sameValue(target[name], preImage?.[name]);
  return {
    operation: 'update',
    quantityChanged: differs('quantity'),
    productChanged: differs('productid') || differs('uomid'),
  };
}

async function priceOneLine(context: ExecutionContext, operation: WriteOperation): Promise<void> {
  const pair = pairOfLine(operation.table.logicalName)!;
  const { target, preImage } = operation;
  const forged = writesEngineColumns(operation.table, target);
  const inputs = operation.message === 'Create' || PRICING_INPUTS.some((name) => target[name] !== undefined);
  if (!inputs && !forged) return;
  const organization = await context.services.referenceData.organization(context.trx);
  const systemPricing = systemPricingEnabled(organization);
  if (!systemPricing && !forged) return;
  const line: Row = { ...preImage, ...target };
  const headerId = line[pair.parentColumn];
  if (typeof headerId !== 'string') return;
  const header = await lockHeader(context, pair.header, headerId);
  if (!header) return;
  const op = operation.message === 'Create' ? 'create' : 'update';
  // Where the matrix skips pricing, the caller's amounts are taken (the back office syncing them).
  if (shouldCalculatePrice(pair.line, op, skipFacts(context, organization, pair.line, header)) !== true) return;
  if (!systemPricing) {
    // The custom module prices after the write; until then the stored amounts stand, not the client's.
    dropEngineColumns(operation.table, target);
    return;
  }

  const record = pricingRecord(pair.header, header);
  const settings = await settingsFor(context, organization, header);
  const { catalog, productNames } = await loadPricingCatalog(context, [line.productid], header.pricelevelid);
  const result = measurePricing(context, 'line', () =>
    priceLine(pricingLine(line), record, catalog, settings, lineChange(operation, record.ispricelocked)),
  );
  if (result.kind === 'refused') throw invalidArgument(result.message);
  Object.assign(target, pricedLineColumns(result.line), lineHeaderColumns(header, pair.lockMirror), {
    productname: productNameOf(line, productNames),
  });

  const before = operation.message === 'Update' ? storedLineAmounts(preImage!) : undefined;
  const sums = applyLineDelta(headerSums(header), before, result.line);
  const totals = measurePricing(context, 'line', () => computeHeaderTotals(sums, record, settings));
  await writeComputedColumns(context, pair.header, headerId, headerTotalsColumns(totals, sums));
}

export const linePricingStep: WriteStep = {
  name: 'pricing: price the line and move its header totals by its delta',
  stage: 'preOperation',
  tables: LINE_TABLES,
  messages: ['Create', 'Update'],
  run: priceOneLine,
};

/** Deleting a line takes its stored contribution out of the header; nothing is priced. */
export const lineDeletePricingStep: WriteStep = {
  name: 'pricing: take a deleted line out of its header totals',
  stage: 'preOperation',
  tables: LINE_TABLES,
  messages: ['Delete'],
  async run(context, operation) {
    const pair = pairOfLine(operation.table.logicalName)!;
    const stored = operation.preImage!;
    const headerId = stored[pair.parentColumn];
    if (typeof headerId !== 'string' || isHeaderDeleting(context, headerId)) return;
    const organization = await context.services.referenceData.organization(context.trx);
    if (!systemPricingEnabled(organization)) return;
    const header = await lockHeader(context, pair.header, headerId);
    if (!header) return;
    if (shouldCalculatePrice(pair.line, 'delete', skipFacts(context, organization, pair.line, header)) !== true) return;
    const record = pricingRecord(pair.header, header);
    const settings = await settingsFor(context, organization, header);
    const sums = applyLineDelta(headerSums(header), storedLineAmounts(stored), undefined);
    const totals = computeHeaderTotals(sums, record, settings);
    await writeComputedColumns(context, pair.header, headerId, headerTotalsColumns(totals, sums));
  },
};
