/**
 * What the pricing engine reads and returns. Everything is a plain readonly object: the caller (the API
 * layer) gathers the stored columns and the catalog rows the engine needs, the engine never reads
 * storage (PRODUCT.md C2). Column-shaped fields keep their Dataverse logical names so the caller can map
 * them one to one; money, quantities and percentages are `Fixed` (see fixed.ts), the exchange rate is a
 * `Decimal` (12 decimals, reference 4.4).
 */
import type { Decimal } from '../domain/decimal.js';
import type { Fixed } from './fixed.js';
import type { PricingErrorCodeValue } from './pricing-error-code.js';
import type { PricingTrace } from './pricing-trace.js';

export type SalesHeaderTable = 'opportunity' | 'quote' | 'salesorder' | 'invoice';
export type SalesLineTable = 'opportunityproduct' | 'quotedetail' | 'salesorderdetail' | 'invoicedetail';
export type SalesTable = SalesHeaderTable | SalesLineTable;

/** `organization.discountcalculationmethod` (reference 3.1): 0 Line item, 1 Per unit. */
export type DiscountCalculationMethod = 0 | 1;

/** Organization settings and the record currency's precision (reference 3.1, 4.8). */
export interface PricingSettings {
  /** `organization.pricingdecimalprecision`, 0..4: precision of `priceperunit` and price-derived values. */
  readonly pricingdecimalprecision: number;
  readonly discountcalculationmethod: DiscountCalculationMethod;
  readonly ispricelistmandatory: boolean;
  /** `transactioncurrency.currencyprecision` of the record's currency, 0..4: every other money column. */
  readonly currencyprecision: number;
}

/** The header's stored pricing columns (reference 4.4). */
export interface PricingRecord {
  readonly table: SalesHeaderTable;
  readonly pricelevelid: string | null;
  readonly transactioncurrencyid: string | null;
  /** The record's rate (currency units per base unit): `x_base = x / exchangerate`. */
  readonly exchangerate: Decimal | null;
  /** 0..100, applied to the detail amount. */
  readonly discountpercentage: Fixed | null;
  readonly discountamount: Fixed | null;
  readonly freightamount: Fixed | null;
  /** Only salesorder and invoice have it (reference 5.7); ignored on the other tables. */
  readonly ispricelocked: boolean;
  /** Opportunity only: 1 System Calculated makes `estimatedvalue = totalamount` (PRODUCT.md C2). */
  readonly isrevenuesystemcalculated?: boolean;
}

/** A line's stored (or requested) columns (reference 4.5). */
export interface PricingLine {
  readonly productid: string | null;
  readonly uomid: string | null;
  /** 1 Write In: no price list lookup, the user's price is kept. */
  readonly isproductoverridden: boolean;
  /** 1 Override Price: no price list lookup, the user's price is kept. */
  readonly ispriceoverridden: boolean;
  readonly priceperunit: Fixed | null;
  readonly quantity: Fixed | null;
  readonly manualdiscountamount: Fixed | null;
  readonly tax: Fixed | null;
  /** As stored; kept on a price-locked record while the quantity does not change. */
  readonly volumediscountamount?: Fixed | null;
}

/** Why a line is being priced: decides what a price lock keeps (reference 5.1, 5.7). */
export interface LineChange {
  readonly operation: 'create' | 'update' | 'recalculate';
  /** Update only: the quantity differs from the stored one. */
  readonly quantityChanged?: boolean;
  /** Update only: the product or unit differs from the stored one (a locked line is then priced anew). */
  readonly productChanged?: boolean;
}

/** `product` columns used in price calculation (reference 4.6). */
export interface CatalogProduct {
  readonly productid: string;
  /** List price (method 2). */
  readonly price: Fixed | null;
  /** Methods 3 and 4. */
  readonly currentcost: Fixed | null;
  /** Methods 5 and 6. */
  readonly standardcost: Fixed | null;
  /** Default price list, used when the organization makes price lists optional. */
  readonly pricelevelid: string | null;
}

/** `productpricelevel` (price list item, reference 4.6). */
export interface PriceListItem {
  readonly productpricelevelid: string;
  readonly pricelevelid: string;
  readonly productid: string;
  readonly uomid: string;
  readonly pricingmethodcode: number | null;
  readonly amount: Fixed | null;
  readonly percentage: Fixed | null;
  readonly roundingpolicycode: number | null;
  readonly roundingoptioncode: number | null;
  readonly roundingoptionamount: Fixed | null;
  readonly discounttypeid: string | null;
  /** 1 No Control, 2 Whole, 3 Whole and Fractional. */
  readonly quantitysellingcode: number | null;
}

