/**
 * GetQuoteProductsFromOpportunity, GetSalesOrderProductsFromOpportunity and
 * GetInvoiceProductsFromOpportunity (reference 6): the opportunity's products copied as lines of an
 * existing record of the same currency.
 */
import type { StateMachine } from '../../sales/state-machine.js';
import { invoiceMachine, opportunityMachine, quoteMachine, salesorderMachine } from '../../sales/state-machines.js';
import { copyLines, lineTableOf, loadRecord, requireSameCurrency, tableOf } from '../lifecycle/sales-records.js';
import type { Message } from './message.js';

export interface ProductsFromOpportunityInput {
  readonly opportunityId: string;
  /** The quote, order or invoice that receives the lines. */
  readonly recordId: string;
}

export function productsFromOpportunity(target: StateMachine): Message<ProductsFromOpportunityInput, void> {
  return async (context, input) => {
    const opportunities = tableOf(context, 'opportunity');
    const targetTable = tableOf(context, target.table.logicalName);
    const opportunity = await loadRecord(context, opportunities, input.opportunityId);
    const header = await loadRecord(context, targetTable, input.recordId);
    requireSameCurrency(opportunities, opportunity, targetTable, header);
    // The lines' own lifecycle step refuses them if the record is not editable (a quote not in Draft...).
    await copyLines(
      context,
      lineTableOf(context, opportunityMachine),
      opportunity.opportunityid as string,
      lineTableOf(context, target),
      header,
    );
  };
}

export const getQuoteProductsFromOpportunity = productsFromOpportunity(quoteMachine);
export const getSalesOrderProductsFromOpportunity = productsFromOpportunity(salesorderMachine);
export const getInvoiceProductsFromOpportunity = productsFromOpportunity(invoiceMachine);
