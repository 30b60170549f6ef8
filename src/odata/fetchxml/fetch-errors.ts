/**
 * FetchXML refusals with the codes Dataverse's query builder uses (its ErrorCodes table, the
 * `QueryBuilder*` family from 0x80041100): each is a 400 in the Web API error shape.
 */
import { DomainError } from '../../domain/errors.js';

export const fetchErrorCodes = {
  /** Not well-formed XML, or a DTD or entity the parser refuses: Dataverse's invalid argument. */
  invalidXml: '0x80040203',
  /** An argument that conflicts with another (top with paging): Dataverse's invalid argument. */
  invalidArgument: '0x80040203',
  /** QueryBuilderNoEntity: the entity or link-entity names no table. */
  noEntity: '0x80041102',
  /** QueryBuilderNoAttribute: a column that is not on the table. */
  noAttribute: '0x80041103',
  /** QueryBuilderBad_Condition. */
  badCondition: '0x80041106',
  /** QueryBuilderInvalid_Value: a value the column or operator cannot take. */
  invalidValue: '0x80041108',
  /** QueryBuilderInvalid_Alias. */
  invalidAlias: '0x80041109',
  /** QueryBuilderAlias_Does_Not_Exist. */
  aliasDoesNotExist: '0x8004110a',
  /** QueryBuilderDeserializeInvalidLinkType. */
  invalidLinkType: '0x80041117',
  /** QueryBuilderDeserializeInvalidNode: an element or attribute FetchXML does not have. */
  invalidNode: '0x8004111c',
  /** QueryBuilderInvalidConditionOperator. */
  invalidConditionOperator: '0x80041120',
  /** QueryBuilderInvalidFilterType. */
  invalidFilterType: '0x80041122',
  /** QueryBuilderElementNotFound: a required element is missing. */
  elementNotFound: '0x80041123',
  /** QueryBuilderTopCountGreaterThanZero. */
  topCountGreaterThanZero: '0x80041127',
} as const;

export type FetchErrorKind = keyof typeof fetchErrorCodes;

export function fetchError(kind: FetchErrorKind, message: string): DomainError {
  return new DomainError('querySyntax', message, { code: fetchErrorCodes[kind] });
}
