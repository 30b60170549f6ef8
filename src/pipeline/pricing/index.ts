/**
 * The pricing module of the write pipeline (issue #3): wires the pure engine of src/pricing into the
 * writes of the eight sales tables and adds the pricing actions. Registered in src/app.ts.
 */
import type { CustomPricingModule } from '../../pricing/index.js';
import type { OperationDefinition } from '../../webapi/operation-registry.js';
import type { WriteStep } from '../write-step.js';
import { customPricingSteps } from './custom-pricing-steps.js';
import { headerDeleteMarkerStep, headerPricingStep } from './header-pricing-steps.js';
import { lineDeletePricingStep, linePricingStep } from './line-pricing-steps.js';
import { pricingOperationsWith } from './pricing-operations.js';

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

export { pricingOperationsWith };

/** Without a custom module. */
export const pricingSteps: readonly WriteStep[] = pricingStepsWith();
export const pricingOperations: readonly OperationDefinition[] = pricingOperationsWith();
