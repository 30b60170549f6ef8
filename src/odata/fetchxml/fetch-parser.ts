/**
 * FetchXML to its parsed tree (fetch-tree.ts): the elements and attributes of Dataverse's FetchXML
 * schema (fetch, entity, attribute, all-attributes, order, filter, condition, link-entity, value), each
 * value checked for its form. Names of tables and columns are checked later, against metadata. An
 * element or attribute the schema does not have is refused, as Dataverse's schema validation does.
 */
import { fetchError } from './fetch-errors.js';
import type {
  AggregateFunction,
  DateGrouping,
  FetchAttribute,
  FetchCondition,
  FetchEntityBody,
  FetchFilter,
  FetchLink,
  FetchOrder,
  FetchQuery,
  LinkType,
} from './fetch-tree.js';
import { readXmlElement, type XmlElement } from './xml-elements.js';

/** Largest `top` and `count`: Dataverse's page size. */
export const maxFetchRows = 5000;
/** Conditions in one query, and values in all its conditions: enough for any view, not for a flood. */
export const maxFetchConditions = 500;
export const maxFetchValues = 5000;

/** The attributes each element may carry; some are accepted and have no effect in Orderline (UI hints). */
const allowedAttributes: Readonly<Record<string, readonly string[]>> = {
  fetch: [
    'version',
    'count',
    'page',
    'paging-cookie',
    'utc-offset',
    'aggregate',
    'aggregatelimit',
    'distinct',
    'top',
    'mapping',
    'min-active-row-version',
    'output-format',
    'returntotalrecordcount',
    'no-lock',
    'latematerialize',
    'useraworderby',
    'datasource',
    'options',
  ],
  entity: ['name', 'enableprefiltering', 'prefilterparametername'],
  'link-entity': [
    'name',
    'from',
    'to',
    'alias',
    'link-type',
    'visible',
    'intersect',
    'enableprefiltering',
    'prefilterparametername',
  ],
  attribute: [
    'name',
    'alias',
    'aggregate',
    'groupby',
    'dategrouping',
    'distinct',
    'usertimezone',
    'build',
    'addedby',
    'rowaggregate',
  ],
  'all-attributes': [],
  order: ['attribute', 'alias', 'descending', 'entityname'],
  filter: [
    'type',
    'isquickfindfields',
    'overridequickfindrecordlimitenabled',
    'overridequickfindrecordlimitdisabled',
    'hint',
  ],
  condition: [
    'attribute',
    'operator',
    'value',
    'entityname',
    'valueof',
    'column',
    'aggregate',
    'alias',
    'uiname',
    'uitype',
    'uihidden',
    'rowaggregate',
  ],
  value: ['uiname', 'uitype'],
};

const aggregateFunctions: readonly AggregateFunction[] = ['count', 'countcolumn', 'sum', 'avg', 'min', 'max'];
const dateGroupings: readonly DateGrouping[] = [
  'day',
  'week',
  'month',
  'quarter',
  'year',
  'fiscal-period',
  'fiscal-year',
];

interface Tally {
  conditions: number;
  values: number;
}

/** Parses FetchXML text into its tree; every refusal is a 400 with Dataverse's query builder code. */
export function parseFetchXml(text: string): FetchQuery {
  const root = readXmlElement(text);
  if (root.name !== 'fetch') {
    throw fetchError('invalidNode', `The root element of a FetchXML query must be <fetch>, not <${root.name}>.`);
  }
  checkElement(root);
  const entities = root.children.filter((child) => child.name === 'entity');
  for (const child of root.children) {
    if (child.name !== 'entity' && child.name !== 'order') {
      throw fetchError('invalidNode', `The element <${child.name}> is not allowed in <fetch>.`);
    }
  }
  if (entities.length !== 1) {
    throw fetchError('elementNotFound', 'A FetchXML query must have exactly one <entity> element in <fetch>.');
  }
  const entity = entities[0]!;
  const tally: Tally = { conditions: 0, values: 0 };
  const attributes = root.attributes;
  const top = optionalCount(attributes, 'top');
  const count = optionalCount(attributes, 'count');
  const page = optionalPositive(attributes, 'page');
  if (top !== undefined && (count !== undefined || page !== undefined)) {
    throw fetchError(
      'invalidArgument',
      "The 'top' attribute can't be specified with the paging attributes 'count' and 'page': use one or the other.",
    );
  }
  const pagingCookie = attributes['paging-cookie'];
  const aggregateLimit = optionalPositive(attributes, 'aggregatelimit');
  return {
    entityName: requiredName(entity, 'name'),
    entity: parseBody(entity, tally, true),
    ...(top !== undefined ? { top } : {}),
    ...(count !== undefined ? { count } : {}),
    ...(page !== undefined ? { page } : {}),
    ...(pagingCookie ? { pagingCookie } : {}),
    distinct: flag(attributes, 'distinct'),
    aggregate: flag(attributes, 'aggregate'),
    ...(aggregateLimit !== undefined ? { aggregateLimit } : {}),
    returnTotalRecordCount: flag(attributes, 'returntotalrecordcount'),
    noLock: flag(attributes, 'no-lock'),
  };
}

