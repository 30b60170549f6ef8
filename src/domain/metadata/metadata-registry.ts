/**
 * The set of tables Orderline serves, indexed the ways the protocol needs them: by logical name, by
 * entity set, by navigation property. Built once at start from the table files; checks that every
 * lookup points at a known table so a typo in metadata fails at start, not on a request.
 */
import type {
  ColumnMetadata,
  LookupColumn,
  LookupTarget,
  RelationshipMetadata,
  TableMetadata,
} from './table-metadata.js';

/** A navigation property as `$expand`, `@odata.bind` and navigation paths in `$filter` see it. */
export type NavigationProperty =
  | {
      readonly kind: 'single';
      readonly name: string;
      /** The lookup column on this table. */
      readonly column: LookupColumn;
      readonly target: TableMetadata;
    }
  | {
      readonly kind: 'collection';
      readonly name: string;
      /** The table whose lookup points back at this one. */
      readonly target: TableMetadata;
      /** The lookup column on `target`. */
      readonly column: LookupColumn;
      readonly relationship: RelationshipMetadata;
    }
  | {
      readonly kind: 'manyToMany';
      readonly name: string;
      readonly target: TableMetadata;
      readonly association: ManyToManyRelationship;
    };

/** An N:N relationship kept in an intersect table (`systemuserroles_association`). */
export interface ManyToManyRelationship {
  readonly name: string;
  /** Storage name of the intersect table. */
  readonly intersectTable: string;
  readonly table1: string;
  readonly column1: string;
  readonly table2: string;
  readonly column2: string;
}

/** The intersect table's two columns as one of the relationship's tables sees them. */
export interface IntersectColumns {
  /** Holds the key of the row of the table looked from. */
  readonly own: string;
  /** Holds the key of the row on the other side. */
  readonly other: string;
}

/**
 * The intersect columns of an N:N relationship seen from `table`, one of its two tables. A table
 * associated with itself sees itself as the relationship's first table.
 */
export function intersectColumns(association: ManyToManyRelationship, table: string): IntersectColumns {
  return association.table1 === table
    ? { own: association.column1, other: association.column2 }
    : { own: association.column2, other: association.column1 };
}

export interface MetadataRegistry {
  readonly tables: readonly TableMetadata[];
  readonly manyToMany: readonly ManyToManyRelationship[];
  table(logicalName: string): TableMetadata | undefined;
  tableBySet(entitySetName: string): TableMetadata | undefined;
  column(table: TableMetadata, name: string): ColumnMetadata | undefined;
  navigation(table: TableMetadata, name: string): NavigationProperty | undefined;
  navigations(table: TableMetadata): readonly NavigationProperty[];
}

export function isLookup(column: ColumnMetadata): column is LookupColumn {
  return column.type === 'lookup' || column.type === 'customer' || column.type === 'owner';
}

export function createMetadataRegistry(
  tables: readonly TableMetadata[],
  manyToMany: readonly ManyToManyRelationship[] = [],
): MetadataRegistry {
  const byName = new Map(tables.map((table) => [table.logicalName, table]));
  const bySet = new Map(tables.map((table) => [table.entitySetName, table]));
  const columns = new Map(tables.map((table) => [table.logicalName, new Map(table.columns.map((c) => [c.name, c]))]));
  const navigations = new Map<string, Map<string, NavigationProperty>>(tables.map((t) => [t.logicalName, new Map()]));

  const addNavigation = (table: string, navigation: NavigationProperty) => {
    const list = navigations.get(table)!;
    if (list.has(navigation.name)) throw new Error(`${table} has two navigation properties named ${navigation.name}`);
    list.set(navigation.name, navigation);
  };

  for (const table of tables) {
    for (const column of table.columns) {
      if (!isLookup(column)) continue;
      for (const target of column.targets) {
        const referenced = requireTable(byName, target, table, column);
        addNavigation(table.logicalName, { kind: 'single', name: target.navigation, column, target: referenced });
        if (target.relationship) {
          addNavigation(referenced.logicalName, {
            kind: 'collection',
            name: target.relationship.name,
            target: table,
            column,
            relationship: target.relationship,
          });
        }
      }
    }
  }
  for (const association of manyToMany) {
    const first = byName.get(association.table1);
    const second = byName.get(association.table2);
    if (!first || !second) throw new Error(`${association.name} joins an unknown table`);
    addNavigation(first.logicalName, { kind: 'manyToMany', name: association.name, target: second, association });
    if (first !== second) {
      addNavigation(second.logicalName, { kind: 'manyToMany', name: association.name, target: first, association });
    }
  }

  return {
    tables,
    manyToMany,
    table: (logicalName) => byName.get(logicalName),
    tableBySet: (entitySetName) => bySet.get(entitySetName),
    column: (table, name) => columns.get(table.logicalName)?.get(name),
    navigation: (table, name) => navigations.get(table.logicalName)?.get(name),
    navigations: (table) => [...(navigations.get(table.logicalName)?.values() ?? [])],
  };
}

function requireTable(
  byName: ReadonlyMap<string, TableMetadata>,
  target: LookupTarget,
  table: TableMetadata,
  column: LookupColumn,
): TableMetadata {
  const referenced = byName.get(target.table);
  if (!referenced) throw new Error(`${table.logicalName}.${column.name} points at unknown table ${target.table}`);
  return referenced;
}
