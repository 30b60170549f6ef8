/**
 * The order as a `salesorder.*` event carries it: the order and its lines as Web API JSON, its customer
 * and its currency. Kept as the exact JSON it arrived as, so every amount copied from it is copied
 * digit for digit.
 */
import { InvalidEventError, type JsonRecord } from './orderline-event.js';

export interface OrderDocument {
  readonly salesorder: JsonRecord;
  readonly salesorderdetails: readonly JsonRecord[];
  readonly customer: JsonRecord | null;
  readonly transactioncurrency: JsonRecord | null;
}

const isRecord = (value: unknown): value is JsonRecord =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

export function readOrderDocument(data: JsonRecord): OrderDocument {
  const { salesorder, salesorderdetails, customer, transactioncurrency } = data;
  if (!isRecord(salesorder) || typeof salesorder.salesorderid !== 'string') {
    throw new InvalidEventError('the event carries no salesorder');
  }
  if (!Array.isArray(salesorderdetails) || !salesorderdetails.every(isRecord)) {
    throw new InvalidEventError('the event carries no salesorderdetails list');
  }
  return {
    salesorder,
    salesorderdetails,
    customer: isRecord(customer) ? customer : null,
    transactioncurrency: isRecord(transactioncurrency) ? transactioncurrency : null,
  };
}

/** A lookup's id as the Web API returns it (`_<name>_value`), or null. */
export function lookupId(row: JsonRecord, name: string): string | null {
  const value = row[`_${name}_value`];
  return typeof value === 'string' ? value : null;
}
