/**
 * `ORDERLINE_WEBHOOK_URL` and `ORDERLINE_WEBHOOK_SECRET` (PRODUCT.md, "The contract"): at start they
 * register, or bring up to date, the connector named `default`, so the quick start needs no API call.
 */
import { ConnectorState, ConnectorStatus } from '../domain/metadata/named-states.js';
import { CONNECTOR_KIND, PAYLOAD_FORMAT } from '../domain/metadata/tables/ol-connector.js';
import type { PipelineServices } from '../pipeline/execution-context.js';
import { createRecord, updateRecord } from '../pipeline/record-writer.js';
import { inUnitOfWork } from '../pipeline/unit-of-work.js';
import type { Caller } from '../security/principal.js';
import { ADVISORY_LOCK, takeTurnsInTransaction } from '../storage/advisory-locks.js';
import { connectorIdByName } from '../storage/repositories/connector-store.js';

export const DEFAULT_CONNECTOR_NAME = 'default';

export async function registerDefaultWebhook(
  services: PipelineServices,
  system: Caller,
  url: string,
  secret: string | undefined,
): Promise<void> {
  const table = services.metadata.table('ol_connector')!;
  await inUnitOfWork(services, system, async (context) => {
    // Processes starting together on one PostgreSQL would both find no connector and both create one,
    // and the later insert would fail on the unique name: they take turns (SQLite's writes already do).
    await takeTurnsInTransaction(services.store.dialect, context.trx, ADVISORY_LOCK.defaultConnector);
    const existing = await connectorIdByName(context.trx, DEFAULT_CONNECTOR_NAME);
    const attributes = {
      ol_kind: CONNECTOR_KIND.webhook,
      ol_url: url,
      ol_secret: secret ?? null,
      ol_payloadformat: PAYLOAD_FORMAT.orderDocument,
    };
    if (existing) {
      await updateRecord(
        context,
        table,
        existing,
        {
          attributes: {
            ...attributes,
            statecode: ConnectorState.Active,
            statuscode: ConnectorStatus.Active,
            ol_disabledreason: null,
          },
          bindings: [],
        },
        {},
        { asSystem: true },
      );
    } else {
      await createRecord(
        context,
        table,
        { attributes: { ol_name: DEFAULT_CONNECTOR_NAME, ...attributes }, bindings: [] },
        { asSystem: true },
      );
    }
  });
}
