/**
 * System pricing of a header's own writes (reference 5.6): a new record starts with zero totals; a
 * change of discount, freight or revenue mode recomputes the totals from the stored sums without reading
 * a line; a new price list, currency or price lock re-prices every line (linear, one pass). Totals a
 * client sends are the engine's to set wherever pricing runs (engine-columns.ts): they are recomputed
 * from the lines as stored, so neither the client's value nor a base forged before survives.
 */
import type { Row } from '../../domain/record.js';
import { computeHeaderTotals, EMPTY_HEADER_ACCUMULATOR, shouldCalculatePrice } from '../../pricing/index.js';
import { measurePricing } from '../telemetry.js';
import type { WriteStep } from '../write-step.js';
import { headerSums, headerTotalsColumns, pricingRecord, sameValue } from './convert.js';
import { dropEngineColumns, sumsOfStoredLines, writesEngineColumns } from './engine-columns.js';
import { recalculateRecord } from './full-recalculation.js';
import { markHeaderDeleting, settingsFor, skipFacts, systemPricingEnabled } from './header-access.js';
import { HEADER_TABLES, pairOfHeader } from './sales-tables.js';

/** Columns whose change re-prices the lines. */
const REPRICING_COLUMNS = ['pricelevelid', 'transactioncurrencyid', 'ispricelocked'] as const;
/** Columns the totals read besides the sums. */
const TOTALS_COLUMNS = ['discountpercentage', 'discountamount', 'freightamount', 'isrevenuesystemcalculated'] as const;

export const headerPricingStep: WriteStep = {
  name: 'pricing: header totals',
  stage: 'preOperation',
  tables: HEADER_TABLES,
  messages: ['Create', 'Update'],
  async run(context, operation) {
    const pair = pairOfHeader(operation.table.logicalName)!;
    const { target, preImage } = operation;
    const changed = (name: string) => target[name] !== undefined && !sameValue(target[name], preImage?.[name]);
    const reprice = operation.message === 'Update' && REPRICING_COLUMNS.some(changed);
    const totalsOnly = TOTALS_COLUMNS.some((name) => target[name] !== undefined);
    const forged = operation.message === 'Update' && writesEngineColumns(operation.table, target);
    if (operation.message === 'Update' && !reprice && !totalsOnly && !forged) return;

    const organization = await context.services.referenceData.organization(context.trx);
    const op = operation.message === 'Create' ? 'create' : 'update';
    // Submitted is the state before this write: an update cannot submit and reprice in one step.
    const facts = skipFacts(context, organization, pair.header, preImage ?? target);
    // Where the matrix skips pricing, the caller's totals are taken (the back office syncing them).
    if (shouldCalculatePrice(pair.header, op, facts) !== true) return;
    if (!systemPricingEnabled(organization)) {
      // The custom module prices after the write; until then the stored totals stand, not the client's.
      dropEngineColumns(operation.table, target);
      return;
    }
    const header: Row = { ...preImage, ...target };

    if (reprice) {
      Object.assign(target, await recalculateRecord(context, organization, pair, header));
      return;
    }
    const sums =
      operation.message === 'Create'
        ? EMPTY_HEADER_ACCUMULATOR
        : forged
          ? await sumsOfStoredLines(context, pair, operation.id)
          : headerSums(header);
    const settings = await settingsFor(context, organization, header);
    const record = pricingRecord(pair.header, header);
    const totals = measurePricing(context, 'totals', () => computeHeaderTotals(sums, record, settings));
    Object.assign(target, headerTotalsColumns(totals, sums));
  },
};

/** Marks a header being deleted so its cascaded lines do not move its totals (see header-access.ts). */
export const headerDeleteMarkerStep: WriteStep = {
  name: 'pricing: a deleted header takes its lines with it',
  stage: 'preOperation',
  tables: HEADER_TABLES,
  messages: ['Delete'],
  run(context, operation) {
    markHeaderDeleting(context, operation.id);
  },
};
