/** The query behind a list: its columns, the search as `contains` filters, a page at a time. */
import { type Client, FORMATTED } from '../api/client';
import { lookupColumn, quoted, type Row } from '../data/row';
import type { EntityDefinition } from '../entities/entity-definition';
import { onOwnOrigin } from './own-origin';

export const PAGE_SIZE = 25;

export interface ListPage {
  readonly rows: readonly Row[];
  readonly nextLink?: string;
  /** Rows matching the search (Dataverse counts up to 5,000). */
  readonly total?: number;
}

export function searchFilter(entity: EntityDefinition, search: string): string | undefined {
  const term = search.trim();
  if (!term) return undefined;
  return entity.searchColumns.map((column) => `contains(${column},${quoted(term)})`).join(' or ');
}

/** Dataverse has no $skip: the first page is a query, the next ones follow `@odata.nextLink`. */
export async function loadListPage(
  client: Client,
  entity: EntityDefinition,
  search: string,
  pageLink: string | undefined,
): Promise<ListPage> {
  const filter = searchFilter(entity, search);
  const result = await client.retrieveMultiple(
    {
      collection: entity.set,
      select: [
        entity.id,
        ...entity.listColumns.map((column) => (column.lookup ? lookupColumn(column.column) : column.column)),
      ],
      ...(filter ? { filter } : {}),
      orderBy: [`${entity.primaryName} asc`],
      maxPageSize: PAGE_SIZE,
      count: true,
      includeAnnotations: FORMATTED,
    },
    pageLink,
  );
  return {
    rows: result.value,
    ...(result.oDataNextLink ? { nextLink: onOwnOrigin(result.oDataNextLink, window.location.origin) } : {}),
    ...(typeof result.oDataCount === 'number' ? { total: result.oDataCount } : {}),
  };
}
