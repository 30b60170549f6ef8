/**
 * The `pricingerrorcode` option set (reference 4.7) by name. The engine reports missing or invalid
 * pricing data through these codes on the line and the header instead of throwing (PRODUCT.md C2).
 * Only the codes the engine can raise are named; the others exist in the option set but have no cause
 * in Orderline's model.
 */
export const PricingErrorCode = {
  None: 0,
  /** Header: at least one line carries an error. */
  DetailError: 1,
  MissingPriceLevel: 2,
  InactivePriceLevel: 3,
  MissingQuantity: 4,
  MissingUnitPrice: 5,
  MissingProduct: 6,
  InvalidProduct: 7,
  MissingPricingCode: 8,
  InvalidPricingCode: 9,
  MissingUom: 10,
  ProductNotInPriceLevel: 11,
  MissingPriceLevelAmount: 12,
  MissingPriceLevelPercentage: 13,
  MissingPrice: 14,
  MissingCurrentCost: 15,
  MissingStandardCost: 16,
  InvalidPriceLevelAmount: 17,
  InvalidPriceLevelPercentage: 18,
  InvalidPrice: 19,
  InvalidCurrentCost: 20,
  InvalidStandardCost: 21,
  InvalidRoundingPolicy: 22,
  InvalidRoundingOption: 23,
  InvalidRoundingAmount: 24,
  PriceCalculationError: 25,
  InvalidDiscountType: 26,
  InvalidDiscount: 28,
  InvalidQuantity: 29,
  InvalidPricingPrecision: 30,
  /** The price list's currency is not the record's. */
  InvalidPriceLevelCurrency: 34,
  PriceAttributeOutOfRange: 35,
  BaseCurrencyAttributeOverflow: 36,
  BaseCurrencyAttributeUnderflow: 37,
} as const;

export type PricingErrorCodeValue = (typeof PricingErrorCode)[keyof typeof PricingErrorCode];
