import { integer, memo, picklist, string } from '../columns.js';
import { defineTable, state } from '../define-table.js';
import type { StringColumn } from '../table-metadata.js';

export const CONNECTOR_KIND = { webhook: 1, amqp: 2 } as const;
export const PAYLOAD_FORMAT = { orderDocument: 1, remoteExecutionContext: 2 } as const;

/**
 * The signing secrets of a webhook (`whsec_…`, several separated by spaces while a key is rotated) or
 * the password of an AMQP connection. Written through the API, never read back.
 */
const secret: StringColumn = { ...memo('ol_secret', 'Secret', 4000), writeOnly: true };

/**
 * A connector (PRODUCT.md C5): where the dispatcher delivers outbox events. Managed through the Web API
 * by System Administrators; `ORDERLINE_WEBHOOK_URL` / `ORDERLINE_WEBHOOK_SECRET` register one at start.
 * A receiver answering 410 Gone deactivates its connector (statecode 1) with the reason; events wait,
 * pending, until it is activated again.
 */
export const ol_connector = defineTable({
  logicalName: 'ol_connector',
  entitySetName: 'ol_connectors',
  schemaName: 'ol_Connector',
  displayName: 'Back Office Connector',
  displayCollectionName: 'Back Office Connectors',
  primaryName: 'ol_name',
  ownership: 'organization',
  privilegeGroup: 'security',
  alternateKeys: [['ol_name']],
  states: [state(0, 'Active', 1, { 1: 'Active' }), state(1, 'Inactive', 2, { 2: 'Inactive' })],
  columns: [
    string('ol_name', 'Name', 100, { required: 'system' }),
    picklist('ol_kind', 'Kind', { 1: 'Webhook', 2: 'AMQP (RabbitMQ)' }, { required: 'system' }),
    string('ol_url', 'URL', 2000, { required: 'system' }),
    secret,
    picklist(
      'ol_payloadformat',
      'Payload Format',
      { 1: 'Orderline order document', 2: 'Dataverse RemoteExecutionContext' },
      { default: 1 },
    ),
    string('ol_exchange', 'AMQP Exchange', 255),
    integer('ol_timeoutms', 'Timeout (ms)', { min: 100, max: 120_000, default: 10_000 }),
    integer('ol_retryhours', 'Retry For (hours)', { min: 0, max: 24 * 30, default: 24 }),
    memo('ol_disabledreason', 'Disabled Reason', 2000),
  ],
});
