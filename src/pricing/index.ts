/** The pricing engine's public surface (PRODUCT.md C2). Pure functions over exact decimals, no I/O. */
export { type BaseConversion, baseConversion, toBase } from './base-currency.js';
export { buildPricingCatalog, type CatalogRows } from './catalog.js';
export * from './custom-pricing.js';
export {
  addFixed,
  compareFixed,
  FIXED_SCALE,
  FIXED_ZERO,
  type Fixed,
  fixed,
  fixedDecimalPlaces,
  fixedFromDecimal,
  fixedFromScaled,
  fixedToDecimal,
  fixedToScaled,
  fixedToString,
  roundFixed,
  subtractFixed,
} from './fixed.js';
export {
  applyLineDelta,
  EMPTY_HEADER_ACCUMULATOR,
  lineContribution,
  sumLineContributions,
} from './header-accumulator.js';
export { computeHeaderTotals } from './header-totals.js';
export { type ComputedLineAmounts, computeLineAmounts } from './line-amounts.js';
export { priceLine, priceLineInContext, RECALCULATE } from './price-line.js';
export { type PriceListItemResolution, resolvePriceListItem } from './price-list-item.js';
export { createPricingContext, type PricingContext } from './pricing-context.js';
export { PricingErrorCode, type PricingErrorCodeValue } from './pricing-error-code.js';
export { computeListPrice, PricingMethod, type PricingMethodCode } from './pricing-method.js';
export {
  describePricingTrace,
  type PriceSource,
  type PricingTrace,
  type VolumeDiscountSource,
} from './pricing-trace.js';
export type * from './pricing-types.js';
export { recalculate } from './recalculate.js';
export { RoundingOption, RoundingPolicy, type RoundingRule, readRoundingRule, roundPrice } from './rounding.js';
export {
  type PricingOperation,
  type SkipFact,
  type SkipFacts,
  type SkipRule,
  shouldCalculatePrice,
  skipMatrix,
} from './skip-matrix.js';
export { findDiscountTier, volumeDiscountPerUnit } from './volume-discount.js';
