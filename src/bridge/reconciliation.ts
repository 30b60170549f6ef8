/**
 * The reconciliation report (PRODUCT.md C5), the unbound function `ol_ReconciliationReport`: orders
 * handed to the back office but not acknowledged after N minutes, acknowledged orders whose
 * back-office total differs from Orderline's, deliveries dead-lettered, and events that had no
 * connector to go to. Readable by whoever may read the outbox (the security privilege group).
 */
import { formatDecimal } from '../domain/decimal.js';
import { DomainError, invalidArgument } from '../domain/errors.js';
import { DELIVERY_STATUS } from '../domain/metadata/tables/ol-delivery.js';
import { JsonNumber, RawJson } from '../odata/json/json-number.js';
import type { Writable } from '../odata/json/json-writer.js';
import type { OperationDefinition } from '../webapi/operation-registry.js';

const DEFAULT_MINUTES = 60;
const MAX_ROWS = 1_000;

function minutesParameter(value: unknown): number {
  if (value === undefined || value === null) return DEFAULT_MINUTES;
  if (!(value instanceof JsonNumber) || !/^\d+$/.test(value.text) || Number(value.text) > 525_600) {
    throw invalidArgument('UnacknowledgedMinutes must be a whole number of minutes from 0 to 525600.');
  }
  return Number(value.text);
}

const money = (value: unknown): Writable =>
  value === null || value === undefined ? null : new RawJson(formatDecimal(value as never));

export const reconciliationReport: OperationDefinition = {
  name: 'ol_ReconciliationReport',
  kind: 'function',
  parameters: [{ name: 'UnacknowledgedMinutes', type: 'Edm.Int32', optional: true }],
  // Served but not declared in $metadata, like EntityDefinitions: its shape is Orderline's, not Dataverse's.
  async execute({ context, parameters, serviceRoot }) {
    if (context.caller.user.access('security', 'read') === 'none') {
      throw new DomainError(
        'privilegeDenied',
        'The reconciliation report needs read access to the outbox (System Administrator, System Customizer or Sales Manager).',
      );
    }
    const minutes = minutesParameter(parameters.UnacknowledgedMinutes);
    const { trx, services } = context;
    const orders = services.metadata.table('salesorder')!;
    const cutoff = new Date(Date.now() - minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, 'Z');
    const unacknowledged = await trx
      .selectFrom('salesorder')
      .selectAll()
      .where('ol_submittedon', 'is not', null)
      .where('ol_acknowledgedon', 'is', null)
      .where('ol_submittedon', '<=', cutoff)
      .orderBy('ol_submittedon')
      .limit(MAX_ROWS)
      .execute();
    const differing = await trx
      .selectFrom('salesorder')
      .selectAll()
      .where('ol_acknowledgedon', 'is not', null)
      .where('ol_backofficetotalamount', 'is not', null)
      .where((eb) =>
        eb.or([eb('totalamount', 'is', null), eb('totalamount', '<>', eb.ref('ol_backofficetotalamount'))]),
      )
      .orderBy('ol_acknowledgedon')
      .limit(MAX_ROWS)
      .execute();
    const dead = await trx
      .selectFrom('ol_delivery as d')
      .leftJoin('ol_connector as c', 'c.ol_connectorid', 'd.ol_connectorid')
      .select([
        'd.ol_deliveryid',
        'd.ol_outboxeventid',
        'd.ol_eventtype',
        'd.ol_orderid',
        'd.ol_attempts',
        'd.ol_lasterror',
        'c.ol_name',
      ])
      .where('d.ol_status', '=', DELIVERY_STATUS.deadLettered)
      .orderBy('d.ol_sequence')
      .limit(MAX_ROWS)
      .execute();
    const undeliverable = await trx
      .selectFrom('ol_outboxevent')
      .select(['ol_outboxeventid', 'ol_eventtype', 'ol_orderid', 'createdon'])
      .where('ol_deliveries', '=', 0)
      .orderBy('ol_sequence')
      .limit(MAX_ROWS)
      .execute();
    const now = Date.now();
    return {
      '@odata.context': `${serviceRoot}$metadata#Edm.Untyped`,
      UnacknowledgedMinutes: minutes,
      Unacknowledged: unacknowledged.map((stored) => {
        const row = services.records.decodeRow(orders, stored);
        return {
          salesorderid: String(row.salesorderid),
          ordernumber: String(row.ordernumber ?? ''),
          ol_submittedon: String(row.ol_submittedon),
          MinutesWaiting: Math.floor((now - Date.parse(String(row.ol_submittedon))) / 60_000),
        };
      }),
      TotalsDiffer: differing.map((stored) => {
        const row = services.records.decodeRow(orders, stored);
        return {
          salesorderid: String(row.salesorderid),
          ordernumber: String(row.ordernumber ?? ''),
          ol_backofficeordernumber: (row.ol_backofficeordernumber as string | null) ?? null,
          totalamount: money(row.totalamount),
          ol_backofficetotalamount: money(row.ol_backofficetotalamount),
        };
      }),
      DeadLettered: dead.map((row) => ({
        ol_deliveryid: String(row.ol_deliveryid),
        ol_outboxeventid: String(row.ol_outboxeventid),
        ol_eventtype: String(row.ol_eventtype),
        salesorderid: String(row.ol_orderid),
        connector: row.ol_name === null ? null : String(row.ol_name),
        ol_attempts: Number(row.ol_attempts),
        ol_lasterror: row.ol_lasterror === null ? null : String(row.ol_lasterror),
      })),
      WithoutConnector: undeliverable.map((row) => ({
        ol_outboxeventid: String(row.ol_outboxeventid),
        ol_eventtype: String(row.ol_eventtype),
        salesorderid: String(row.ol_orderid),
      })),
    };
  },
};
