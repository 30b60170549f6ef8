/**
 * The custom pricing hook (reference 5.8, PRODUCT.md C2): when the organization turns system pricing off
 * (`oobpricecalculationenabled = 0`), the module named in configuration is called instead of the engine,
 * at the same trigger points (a record or line created, updated or deleted, or RecalculatePrice), and
 * subject to the same skip matrix. Dataverse's equivalent is a synchronous post-operation plug-in on
 * `CalculatePrice`; here the module is a plain function that receives the record and all its lines
 * (no service calls back into Orderline, so no recursion guard is needed) and returns the values to
 * write.
 *
 * Values are `Decimal` at this boundary: a module is written by a user, for whom our decimal type is
 * the familiar one; the caller rounds what the module returns to each column's precision and derives
 * the `_base` columns through the record's exchange rate, as for system pricing.
 */
import type { Decimal } from '../domain/decimal.js';
import type { DiscountCalculationMethod, SalesHeaderTable, SalesLineTable, SalesTable } from './pricing-types.js';
import type { PricingOperation } from './skip-matrix.js';

/** The record (opportunity, quote, order or invoice) as stored, with the columns pricing uses typed. */
export interface CustomPricingRecord {
  readonly table: SalesHeaderTable;
  readonly id: string;
  /** The sample of reference 5.8 only prices records in state 0 (Open, Draft, Active). */
  readonly statecode: number;
  readonly pricelevelid: string | null;
  readonly transactioncurrencyid: string | null;
  readonly exchangerate: Decimal | null;
  readonly discountpercentage: Decimal | null;
  readonly discountamount: Decimal | null;
  readonly freightamount: Decimal | null;
  readonly ispricelocked: boolean;
  readonly isrevenuesystemcalculated?: boolean;
  /** Every stored column of the row, by logical name, for rules on other (custom) columns. */
  readonly columns: Readonly<Record<string, unknown>>;
}

export interface CustomPricingLine {
  readonly table: SalesLineTable;
  readonly id: string;
  readonly productid: string | null;
  readonly uomid: string | null;
  readonly isproductoverridden: boolean;
  readonly ispriceoverridden: boolean;
  readonly priceperunit: Decimal | null;
  readonly quantity: Decimal | null;
  readonly manualdiscountamount: Decimal | null;
  readonly tax: Decimal | null;
  readonly volumediscountamount: Decimal | null;
  readonly baseamount: Decimal | null;
  readonly extendedamount: Decimal | null;
  readonly columns: Readonly<Record<string, unknown>>;
}

export interface CustomPricingRequest {
  /** What triggered the call: the record itself or one of its lines (`CalculatePriceRequest.Target`). */
  readonly target: { readonly table: SalesTable; readonly id: string };
  readonly operation: PricingOperation;
  readonly record: CustomPricingRecord;
  /** All lines of the record after the operation (a deleted line is no longer among them). */
  readonly lines: readonly CustomPricingLine[];
  readonly settings: {
    readonly pricingdecimalprecision: number;
    readonly currencyprecision: number;
    readonly discountcalculationmethod: DiscountCalculationMethod;
  };
}

export type CustomPricedHeaderColumn =
  | 'totallineitemamount'
  | 'totallineitemdiscountamount'
  | 'discountamount'
  | 'totaldiscountamount'
  | 'totalamountlessfreight'
  | 'totaltax'
  | 'totalamount'
  | 'freightamount'
  | 'estimatedvalue';

export type CustomPricedLineColumn =
  | 'priceperunit'
  | 'volumediscountamount'
  | 'baseamount'
  | 'manualdiscountamount'
  | 'tax'
  | 'extendedamount';

/** Only the columns present are written; the others keep their stored value. */
export type CustomPricedHeader = Partial<Readonly<Record<CustomPricedHeaderColumn, Decimal>>> & {
  readonly pricingerrorcode?: number;
};
export type CustomPricedLine = Partial<Readonly<Record<CustomPricedLineColumn, Decimal>>> & {
  readonly id: string;
  readonly pricingerrorcode?: number;
};

export interface CustomPricingResult {
  readonly record?: CustomPricedHeader;
  readonly lines?: readonly CustomPricedLine[];
}

export interface CustomPricingModule {
  /** Shown in logs and in the pricing trace. */
  readonly name: string;
  calculatePrice(request: CustomPricingRequest): CustomPricingResult | Promise<CustomPricingResult>;
}

/** For the loader: does a module's export have the shape of a custom pricing module? */
export function isCustomPricingModule(value: unknown): value is CustomPricingModule {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { name?: unknown; calculatePrice?: unknown };
  return typeof candidate.name === 'string' && typeof candidate.calculatePrice === 'function';
}
