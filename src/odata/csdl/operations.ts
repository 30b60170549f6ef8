/**
 * Actions and functions as `$metadata` declares them. They are described here as data, like tables, so
 * the handlers that implement them (elsewhere) and the CSDL stay one list.
 */

import { retrieveMetadataChangesDescription } from './metadata-operations.js';

/**
 * A parameter, or a property of a complex type. `type` is a CSDL type name: `Edm.Guid`, `mscrm.account`,
 * `Collection(mscrm.account)`. Not nullable unless said so, as Dataverse declares its required parameters.
 */
export type TypedName = {
  readonly name: string;
  readonly type: string;
  readonly nullable?: boolean;
};

/** A structured result such as `WhoAmIResponse`, emitted once as a ComplexType in the schema. */
export type ComplexTypeDescription = {
  readonly name: string;
  readonly properties: readonly TypedName[];
};

export type OperationDescription = {
  readonly name: string;
  /** Functions are called with GET and have no side effects; actions are POSTed. */
  readonly kind: 'action' | 'function';
  /**
   * Bound to one row of `table` (`/products(<id>)/Microsoft.Dynamics.CRM.PublishProductHierarchy`). The
   * binding parameter `entity` is added in front of `parameters`, named as Dataverse names it.
   */
  readonly bound?: { readonly table: string };
  readonly parameters: readonly TypedName[];
  /** Required for a function; an action without one answers 204. */
  readonly returnType?: string;
  /** The complex types this operation's parameters or return type name, declared beside it. */
  readonly complexTypes?: readonly ComplexTypeDescription[];
};

const whoAmIResponse: ComplexTypeDescription = {
  name: 'WhoAmIResponse',
  properties: [
    { name: 'BusinessUnitId', type: 'Edm.Guid' },
    { name: 'UserId', type: 'Edm.Guid' },
    { name: 'OrganizationId', type: 'Edm.Guid' },
  ],
};

const createAccessTokenResponse: ComplexTypeDescription = {
  name: 'ol_CreateAccessTokenResponse',
  properties: [
    { name: 'AccessToken', type: 'Edm.String' },
    { name: 'ExpiresOn', type: 'Edm.DateTimeOffset' },
  ],
};

/** What `ol_ListAccessTokens` says of a token: never the token, which is not stored, nor its hash. */
const accessToken: ComplexTypeDescription = {
  name: 'ol_AccessToken',
  properties: [
    { name: 'AccessTokenId', type: 'Edm.Guid' },
    { name: 'SystemUserId', type: 'Edm.Guid' },
    { name: 'DomainName', type: 'Edm.String', nullable: true },
    { name: 'Description', type: 'Edm.String', nullable: true },
    { name: 'CreatedOn', type: 'Edm.DateTimeOffset' },
    { name: 'ExpiresOn', type: 'Edm.DateTimeOffset' },
    { name: 'RevokedOn', type: 'Edm.DateTimeOffset', nullable: true },
    // Neither revoked nor expired, by the server's clock.
    { name: 'IsValid', type: 'Edm.Boolean' },
  ],
};

/** What `ol_SendTestEvent` queued: the test event and its delivery, which the deliveries list shows. */
const sendTestEventResponse: ComplexTypeDescription = {
  name: 'ol_SendTestEventResponse',
  properties: [
    { name: 'EventId', type: 'Edm.Guid' },
    { name: 'DeliveryId', type: 'Edm.Guid' },
  ],
};

/** What `ol_ReplayDeliveries` put back in the queue. */
const replayDeliveriesResponse: ComplexTypeDescription = {
  name: 'ol_ReplayDeliveriesResponse',
  properties: [
    { name: 'Replayed', type: 'Edm.Int32' },
    { name: 'DeliveryIds', type: 'Collection(Edm.Guid)' },
  ],
};

/** The counts of RetrieveTotalRecordCount: `Values[i]` rows in the table `Keys[i]`. */
const entityRecordCountCollection: ComplexTypeDescription = {
  name: 'EntityRecordCountCollection',
  properties: [
    { name: 'Count', type: 'Edm.Int32' },
    { name: 'IsReadOnly', type: 'Edm.Boolean' },
    { name: 'Keys', type: 'Collection(Edm.String)' },
    { name: 'Values', type: 'Collection(Edm.Int64)' },
  ],
};

const retrieveTotalRecordCountResponse: ComplexTypeDescription = {
  name: 'RetrieveTotalRecordCountResponse',
  properties: [{ name: 'EntityRecordCountCollection', type: 'mscrm.EntityRecordCountCollection' }],
};

/** The operations every Orderline server answers (PRODUCT.md C1); `$metadata` declares these by default. */
export const coreOperations: readonly OperationDescription[] = [
  {
    name: 'WhoAmI',
    kind: 'function',
    parameters: [],
    returnType: 'mscrm.WhoAmIResponse',
    complexTypes: [whoAmIResponse],
  },
  {
    name: 'RetrieveTotalRecordCount',
    kind: 'function',
    parameters: [{ name: 'EntityNames', type: 'Collection(Edm.String)' }],
    returnType: 'mscrm.RetrieveTotalRecordCountResponse',
    complexTypes: [retrieveTotalRecordCountResponse, entityRecordCountCollection],
  },
  {
    name: 'ol_CreateAccessToken',
    kind: 'action',
    parameters: [
      { name: 'SystemUserId', type: 'Edm.Guid' },
      // Omitted means the server's default lifetime; at most its maximum (ORDERLINE_TOKEN_MAX_LIFETIME_DAYS).
      { name: 'ExpiresInDays', type: 'Edm.Int32', nullable: true },
      { name: 'Description', type: 'Edm.String', nullable: true },
    ],
    returnType: 'mscrm.ol_CreateAccessTokenResponse',
    complexTypes: [createAccessTokenResponse],
  },
  {
    name: 'ol_RevokeAccessToken',
    kind: 'action',
    parameters: [{ name: 'AccessTokenId', type: 'Edm.Guid' }],
  },
  {
    name: 'ol_ListAccessTokens',
    kind: 'function',
    // Omitted means the caller's own tokens, or everyone's for a System Administrator.
    parameters: [{ name: 'SystemUserId', type: 'Edm.Guid', nullable: true }],
    returnType: 'Collection(mscrm.ol_AccessToken)',
    complexTypes: [accessToken],
  },
  retrieveMetadataChangesDescription,
  {
    name: 'ol_SetPassword',
    kind: 'action',
    // CurrentPassword is required when users set their own; an administrator setting another's omits it.
    parameters: [
      { name: 'SystemUserId', type: 'Edm.Guid' },
      { name: 'NewPassword', type: 'Edm.String' },
      { name: 'CurrentPassword', type: 'Edm.String', nullable: true },
    ],
  },
  {
    name: 'ol_SendTestEvent',
    kind: 'action',
    bound: { table: 'ol_connector' },
    parameters: [],
    returnType: 'mscrm.ol_SendTestEventResponse',
    complexTypes: [sendTestEventResponse],
  },
  {
    name: 'ol_ReplayDeliveries',
    kind: 'action',
    // DeliveryId: one dead letter; ConnectorId: that connector's; neither: every dead letter.
    parameters: [
      { name: 'DeliveryId', type: 'Edm.Guid', nullable: true },
      { name: 'ConnectorId', type: 'Edm.Guid', nullable: true },
    ],
    returnType: 'mscrm.ol_ReplayDeliveriesResponse',
    complexTypes: [replayDeliveriesResponse],
  },
];
