/**
 * The pricing module of the write pipeline (issue #3): wires the pure engine of src/pricing into the
 * writes of the eight sales tables. Registered in src/app.ts; the pricing messages are in
 * src/pipeline/messages, served as actions by the Web API's pricing operation bindings.
 */
import type { CustomPricingModule } from '../../pricing/index.js';
import type { WriteStep } from '../write-step.js';
import { customPricingSteps } from './custom-pricing-steps.js';
import { headerDeleteMarkerStep, headerPricingStep } from './header-pricing-steps.js';
import { lineDeletePricingStep, linePricingStep } from './line-pricing-steps.js';

export { loadCustomPricingModule } from './load-custom-module.js';

/** The steps with the custom module, when one is configured (it runs only while system pricing is off). */
export function pricingStepsWith(customModule?: CustomPricingModule): readonly WriteStep[] {
  return [
    headerDeleteMarkerStep,
    headerPricingStep,
    linePricingStep,
    lineDeletePricingStep,
    ...(customModule ? customPricingSteps(customModule) : []),
  ];
}

/** Without a custom module. */
export const pricingSteps: readonly WriteStep[] = pricingStepsWith();
