/**
 * The order state a back-office processing status moves an order to (reference 2.6, "Processing
 * status -> Sales statuscode"). Where the two sources of the reference disagree, the prospect-to-cash
 * table decides: Delivered is Fulfilled/Complete, Partially Delivered Fulfilled/Partial, Partially
 * Invoiced and Invoiced are Invoiced. Active leaves the state alone.
 */
import { PROCESSING_STATUS } from '../../domain/metadata/tables/back-office-columns.js';

export interface OrderState {
  readonly statecode: number;
  readonly statuscode: number;
}

const SUBMITTED: OrderState = { statecode: 1, statuscode: 3 };

export const ORDER_STATE_OF_PROCESSING_STATUS: Readonly<Record<number, OrderState | undefined>> = {
  [PROCESSING_STATUS.active]: undefined,
  [PROCESSING_STATUS.confirmed]: SUBMITTED,
  [PROCESSING_STATUS.picked]: SUBMITTED,
  [PROCESSING_STATUS.partiallyDelivered]: { statecode: 3, statuscode: 100002 },
  [PROCESSING_STATUS.delivered]: { statecode: 3, statuscode: 100001 },
  [PROCESSING_STATUS.partiallyInvoiced]: { statecode: 4, statuscode: 100003 },
  [PROCESSING_STATUS.invoiced]: { statecode: 4, statuscode: 100003 },
  [PROCESSING_STATUS.cancelled]: { statecode: 2, statuscode: 4 },
};

export function orderStateFor(processingStatus: number): OrderState | undefined {
  return ORDER_STATE_OF_PROCESSING_STATUS[processingStatus];
}
