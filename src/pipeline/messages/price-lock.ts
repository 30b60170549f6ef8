/**
 * LockSalesOrderPricing, UnlockSalesOrderPricing, LockInvoicePricing and UnlockInvoicePricing
 * (reference 6): updates of `ispricelocked` through the write pipeline, so privileges and the lifecycle
 * apply, and the header pricing step re-prices the lines on unlock ("Use Current Pricing").
 */

import { tableNamed } from '../pricing/header-access.js';
import { updateRecord } from '../record-writer.js';
import type { Message } from './message.js';

export interface PriceLockInput {
  /** The order or invoice. */
  readonly id: string;
}

export function setPriceLock(table: 'salesorder' | 'invoice', locked: boolean): Message<PriceLockInput, void> {
  return async (context, input) => {
    await updateRecord(context, tableNamed(context, table), input.id, {
      attributes: { ispricelocked: locked },
      bindings: [],
    });
  };
}

export const lockSalesOrderPricing = setPriceLock('salesorder', true);
export const unlockSalesOrderPricing = setPriceLock('salesorder', false);
export const lockInvoicePricing = setPriceLock('invoice', true);
export const unlockInvoicePricing = setPriceLock('invoice', false);
