/**
 * GenerateQuoteFromOpportunity, GenerateSalesOrderFromOpportunity and GenerateInvoiceFromOpportunity
 * (reference 6): a new record copied from an open opportunity (the deal, terms and totals), linked back
 * to it, with the opportunity's products as its lines.
 */

import type { MessageName, StateMachine } from '../../sales/state-machine.js';
import { invoiceMachine, opportunityMachine, quoteMachine, salesorderMachine } from '../../sales/state-machines.js';
import { copyHeader, copyLines, lineTableOf, loadRecord, requireSource, tableOf } from '../lifecycle/sales-records.js';
import type { CreatedRecord, Message } from './message.js';

export interface GenerateFromOpportunityInput {
  readonly opportunityId: string;
}

export function generateFromOpportunity(
  name: MessageName,
  target: StateMachine,
): Message<GenerateFromOpportunityInput, CreatedRecord> {
  return async (context, input) => {
    const opportunities = tableOf(context, 'opportunity');
    const targetTable = tableOf(context, target.table.logicalName);
    const opportunity = await loadRecord(context, opportunities, input.opportunityId);
    requireSource(opportunityMachine, name, opportunity);
    const created = await copyHeader(context, opportunities, opportunity, targetTable, {
      opportunityid: opportunity.opportunityid!,
    });
    const source = opportunity.opportunityid as string;
    await copyLines(
      context,
      lineTableOf(context, opportunityMachine),
      source,
      lineTableOf(context, target),
      created.row,
    );
    return { logicalName: targetTable.logicalName, id: created.id };
  };
}

export const generateQuoteFromOpportunity = generateFromOpportunity('GenerateQuoteFromOpportunity', quoteMachine);
export const generateSalesOrderFromOpportunity = generateFromOpportunity(
  'GenerateSalesOrderFromOpportunity',
  salesorderMachine,
);
export const generateInvoiceFromOpportunity = generateFromOpportunity('GenerateInvoiceFromOpportunity', invoiceMachine);
