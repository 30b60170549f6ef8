/**
 * Reads the catalog rows the engine needs for a set of lines, and nothing more: the lines' products,
 * the header's price list and the products' default price lists, their items for those products only,
 * and the discount lists those items name (five queries, whatever the number of lines). Product names
 * come along for the lines' `productname`.
 */
import { DiscountTypeState, PriceLevelState } from '../../domain/metadata/named-states.js';
import type { Row } from '../../domain/record.js';
import {
  buildPricingCatalog,
  type CatalogDiscountList,
  type CatalogPriceList,
  type CatalogProduct,
  type DiscountRow,
  FIXED_ZERO,
  type PriceListItem,
  type PricingCatalog,
} from '../../pricing/index.js';
import { rowsWithValueIn } from '../../storage/rows-by-column.js';
import type { ExecutionContext } from '../execution-context.js';
import { fixedOf } from './convert.js';

export interface LoadedCatalog {
  readonly catalog: PricingCatalog;
  readonly productNames: ReadonlyMap<string, string>;
}

const idsOf = (values: Iterable<unknown>): string[] => [
  ...new Set([...values].filter((value): value is string => typeof value === 'string')),
];

async function rowsWhereIn(
  context: ExecutionContext,
  tableName: string,
  column: string,
  ids: readonly string[],
  also?: { readonly column: string; readonly values: readonly string[] },
): Promise<Row[]> {
  const { metadata, records } = context.services;
  const table = metadata.table(tableName)!;
  // The second filter is small (the price lists of one record): it is not chunked.
  const stored = await rowsWithValueIn(context.trx, table, column, ids, also);
  return stored.map((row) => records.decodeRow(table, row));
}

const text = (value: unknown): string | null => (typeof value === 'string' ? value : null);
const numberOrNull = (value: unknown): number | null => (typeof value === 'number' ? value : null);

function productOf(row: Row): CatalogProduct {
  return {
    productid: row.productid as string,
    price: fixedOf(row.price),
    currentcost: fixedOf(row.currentcost),
    standardcost: fixedOf(row.standardcost),
    pricelevelid: text(row.pricelevelid),
  };
}

function priceListOf(row: Row): Omit<CatalogPriceList, 'items'> {
  return {
    pricelevelid: row.pricelevelid as string,
    statecode: Number(row.statecode ?? PriceLevelState.Active),
    transactioncurrencyid: text(row.transactioncurrencyid),
  };
}

function itemOf(row: Row): PriceListItem {
  return {
    productpricelevelid: row.productpricelevelid as string,
    pricelevelid: row.pricelevelid as string,
    productid: row.productid as string,
    uomid: row.uomid as string,
    pricingmethodcode: numberOrNull(row.pricingmethodcode),
    amount: fixedOf(row.amount),
    percentage: fixedOf(row.percentage),
    roundingpolicycode: numberOrNull(row.roundingpolicycode),
    roundingoptioncode: numberOrNull(row.roundingoptioncode),
    roundingoptionamount: fixedOf(row.roundingoptionamount),
    discounttypeid: text(row.discounttypeid),
    quantitysellingcode: numberOrNull(row.quantitysellingcode),
  };
}

function discountListOf(row: Row): Omit<CatalogDiscountList, 'discounts'> {
  return {
    discounttypeid: row.discounttypeid as string,
    isamounttype: row.isamounttype === true,
    statecode: Number(row.statecode ?? DiscountTypeState.Active),
  };
}

function discountOf(row: Row): DiscountRow & { readonly discounttypeid: string } {
  return {
    discountid: row.discountid as string,
    discounttypeid: row.discounttypeid as string,
    lowquantity: fixedOf(row.lowquantity) ?? FIXED_ZERO,
    highquantity: fixedOf(row.highquantity) ?? FIXED_ZERO,
    amount: fixedOf(row.amount),
    percentage: fixedOf(row.percentage),
  };
}

export async function loadPricingCatalog(
  context: ExecutionContext,
  productIds: Iterable<unknown>,
  headerPriceListId: unknown,
): Promise<LoadedCatalog> {
  const products = await rowsWhereIn(context, 'product', 'productid', idsOf(productIds));
  const listIds = idsOf([headerPriceListId, ...products.map((product) => product.pricelevelid)]);
  const priceLists = await rowsWhereIn(context, 'pricelevel', 'pricelevelid', listIds);
  const items = await rowsWhereIn(
    context,
    'productpricelevel',
    'productid',
    products.map((product) => product.productid as string),
    { column: 'pricelevelid', values: listIds },
  );
  const discountListIds = idsOf(items.map((item) => item.discounttypeid));
  const discountLists = await rowsWhereIn(context, 'discounttype', 'discounttypeid', discountListIds);
  const discounts = await rowsWhereIn(context, 'discount', 'discounttypeid', discountListIds);
  const catalog = buildPricingCatalog({
    products: products.map(productOf),
    priceLists: priceLists.map(priceListOf),
    priceListItems: items.map(itemOf),
    discountLists: discountLists.map(discountListOf),
    discounts: discounts.map(discountOf),
  });
  const productNames = new Map(products.map((product) => [product.productid as string, String(product.name ?? '')]));
  return { catalog, productNames };
}
