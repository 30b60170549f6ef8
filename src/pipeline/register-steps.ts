/**
 * What the app does with its write steps at start: check each step's tables against the metadata, as
 * operations are checked when `$metadata` is built, and put the steps in the order of the step order
 * table. A step whose `tables` names a table the metadata does not have would otherwise never run, and
 * nothing would say so.
 */
import type { MetadataRegistry } from '../domain/metadata/metadata-registry.js';
import { inStepOrder } from './step-order.js';
import type { PipelineStep } from './write-step.js';

/** Throws, naming every step and table, when a step runs on a table the metadata does not have. */
export function checkStepTables(metadata: Pick<MetadataRegistry, 'table'>, steps: readonly PipelineStep[]): void {
  const problems = steps.flatMap((step) =>
    (step.tables ?? [])
      .filter((table) => metadata.table(table) === undefined)
      .map((table) => `'${step.name}' names table '${table}'`),
  );
  if (problems.length > 0) {
    throw new Error(`Write steps name tables the metadata does not have: ${problems.join('; ')}`);
  }
}

/** The steps checked and in execution order, for `PipelineServices.steps`. */
export function registerSteps(
  metadata: Pick<MetadataRegistry, 'table'>,
  steps: readonly PipelineStep[],
): PipelineStep[] {
  checkStepTables(metadata, steps);
  return inStepOrder(steps);
}
