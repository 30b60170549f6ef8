/**
 * Prices one line (reference 5.2-5.5, 5.7): price per unit, volume discount, amounts, `_base` columns,
 * `pricingerrorcode` and trace. It reads only the line, the record and the catalog rows for the line's
 * product, so adding, changing or deleting a line never touches the other lines (PRODUCT.md C2, "Cost").
 *
 * Missing or invalid data never throws: the line gets the first `pricingerrorcode` met (settings, then
 * price, then quantity, then discount, then range) and is still computed, with price 0 where the price
 * could not be determined, so the header totals stay consistent with the stored lines.
 */
import { moneyRangeExcess, toBase } from './base-currency.js';
import { FIXED_ZERO, type Fixed, isWholeFixed, roundFixed } from './fixed.js';
import { computeLineAmounts } from './line-amounts.js';
import { type PriceListItemResolution, priceListSource, resolvePriceListItem } from './price-list-item.js';
import { createPricingContext, listPriceFor, type PricingContext } from './pricing-context.js';
import { PricingErrorCode, type PricingErrorCodeValue } from './pricing-error-code.js';
import type { PriceSource, PricingTrace, VolumeDiscountSource } from './pricing-trace.js';
import type {
  CatalogDiscountList,
  DiscountRow,
  LineChange,
  LinePricingResult,
  PricedLine,
  PriceListItem,
  PricingCatalog,
  PricingLine,
  PricingRecord,
  PricingSettings,
} from './pricing-types.js';
import { findDiscountTier, volumeDiscountPerUnit } from './volume-discount.js';

export const RECALCULATE: LineChange = { operation: 'recalculate' };

const WRITE_IN_REFUSED: LinePricingResult = {
  kind: 'refused',
  reason: 'writeInOnPriceLockedRecord',
  message: 'Write-in products cannot be added while the prices of this record are locked.',
};

/** `quantitysellingcode` 2: whole quantities only. */
const WHOLE_QUANTITIES = 2;

/** Prices one line of a record; the entry point for a single line create or update. */
export function priceLine(
  line: PricingLine,
  record: PricingRecord,
  catalog: PricingCatalog,
  settings: PricingSettings,
  change: LineChange,
): LinePricingResult {
  return priceLineInContext(line, createPricingContext(record, catalog, settings), change);
}

/**
 * As `priceLine`, with the record's shared context already built. Refuses a write-in line created on a
 * price-locked order or invoice (reference 5.7); the caller turns the refusal into an error.
 */
export function priceLineInContext(line: PricingLine, context: PricingContext, change: LineChange): LinePricingResult {
  if (context.locked && line.isproductoverridden && change.operation === 'create') return WRITE_IN_REFUSED;
  return { kind: 'priced', line: computePricedLine(line, context, change) };
}

