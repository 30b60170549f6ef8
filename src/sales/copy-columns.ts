/**
 * What the Generate..., Convert..., Revise and Get...Products messages carry from one sales record to
 * the next (reference 6: "copying catalog and write-in products, prices/discounts, freight, totals,
 * tax"), as lists. A column is copied when both tables have it, so an opportunity (no addresses) and a
 * quote (no price lock) take what applies to them.
 */
import type { TableMetadata } from '../domain/metadata/table-metadata.js';

const ADDRESS_PARTS = [
  'name',
  'contactname',
  'line1',
  'line2',
  'line3',
  'city',
  'stateorprovince',
  'postalcode',
  'country',
  'telephone',
  'fax',
] as const;

/** Header columns: the deal, its terms, its totals (pricing may recompute them), its addresses. */
export const HEADER_COPY_COLUMNS: readonly string[] = [
  'name',
  'description',
  'customerid',
  'pricelevelid',
  'transactioncurrencyid',
  'discountpercentage',
  'discountamount',
  'freightamount',
  'totallineitemamount',
  'totallineitemdiscountamount',
  'totaldiscountamount',
  'totalamountlessfreight',
  'totaltax',
  'totalamount',
  'prioritycode',
  'paymenttermscode',
  'freighttermscode',
  'shippingmethodcode',
  'willcall',
  'requestdeliveryby',
  'shipto_freighttermscode',
  'ispricelocked',
  // Quote to quote (a revision): its validity.
  'effectivefrom',
  'effectiveto',
  'expireson',
  ...ADDRESS_PARTS.map((part) => `billto_${part}`),
  ...ADDRESS_PARTS.map((part) => `shipto_${part}`),
];

/** Line columns: the product or write-in, its price and amounts, its delivery details. */
export const LINE_COPY_COLUMNS: readonly string[] = [
  'productid',
  'isproductoverridden',
  'productdescription',
  'productname',
  'ispriceoverridden',
  'priceperunit',
  'quantity',
  'uomid',
  'volumediscountamount',
  'manualdiscountamount',
  'tax',
  'baseamount',
  'extendedamount',
  'lineitemnumber',
  'sequencenumber',
  'producttypecode',
  'parentbundleid',
  'productassociationid',
  'propertyconfigurationstatus',
  'description',
  'requestdeliveryby',
  'salesrepid',
  'willcall',
  'shipto_freighttermscode',
  'shipto_name',
  'shipto_line1',
  'shipto_city',
  'shipto_postalcode',
  'shipto_country',
];

/**
 * The column of the new line that points back at the line it was copied from (reference 4.5:
 * `salesorderdetail.quotedetailid`, `invoicedetail.salesorderdetailid`).
 */
export const LINE_ORIGIN_COLUMNS: Readonly<Record<string, { readonly from: string; readonly column: string }>> = {
  salesorderdetail: { from: 'quotedetail', column: 'quotedetailid' },
  invoicedetail: { from: 'salesorderdetail', column: 'salesorderdetailid' },
};

/** The names in `list` that both tables have. */
export function sharedColumns(source: TableMetadata, target: TableMetadata, list: readonly string[]): string[] {
  const has = (table: TableMetadata, name: string) => table.columns.some((column) => column.name === name);
  return list.filter((name) => has(source, name) && has(target, name));
}
