/**
 * The sales lifecycle module (issue #4): its write steps, registered in src/app.ts. The rules themselves
 * (state machines, the integration switch, what messages copy) are data in src/sales; the Sales messages
 * are in src/pipeline/messages, served as actions by the Web API's sales operation bindings.
 */
import type { PipelineStep } from '../write-step.js';
import { associationAuditStep, auditLogStep, auditReadOnlyStep } from './audit-log.js';
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
