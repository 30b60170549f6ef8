/**
 * Option set definitions (Learn: OptionSetMetadata, BooleanOptionSetMetadata, StateOptionMetadata,
 * StatusOptionMetadata) of the choice columns: picklists from their options, `statecode` and `statuscode`
 * from the table's state model, two-option columns from their labels.
 *
 * A picklist that several tables declare under the same name with the same options (the Sales
 * `freighttermscode`, `shippingmethodcode`, ...) is one global option set named after the column,
 * served by `GlobalOptionSetDefinitions`; a picklist of one table is local, named `<table>_<column>`
 * as Dataverse names local option sets.
 */
import type { MetadataRegistry } from '../../domain/metadata/metadata-registry.js';
import type {
  BooleanColumn,
  PicklistColumn,
  StateColumn,
  StatusColumn,
  TableMetadata,
} from '../../domain/metadata/table-metadata.js';
import { emptyLabel, label } from './labels.js';
import { metadataId } from './metadata-id.js';
import { isCustomName } from './object-type-codes.js';

export type MetadataObject = { readonly [property: string]: unknown };

const NAMESPACE = '#Microsoft.Dynamics.CRM.';

function option(value: number, text: string, owner: string, managed: boolean, extra: MetadataObject = {}) {
  return {
    Value: value,
    Label: label(text, `${owner}:${value}`, managed),
    Description: emptyLabel,
    Color: null,
    IsManaged: managed,
    ExternalValue: null,
    ParentValues: [],
    MetadataId: null,
    HasChanged: null,
    ...extra,
  };
}

function optionSetBase(name: string, displayName: string, type: string, global: boolean, managed: boolean) {
  return {
    MetadataId: metadataId(`optionset:${name}`),
    HasChanged: null,
    Name: name,
    DisplayName: label(displayName, `optionset:${name}`, managed),
    Description: emptyLabel,
    IsGlobal: global,
    IsCustomOptionSet: !managed,
    IsManaged: managed,
    OptionSetType: type,
  };
}

/** The name of each global option set, by column name: picklists shared, identical, by several tables. */
export function globalPicklists(metadata: MetadataRegistry): ReadonlyMap<string, PicklistColumn> {
  const byName = new Map<string, PicklistColumn[]>();
  for (const table of metadata.tables) {
    for (const column of table.columns) {
      if (column.type !== 'picklist') continue;
      byName.set(column.name, [...(byName.get(column.name) ?? []), column]);
    }
  }
  const globals = new Map<string, PicklistColumn>();
  for (const [name, columns] of byName) {
    const options = JSON.stringify(columns[0]!.options);
    if (columns.length > 1 && columns.every((column) => JSON.stringify(column.options) === options)) {
      globals.set(name, columns[0]!);
    }
  }
  return globals;
}

export function picklistOptionSet(table: TableMetadata, column: PicklistColumn, global: boolean): MetadataObject {
  const name = global ? column.name : `${table.logicalName}_${column.name}`;
  const managed = !isCustomName(column.name) && !isCustomName(table.logicalName);
  return {
    '@odata.type': `${NAMESPACE}OptionSetMetadata`,
    ...optionSetBase(name, column.label, 'Picklist', global, managed),
    Options: column.options.map((entry) => option(entry.value, entry.label, `optionset:${name}`, managed)),
  };
}

export function stateOptionSet(table: TableMetadata, column: StateColumn): MetadataObject {
  const name = `${table.logicalName}_${column.name}`;
  const managed = !isCustomName(table.logicalName);
  return {
    '@odata.type': `${NAMESPACE}OptionSetMetadata`,
    ...optionSetBase(name, column.label, 'State', false, managed),
    Options: table.states.map((state) =>
      option(state.value, state.label, `optionset:${name}`, managed, {
        '@odata.type': `${NAMESPACE}StateOptionMetadata`,
        DefaultStatus: state.defaultStatus,
        // The label without spaces, as Dataverse's invariant names read (`Active`, `Fulfilled`).
        InvariantName: state.label.replace(/\s+/g, ''),
      }),
    ),
  };
}

export function statusOptionSet(table: TableMetadata, column: StatusColumn): MetadataObject {
  const name = `${table.logicalName}_${column.name}`;
  const managed = !isCustomName(table.logicalName);
  return {
    '@odata.type': `${NAMESPACE}OptionSetMetadata`,
    ...optionSetBase(name, column.label, 'Status', false, managed),
    Options: table.states.flatMap((state) =>
      state.statuses.map((status) =>
        option(status.value, status.label, `optionset:${name}`, managed, {
          '@odata.type': `${NAMESPACE}StatusOptionMetadata`,
          State: state.value,
        }),
      ),
    ),
  };
}

export function booleanOptionSet(table: TableMetadata, column: BooleanColumn): MetadataObject {
  const name = `${table.logicalName}_${column.name}`;
  const managed = !isCustomName(column.name) && !isCustomName(table.logicalName);
  return {
    '@odata.type': `${NAMESPACE}BooleanOptionSetMetadata`,
    ...optionSetBase(name, column.label, 'Boolean', false, managed),
    TrueOption: option(1, column.trueLabel, `optionset:${name}`, managed),
    FalseOption: option(0, column.falseLabel, `optionset:${name}`, managed),
  };
}
