import type { ExecutionContext } from './execution-context.js';
import { measureStep } from './telemetry.js';
import type { Stage, WriteOperation, WriteStep } from './write-step.js';

/** Steps of one stage that apply to an operation, in execution order. */
export function stepsFor(steps: readonly WriteStep[], stage: Stage, operation: WriteOperation): WriteStep[] {
  return steps
    .filter(
      (step) =>
        step.stage === stage &&
        step.messages.includes(operation.message) &&
        (!step.tables || step.tables.includes(operation.table.logicalName)),
    )
    .sort((a, b) => (a.order ?? 0) - (b.order ?? 0));
}

export async function runStage(context: ExecutionContext, stage: Stage, operation: WriteOperation): Promise<void> {
  for (const step of stepsFor(context.services.steps, stage, operation)) {
    await measureStep(context, stage, step.name, operation.table.logicalName, () => step.run(context, operation));
    // A step found the write changes nothing (a repeated Submit, a replayed revision): nothing after it runs.
    if (operation.unchanged) return;
  }
}
