/**
 * "Send a test event" (issue #14): an outbox event about a connector, delivered to that connector only,
 * through the very path an order's events take (the dispatcher, webhook signing or an AMQP publish, the
 * retries and the dead-lettering), so a receiver proves it verifies what Orderline really sends. It is
 * about no order: its `orderId` is its own id (so it never queues behind an order's events, nor another
 * test's), it writes no timeline entry, and no connector added later is handed it.
 */
import { randomUUID } from 'node:crypto';
import { DELIVERY_STATUS } from '../../domain/metadata/tables/ol-delivery.js';
import type { Row } from '../../domain/record.js';
import { writeJson } from '../../odata/json/json-writer.js';
import type { ExecutionContext } from '../../pipeline/execution-context.js';
import type { EventEnvelope } from './event-types.js';

export const TEST_EVENT_TYPE = 'ol_connector.test';

export interface TestEventTarget {
  readonly id: string;
  readonly name: string;
}

export interface WrittenTestEvent {
  readonly eventId: string;
  readonly deliveryId: string;
}

export async function writeTestEvent(context: ExecutionContext, connector: TestEventTarget): Promise<WrittenTestEvent> {
  const { metadata } = context.services;
  const userId = context.caller.user.userId;
  const onBehalfOf = context.caller.onBehalfOf?.userId ?? null;
  const authorship: Row = {
    createdby: userId,
    modifiedby: userId,
    createdonbehalfby: onBehalfOf,
    modifiedonbehalfby: onBehalfOf,
  };
  const eventId = randomUUID();
  const deliveryId = randomUUID();
  const createdAt = String(Date.now());
  let sequence = '';
  const eventRow = (version: string): Row => {
    sequence = version;
    const envelope: EventEnvelope = {
      id: eventId,
      type: TEST_EVENT_TYPE,
      timestamp: new Date().toISOString(),
      sequence,
      orderId: eventId,
      origin: { userId, integrationUser: context.caller.user.isIntegrationUser, backOfficeRevision: null },
      data: {
        ol_connector: { ol_connectorid: connector.id, ol_name: connector.name },
        message: `A test event sent to the connector ${connector.name} by ${context.caller.user.fullName}. It is about no order.`,
      },
    };
    return {
      ol_outboxeventid: eventId,
      ...authorship,
      ol_sequence: sequence,
      ol_eventtype: TEST_EVENT_TYPE,
      ol_orderid: eventId,
      ol_recordtype: 'ol_connector',
      ol_recordid: connector.id,
      ol_recordversion: null,
      ol_document: writeJson({ ...envelope, origin: { ...envelope.origin } }),
      // Given its one delivery now: a connector added later is never handed it (src/bridge/waiting-events.ts).
      ol_deliveries: 1,
    };
  };
  await context.unitOfWork.systemWrite.insert([
    { table: metadata.table('ol_outboxevent')!, build: eventRow },
    {
      table: metadata.table('ol_delivery')!,
      build: () => ({
        ol_deliveryid: deliveryId,
        ...authorship,
        ol_outboxeventid: eventId,
        ol_connectorid: connector.id,
        ol_orderid: eventId,
        ol_sequence: sequence,
        ol_eventtype: TEST_EVENT_TYPE,
        ol_status: DELIVERY_STATUS.pending,
        ol_attempts: 0,
        ol_createdat: createdAt,
        ol_nextattemptat: createdAt,
        ol_leaseuntil: null,
      }),
    },
  ]);
  return { eventId, deliveryId };
}
