/**
 * The back-office bridge (issue #5, PRODUCT.md C5): write steps that queue outbox events and apply the
 * back office's answers, the dispatcher that delivers, connectors, and the operators' tools. Wired in
 * src/app.ts; the Web API serves the reconciliation report as a function.
 */
import type { WriteStep } from '../pipeline/write-step.js';
import { connectorDeletedStep, connectorRulesStep } from './connector-rules.js';
import { handOverStampStep, outboxStep } from './events/outbox-steps.js';
import {
  acknowledgementStep,
  type IgnoredWriteListener,
  invoiceArrivalStep,
  lineShippedTimelineStep,
  orderInvoicedStep,
  processingStatusStep,
  processingStatusTimelineStep,
  staleRevisionStep,
} from './inbound/inbound-steps.js';
import { bridgeRecordsReadOnlyStep } from './read-only-tables.js';
import { handOverWaitingEventsStep } from './waiting-events.js';

export function bridgeSteps(onIgnored?: IgnoredWriteListener): WriteStep[] {
  return [
    staleRevisionStep(onIgnored),
    processingStatusStep,
    acknowledgementStep,
    processingStatusTimelineStep,
    lineShippedTimelineStep,
    invoiceArrivalStep,
    orderInvoicedStep,
    handOverStampStep,
    outboxStep,
    connectorRulesStep,
    connectorDeletedStep,
    handOverWaitingEventsStep,
    bridgeRecordsReadOnlyStep,
  ];
}