/** `pricelevel` with its items indexed by product (several units per product). */
export interface CatalogPriceList {
  readonly pricelevelid: string;
  /** 0 Active, 1 Inactive. */
  readonly statecode: number;
  readonly transactioncurrencyid: string | null;
  readonly items: ReadonlyMap<string, readonly PriceListItem[]>;
}

/** `discount`: one row of a discount list (reference 4.6). */
export interface DiscountRow {
  readonly discountid: string;
  readonly lowquantity: Fixed;
  readonly highquantity: Fixed;
  readonly amount: Fixed | null;
  readonly percentage: Fixed | null;
}

/** `discounttype` with its rows, ordered by `lowquantity`. */
export interface CatalogDiscountList {
  readonly discounttypeid: string;
  /** 1 Amount, 0 Percentage. */
  readonly isamounttype: boolean;
  /** 0 Active, 1 Inactive: an inactive list still applies (reference 5.1). */
  readonly statecode: number;
  readonly discounts: readonly DiscountRow[];
}

/** The catalog rows the caller gathered for the products on the record's lines. */
export interface PricingCatalog {
  readonly products: ReadonlyMap<string, CatalogProduct>;
  readonly priceLists: ReadonlyMap<string, CatalogPriceList>;
  readonly discountLists: ReadonlyMap<string, CatalogDiscountList>;
}

/** The stored line columns a header total depends on: enough to take a line out of the header sums. */
export interface LineAmounts {
  readonly baseamount: Fixed;
  readonly extendedamount: Fixed;
  readonly tax: Fixed;
  readonly pricingerrorcode: number;
}

/** The computed columns of one line, each rounded to its column's precision (reference 4.5, 4.8). */
export interface PricedLine extends LineAmounts {
  /** Pricing precision. */
  readonly priceperunit: Fixed;
  /** Per unit, currency precision. */
  readonly volumediscountamount: Fixed;
  /** The stored manual discount (per unit or per line, as the organization says), currency precision. */
  readonly manualdiscountamount: Fixed;
  readonly pricingerrorcode: PricingErrorCodeValue;
  /** `_base` twins, 4 decimals. */
  readonly priceperunit_base: Fixed;
  readonly volumediscountamount_base: Fixed;
  readonly baseamount_base: Fixed;
  readonly manualdiscountamount_base: Fixed;
  readonly tax_base: Fixed;
  readonly extendedamount_base: Fixed;
  readonly trace: PricingTrace;
}

export type LinePricingResult =
  | { readonly kind: 'priced'; readonly line: PricedLine }
  | { readonly kind: 'refused'; readonly reason: 'writeInOnPriceLockedRecord'; readonly message: string };

/**
 * The sums of line contributions a header total is computed from. The first three are the header's own
 * stored columns, so the storage layer keeps them on the header row and moves them by a line's delta;
 * `pricingerrorlinecount` (lines whose `pricingerrorcode` is not 0, for the header's Detail Error) needs
 * one internal column beside them.
 */
export interface HeaderAccumulator {
  /** Σ (extendedamount − tax): the detail amount. */
  readonly totallineitemamount: Fixed;
  /** Σ effective manual discount (M on a line-item basis, M × quantity per unit). */
  readonly totallineitemdiscountamount: Fixed;
  /** Σ tax. */
  readonly totaltax: Fixed;
  readonly pricingerrorlinecount: number;
}

/** The computed header columns (reference 4.4, 5.6), each rounded to its column's precision. */
export interface HeaderTotals {
  readonly totallineitemamount: Fixed;
  readonly totallineitemdiscountamount: Fixed;
  /** Not a column: the percent discount, rounded to the currency precision before it is subtracted. */
  readonly percentdiscountamount: Fixed;
  readonly discountamount: Fixed;
  readonly freightamount: Fixed;
  readonly totaldiscountamount: Fixed;
  readonly totalamountlessfreight: Fixed;
  readonly totaltax: Fixed;
  readonly totalamount: Fixed;
  /** Opportunity with `isrevenuesystemcalculated`: the system-calculated estimated revenue. */
  readonly estimatedvalue?: Fixed;
  readonly totallineitemamount_base: Fixed;
  readonly totallineitemdiscountamount_base: Fixed;
  readonly discountamount_base: Fixed;
  readonly freightamount_base: Fixed;
  readonly totaldiscountamount_base: Fixed;
  readonly totalamountlessfreight_base: Fixed;
  readonly totaltax_base: Fixed;
  readonly totalamount_base: Fixed;
  readonly estimatedvalue_base?: Fixed;
  readonly pricingerrorcode: PricingErrorCodeValue;
}

export interface RecalculationResult {
  /** One per input line, in the same order. */
  readonly lines: readonly PricedLine[];
  /** The header's new sums (store them with the totals). */
  readonly sums: HeaderAccumulator;
  readonly header: HeaderTotals;
}
