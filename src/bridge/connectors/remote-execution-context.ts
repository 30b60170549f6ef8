/**
 * The Dataverse `RemoteExecutionContext` body (reference 8.2), for receivers written against Dataverse
 * webhooks: the order as the `Target` and the post-image of an asynchronous post-operation step, typed
 * values (`Money`, `OptionSetValue`, `EntityReference`, `/Date(ms)/`), and Orderline's whole document
 * (with the lines) in the shared variable `ol_document`.
 */
import type { MetadataRegistry } from '../../domain/metadata/metadata-registry.js';
import { isLookup } from '../../domain/metadata/metadata-registry.js';
import type { ColumnMetadata, TableMetadata } from '../../domain/metadata/table-metadata.js';
import { RawJson } from '../../odata/json/json-number.js';
import { type Writable, writeJson } from '../../odata/json/json-writer.js';
import type { OutboundEvent } from './connector.js';

const CONTRACTS = 'http://schemas.microsoft.com/xrm/2011/Contracts';

const MESSAGE_OF_CHANGE: Readonly<Record<string, string>> = {
  submitted: 'ol_SubmitSalesOrder',
  created: 'Create',
  updated: 'Update',
  deleted: 'Delete',
  test: 'ol_SendTestEvent',
};

function dateValue(text: string): string {
  return `/Date(${Date.parse(text.length === 10 ? `${text}T00:00:00Z` : text)})/`;
}

function typedValue(column: ColumnMetadata, value: Writable, entity: Record<string, Writable>): Writable {
  if (value === null || value === undefined) return null;
  switch (column.type) {
    case 'money':
      return { __type: `Money:${CONTRACTS}`, Value: value };
    case 'picklist':
    case 'state':
    case 'status':
      return { __type: `OptionSetValue:${CONTRACTS}`, Value: value };
    case 'datetime':
      return typeof value === 'string' ? dateValue(value) : value;
    case 'lookup':
    case 'customer':
    case 'owner': {
      const logicalName =
        column.type === 'customer'
          ? String(entity[`${column.name}type`] ?? column.targets[0]!.table)
          : column.targets[0]!.table;
      return {
        __type: `EntityReference:${CONTRACTS}`,
        Id: value,
        KeyAttributes: [],
        LogicalName: logicalName,
        Name: null,
        RowVersion: null,
      };
    }
    default:
      return value;
  }
}

function entityOf(
  table: TableMetadata,
  json: Record<string, Writable>,
  customerType: string | null,
): Record<string, Writable> {
  const attributes: Writable[] = [];
  const source: Record<string, Writable> = { ...json, ...(customerType ? { customeridtype: customerType } : {}) };
  for (const column of table.columns) {
    const key = isLookup(column) ? `_${column.name}_value` : column.name;
    if (!(key in json)) continue;
    attributes.push({ key: column.name, value: typedValue(column, json[key] ?? null, source) });
  }
  const id = json[table.primaryId] ?? null;
  return {
    __type: `Entity:${CONTRACTS}`,
    Attributes: attributes,
    EntityState: null,
    FormattedValues: [],
    Id: id,
    KeyAttributes: [],
    LogicalName: table.logicalName,
    RelatedEntities: [],
    RowVersion:
      json.versionnumber === undefined
        ? null
        : String(json.versionnumber instanceof RawJson ? json.versionnumber.text : json.versionnumber),
  };
}

export function remoteExecutionContext(metadata: MetadataRegistry, event: OutboundEvent): string {
  const envelope = event.envelope();
  const [recordType, change] = envelope.type.split('.') as [string, string];
  const table = metadata.table(recordType)!;
  const record = (envelope.data[recordType] ?? {}) as Record<string, Writable>;
  const customer = envelope.data.customer as Record<string, Writable> | null | undefined;
  const customerType =
    customer && typeof customer['@odata.type'] === 'string'
      ? (customer['@odata.type'] as string).replace('#Microsoft.Dynamics.CRM.', '')
      : null;
  const entity = entityOf(table, record, customerType);
  const recordId = String(record[table.primaryId] ?? envelope.orderId);
  const created = dateValue(envelope.timestamp);
  const context = {
    BusinessUnitId: null,
    CorrelationId: envelope.id,
    Depth: 1,
    InitiatingUserId: envelope.origin.userId,
    InputParameters: [{ key: 'Target', value: entity }],
    IsExecutingOffline: false,
    IsInTransaction: false,
    IsOfflinePlayback: false,
    IsolationMode: 1,
    MessageName: MESSAGE_OF_CHANGE[change] ?? 'Update',
    Mode: 1,
    OperationCreatedOn: created,
    OperationId: envelope.id,
    OrganizationId: event.organization.id,
    OrganizationName: event.organization.name,
    OutputParameters: [],
    OwningExtension: {
      __type: `EntityReference:${CONTRACTS}`,
      Id: envelope.id,
      KeyAttributes: [],
      LogicalName: 'sdkmessageprocessingstep',
      Name: 'Orderline back-office bridge',
      RowVersion: null,
    },
    ParentContext: null,
    PostEntityImages: change === 'deleted' ? [] : [{ key: 'PostImage', value: entity }],
    PreEntityImages: [],
    PrimaryEntityId: recordId,
    PrimaryEntityName: table.logicalName,
    RequestId: envelope.id,
    SecondaryEntityName: 'none',
    SharedVariables: [
      { key: 'ol_eventtype', value: envelope.type },
      { key: 'ol_sequence', value: envelope.sequence },
      { key: 'ol_document', value: event.document },
    ],
    Stage: 40,
    UserId: envelope.origin.userId,
  };
  return writeJson(context as unknown as Writable);
}
