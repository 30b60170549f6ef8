/**
 * Builds a `TableMetadata` from the columns a table file declares, adding the columns every Dataverse
 * table carries (key, audit stamps, row version, owner, state and status), so table files list only what
 * is particular to them.
 */
import { type ColumnList, datetime, lookup, readOnly, uniqueidentifier } from './columns.js';
import type {
  ColumnMetadata,
  Ownership,
  PrivilegeGroup,
  StateColumn,
  StateMetadata,
  StatusColumn,
  TableMetadata,
} from './table-metadata.js';

export interface TableDefinition {
  readonly logicalName: string;
  readonly entitySetName: string;
  readonly schemaName: string;
  readonly displayName: string;
  readonly displayCollectionName: string;
  /** Defaults to `<logicalName>id`. */
  readonly primaryId?: string;
  readonly primaryName: string;
  readonly ownership: Ownership;
  readonly privilegeGroup: PrivilegeGroup;
  readonly changeTracking?: boolean;
  readonly states?: readonly StateMetadata[];
  readonly initialState?: number;
  readonly parentLookup?: string;
  readonly alternateKeys?: readonly (readonly string[])[];
  readonly indexes?: readonly (readonly string[])[];
  readonly columns: ColumnList;
}

/** The statuses of a state as written in its declaration: `{ 1: 'New', 2: 'Pending' }`. */
export type StatusLabels = Readonly<Record<number, string>>;

/**
 * A state as declared, keeping its value, label and statuses as literal types so that names such as
 * `SalesOrderState.Submitted` can be derived from the declaration and type-checked (state-names.ts).
 */
export interface DeclaredState<Value extends number, Label extends string, Statuses extends StatusLabels>
  extends StateMetadata {
  readonly value: Value;
  readonly label: Label;
  readonly defaultStatus: keyof Statuses & number;
  readonly statuses: readonly DeclaredStatus<Statuses>[];
}

/** One status of a declared state: `{ value: 1, label: 'New' } | { value: 2, label: 'Pending' }`. */
export type DeclaredStatus<Statuses extends StatusLabels> = {
  readonly [Value in keyof Statuses & number]: { readonly value: Value; readonly label: Statuses[Value] };
}[keyof Statuses & number];

/** `state(0, 'Active', 1, { 1: 'New', 2: 'Pending' })`: a state, its default status and its statuses. */
export function state<const Value extends number, const Label extends string, const Statuses extends StatusLabels>(
  value: Value,
  label: Label,
  defaultStatus: keyof Statuses & number,
  statuses: Statuses,
): DeclaredState<Value, Label, Statuses> {
  return {
    value,
    label,
    defaultStatus,
    statuses: Object.entries(statuses).map(
      ([status, text]) => ({ value: Number(status), label: text }) as DeclaredStatus<Statuses>,
    ),
  };
}

function systemColumns(definition: TableDefinition, primaryId: string): ColumnMetadata[] {
  const stamps: ColumnMetadata[] = [
    uniqueidentifier(primaryId, definition.displayName, { validForUpdate: false }),
    datetime('createdon', 'Created On', readOnly),
    datetime('modifiedon', 'Modified On', readOnly),
    lookup('createdby', 'Created By', 'systemuser', readOnly),
    lookup('modifiedby', 'Modified By', 'systemuser', readOnly),
    lookup('createdonbehalfby', 'Created By (Delegate)', 'systemuser', readOnly),
    lookup('modifiedonbehalfby', 'Modified By (Delegate)', 'systemuser', readOnly),
    { ...uniqueidentifier('versionnumber', 'Version Number', readOnly), type: 'bigint' },
  ];
  if (definition.ownership === 'user') {
    stamps.push(
      { ...lookup('ownerid', 'Owner', 'systemuser', { required: 'system' }), type: 'owner' },
      lookup('owningbusinessunit', 'Owning Business Unit', 'businessunit', readOnly),
    );
  }
  if (definition.states && definition.states.length > 0) {
    // statecode is "!C" in Dataverse: rows start in their initial state and move by SetState.
    const stateColumn: StateColumn = {
      ...uniqueidentifier('statecode', 'Status', { validForCreate: false }),
      type: 'state',
    };
    const statusColumn: StatusColumn = { ...uniqueidentifier('statuscode', 'Status Reason'), type: 'status' };
    stamps.push(stateColumn, statusColumn);
  }
  return stamps;
}

/** A table's metadata with its states as declared, for names derived from them (state-names.ts). */
export interface DefinedTable<States extends readonly StateMetadata[]> extends TableMetadata {
  readonly states: States;
}

export function defineTable<const States extends readonly StateMetadata[] = readonly []>(
  definition: TableDefinition & { readonly states?: States },
): DefinedTable<States> {
  const primaryId = definition.primaryId ?? `${definition.logicalName}id`;
  const declared = definition.columns.flat() as ColumnMetadata[];
  const columns = [...systemColumns(definition, primaryId), ...declared];
  const seen = new Set<string>();
  for (const column of columns) {
    if (seen.has(column.name)) throw new Error(`${definition.logicalName}.${column.name} is declared twice`);
    seen.add(column.name);
    // The write rule and the create/update validity must tell one story: what the system alone writes is
    // valid for neither, and a column valid for neither is the system's.
    if ((column.writtenBy === 'system') !== (!column.validForCreate && !column.validForUpdate)) {
      throw new Error(
        `${definition.logicalName}.${column.name}: written by ${column.writtenBy}, contradicting its validity`,
      );
    }
  }
  const states = definition.states ?? ([] as readonly StateMetadata[] as States);
  return {
    logicalName: definition.logicalName,
    entitySetName: definition.entitySetName,
    schemaName: definition.schemaName,
    displayName: definition.displayName,
    displayCollectionName: definition.displayCollectionName,
    primaryId,
    primaryName: definition.primaryName,
    ownership: definition.ownership,
    privilegeGroup: definition.privilegeGroup,
    changeTracking: definition.changeTracking ?? false,
    states,
    ...(states.length > 0 ? { initialState: definition.initialState ?? states[0]!.value } : {}),
    ...(definition.parentLookup ? { parentLookup: definition.parentLookup } : {}),
    columns,
    alternateKeys: definition.alternateKeys ?? [],
    ...(definition.indexes ? { indexes: definition.indexes } : {}),
  };
}
