/**
 * The write steps every Orderline app registers, module by module, checked against the metadata and put
 * in the order of the step order table (src/pipeline/step-order.ts). Part of the composition root: the
 * one place that knows every module.
 */

import type { IgnoredWriteListener } from './bridge/inbound/inbound-steps.js';
import { bridgeSteps } from './bridge/index.js';
import type { MetadataRegistry } from './domain/metadata/metadata-registry.js';
import { changeTrackingTombstoneStep } from './pipeline/change-tracking/tombstone-step.js';
import { lifecycleSteps } from './pipeline/lifecycle/index.js';
import { pricingStepsWith } from './pipeline/pricing/index.js';
import { registerSteps } from './pipeline/register-steps.js';
import { coreWriteSteps } from './pipeline/steps/core-steps.js';
import type { PipelineStep } from './pipeline/write-step.js';
import type { CustomPricingModule } from './pricing/index.js';

export interface AppStepOptions {
  /** The custom pricing module, when one is configured (PRODUCT.md C2). */
  readonly customPricing?: CustomPricingModule;
  /** Told of each back-office write ignored as stale or repeated. */
  readonly onInboundIgnored?: IgnoredWriteListener;
}

export function appSteps(metadata: Pick<MetadataRegistry, 'table'>, options: AppStepOptions = {}): PipelineStep[] {
  return registerSteps(metadata, [
    ...coreWriteSteps,
    ...lifecycleSteps,
    ...pricingStepsWith(options.customPricing),
    changeTrackingTombstoneStep,
    ...bridgeSteps(options.onInboundIgnored),
  ]);
}
