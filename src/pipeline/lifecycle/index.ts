/**
 * The sales lifecycle module (issue #4): its write steps and its Web API operations, registered in
 * src/app.ts. The rules themselves (state machines, the integration switch, what messages copy) are
 * data in src/sales.
 */
import type { OperationDefinition } from '../../webapi/operation-registry.js';
import type { PipelineStep } from '../write-step.js';
import { associationAuditStep, auditLogStep, auditReadOnlyStep } from './audit-log.js';
import { lifecycleOperations as operations } from './lifecycle-operations.js';
import { integrationSwitchStep, salesLineLifecycleStep, salesRecordLifecycleStep } from './lifecycle-steps.js';
import { linesFollowStateStep, newLineStateStep } from './line-state-mirror.js';

export const lifecycleSteps: readonly PipelineStep[] = [
  salesRecordLifecycleStep,
  salesLineLifecycleStep,
  integrationSwitchStep,
  newLineStateStep,
  linesFollowStateStep,
  auditReadOnlyStep,
  auditLogStep,
  associationAuditStep,
];

export const lifecycleOperations: readonly OperationDefinition[] = operations;
