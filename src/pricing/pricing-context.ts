/**
 * What every line of one record shares, worked out once per calculation: validated precisions, the
 * header's price list, the price lock and the `_base` conversion.
 */
import { PriceLevelState } from '../domain/metadata/named-states.js';
import { type BaseConversion, baseConversion } from './base-currency.js';
import { PricingErrorCode, type PricingErrorCodeValue } from './pricing-error-code.js';
import { computeListPrice, type ListPriceOutcome } from './pricing-method.js';
import type {
  CatalogPriceList,
  DiscountCalculationMethod,
  PriceListItem,
  PricingCatalog,
  PricingRecord,
  PricingSettings,
} from './pricing-types.js';

export interface PricingContext {
  readonly record: PricingRecord;
  readonly catalog: PricingCatalog;
  /** Decimals of `priceperunit` (organization `pricingdecimalprecision`). */
  readonly pricingPlaces: number;
  /** Decimals of every other money column (the record currency's `currencyprecision`). */
  readonly currencyPlaces: number;
  /** 30 Invalid Pricing Precision when a precision is outside 0..4 (it is then clamped). */
  readonly settingsError: PricingErrorCodeValue;
  readonly discountMethod: DiscountCalculationMethod;
  readonly priceListMandatory: boolean;
  /** `ispricelocked` on an order or invoice (the only tables that have it, reference 4.4). */
  readonly locked: boolean;
  readonly headerPriceList: CatalogPriceList | undefined;
  /** Why the header's price list cannot price: 2 not found, 3 inactive, 34 other currency; else 0. */
  readonly headerPriceListError: PricingErrorCodeValue;
  readonly base: BaseConversion;
  /**
   * Price per item, worked out on first use: every line of a product in a unit has the same catalog
   * price within one calculation. Internal memo; it changes no observable result.
   */
  readonly listPrices: Map<PriceListItem, ListPriceOutcome>;
}

export interface Precisions {
  readonly pricingPlaces: number;
  readonly currencyPlaces: number;
  readonly error: PricingErrorCodeValue;
}

const MAX_PLACES = 4;

const validPlaces = (places: number) => Number.isInteger(places) && places >= 0 && places <= MAX_PLACES;
const clampPlaces = (places: number) =>
  Number.isFinite(places) ? Math.min(MAX_PLACES, Math.max(0, Math.trunc(places))) : 2;

/** Both precisions are 0..4 in Orderline (reference 3.1; storage keeps money at 4 decimals). */
export function readPrecisions(settings: PricingSettings): Precisions {
  const error =
    validPlaces(settings.pricingdecimalprecision) && validPlaces(settings.currencyprecision)
      ? PricingErrorCode.None
      : PricingErrorCode.InvalidPricingPrecision;
  return {
    pricingPlaces: clampPlaces(settings.pricingdecimalprecision),
    currencyPlaces: clampPlaces(settings.currencyprecision),
    error,
  };
}

export function createPricingContext(
  record: PricingRecord,
  catalog: PricingCatalog,
  settings: PricingSettings,
): PricingContext {
  const precisions = readPrecisions(settings);
  let headerPriceList: CatalogPriceList | undefined;
  let headerPriceListError: PricingErrorCodeValue = PricingErrorCode.None;
  if (record.pricelevelid !== null) {
    headerPriceList = catalog.priceLists.get(record.pricelevelid);
    if (headerPriceList === undefined) headerPriceListError = PricingErrorCode.MissingPriceLevel;
    else if (headerPriceList.statecode !== PriceLevelState.Active)
      headerPriceListError = PricingErrorCode.InactivePriceLevel;
    else if (!sameCurrency(headerPriceList, record)) headerPriceListError = PricingErrorCode.InvalidPriceLevelCurrency;
  }
  return {
    record,
    catalog,
    pricingPlaces: precisions.pricingPlaces,
    currencyPlaces: precisions.currencyPlaces,
    settingsError: precisions.error,
    discountMethod: settings.discountcalculationmethod === 1 ? 1 : 0,
    priceListMandatory: settings.ispricelistmandatory,
    locked: record.ispricelocked && (record.table === 'salesorder' || record.table === 'invoice'),
    headerPriceList,
    headerPriceListError,
    base: baseConversion(record.exchangerate),
    listPrices: new Map(),
  };
}

/** The item's price per unit, from the context's memo. */
export function listPriceFor(item: PriceListItem, context: PricingContext): ListPriceOutcome {
  let outcome = context.listPrices.get(item);
  if (outcome === undefined) {
    const product = context.catalog.products.get(item.productid);
    outcome =
      product === undefined
        ? { price: undefined, error: PricingErrorCode.InvalidProduct }
        : computeListPrice(item, product, context.pricingPlaces);
    context.listPrices.set(item, outcome);
  }
  return outcome;
}

/** A price list prices a record only in the record's currency (reference 4.6, 5.2). */
export function sameCurrency(list: CatalogPriceList, record: PricingRecord): boolean {
  return (
    list.transactioncurrencyid === null ||
    record.transactioncurrencyid === null ||
    list.transactioncurrencyid === record.transactioncurrencyid
  );
}
