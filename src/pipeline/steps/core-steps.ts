/** The steps of the data service itself, in the pipeline of every Orderline instance. */
import type { WriteStep } from '../write-step.js';
import { autoNumberStep } from './auto-number.js';
import { activeProductOnLinesStep, baseUnitStep, productInitialStateStep } from './catalog-rules.js';
import { computedNamesStep } from './computed-names.js';
import { currencyAndMoneyStep } from './currency-and-money.js';
import { defaultBusinessUnitStep } from './default-business-unit.js';
import { numberPrefixesStep } from './number-prefixes.js';
import { forgetOrganizationStep } from './organization-memo.js';
import { priceListItemProductNumberStep } from './price-list-item-product-number.js';
import { viewDefinitionStep } from './view-definition.js';

export const coreWriteSteps: readonly WriteStep[] = [
  autoNumberStep,
  productInitialStateStep,
  activeProductOnLinesStep,
  computedNamesStep,
  defaultBusinessUnitStep,
  currencyAndMoneyStep,
  baseUnitStep,
  forgetOrganizationStep,
  numberPrefixesStep,
  priceListItemProductNumberStep,
  viewDefinitionStep,
];
