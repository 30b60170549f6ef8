/**
 * When system price calculation runs, per table and operation: the seed's matrix (reference 1.5) as one
 * data table. Every "skip" condition of the seed has the form SOP ∧ (fact ∨ fact ...), so a cell is the
 * list of facts that, with the order processing integration on, skip the calculation; an empty list is
 * "always calculate", and 'n/a' marks the cells the seed leaves empty (a header is not deleted through
 * pricing, a line is not recalculated on its own).
 *
 * The asymmetries are the seed's and are kept as written: an order's Recalculate looks only at SUB, an
 * order line's Delete only at IU, an order's Create only at IU.
 */
import type { SalesTable } from './pricing-types.js';

export type PricingOperation = 'create' | 'update' | 'delete' | 'recalculate';

/** The facts a skip decision reads. */
export interface SkipFacts {
  /** SOP: `organization.issopintegrationenabled`. */
  readonly sopEnabled: boolean;
  /** IU: the calling user's `isintegrationuser`. */
  readonly integrationUser: boolean;
  /** SUB: the order is Submitted (SalesOrderState.Submitted): the record's own state for salesorder, the parent order's for salesorderdetail; false elsewhere. */
  readonly orderSubmitted: boolean;
}

export type SkipFact = 'integrationUser' | 'orderSubmitted';

/** A cell: 'n/a', or the facts that skip the calculation when SOP is on (none: always calculate). */
export type SkipRule = 'n/a' | { readonly skipWhenSopAnd: readonly SkipFact[] };

const always: SkipRule = { skipWhenSopAnd: [] };
const ifIU: SkipRule = { skipWhenSopAnd: ['integrationUser'] };
const ifSUB: SkipRule = { skipWhenSopAnd: ['orderSubmitted'] };
const ifSUBorIU: SkipRule = { skipWhenSopAnd: ['orderSubmitted', 'integrationUser'] };

/** Reference 1.5, row by row. */
export const skipMatrix: Readonly<Record<SalesTable, Readonly<Record<PricingOperation, SkipRule>>>> = {
  opportunity: { create: always, update: always, delete: 'n/a', recalculate: always },
  quote: { create: always, update: always, delete: 'n/a', recalculate: always },
  salesorder: { create: ifIU, update: ifSUBorIU, delete: 'n/a', recalculate: ifSUB },
  invoice: { create: ifIU, update: ifIU, delete: 'n/a', recalculate: ifIU },
  opportunityproduct: { create: always, update: always, delete: always, recalculate: 'n/a' },
  quotedetail: { create: always, update: always, delete: always, recalculate: 'n/a' },
  salesorderdetail: { create: ifSUBorIU, update: ifSUBorIU, delete: ifIU, recalculate: 'n/a' },
  invoicedetail: { create: ifIU, update: ifIU, delete: ifIU, recalculate: 'n/a' },
};

/** true: calculate; false: skip; 'not-applicable': the seed has no such cell. */
export function shouldCalculatePrice(
  table: SalesTable,
  operation: PricingOperation,
  facts: SkipFacts,
): boolean | 'not-applicable' {
  const rule = skipMatrix[table][operation];
  if (rule === 'n/a') return 'not-applicable';
  if (!facts.sopEnabled) return true;
  return !rule.skipWhenSopAnd.some((fact) => facts[fact]);
}
