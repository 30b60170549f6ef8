/**
 * Columns the back-office bridge adds to orders, invoices and their lines (PRODUCT.md C5, issue #5).
 * They are Orderline's own (`ol_` prefix): Dataverse's dual-write columns (`msdyn_processingstatus`…)
 * carry option values we cannot confirm, so these are documented instead of guessed.
 */
import { backOffice, datetime, decimal, money, picklist, readOnly, string } from '../columns.js';
import type { ColumnMetadata } from '../table-metadata.js';

/**
 * The processing status the back office reports (reference 2.6), and the order state it moves the
 * order to (reference 2.6, "Processing status -> Sales statuscode"); see src/bridge/inbound/.
 */
export const PROCESSING_STATUS = {
  active: 1,
  confirmed: 2,
  picked: 3,
  partiallyDelivered: 4,
  delivered: 5,
  partiallyInvoiced: 6,
  invoiced: 7,
  cancelled: 8,
} as const;

/** The labels of the processing statuses (the order's column and the timeline entries that record one). */
export const PROCESSING_STATUS_LABELS: Readonly<Record<number, string>> = {
  1: 'Active',
  2: 'Confirmed',
  3: 'Picked',
  4: 'Partially Delivered',
  5: 'Delivered',
  6: 'Partially Invoiced',
  7: 'Invoiced',
  8: 'Cancelled',
};

export const processingStatusColumn = picklist(
  'ol_processingstatus',
  'Processing Status',
  PROCESSING_STATUS_LABELS,
  backOffice,
);

/**
 * The back office's revision of the row it writes. An inbound write whose revision is not above the
 * stored one is stale or a replay: it is ignored and reported, so a looping back office cannot move
 * an order backwards. Fifteen digits: a counter or a millisecond timestamp both fit.
 */
export const backOfficeRevisionColumn = decimal(
  'ol_backofficerevision',
  'Back Office Revision',
  { precision: 0, min: '0', max: '999999999999999' },
  backOffice,
);

/**
 * On orders: the hand-over and the back office's acknowledgement. The back office's own values are
 * written by integration users only: anyone else could forge an acknowledgement, or a revision so high
 * that every later write of the real back office would be ignored as stale.
 */
export function backOfficeOrderColumns(): ColumnMetadata[] {
  return [
    processingStatusColumn,
    backOfficeRevisionColumn,
    string('ol_backofficeordernumber', 'Back Office Order Number', 100, backOffice),
    ...money('ol_backofficetotalamount', 'Back Office Total Amount', backOffice),
    datetime('ol_submittedon', 'Handed to Back Office On', readOnly),
    datetime('ol_acknowledgedon', 'Acknowledged On', readOnly),
  ];
}
