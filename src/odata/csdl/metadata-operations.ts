/**
 * `RetrieveMetadataChanges` as `$metadata` declares it (Learn: "RetrieveMetadataChanges Function",
 * "EntityQueryExpression ComplexType"): the object-style metadata query early-bound generators send,
 * its query complex types, and its response, which carries the definitions as the `Complex...` twins
 * of the metadata entity types (`metadata-schema.ts`).
 */
import type { ComplexTypeDescription, OperationDescription, TypedName } from './operations.js';

const optional = (name: string, type: string): TypedName => ({ name, type, nullable: true });

const queryMembers = [
  optional('Criteria', 'mscrm.MetadataFilterExpression'),
  optional('Properties', 'mscrm.MetadataPropertiesExpression'),
];

const complexTypes: readonly ComplexTypeDescription[] = [
  {
    name: 'MetadataFilterExpression',
    properties: [
      optional('Conditions', 'Collection(mscrm.MetadataConditionExpression)'),
      optional('FilterOperator', 'mscrm.LogicalOperator'),
      optional('Filters', 'Collection(mscrm.MetadataFilterExpression)'),
    ],
  },
  {
    name: 'MetadataConditionExpression',
    properties: [
      optional('PropertyName', 'Edm.String'),
      optional('ConditionOperator', 'mscrm.MetadataConditionOperator'),
      optional('Value', 'mscrm.Object'),
    ],
  },
  { name: 'Object', properties: [optional('Type', 'Edm.String'), optional('Value', 'Edm.String')] },
  {
    name: 'MetadataPropertiesExpression',
    properties: [optional('AllProperties', 'Edm.Boolean'), optional('PropertyNames', 'Collection(Edm.String)')],
  },
  {
    name: 'LabelQueryExpression',
    properties: [optional('FilterLanguages', 'Collection(Edm.Int32)'), optional('MissingLabelBehavior', 'Edm.Int32')],
  },
  { name: 'AttributeQueryExpression', properties: queryMembers },
  { name: 'RelationshipQueryExpression', properties: queryMembers },
  { name: 'EntityKeyQueryExpression', properties: queryMembers },
  {
    name: 'EntityQueryExpression',
    properties: [
      ...queryMembers,
      optional('AttributeQuery', 'mscrm.AttributeQueryExpression'),
      optional('RelationshipQuery', 'mscrm.RelationshipQueryExpression'),
      optional('KeyQuery', 'mscrm.EntityKeyQueryExpression'),
      optional('LabelQuery', 'mscrm.LabelQueryExpression'),
    ],
  },
  {
    name: 'RetrieveMetadataChangesResponse',
    properties: [
      optional('EntityMetadata', 'Collection(mscrm.ComplexEntityMetadata)'),
      optional('ServerVersionStamp', 'Edm.String'),
    ],
  },
];

export const retrieveMetadataChangesDescription: OperationDescription = {
  name: 'RetrieveMetadataChanges',
  kind: 'function',
  parameters: [
    optional('Query', 'mscrm.EntityQueryExpression'),
    optional('DeletedMetadataFilters', 'mscrm.DeletedMetadataFilters'),
    optional('ClientVersionStamp', 'Edm.String'),
    optional('AppModuleId', 'Edm.Guid'),
  ],
  returnType: 'mscrm.RetrieveMetadataChangesResponse',
  complexTypes,
};
