/** The outbox, its deliveries and the timeline are the server's record: clients read them, never write. */
import { DomainError } from '../domain/errors.js';
import type { WriteStep } from '../pipeline/write-step.js';

export const bridgeRecordsReadOnlyStep: WriteStep = {
  name: 'back-office bridge: outbox, deliveries and timeline are read-only',
  stage: 'preValidation',
  tables: ['ol_outboxevent', 'ol_delivery', 'ol_timelineentry'],
  messages: ['Create', 'Update', 'Delete'],
  run(context, operation) {
    // Deleting an order takes its timeline with it: a cascade the server runs, nested in that delete.
    if (operation.message === 'Delete' && operation.table.logicalName === 'ol_timelineentry' && context.depth > 0)
      return;
    throw new DomainError(
      'methodNotAllowed',
      `The ${operation.message} message is not supported for ${operation.table.logicalName}: the server writes these rows; use 'orderline outbox' to replay or purge.`,
    );
  },
};
