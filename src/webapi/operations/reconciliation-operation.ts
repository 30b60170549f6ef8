/**
 * `ol_ReconciliationReport` (PRODUCT.md C5): the unbound function that serves the bridge's
 * reconciliation report as JSON, money as exact numbers.
 */

import { DEFAULT_UNACKNOWLEDGED_MINUTES, reconciliationReport } from '../../bridge/reconciliation.js';
import type { Decimal } from '../../domain/decimal.js';
import { formatDecimal } from '../../domain/decimal.js';
import { invalidArgument } from '../../domain/errors.js';
import { JsonNumber, type JsonValue, RawJson } from '../../odata/json/json-number.js';
import type { Writable } from '../../odata/json/json-writer.js';
import type { FunctionDefinition } from './operation-registry.js';

function minutesParameter(value: JsonValue | undefined): number {
  if (value === undefined || value === null) return DEFAULT_UNACKNOWLEDGED_MINUTES;
  if (!(value instanceof JsonNumber) || !/^\d+$/.test(value.text) || Number(value.text) > 525_600) {
    throw invalidArgument('UnacknowledgedMinutes must be a whole number of minutes from 0 to 525600.');
  }
  return Number(value.text);
}

const money = (value: Decimal | null): Writable => (value === null ? null : new RawJson(formatDecimal(value)));

export const reconciliationReportFunction: FunctionDefinition = {
  name: 'ol_ReconciliationReport',
  kind: 'function',
  parameters: [{ name: 'UnacknowledgedMinutes', type: 'Edm.Int32', optional: true }],
  // Served but not declared in $metadata: its shape is Orderline's, not Dataverse's.
  async execute({ context, parameters, serviceRoot }) {
    const unacknowledgedMinutes = minutesParameter(parameters.UnacknowledgedMinutes);
    const report = await reconciliationReport(context, { unacknowledgedMinutes });
    return {
      '@odata.context': `${serviceRoot}$metadata#Edm.Untyped`,
      UnacknowledgedMinutes: report.unacknowledgedMinutes,
      Unacknowledged: report.unacknowledged.map(({ minutesWaiting, ...order }) => ({
        ...order,
        MinutesWaiting: minutesWaiting,
      })),
      TotalsDiffer: report.totalsDiffer.map((order) => ({
        ...order,
        totalamount: money(order.totalamount),
        ol_backofficetotalamount: money(order.ol_backofficetotalamount),
      })),
      DeadLettered: report.deadLettered.map((delivery) => ({ ...delivery })),
      WithoutConnector: report.withoutConnector.map((event) => ({ ...event })),
    };
  },
};
