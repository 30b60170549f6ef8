import type { ExecutionContext } from './execution-context.js';
import { measureStep } from './telemetry.js';
import type { Stage, WriteOperation, WriteStep } from './write-step.js';

/**
 * Steps of one stage that apply to an operation, in execution order: the order of the list, which the
 * app arranged at start by the step order table (step-order.ts).
 */
function stepsFor(steps: readonly WriteStep[], stage: Stage, operation: WriteOperation): WriteStep[] {
  return steps.filter(
    (step) =>
      step.stage === stage &&
      step.messages.includes(operation.message) &&
      (!step.tables || step.tables.includes(operation.table.logicalName)),
  );
}

/**
 * The same, worked out once per step list, stage, message and table: the lists are fixed when an app
 * starts, and every write asks three times.
 */
const selections = new WeakMap<readonly WriteStep[], Map<string, readonly WriteStep[]>>();

export function selectedSteps(
  steps: readonly WriteStep[],
  stage: Stage,
  operation: WriteOperation,
): readonly WriteStep[] {
  let byKey = selections.get(steps);
  if (!byKey) {
    byKey = new Map();
    selections.set(steps, byKey);
  }
  const key = `${stage} ${operation.message} ${operation.table.logicalName}`;
  let selected = byKey.get(key);
  if (!selected) {
    selected = stepsFor(steps, stage, operation);
    byKey.set(key, selected);
  }
  return selected;
}

export async function runStage(context: ExecutionContext, stage: Stage, operation: WriteOperation): Promise<void> {
  for (const step of selectedSteps(context.services.steps, stage, operation)) {
    await measureStep(context, stage, step.name, operation.table.logicalName, () => step.run(context, operation));
    // A step found the write changes nothing (a repeated Submit, a replayed revision): nothing after it runs.
    if (operation.unchanged) return;
  }
}
