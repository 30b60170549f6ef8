/**
 * `ol_ReplayDeliveries` (issue #14): dead letters replayed from the Web API, one delivery or every dead
 * letter (of one connector, or of all), through the code path `orderline outbox replay` uses
 * (./replay-deliveries.ts), in the request's unit of work. Deliveries are read-only to clients, so this
 * takes the write privilege on ol_delivery, which only the System Administrator holds.
 */
import { DomainError, recordDoesNotExist } from '../../domain/errors.js';
import { DELIVERY_STATUS } from '../../domain/metadata/tables/ol-delivery.js';
import type { Message } from '../../pipeline/messages/message.js';
import { requireAccess } from '../../security/authorization.js';
import { type ReplayedDelivery, replayInUnitOfWork } from './replay-deliveries.js';

export interface ReplayDeadLettersInput {
  /** One dead-lettered delivery; omitted, every dead letter (of the connector, when given). */
  readonly deliveryId?: string;
  readonly connectorId?: string;
}

export const replayDeadLetters: Message<ReplayDeadLettersInput, ReplayedDelivery[]> = async (context, input) => {
  const { metadata, records } = context.services;
  const deliveries = metadata.table('ol_delivery')!;
  requireAccess(context.caller, deliveries, 'write');
  if (input.deliveryId) {
    const delivery = await records.find(context.trx, deliveries, input.deliveryId);
    if (!delivery) throw recordDoesNotExist(deliveries.logicalName, input.deliveryId);
    if (delivery.ol_status !== DELIVERY_STATUS.deadLettered) {
      throw new DomainError(
        'invalidState',
        `The delivery ${input.deliveryId} is not dead-lettered: only dead letters are replayed here (a pending delivery is still being retried, a delivered one was accepted).`,
      );
    }
  }
  if (input.connectorId) {
    const connectors = metadata.table('ol_connector')!;
    if (!(await records.find(context.trx, connectors, input.connectorId))) {
      throw recordDoesNotExist(connectors.logicalName, input.connectorId);
    }
  }
  return replayInUnitOfWork(
    context.unitOfWork,
    context.services,
    {
      ids: input.deliveryId ? [input.deliveryId] : [],
      deadLettered: !input.deliveryId,
      ...(input.connectorId ? { connectorId: input.connectorId } : {}),
      deadLetteredOnly: true,
    },
    { userId: context.caller.user.userId, description: context.caller.user.fullName },
  );
};
