/**
 * Provisions the system views (./system-view-definitions.ts) as savedquery rows, at every start: on a
 * new database with the rest of the first start, on an existing one (made before views existed, or
 * whose views were deleted) by adding the missing ones. A view already there is left as it is, so a
 * customizer's changes, or a view they deactivated, survive restarts; the fixed ids make every process
 * agree on which view is which, and the provisioning lock keeps two processes from adding one twice.
 */
import type { MetadataRegistry } from '../domain/metadata/metadata-registry.js';
import type { TableMetadata } from '../domain/metadata/table-metadata.js';
import type { Row } from '../domain/record.js';
import type { ExecutionContext } from '../pipeline/execution-context.js';
import { createRecord } from '../pipeline/record-writer.js';
import { SYSTEM_VIEWS, type SystemViewDefinition, typeCodeOf, type ViewCondition } from './system-view-definitions.js';

/** Main application views (Dataverse's SavedQueryQueryType.MainApplicationView). */
export const MAIN_APPLICATION_VIEW = 0;

function tableOf(metadata: MetadataRegistry, view: SystemViewDefinition): TableMetadata {
  const table = metadata.table(view.table);
  if (!table) throw new Error(`the system view ${view.name} is over ${view.table}, which is not served`);
  return table;
}

function conditionXml(condition: ViewCondition): string {
  const { attribute, operator, values = [] } = condition;
  if (operator === 'in') {
    const items = values.map((value) => `<value>${value}</value>`).join('');
    return `<condition attribute="${attribute}" operator="in">${items}</condition>`;
  }
  const value = values.length > 0 ? ` value="${values[0]}"` : '';
  return `<condition attribute="${attribute}" operator="${operator}"${value} />`;
}

/** The view's query as Dataverse writes a system view's FetchXML. */
export function fetchXmlOf(view: SystemViewDefinition, table: TableMetadata): string {
  const columns = [...view.cells.map(([column]) => column), table.primaryId];
  return [
    '<fetch version="1.0" output-format="xml-platform" mapping="logical" distinct="false">',
    `<entity name="${table.logicalName}">`,
    ...columns.map((column) => `<attribute name="${column}" />`),
    `<order attribute="${view.order.attribute}" descending="${view.order.descending}" />`,
    `<filter type="and">${view.conditions.map(conditionXml).join('')}</filter>`,
    '</entity>',
    '</fetch>',
  ].join('');
}

/**
 * The view's grid as Dataverse writes `layoutxml`: the row is named `result` and keyed by the primary
 * id, the primary name column is the one that opens the record (`jump`).
 */
export function layoutXmlOf(view: SystemViewDefinition, table: TableMetadata): string {
  const cells = view.cells.map(([column, width]) => `<cell name="${column}" width="${width}" />`).join('');
  return (
    `<grid name="resultset" object="${typeCodeOf(table.logicalName)}" jump="${table.primaryName}" select="1" icon="1" preview="1">` +
    `<row name="result" id="${table.primaryId}">${cells}</row>` +
    '</grid>'
  );
}

/** The savedquery row of a system view. */
export function savedQueryRowOf(metadata: MetadataRegistry, view: SystemViewDefinition): Row {
  const table = tableOf(metadata, view);
  return {
    savedqueryid: view.id,
    name: view.name,
    description: view.description,
    returnedtypecode: table.logicalName,
    fetchxml: fetchXmlOf(view, table),
    layoutxml: layoutXmlOf(view, table),
    querytype: MAIN_APPLICATION_VIEW,
    isdefault: view.isDefault === true,
    isquickfindquery: false,
  };
}

/** Adds the system views the database lacks; answers how many it added. */
export async function ensureSystemViews(context: ExecutionContext): Promise<number> {
  const { metadata, records } = context.services;
  const savedquery = metadata.table('savedquery')!;
  let added = 0;
  for (const view of SYSTEM_VIEWS) {
    if (await records.find(context.trx, savedquery, view.id)) continue;
    const attributes = savedQueryRowOf(metadata, view);
    await createRecord(context, savedquery, { attributes, bindings: [] }, { asSystem: true });
    added += 1;
  }
  return added;
}
