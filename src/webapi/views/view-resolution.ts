/**
 * `?savedQuery=<id>` and `?userQuery=<id>` ("Retrieve and execute predefined queries"): from a view's id
 * to the FetchXML to run on an entity set, refusing every view that cannot be run there. A view is a
 * row like any other, so it is looked up as the caller (a personal view of someone else is refused
 * exactly as reading it would be); running its FetchXML then applies the caller's read scope to the
 * rows it returns.
 */
import { invalidArgument } from '../../domain/errors.js';
import { parseGuid } from '../../domain/guid.js';
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { ReadContext } from '../read-context.js';
import { requireRow } from '../read-handlers.js';

/** The two query parameters and the table each names a row of. */
export const VIEW_PARAMETERS = { savedQuery: 'savedquery', userQuery: 'userquery' } as const;
export type ViewParameter = keyof typeof VIEW_PARAMETERS;

/** A view found, readable, active and over the entity set's table: what to run. */
export interface ResolvedView {
  readonly parameter: ViewParameter;
  readonly id: string;
  readonly name: string;
  readonly fetchXml: string;
}

const ACTIVE = 0;

/** The view parameter a request carries, if any; both at once is a contradiction. */
export function viewParameterOf(
  query: ReadonlyMap<string, string>,
): { readonly parameter: ViewParameter; readonly value: string } | undefined {
  const present = (Object.keys(VIEW_PARAMETERS) as ViewParameter[]).filter((name) => query.has(name));
  if (present.length > 1) throw invalidArgument('A query takes savedQuery or userQuery, not both.');
  const [parameter] = present;
  return parameter ? { parameter, value: query.get(parameter)! } : undefined;
}

export async function resolveView(
  context: ReadContext,
  parameter: ViewParameter,
  value: string,
  target: TableMetadata,
): Promise<ResolvedView> {
  const id = parseGuid(value);
  if (!id) throw invalidArgument(`The value of ${parameter}, '${value}', is not a GUID.`);
  const viewTable = context.metadata.table(VIEW_PARAMETERS[parameter])!;
  // Not there: 404 `<table> With Id = <id> Does Not Exist`; not readable by the caller: 403.
  const row = await requireRow(context, viewTable, { kind: 'id', id });
  const name = String(row.name ?? '');
  if (row.statecode !== ACTIVE) {
    throw invalidArgument(`The ${viewTable.logicalName} '${name}' (Id = ${id}) is inactive and cannot be run.`);
  }
  if (row.returnedtypecode !== target.logicalName) {
    throw invalidArgument(
      `The ${viewTable.logicalName} '${name}' (Id = ${id}) returns ${String(row.returnedtypecode)} rows; it cannot be run on ${target.entitySetName}.`,
    );
  }
  const fetchXml = typeof row.fetchxml === 'string' ? row.fetchxml.trim() : '';
  if (fetchXml === '') {
    throw invalidArgument(`The ${viewTable.logicalName} '${name}' (Id = ${id}) has no FetchXML.`);
  }
  return { parameter, id, name, fetchXml };
}
