/**
 * The counters behind quote, order and invoice numbers (`ORD-01001-X7K2`): a row of `ol_counter` on
 * SQLite, where one writer at a time makes a row as good as a sequence, and a sequence on PostgreSQL,
 * where a row would be locked by each creating transaction until it commits.
 */
export type NumberCounter = 'quote' | 'salesorder' | 'invoice';

/** The first number each counter gives. */
export const FIRST_NUMBER = 1001;

export const NUMBER_COUNTERS: Readonly<Record<NumberCounter, { readonly row: string; readonly sequence: string }>> = {
  quote: { row: 'quotenumber', sequence: 'ol_quotenumber' },
  salesorder: { row: 'salesordernumber', sequence: 'ol_salesordernumber' },
  invoice: { row: 'invoicenumber', sequence: 'ol_invoicenumber' },
};
