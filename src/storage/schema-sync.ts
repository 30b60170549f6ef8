/**
 * Brings the database schema up to the metadata: creates missing tables, adds missing columns and
 * indexes. It only ever adds, so it is safe to run at every start and from several processes one after
 * the other (each DDL statement tolerates having been done before); `openStore` makes processes that
 * start together on PostgreSQL take turns. Hand-written changes that are not additive belong in
 * migrations/.
 */
import { type Kysely, sql } from 'kysely';
import type { MetadataRegistry } from '../domain/metadata/metadata-registry.js';
import { isLookup } from '../domain/metadata/metadata-registry.js';
import type { ColumnMetadata, TableMetadata } from '../domain/metadata/table-metadata.js';
import { changeWatermark } from './change-watermark.js';
import { type Dialect, sqlType } from './column-codec.js';
import { dialectSpecifics } from './dialects/dialect-specifics.js';
import { lookupTypeColumn } from './storage-columns.js';

interface PhysicalColumn {
  readonly name: string;
  readonly type: string;
  readonly primaryKey: boolean;
}

function physicalColumns(table: TableMetadata, dialect: Dialect): PhysicalColumn[] {
  const columns: PhysicalColumn[] = [];
  for (const column of table.columns) {
    columns.push({ name: column.name, type: sqlType(column, dialect), primaryKey: column.name === table.primaryId });
    const typeColumn = lookupTypeColumn(column);
    if (typeColumn) columns.push({ name: typeColumn, type: 'text', primaryKey: false });
  }
  // Change tracking's hidden columns (PostgreSQL's ol_xid), outside the metadata on purpose.
  for (const hidden of changeWatermark(dialect).hiddenColumns(table)) columns.push({ ...hidden, primaryKey: false });
  return columns;
}

interface IndexDefinition {
  readonly name: string;
  readonly columns: readonly string[];
  readonly unique: boolean;
}

/**
 * Every index costs each insert a B-tree write, so only lookups that reads and deletes follow get one:
 * the owner (user-level read scope) and relationships that cascade or clear links (expand, navigation
 * reads, `any`/`all`, delete behaviours). Lookups to catalog and currency rows, whose deletes are
 * restricted and rare, go without.
 */
function isIndexedLookup(column: ColumnMetadata): boolean {
  if (column.name === 'ownerid') return true;
  return (
    isLookup(column) &&
    column.targets.some((target) => target.relationship && target.relationship.onDelete !== 'restrict')
  );
}

function indexesOf(table: TableMetadata, dialect: Dialect): IndexDefinition[] {
  const indexes: IndexDefinition[] = table.columns
    .filter(isIndexedLookup)
    .map((column) => ({ name: `ix_${table.logicalName}_${column.name}`, columns: [column.name], unique: false }));
  indexes.push({ name: `ix_${table.logicalName}_versionnumber`, columns: ['versionnumber'], unique: false });
  const { changeColumn } = changeWatermark(dialect);
  if (table.changeTracking && changeColumn !== 'versionnumber') {
    indexes.push({ name: `ix_${table.logicalName}_${changeColumn}`, columns: [changeColumn], unique: false });
  }
  for (const key of table.alternateKeys) {
    indexes.push({ name: `ak_${table.logicalName}_${key.join('_')}`, columns: key, unique: true });
  }
  for (const columns of table.indexes ?? []) {
    indexes.push({ name: `ix_${table.logicalName}_${columns.join('_')}`, columns, unique: false });
  }
  return indexes;
}

export async function syncSchema(db: Kysely<any>, dialect: Dialect, metadata: MetadataRegistry): Promise<void> {
  const existing = new Map(
    (await db.introspection.getTables()).map((table) => [table.name, new Set(table.columns.map((c) => c.name))]),
  );
  for (const table of metadata.tables) {
    const columns = physicalColumns(table, dialect);
    const present = existing.get(table.logicalName);
    if (!present) {
      let create = db.schema.createTable(table.logicalName).ifNotExists();
      for (const column of columns) {
        create = create.addColumn(column.name, sql.raw(column.type), (c) => (column.primaryKey ? c.primaryKey() : c));
      }
      await create.execute();
    } else {
      for (const column of columns.filter((c) => !present.has(c.name))) {
        await db.schema.alterTable(table.logicalName).addColumn(column.name, sql.raw(column.type)).execute();
      }
    }
    for (const index of indexesOf(table, dialect)) {
      let create = db.schema
        .createIndex(index.name)
        .ifNotExists()
        .on(table.logicalName)
        .columns([...index.columns]);
      if (index.unique) create = create.unique();
      await create.execute();
    }
  }
  for (const association of metadata.manyToMany) {
    const { idType } = dialectSpecifics(dialect);
    await db.schema
      .createTable(association.intersectTable)
      .ifNotExists()
      .addColumn(association.column1, sql.raw(idType), (c) => c.notNull())
      .addColumn(association.column2, sql.raw(idType), (c) => c.notNull())
      .addPrimaryKeyConstraint(`pk_${association.intersectTable}`, [association.column1, association.column2])
      .execute();
    await db.schema
      .createIndex(`ix_${association.intersectTable}_${association.column2}`)
      .ifNotExists()
      .on(association.intersectTable)
      .column(association.column2)
      .execute();
  }
}
