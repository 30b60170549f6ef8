import type { ExecutionContext } from './execution-context.js';
import { measureStep } from './telemetry.js';
import type { AssociationOperation, PipelineStep, Stage, WriteOperation } from './write-step.js';

type Operation = WriteOperation | AssociationOperation;

/**
 * Steps of one stage that apply to an operation, in execution order: the order of the list, which the
 * app arranged at start by the step order table (step-order.ts).
 */
function stepsFor(steps: readonly PipelineStep[], stage: Stage, operation: Operation): PipelineStep[] {
  return steps.filter(
    (step) =>
      step.stage === stage &&
      (step.messages as readonly string[]).includes(operation.message) &&
      (!step.tables || step.tables.includes(operation.table.logicalName)),
  );
}

/**
 * The same, worked out once per step list, stage, message and table: the lists are fixed when an app
 * starts, and every write asks three times.
 */
const selections = new WeakMap<readonly PipelineStep[], Map<string, readonly PipelineStep[]>>();

export function selectedSteps(
  steps: readonly PipelineStep[],
  stage: Stage,
  operation: Operation,
): readonly PipelineStep[] {
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

export async function runStage(context: ExecutionContext, stage: Stage, operation: Operation): Promise<void> {
  for (const step of selectedSteps(context.services.steps, stage, operation)) {
    // Selected by message: a step registered for Associate gets an association, any other a record write.
    const run = step.run as (context: ExecutionContext, operation: Operation) => Promise<void> | void;
    await measureStep(context, stage, step.name, operation.table.logicalName, () => run(context, operation));
    // A step found the write changes nothing (a repeated Submit, a replayed revision): nothing after it runs.
    if (operation.unchanged) return;
  }
}
