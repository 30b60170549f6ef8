/**
 * `$select`, `$filter` and `$expand` over metadata definitions, checked against the declared types
 * before they run. Dataverse refuses `$top`, `$orderby`, `$count` and paging on metadata ("The query
 * parameter $orderby is not supported", `0x80060888`), at the top and inside `$expand` alike.
 */
import { querySyntax } from '../../domain/errors.js';
import type { MetadataEntityType } from '../../odata/csdl/metadata-types.js';
import type { Writable } from '../../odata/json/json-writer.js';
import type { ExpandOptions, QueryOptions } from '../../odata/query/query-options.js';
import { checkMetadataFilter, matchesMetadataFilter } from './metadata-filter.js';
import type { MetadataNode } from './metadata-node.js';
import { navigationProperty, structuralProperty, targetType } from './metadata-properties.js';

/** A checked query: what to write of each definition of one type. */
export interface MetadataProjection {
  readonly select?: readonly string[];
  readonly filter?: ExpandOptions['filter'];
  readonly expand: readonly { readonly navigation: string; readonly projection: MetadataProjection }[];
}

export function refuseUnsupportedMetadataOptions(options: QueryOptions): void {
  for (const [name, present] of [
    ['$top', options.top !== undefined],
    ['$orderby', options.orderby !== undefined],
    ['$count', options.count !== undefined],
    ['$skiptoken', options.skiptoken !== undefined],
    ['$deltatoken', options.deltatoken !== undefined],
  ] as const) {
    if (present) throw querySyntax(`The query parameter ${name} is not supported`);
  }
}

export function checkProjection(options: ExpandOptions, type: MetadataEntityType): MetadataProjection {
  if (options.top !== undefined) throw querySyntax('The query parameter $top is not supported');
  if (options.orderby !== undefined) throw querySyntax('The query parameter $orderby is not supported');
  for (const name of options.select ?? []) structuralProperty(type, name);
  if (options.filter) checkMetadataFilter(options.filter, type);
  const expand = (options.expand ?? []).map((item) => {
    const navigation = navigationProperty(type, item.navigation);
    const target = targetType(navigation);
    if (!navigation.collection && item.options.filter) {
      throw querySyntax(`$filter cannot apply to '${item.navigation}', which is a single definition.`);
    }
    return { navigation: item.navigation, projection: checkProjection(item.options, target) };
  });
  return {
    ...(options.select ? { select: options.select } : {}),
    ...(options.filter ? { filter: options.filter } : {}),
    expand,
  };
}

export function filterNodes(nodes: readonly MetadataNode[], projection: MetadataProjection): readonly MetadataNode[] {
  const { filter } = projection;
  return filter ? nodes.filter((candidate) => matchesMetadataFilter(filter, candidate)) : nodes;
}

/**
 * A definition as written: its annotations, `MetadataId` always (as Dataverse), the selected properties
 * (all when none are selected), then the expanded navigation properties.
 */
export function project(definition: MetadataNode, projection: MetadataProjection): { [name: string]: Writable } {
  const written: { [name: string]: Writable } = {};
  const selected = projection.select ? new Set(['MetadataId', ...projection.select]) : undefined;
  for (const [name, value] of Object.entries(definition.properties)) {
    if (name.startsWith('@') || !selected || selected.has(name)) written[name] = value as Writable;
  }
  for (const { navigation, projection: nested } of projection.expand) {
    const related = definition.navigations[navigation];
    // A definition without the navigation (a picklist's GlobalOptionSet when it is local) writes null.
    if (related === undefined || related === null) written[navigation] = null;
    else if (Array.isArray(related))
      written[navigation] = filterNodes(related, nested).map((item) => project(item, nested));
    else written[navigation] = project(related as MetadataNode, nested);
  }
  return written;
}

/** `(LogicalName,EntitySetName)` for the context URL, or nothing without `$select`. */
export function selectSuffix(projection: MetadataProjection): string {
  const names = [...(projection.select ?? []), ...projection.expand.map((item) => `${item.navigation}()`)];
  return projection.select || projection.expand.length > 0 ? `(${names.join(',')})` : '';
}
