/**
 * What `orderline import` and `orderline export` move, per kind: the table, its CSV columns (Dataverse
 * column names, in the order export writes them; an import may give any of them, in any order), and
 * the natural key that names a row, so that importing a file again updates the rows it named the first
 * time instead of duplicating them. Lookup columns hold the natural key of the row they point to
 * (natural-keys.ts).
 */

export const IMPORT_KINDS = ['products', 'pricelists', 'pricelistitems'] as const;
export const EXPORT_KINDS = [...IMPORT_KINDS, 'orders'] as const;

export type ImportKindName = (typeof IMPORT_KINDS)[number];
export type ExportKindName = (typeof EXPORT_KINDS)[number];

export interface TransferKind {
  readonly name: ExportKindName;
  /** Logical name of the table. */
  readonly table: string;
  readonly columns: readonly string[];
  /** Columns that together name one row. */
  readonly key: readonly string[];
}

export const TRANSFER_KINDS: Readonly<Record<ExportKindName, TransferKind>> = {
  products: {
    name: 'products',
    table: 'product',
    columns: [
      'productnumber',
      'name',
      'description',
      'producttypecode',
      'defaultuomscheduleid',
      'defaultuomid',
      'pricelevelid',
      'price',
      'currentcost',
      'standardcost',
      'quantitydecimal',
      'vendorname',
      'vendorpartnumber',
      'validfromdate',
      'validtodate',
    ],
    key: ['productnumber'],
  },
  pricelists: {
    name: 'pricelists',
    table: 'pricelevel',
    columns: ['name', 'transactioncurrencyid', 'begindate', 'enddate', 'description'],
    key: ['name'],
  },
  pricelistitems: {
    name: 'pricelistitems',
    table: 'productpricelevel',
    columns: [
      'pricelevelid',
      'productid',
      'uomid',
      'pricingmethodcode',
      'amount',
      'percentage',
      'discounttypeid',
      'quantitysellingcode',
      'roundingpolicycode',
      'roundingoptioncode',
      'roundingoptionamount',
    ],
    // Sales keeps one price per product and unit in a price list.
    key: ['pricelevelid', 'productid', 'uomid'],
  },
  orders: {
    name: 'orders',
    table: 'salesorder',
    columns: [
      'ordernumber',
      'name',
      'customerid',
      'customeridtype',
      'pricelevelid',
      'transactioncurrencyid',
      'ownerid',
      'statecode',
      'statuscode',
      'totallineitemamount',
      'totaldiscountamount',
      'freightamount',
      'totaltax',
      'totalamount',
      'submitdate',
      'datefulfilled',
      'createdon',
    ],
    key: ['ordernumber'],
  },
};

export function isImportKind(name: string): name is ImportKindName {
  return (IMPORT_KINDS as readonly string[]).includes(name);
}

export function isExportKind(name: string): name is ExportKindName {
  return (EXPORT_KINDS as readonly string[]).includes(name);
}
