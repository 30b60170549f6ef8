/**
 * Tables are data. One `TableMetadata` per Dataverse table describes its columns, lookups, navigation
 * properties and state model; the storage schema, write validation, `$metadata`, the JSON writer and the
 * UI's forms are all derived from it, so adding a column is one edit in one file.
 */

/** Dataverse's required levels. Only `system` is enforced by the server on create. */
export type RequiredLevel = 'none' | 'recommended' | 'application' | 'system';

export interface OptionMetadata {
  readonly value: number;
  readonly label: string;
}

/**
 * Who may write a column (PRODUCT.md C6), beside the row-level privilege every write needs:
 * - `anyone`: any caller allowed to write the row;
 * - `pricing`: the pricing engine; a client's value is ignored wherever the skip matrix (reference 1.5)
 *   says pricing runs for the write, and taken where it says pricing is skipped (the back office
 *   syncing its totals), as Sales does;
 * - `integration`: integration users only (`systemuser.isintegrationuser`): the back office's columns;
 * - `system`: only the server itself (stamps, row versions, mirrors); never valid for create or update.
 */
export type ColumnWriter = 'anyone' | 'pricing' | 'integration' | 'system';

interface ColumnCommon {
  /** Logical name, also the JSON property name (lookups are read as `_<name>_value`). */
  readonly name: string;
  readonly label: string;
  readonly required: RequiredLevel;
  /** May a client set it in a create? */
  readonly validForCreate: boolean;
  /** May a client change it in an update? */
  readonly validForUpdate: boolean;
  readonly writtenBy: ColumnWriter;
}

export interface UniqueIdentifierColumn extends ColumnCommon {
  readonly type: 'uniqueidentifier';
}
export interface StringColumn extends ColumnCommon {
  readonly type: 'string' | 'memo';
  readonly maxLength: number;
  /**
   * A secret (a webhook signing key, a broker password): clients may write it, but no read, filter,
   * order, log or audit row ever shows it (PRODUCT.md C6).
   */
  readonly writeOnly?: boolean;
}
export interface IntegerColumn extends ColumnCommon {
  readonly type: 'integer';
  readonly min: number;
  readonly max: number;
  readonly default?: number;
}
/** Dataverse's row version: a 64-bit counter, read-only. */
export interface BigIntColumn extends ColumnCommon {
  readonly type: 'bigint';
}
export interface DecimalColumn extends ColumnCommon {
  readonly type: 'decimal';
  /** Decimal places kept. */
  readonly precision: number;
  readonly min: string;
  readonly max: string;
  readonly default?: string;
}
/**
 * Where a money column takes its precision from (MoneyAttributeMetadata.PrecisionSource):
 * 0 its own `precision`, 1 the organization's `pricingdecimalprecision`, 2 the record currency's
 * `currencyprecision`.
 */
export type PrecisionSource = 0 | 1 | 2;
export interface MoneyColumn extends ColumnCommon {
  readonly type: 'money';
  readonly precision: number;
  readonly precisionSource: PrecisionSource;
  readonly min: string;
  readonly max: string;
  /** For a `_base` twin, the column it converts to the base currency. */
  readonly baseOf?: string;
}
export interface BooleanColumn extends ColumnCommon {
  readonly type: 'boolean';
  readonly trueLabel: string;
  readonly falseLabel: string;
  readonly default: boolean;
}
export interface DateTimeColumn extends ColumnCommon {
  readonly type: 'datetime';
  /** `dateonly` values are written as `YYYY-MM-DD`, `datetime` ones as `YYYY-MM-DDTHH:mm:ssZ`. */
  readonly format: 'datetime' | 'dateonly';
}
export interface PicklistColumn extends ColumnCommon {
  readonly type: 'picklist';
  readonly options: readonly OptionMetadata[];
  readonly default?: number;
}
export interface StateColumn extends ColumnCommon {
  readonly type: 'state';
}
export interface StatusColumn extends ColumnCommon {
  readonly type: 'status';
}

/** A one-to-many relationship seen from the lookup that implements it. */
export interface RelationshipMetadata {
  /** Schema name, also the collection-valued navigation property on the referenced table. */
  readonly name: string;
  /** What deleting the referenced row does to referencing rows. */
  readonly onDelete: 'cascade' | 'removeLink' | 'restrict';
}

export interface LookupTarget {
  /** Logical name of the referenced table. */
  readonly table: string;
  /** Single-valued navigation property on this table, used in `@odata.bind` and `$expand`. */
  readonly navigation: string;
  readonly relationship?: RelationshipMetadata;
}

export interface LookupColumn extends ColumnCommon {
  /** `lookup` has one target, `customer` and `owner` may have several (polymorphic). */
  readonly type: 'lookup' | 'customer' | 'owner';
  readonly targets: readonly LookupTarget[];
}

export type ColumnMetadata =
  | UniqueIdentifierColumn
  | StringColumn
  | IntegerColumn
  | BigIntColumn
  | DecimalColumn
  | MoneyColumn
  | BooleanColumn
  | DateTimeColumn
  | PicklistColumn
  | StateColumn
  | StatusColumn
  | LookupColumn;

export type ColumnType = ColumnMetadata['type'];

/** A secret column: written by clients, never read back, filtered or ordered on. */
export function isWriteOnly(column: ColumnMetadata): boolean {
  return (column.type === 'string' || column.type === 'memo') && column.writeOnly === true;
}

export interface StatusMetadata {
  readonly value: number;
  readonly label: string;
}

export interface StateMetadata {
  readonly value: number;
  readonly label: string;
  readonly defaultStatus: number;
  readonly statuses: readonly StatusMetadata[];
}

/**
 * Which row of the privilege table of PRODUCT.md governs a table. `views` (system views) and
 * `personalviews` (personal views) are not in that table: see src/security/role-privileges.ts.
 */
export type PrivilegeGroup =
  | 'sales'
  | 'customers'
  | 'catalog'
  | 'organization'
  | 'security'
  | 'views'
  | 'personalviews';

export type Ownership = 'user' | 'organization' | 'none';

export interface TableMetadata {
  readonly logicalName: string;
  readonly entitySetName: string;
  readonly schemaName: string;
  readonly displayName: string;
  readonly displayCollectionName: string;
  readonly primaryId: string;
  readonly primaryName: string;
  readonly ownership: Ownership;
  readonly privilegeGroup: PrivilegeGroup;
  /** `Prefer: odata.track-changes` is accepted on this table (PRODUCT.md C1). */
  readonly changeTracking: boolean;
  /** Empty for tables without a state model. */
  readonly states: readonly StateMetadata[];
  /** The state a new row starts in. */
  readonly initialState?: number;
  /** Lines and close activities: their parent lookup, whose privileges and ownership they follow. */
  readonly parentLookup?: string;
  readonly columns: readonly ColumnMetadata[];
  /** Alternate keys usable as `/set(key='value')`. */
  readonly alternateKeys: readonly (readonly string[])[];
  /** Extra (non-unique) indexes the server's own queries need, beyond the ones derived from lookups. */
  readonly indexes?: readonly (readonly string[])[];
}
