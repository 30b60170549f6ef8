/**
 * Checks on connector rows written through the API: a connector that could never deliver is refused
 * when it is written, not discovered at the first event. Deleting a connector dead-letters what it
 * still had to deliver, so nothing waits forever for a receiver that no longer exists.
 */
import { invalidArgument } from '../domain/errors.js';
import { CONNECTOR_KIND, PAYLOAD_FORMAT } from '../domain/metadata/tables/ol-connector.js';
import type { WriteStep } from '../pipeline/write-step.js';
import { deadLetterPendingOf } from '../storage/repositories/delivery-store.js';
import { secretListProblem } from './connectors/standard-webhooks.js';

function protocolOf(url: string): string | undefined {
  try {
    return new URL(url).protocol;
  } catch {
    return undefined;
  }
}

export const connectorRulesStep: WriteStep = {
  name: 'back-office bridge: connectors must be able to deliver',
  stage: 'preValidation',
  tables: ['ol_connector'],
  messages: ['Create', 'Update'],
  run(_context, { target, preImage }) {
    const row = { ...preImage, ...target };
    const kind = row.ol_kind;
    const url = String(row.ol_url ?? '');
    const protocol = protocolOf(url);
    if (kind === CONNECTOR_KIND.webhook) {
      if (protocol !== 'http:' && protocol !== 'https:') {
        throw invalidArgument(`ol_connector.ol_url must be an http:// or https:// URL for a webhook; got '${url}'.`);
      }
      const secret = target.ol_secret;
      if (typeof secret === 'string') {
        const problem = secretListProblem(secret);
        if (problem) throw invalidArgument(`ol_connector.ol_secret: ${problem}.`);
      }
    } else if (kind === CONNECTOR_KIND.amqp) {
      if (protocol !== 'amqp:' && protocol !== 'amqps:') {
        throw invalidArgument(`ol_connector.ol_url must be an amqp:// or amqps:// URL for RabbitMQ; got '${url}'.`);
      }
      if (new URL(url).password) {
        throw invalidArgument(
          'ol_connector.ol_url must not hold a password: put it in ol_secret, which is never read back.',
        );
      }
      if (row.ol_payloadformat === PAYLOAD_FORMAT.remoteExecutionContext) {
        throw invalidArgument('AMQP connectors carry the Orderline order document (ol_payloadformat 1).');
      }
    }
  },
};

export const connectorDeletedStep: WriteStep = {
  name: 'back-office bridge: a deleted connector dead-letters what it had left to deliver',
  stage: 'postOperation',
  tables: ['ol_connector'],
  messages: ['Delete'],
  async run(context, operation) {
    await deadLetterPendingOf(context.trx, operation.id, 'connector deleted');
    // Written around the record repository: rows of it this unit of work read are stale now.
    context.services.records.forgetRows(context.trx, context.services.metadata.table('ol_delivery')!);
    context.unitOfWork.touchedTables.add('ol_delivery');
  },
};
