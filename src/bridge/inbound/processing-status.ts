/**
 * The order state a back-office processing status moves an order to (reference 2.6, "Processing
 * status -> Sales statuscode"). Where the two sources of the reference disagree, the prospect-to-cash
 * table decides: Delivered is Fulfilled/Complete, Partially Delivered Fulfilled/Partial, Partially
 * Invoiced and Invoiced are Invoiced. Active leaves the state alone.
 */
import { SalesOrderState, SalesOrderStatus } from '../../domain/metadata/named-states.js';
import { PROCESSING_STATUS } from '../../domain/metadata/tables/back-office-columns.js';

export interface OrderState {
  readonly statecode: number;
  readonly statuscode: number;
}

const SUBMITTED: OrderState = { statecode: SalesOrderState.Submitted, statuscode: SalesOrderStatus.InProgress };
const INVOICED: OrderState = { statecode: SalesOrderState.Invoiced, statuscode: SalesOrderStatus.Invoiced };

export const ORDER_STATE_OF_PROCESSING_STATUS: Readonly<Record<number, OrderState | undefined>> = {
  [PROCESSING_STATUS.active]: undefined,
  [PROCESSING_STATUS.confirmed]: SUBMITTED,
  [PROCESSING_STATUS.picked]: SUBMITTED,
  [PROCESSING_STATUS.partiallyDelivered]: {
    statecode: SalesOrderState.Fulfilled,
    statuscode: SalesOrderStatus.Partial,
  },
  [PROCESSING_STATUS.delivered]: { statecode: SalesOrderState.Fulfilled, statuscode: SalesOrderStatus.Complete },
  [PROCESSING_STATUS.partiallyInvoiced]: INVOICED,
  [PROCESSING_STATUS.invoiced]: INVOICED,
  [PROCESSING_STATUS.cancelled]: { statecode: SalesOrderState.Canceled, statuscode: SalesOrderStatus.NoMoney },
};

export function orderStateFor(processingStatus: number): OrderState | undefined {
  return ORDER_STATE_OF_PROCESSING_STATUS[processingStatus];
}
