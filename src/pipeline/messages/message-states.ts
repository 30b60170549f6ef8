/**
 * The states and statuses the Sales messages move records to, as the bare numbers of the tables' state
 * declarations (src/domain/metadata/tables/), gathered so that each message's target reads in one place
 * and named states can replace the numbers here. A status of -1 is the target state's default status.
 */

export const OPPORTUNITY_STATE = { won: 1, lost: 2 } as const;

export const QUOTE_STATE = { active: 1, won: 2, closed: 3 } as const;
/** ReviseQuote closes the original as Closed / Revised. */
export const QUOTE_REVISED = { state: 3, status: 7 } as const;

export const SALES_ORDER_STATE = { submitted: 1, canceled: 2, fulfilled: 3 } as const;
/** ol_SubmitSalesOrder: Submitted / In Progress, as PATCH statecode 1 / statuscode 3 does it. */
export const SALES_ORDER_SUBMITTED = { state: 1, status: 3 } as const;
/** ConvertSalesOrderToInvoice: Invoiced / Invoiced. */
export const SALES_ORDER_INVOICED = { state: 4, status: 100003 } as const;

export const PRODUCT_STATE = { retired: 1 } as const;
/** PublishProductHierarchy: Active / Active. */
export const PRODUCT_PUBLISHED = { state: 0, status: 1 } as const;
/** The product states PublishProductHierarchy activates: Draft and Under Revision. */
export const PRODUCT_PUBLISHABLE: ReadonlySet<number> = new Set([2, 3]);
