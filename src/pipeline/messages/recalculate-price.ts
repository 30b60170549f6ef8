/**
 * RecalculatePrice (reference 6): a record and its lines priced in full, as the seed's skip matrix
 * allows; with system pricing off, by the custom pricing module when one is configured.
 */
import { recordDoesNotExist } from '../../domain/errors.js';
import { type CustomPricingModule, type SalesHeaderTable, shouldCalculatePrice } from '../../pricing/index.js';
import { requireAccess } from '../../security/authorization.js';
import { runCustomPricing } from '../pricing/custom-pricing-runner.js';
import { recalculateRecord } from '../pricing/full-recalculation.js';
import {
  lockHeader,
  skipFacts,
  systemPricingEnabled,
  tableNamed,
  writeComputedColumns,
} from '../pricing/header-access.js';
import { pairOfHeader } from '../pricing/sales-tables.js';
import type { Message } from './message.js';

export interface RecalculatePriceInput {
  readonly header: SalesHeaderTable;
  readonly id: string;
}

export function recalculatePriceWith(customModule?: CustomPricingModule): Message<RecalculatePriceInput, void> {
  return async (context, { header: headerTable, id }) => {
    const pair = pairOfHeader(headerTable)!;
    const table = tableNamed(context, pair.header);
    const header = await lockHeader(context, pair.header, id);
    if (!header) throw recordDoesNotExist(pair.header, id);
    // Recalculating writes the record and its lines: the caller must be allowed to write the record.
    requireAccess(context.caller, table, 'write', header);
    const organization = await context.services.referenceData.organization(context.trx);
    const facts = skipFacts(context, organization, pair.header, header);
    if (shouldCalculatePrice(pair.header, 'recalculate', facts) !== true) return;
    if (!systemPricingEnabled(organization)) {
      if (customModule) {
        await runCustomPricing(context, customModule, organization, pair, id, {
          table: pair.header,
          id,
          operation: 'recalculate',
        });
      }
      return;
    }
    const columns = await recalculateRecord(context, organization, pair, header);
    await writeComputedColumns(context, pair.header, id, columns);
  };
}

/** Without a custom module. */
export const recalculatePrice = recalculatePriceWith();