function checkElement(element: XmlElement): void {
  const allowed = allowedAttributes[element.name];
  if (!allowed) throw fetchError('invalidNode', `The element <${element.name}> is not part of FetchXML.`);
  for (const name of Object.keys(element.attributes)) {
    if (!allowed.includes(name)) {
      throw fetchError('invalidNode', `The attribute '${name}' is not allowed on the <${element.name}> element.`);
    }
  }
  if (element.text !== '' && element.name !== 'value') {
    throw fetchError('invalidNode', `The <${element.name}> element cannot contain text.`);
  }
}

function parseBody(element: XmlElement, tally: Tally, isEntity: boolean): FetchEntityBody {
  checkElement(element);
  const attributes: FetchAttribute[] = [];
  const orders: FetchOrder[] = [];
  const filters: FetchFilter[] = [];
  const links: FetchLink[] = [];
  let allAttributes = false;
  for (const child of element.children) {
    checkElement(child);
    switch (child.name) {
      case 'attribute':
        attributes.push(parseAttribute(child));
        break;
      case 'all-attributes':
        allAttributes = true;
        break;
      case 'order':
        orders.push(parseOrder(child));
        break;
      case 'filter':
        filters.push(parseFilter(child, tally));
        break;
      case 'link-entity':
        links.push(parseLink(child, tally));
        break;
      default:
        throw fetchError('invalidNode', `The element <${child.name}> is not allowed in <${element.name}>.`);
    }
  }
  // An entity without attributes returns every column; a link-entity without them returns none.
  if (isEntity && attributes.length === 0) allAttributes = true;
  return { allAttributes, attributes, orders, filters, links };
}

function parseAttribute(element: XmlElement): FetchAttribute {
  const { attributes } = element;
  const aggregate = attributes.aggregate;
  if (aggregate !== undefined && !aggregateFunctions.includes(aggregate as AggregateFunction)) {
    throw fetchError(
      'invalidNode',
      `'${aggregate}' is not an aggregate function; use one of ${aggregateFunctions.join(', ')}.`,
    );
  }
  const dategrouping = attributes.dategrouping;
  if (dategrouping !== undefined && !dateGroupings.includes(dategrouping as DateGrouping)) {
    throw fetchError(
      'invalidNode',
      `'${dategrouping}' is not a date grouping; use one of ${dateGroupings.join(', ')}.`,
    );
  }
  const alias = attributes.alias;
  if (alias !== undefined) checkAlias(alias);
  return {
    name: requiredName(element, 'name'),
    ...(alias !== undefined ? { alias } : {}),
    ...(aggregate !== undefined ? { aggregate: aggregate as AggregateFunction } : {}),
    ...(attributes.groupby !== undefined ? { groupby: flag(attributes, 'groupby') } : {}),
    ...(dategrouping !== undefined ? { dategrouping: dategrouping as DateGrouping } : {}),
    ...(attributes.distinct !== undefined ? { distinct: flag(attributes, 'distinct') } : {}),
    ...(attributes.usertimezone !== undefined ? { usertimezone: flag(attributes, 'usertimezone') } : {}),
  };
}

function parseOrder(element: XmlElement): FetchOrder {
  const { attributes } = element;
  if (element.children.length > 0) throw fetchError('invalidNode', 'The <order> element has no child elements.');
  if (attributes.attribute === undefined && attributes.alias === undefined) {
    throw fetchError(
      'elementNotFound',
      "An <order> element needs an 'attribute' (or, in an aggregate query, an 'alias').",
    );
  }
  const descending = attributes.descending;
  if (descending !== undefined && !booleanWords.has(descending)) {
    throw fetchError(
      'invalidNode',
      `The 'descending' attribute of <order> must be true or false, not '${descending}'.`,
    );
  }
  return {
    ...(attributes.attribute !== undefined ? { attribute: checkName(attributes.attribute, 'attribute') } : {}),
    ...(attributes.alias !== undefined ? { alias: attributes.alias } : {}),
    ...(attributes.entityname !== undefined ? { entityname: attributes.entityname } : {}),
    descending: flag(attributes, 'descending'),
  };
}

function parseFilter(element: XmlElement, tally: Tally): FetchFilter {
  const type = element.attributes.type ?? 'and';
  if (type !== 'and' && type !== 'or') {
    throw fetchError('invalidFilterType', `The filter type '${type}' is not valid; use 'and' or 'or'.`);
  }
  const items: (FetchCondition | FetchFilter)[] = [];
  for (const child of element.children) {
    checkElement(child);
    if (child.name === 'condition') items.push(parseCondition(child, tally));
    else if (child.name === 'filter') items.push(parseFilter(child, tally));
    else if (child.name === 'link-entity') {
      throw fetchError(
        'invalidLinkType',
        'A <link-entity> inside a <filter> (link-type any, not any, all, not all) is not supported by Orderline; join the table with a link-entity in the entity instead.',
      );
    } else throw fetchError('invalidNode', `The element <${child.name}> is not allowed in <filter>.`);
  }
  return { kind: 'filter', type, items };
}

