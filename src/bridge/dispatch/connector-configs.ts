/** Reads connector rows, secrets included, for the dispatcher (never for the API). */

import type { MetadataRegistry } from '../../domain/metadata/metadata-registry.js';
import { ConnectorState } from '../../domain/metadata/named-states.js';
import type { RecordRepository } from '../../storage/record-repository.js';
import { allConnectorRows } from '../../storage/repositories/connector-store.js';
import type { Store } from '../../storage/store.js';
import type { ConnectorConfig } from '../connectors/connector.js';

export interface ConnectorRow {
  readonly config: ConnectorConfig;
  readonly active: boolean;
  readonly version: string;
}

export async function loadConnectors(
  store: Store,
  records: RecordRepository,
  metadata: MetadataRegistry,
): Promise<ConnectorRow[]> {
  const table = metadata.table('ol_connector')!;
  const stored = await allConnectorRows(store.db);
  return stored.map((raw) => {
    const row = records.decodeRow(table, raw);
    return {
      active: row.statecode === ConnectorState.Active,
      version: String(row.versionnumber),
      config: {
        id: String(row.ol_connectorid),
        name: String(row.ol_name),
        kind: Number(row.ol_kind),
        url: String(row.ol_url),
        secret: (row.ol_secret as string | null) ?? null,
        payloadFormat: Number(row.ol_payloadformat ?? 1),
        exchange: (row.ol_exchange as string | null) ?? null,
        timeoutMs: Number(row.ol_timeoutms ?? 10_000),
        retryHours: Number(row.ol_retryhours ?? 24),
      },
    };
  });
}
