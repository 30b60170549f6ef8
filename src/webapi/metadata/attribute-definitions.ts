/**
 * `AttributeMetadata` of each column (Learn: AttributeMetadata and its derived types), derived from the
 * column's metadata. The write rules map onto `IsValidForCreate`/`IsValidForUpdate`: a column only the
 * server writes (`writtenBy: 'system'`) is valid for neither, as Dataverse's read-only columns are;
 * pricing and back-office columns keep Dataverse's flags (valid for update), since Dataverse itself lets
 * a client send them and Orderline decides whose value counts.
 */
import type { ColumnMetadata, RequiredLevel, TableMetadata } from '../../domain/metadata/table-metadata.js';
import { isWriteOnly } from '../../domain/metadata/table-metadata.js';
import { RawJson } from '../../odata/json/json-number.js';
import { emptyLabel, label } from './labels.js';
import { metadataId } from './metadata-id.js';
import { type MetadataNode, node } from './metadata-node.js';
import { isCustomName } from './object-type-codes.js';
import { booleanOptionSet, picklistOptionSet, stateOptionSet, statusOptionSet } from './option-sets.js';

const NAMESPACE = '#Microsoft.Dynamics.CRM.';

/** Dataverse's AttributeTypeCode and derived type of each column type. */
const ATTRIBUTE_TYPES: Readonly<Record<ColumnMetadata['type'], { readonly code: string; readonly type: string }>> = {
  uniqueidentifier: { code: 'Uniqueidentifier', type: 'UniqueIdentifierAttributeMetadata' },
  string: { code: 'String', type: 'StringAttributeMetadata' },
  memo: { code: 'Memo', type: 'MemoAttributeMetadata' },
  integer: { code: 'Integer', type: 'IntegerAttributeMetadata' },
  bigint: { code: 'BigInt', type: 'BigIntAttributeMetadata' },
  decimal: { code: 'Decimal', type: 'DecimalAttributeMetadata' },
  money: { code: 'Money', type: 'MoneyAttributeMetadata' },
  boolean: { code: 'Boolean', type: 'BooleanAttributeMetadata' },
  datetime: { code: 'DateTime', type: 'DateTimeAttributeMetadata' },
  picklist: { code: 'Picklist', type: 'PicklistAttributeMetadata' },
  state: { code: 'State', type: 'StateAttributeMetadata' },
  status: { code: 'Status', type: 'StatusAttributeMetadata' },
  lookup: { code: 'Lookup', type: 'LookupAttributeMetadata' },
  customer: { code: 'Customer', type: 'LookupAttributeMetadata' },
  owner: { code: 'Owner', type: 'LookupAttributeMetadata' },
};

const REQUIRED_LEVELS: Readonly<Record<RequiredLevel, string>> = {
  none: 'None',
  recommended: 'Recommended',
  application: 'ApplicationRequired',
  system: 'SystemRequired',
};

const INT64_MIN = '-9223372036854775808';
const INT64_MAX = '9223372036854775807';

export interface AttributeContext {
  readonly table: TableMetadata;
  /** The global option sets, by the name of the columns that use them (`option-sets.ts`). */
  readonly globalOptionSets: ReadonlyMap<string, MetadataNode>;
}

function typeSpecific(column: ColumnMetadata): MetadataNode['properties'] {
  switch (column.type) {
    case 'string':
      return {
        MaxLength: column.maxLength,
        DatabaseLength: column.maxLength * 2,
        Format: 'Text',
        FormatName: { Value: 'Text' },
      };
    case 'memo':
      return { MaxLength: column.maxLength, DatabaseLength: column.maxLength * 2, Format: 'TextArea' };
    case 'integer':
      return { MinValue: column.min, MaxValue: column.max, Format: 'None' };
    case 'bigint':
      return { MinValue: new RawJson(INT64_MIN), MaxValue: new RawJson(INT64_MAX) };
    case 'decimal':
      return { MinValue: new RawJson(column.min), MaxValue: new RawJson(column.max), Precision: column.precision };
    case 'money':
      return {
        MinValue: new RawJson(column.min),
        MaxValue: new RawJson(column.max),
        Precision: column.precision,
        PrecisionSource: column.precisionSource,
        IsBaseCurrency: column.baseOf !== undefined,
        CalculationOf: column.baseOf ?? null,
      };
    case 'boolean':
      return { DefaultValue: column.default };
    case 'datetime':
      return column.format === 'dateonly'
        ? { Format: 'DateOnly', DateTimeBehavior: { Value: 'DateOnly' } }
        : { Format: 'DateAndTime', DateTimeBehavior: { Value: 'UserLocal' } };
    case 'picklist':
      return { DefaultFormValue: column.default ?? -1 };
    case 'state':
    case 'status':
      return { DefaultFormValue: null };
    case 'lookup':
    case 'customer':
    case 'owner':
      return { Targets: column.targets.map((target) => target.table) };
    case 'uniqueidentifier':
      return {};
  }
}

function optionSets(column: ColumnMetadata, context: AttributeContext): MetadataNode['navigations'] {
  const { table } = context;
  switch (column.type) {
    case 'picklist': {
      const global = context.globalOptionSets.get(column.name);
      if (global) return { OptionSet: global, GlobalOptionSet: global };
      return { OptionSet: node('OptionSetMetadata', picklistOptionSet(table, column, false)), GlobalOptionSet: null };
    }
    case 'state':
      return { OptionSet: node('OptionSetMetadata', stateOptionSet(table, column)), GlobalOptionSet: null };
    case 'status':
      return { OptionSet: node('OptionSetMetadata', statusOptionSet(table, column)), GlobalOptionSet: null };
    case 'boolean':
      return { OptionSet: node('BooleanOptionSetMetadata', booleanOptionSet(table, column)) };
    default:
      return {};
  }
}

export function attributeDefinition(column: ColumnMetadata, context: AttributeContext): MetadataNode {
  const { table } = context;
  const { code, type } = ATTRIBUTE_TYPES[column.type];
  const owner = `attribute:${table.logicalName}.${column.name}`;
  const custom = isCustomName(column.name) || isCustomName(table.logicalName);
  const readable = !isWriteOnly(column);
  const serverOnly = column.writtenBy === 'system';
  return node(
    type,
    {
      '@odata.type': `${NAMESPACE}${type}`,
      MetadataId: metadataId(owner),
      HasChanged: null,
      LogicalName: column.name,
      // Orderline names columns by their logical names only; Dataverse's schema names differ in case alone.
      SchemaName: column.name,
      EntityLogicalName: table.logicalName,
      AttributeType: code,
      AttributeTypeName: { Value: `${code}Type` },
      DisplayName: label(column.label, owner, !custom),
      Description: emptyLabel,
      RequiredLevel: {
        Value: REQUIRED_LEVELS[column.required],
        CanBeChanged: column.required !== 'system',
        ManagedPropertyLogicalName: 'canmodifyrequirementlevelsettings',
      },
      IsValidForCreate: !serverOnly && column.validForCreate,
      IsValidForUpdate: !serverOnly && column.validForUpdate,
      IsValidForRead: readable,
      IsFilterable: readable,
      IsPrimaryId: column.name === table.primaryId,
      IsPrimaryName: column.name === table.primaryName,
      IsCustomAttribute: custom,
      IsManaged: !custom,
      IsLogical: false,
      IsValidODataAttribute: true,
      AttributeOf: null,
      SourceType: 0,
      ...typeSpecific(column),
    },
    optionSets(column, context),
  );
}
