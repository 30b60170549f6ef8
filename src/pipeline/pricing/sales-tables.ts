/**
 * The four header/line pairs pricing works on, and how a line names its header. One table of data so
 * every step and action asks the same question the same way.
 */
import type { SalesHeaderTable, SalesLineTable } from '../../pricing/index.js';

export interface SalesPair {
  readonly header: SalesHeaderTable;
  readonly line: SalesLineTable;
  /** The line's lookup to its header, which is also the header's primary key column. */
  readonly parentColumn: string;
  /** The line's read-only copy of the header's `ispricelocked`, where the line table has one. */
  readonly lockMirror?: string;
}

export const SALES_PAIRS: readonly SalesPair[] = [
  { header: 'opportunity', line: 'opportunityproduct', parentColumn: 'opportunityid' },
  { header: 'quote', line: 'quotedetail', parentColumn: 'quoteid' },
  {
    header: 'salesorder',
    line: 'salesorderdetail',
    parentColumn: 'salesorderid',
    lockMirror: 'salesorderispricelocked',
  },
  { header: 'invoice', line: 'invoicedetail', parentColumn: 'invoiceid', lockMirror: 'invoiceispricelocked' },
];

export const HEADER_TABLES: readonly string[] = SALES_PAIRS.map((pair) => pair.header);
export const LINE_TABLES: readonly string[] = SALES_PAIRS.map((pair) => pair.line);

export function pairOfHeader(table: string): SalesPair | undefined {
  return SALES_PAIRS.find((pair) => pair.header === table);
}

export function pairOfLine(table: string): SalesPair | undefined {
  return SALES_PAIRS.find((pair) => pair.line === table);
}