function parseCondition(element: XmlElement, tally: Tally): FetchCondition {
  tally.conditions += 1;
  if (tally.conditions > maxFetchConditions) {
    throw fetchError(
      'badCondition',
      `The FetchXML has more than ${maxFetchConditions} conditions; Orderline allows at most ${maxFetchConditions}.`,
    );
  }
  const { attributes } = element;
  const operator = attributes.operator;
  if (operator === undefined || operator === '') {
    throw fetchError('badCondition', "A <condition> needs an 'operator' attribute.");
  }
  const values: string[] = [];
  for (const child of element.children) {
    checkElement(child);
    if (child.name !== 'value')
      throw fetchError('invalidNode', `The element <${child.name}> is not allowed in <condition>.`);
    if (child.children.length > 0) throw fetchError('invalidNode', 'A <value> element holds text only.');
    values.push(child.text);
  }
  if (attributes.value !== undefined) {
    if (values.length > 0) {
      throw fetchError('badCondition', "A <condition> takes either a 'value' attribute or <value> elements, not both.");
    }
    values.push(attributes.value);
  }
  tally.values += values.length;
  if (tally.values > maxFetchValues) {
    throw fetchError(
      'badCondition',
      `The FetchXML has more than ${maxFetchValues} condition values; Orderline allows at most ${maxFetchValues}.`,
    );
  }
  return {
    kind: 'condition',
    attribute: requiredName(element, 'attribute'),
    operator,
    values,
    ...(attributes.entityname !== undefined ? { entityname: attributes.entityname } : {}),
    ...(attributes.valueof !== undefined ? { valueof: checkName(attributes.valueof, 'valueof') } : {}),
  };
}

function parseLink(element: XmlElement, tally: Tally): FetchLink {
  const { attributes } = element;
  const linkType = attributes['link-type'] ?? 'inner';
  if (linkType !== 'inner' && linkType !== 'outer') {
    throw fetchError(
      'invalidLinkType',
      `The link-type '${linkType}' is not supported by Orderline; use 'inner' or 'outer'.`,
    );
  }
  const alias = attributes.alias;
  if (alias !== undefined) checkAlias(alias);
  return {
    name: requiredName(element, 'name'),
    from: requiredName(element, 'from'),
    to: requiredName(element, 'to'),
    linkType: linkType as LinkType,
    ...(alias !== undefined ? { alias } : {}),
    entity: parseBody(element, tally, false),
  };
}

function requiredName(element: XmlElement, attribute: string): string {
  const value = element.attributes[attribute];
  if (value === undefined || value === '') {
    throw fetchError('elementNotFound', `The <${element.name}> element needs a '${attribute}' attribute.`);
  }
  return checkName(value, attribute);
}

/** Logical names are lower-case letters, digits and underscores; anything else names nothing. */
function checkName(value: string, attribute: string): string {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(value)) {
    throw fetchError('invalidNode', `'${value.slice(0, 130)}' is not a valid logical name for '${attribute}'.`);
  }
  return value;
}

function checkAlias(alias: string): void {
  if (!/^[A-Za-z_][A-Za-z0-9_]{0,127}$/.test(alias)) {
    throw fetchError(
      'invalidAlias',
      `'${alias.slice(0, 130)}' is not a valid alias: use letters, digits and underscores, starting with a letter.`,
    );
  }
}

const booleanWords = new Set(['true', 'false', '1', '0']);

function flag(attributes: Readonly<Record<string, string>>, name: string): boolean {
  const value = attributes[name];
  if (value === undefined) return false;
  if (!booleanWords.has(value)) {
    throw fetchError('invalidNode', `The '${name}' attribute must be true or false, not '${value.slice(0, 40)}'.`);
  }
  return value === 'true' || value === '1';
}

function optionalPositive(attributes: Readonly<Record<string, string>>, name: string): number | undefined {
  const value = attributes[name];
  if (value === undefined) return undefined;
  if (!/^\d{1,9}$/.test(value.trim()) || Number(value) < 1) {
    throw fetchError(
      'topCountGreaterThanZero',
      `The '${name}' attribute must be a whole number greater than zero, not '${value.slice(0, 40)}'.`,
    );
  }
  return Number(value);
}

function optionalCount(attributes: Readonly<Record<string, string>>, name: string): number | undefined {
  const value = optionalPositive(attributes, name);
  if (value !== undefined && value > maxFetchRows) {
    throw fetchError(
      'topCountGreaterThanZero',
      `The '${name}' attribute must be between 1 and ${maxFetchRows}, not ${value}.`,
    );
  }
  return value;
}
