/**
 * RecalculatePrice (reference 6): a record and its lines priced in full, as the seed's skip matrix
 * allows; with system pricing off, by the custom pricing module when one is configured.
 */
import { recordDoesNotExist } from '../../domain/errors.js';
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { Row } from '../../domain/record.js';
import { type CustomPricingModule, type SalesHeaderTable, shouldCalculatePrice } from '../../pricing/index.js';
import { machineOf } from '../../sales/state-machines.js';
import { requireAccess } from '../../security/authorization.js';
import { recordLabel, stateRefusal } from '../lifecycle/lifecycle-steps.js';
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

/**
 * A record in a state no write may touch (a Canceled, Fulfilled or Invoiced order, a Won or Closed
 * quote, ...) keeps its prices: recalculating would rewrite what a PATCH may not. States whose edits
 * depend on who writes (a Submitted order) are left to the skip matrix, as Sales does.
 */
function requireOpenForPricing(table: TableMetadata, header: Readonly<Row>): void {
  const machine = machineOf(table.logicalName);
  const state = header.statecode as number;
  if (machine && machine.editing[state] === 'never') {
    throw stateRefusal(
      `The ${recordLabel(table, header)} is ${machine.state(state).label} and cannot be recalculated: ${machine.readOnlyRule}.`,
    );
  }
}

export function recalculatePriceWith(customModule?: CustomPricingModule): Message<RecalculatePriceInput, void> {
  return async (context, { header: headerTable, id }) => {
    const pair = pairOfHeader(headerTable)!;
    const table = tableNamed(context, pair.header);
    const header = await lockHeader(context, pair.header, id);
    if (!header) throw recordDoesNotExist(pair.header, id);
    // Recalculating writes the record and its lines: the caller must be allowed to write the record.
    requireAccess(context.caller, table, 'write', header);
    requireOpenForPricing(table, header);
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