export function computePricedLine(line: PricingLine, context: PricingContext, change: LineChange): PricedLine {
  const pricingPlaces = context.pricingPlaces;
  const currencyPlaces = context.currencyPlaces;
  // Settings and rate problems first: they concern every line of the record.
  let error: PricingErrorCodeValue = context.settingsError || context.base.error;
  let priceSource: PriceSource;
  let item: PriceListItem | undefined;
  let price: Fixed = FIXED_ZERO;
  let volume: Fixed = FIXED_ZERO;
  let volumeSource: VolumeDiscountSource = 'none';
  let discountList: CatalogDiscountList | undefined;
  let discount: DiscountRow | undefined;
  let keepVolume = false;

  // 1. Price per unit.
  if (line.isproductoverridden || line.ispriceoverridden) {
    // Write-in or overridden price: the user's price, no price list lookup (reference 5.5).
    priceSource = line.isproductoverridden ? 'writeIn' : 'overridden';
    if (line.priceperunit === null) {
      if (error === 0) error = PricingErrorCode.MissingUnitPrice;
    } else {
      price = roundFixed(line.priceperunit, pricingPlaces);
    }
  } else {
    // A price lock keeps the agreed price of an existing line; a new line (or a new product on the
    // line) has no agreed price yet and takes the catalog's. The volume discount still follows the
    // quantity (reference 5.1, 5.7).
    const keepPrice =
      context.locked && line.priceperunit !== null && change.operation !== 'create' && change.productChanged !== true;
    const storedVolume = line.volumediscountamount ?? null;
    keepVolume = keepPrice && change.quantityChanged !== true && storedVolume !== null;
    const resolution: PriceListItemResolution =
      keepPrice && keepVolume ? undefined : resolvePriceListItem(line, context);
    if (keepPrice) {
      priceSource = 'locked';
      price = roundFixed(line.priceperunit!, pricingPlaces);
    } else {
      priceSource = 'noPriceList';
    }
    if (typeof resolution === 'number') {
      if (!keepPrice) priceSource = 'error';
      if (error === 0) error = resolution;
    } else if (resolution !== undefined) {
      item = resolution;
      if (!keepPrice) {
        const outcome = listPriceFor(item, context);
        if (outcome.price !== undefined) {
          price = outcome.price;
          priceSource = priceListSource(item, context);
        } else {
          priceSource = 'error';
          if (error === 0) error = outcome.error;
        }
      }
    }
    if (keepVolume) {
      volume = roundFixed(storedVolume!, currencyPlaces);
      volumeSource = 'kept';
    }
  }

  // 2. Quantity.
  const quantity = line.quantity ?? FIXED_ZERO;
  if (line.quantity === null) {
    if (error === 0) error = PricingErrorCode.MissingQuantity;
  } else if (item !== undefined && item.quantitysellingcode === WHOLE_QUANTITIES && !isWholeFixed(quantity)) {
    if (error === 0) error = PricingErrorCode.InvalidQuantity;
  }

  // 3. Volume discount from the item's discount list (reference 5.4).
  if (!keepVolume && item !== undefined && item.discounttypeid !== null && priceSource !== 'error') {
    discountList = context.catalog.discountLists.get(item.discounttypeid);
    if (discountList === undefined) {
      if (error === 0) error = PricingErrorCode.InvalidDiscountType;
    } else {
      discount = findDiscountTier(discountList, quantity);
      if (discount === undefined) {
        volumeSource = 'noTier';
      } else {
        const perUnit = volumeDiscountPerUnit(discountList, discount, price, currencyPlaces);
        if (perUnit === undefined) {
          if (error === 0) error = PricingErrorCode.InvalidDiscount;
          volumeSource = 'noTier';
        } else {
          volume = perUnit;
          volumeSource = 'tier';
        }
      }
    }
  }

  // 4. Amounts (reference 5.5) and `_base` columns (reference 4.8).
  const manualdiscountamount =
    line.manualdiscountamount === null ? FIXED_ZERO : roundFixed(line.manualdiscountamount, currencyPlaces);
  const tax = line.tax === null ? FIXED_ZERO : roundFixed(line.tax, currencyPlaces);
  const amounts = computeLineAmounts(
    price,
    volume,
    quantity,
    manualdiscountamount,
    tax,
    context.discountMethod,
    currencyPlaces,
  );
  const base = context.base;
  const priceperunit_base = toBase(price, base);
  const volumediscountamount_base = toBase(volume, base);
  const baseamount_base = toBase(amounts.baseamount, base);
  const manualdiscountamount_base = toBase(manualdiscountamount, base);
  const tax_base = toBase(tax, base);
  const extendedamount_base = toBase(amounts.extendedamount, base);

  // 5. Range of the money columns (reference 4.8).
  if (error === 0) {
    if (
      moneyRangeExcess(price) !== 0 ||
      moneyRangeExcess(amounts.baseamount) !== 0 ||
      moneyRangeExcess(amounts.extendedamount) !== 0
    ) {
      error = PricingErrorCode.PriceAttributeOutOfRange;
    } else {
      const excess =
        moneyRangeExcess(priceperunit_base) ||
        moneyRangeExcess(baseamount_base) ||
        moneyRangeExcess(extendedamount_base) ||
        moneyRangeExcess(volumediscountamount_base);
      if (excess !== 0) {
        error =
          excess > 0 ? PricingErrorCode.BaseCurrencyAttributeOverflow : PricingErrorCode.BaseCurrencyAttributeUnderflow;
      }
    }
  }

  const trace: PricingTrace = {
    priceSource,
    priceListItem: item,
    volumeDiscount: volumeSource,
    discountList,
    discount,
    discountCalculationMethod: context.discountMethod,
    pricingerrorcode: error,
  };
  return {
    priceperunit: price,
    volumediscountamount: volume,
    baseamount: amounts.baseamount,
    manualdiscountamount,
    tax,
    extendedamount: amounts.extendedamount,
    pricingerrorcode: error,
    priceperunit_base,
    volumediscountamount_base,
    baseamount_base,
    manualdiscountamount_base,
    tax_base,
    extendedamount_base,
    trace,
  };
}

/**
 * Performance, not behaviour. V8 gives each field of an object shape one representation. Once a priced
 * line holds a money value that is not a small integer, its field turns "double" and from then on every
 * store boxes the value in a fresh heap number, small values included: with 13 money fields that is
 * about 200 bytes per line and most of a recalculation's garbage-collection time. Pricing one line whose
 * values are all bigints (which `Fixed` allows) when the module loads makes the fields "tagged" from the
 * start, where small integers are stored unboxed. Results are unchanged; allocation per line halves
 * (measured with bench/pricing.bench.ts).
 */
function primeLineShape(): void {
  const huge = (digits: bigint) => (10n ** digits) as Fixed;
  const lockedOrder: PricingRecord = {
    table: 'salesorder',
    pricelevelid: null,
    transactioncurrencyid: null,
    exchangerate: null,
    discountpercentage: null,
    discountamount: null,
    freightamount: null,
    ispricelocked: true,
  };
  const emptyCatalog: PricingCatalog = { products: new Map(), priceLists: new Map(), discountLists: new Map() };
  const context = createPricingContext(lockedOrder, emptyCatalog, {
    pricingdecimalprecision: 2,
    discountcalculationmethod: 0,
    ispricelistmandatory: true,
    currencyprecision: 2,
  });
  computePricedLine(
    {
      productid: 'prime',
      uomid: 'prime',
      isproductoverridden: false,
      ispriceoverridden: false,
      // Distinct magnitudes so that every computed column (amounts, `_base` twins) is a bigint too.
      priceperunit: huge(25n),
      quantity: huge(20n),
      manualdiscountamount: huge(24n),
      tax: huge(23n),
      volumediscountamount: huge(22n),
    },
    context,
    RECALCULATE,
  );
}
primeLineShape();
