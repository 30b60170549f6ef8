/**
 * Users and their roles through the Web API calls an administrator would make by hand (README "Your
 * first day"): `systemusers` with `systemuserroles_association`, `$ref` to grant and remove roles, and
 * `ol_SetPassword`. The server decides who may read or change which user; this file only asks.
 */
import type { OptionMetadata, PicklistColumn } from '../../../src/domain/metadata/table-metadata';
import { systemuser } from '../../../src/domain/metadata/tables/systemuser';
import { type Client, FORMATTED } from '../api/client';

export interface RoleChoice {
  readonly id: string;
  readonly name: string;
}

export interface BusinessUnitChoice {
  readonly id: string;
  readonly name: string;
}

export interface UserSummary {
  readonly id: string;
  readonly fullName: string;
  readonly domainName: string;
  readonly businessUnitId: string;
  readonly businessUnit: string;
  readonly license: number;
  readonly licenseLabel: string;
  readonly isIntegrationUser: boolean;
  readonly isDisabled: boolean;
  readonly roles: readonly RoleChoice[];
}

/** What the New user and Edit user dialogs send; `password` is optional and never read back. */
export interface UserChanges {
  readonly businessUnitId: string;
  readonly license: number;
  readonly isIntegrationUser: boolean;
  readonly roleIds: readonly string[];
}

export interface NewUser extends UserChanges {
  readonly domainName: string;
  readonly firstName: string;
  readonly lastName: string;
  readonly password: string;
}

/** The Sales license choices, from the table metadata the server also serves (never retyped here). */
export const LICENSE_OPTIONS: readonly OptionMetadata[] = systemuser.columns
  .filter((column): column is PicklistColumn => column.type === 'picklist')
  .find((column) => column.name === 'ol_saleslicense')!.options;

type Row = Record<string, unknown>;

const text = (value: unknown): string => (typeof value === 'string' ? value : '');

function toSummary(row: Row): UserSummary {
  const roles = Array.isArray(row.systemuserroles_association) ? (row.systemuserroles_association as Row[]) : [];
  const license = typeof row.ol_saleslicense === 'number' ? row.ol_saleslicense : 0;
  return {
    id: text(row.systemuserid),
    fullName: text(row.fullname),
    domainName: text(row.domainname),
    businessUnitId: text(row._businessunitid_value),
    businessUnit: text(row[`_businessunitid_value@${FORMATTED}`]),
    license,
    licenseLabel: text(row[`ol_saleslicense@${FORMATTED}`]) || String(license),
    isIntegrationUser: row.isintegrationuser === true,
    isDisabled: row.isdisabled === true,
    roles: roles
      .map((role) => ({ id: text(role.roleid), name: text(role.name) }))
      .sort((left, right) => left.name.localeCompare(right.name)),
  };
}

/** Every user the caller may read (a salesperson: themselves), by full name. */
export async function listUsers(client: Client): Promise<UserSummary[]> {
  const result = await client.retrieveMultiple<Row>({
    collection: 'systemusers',
    select: ['fullname', 'domainname', '_businessunitid_value', 'ol_saleslicense', 'isintegrationuser', 'isdisabled'],
    expand: [{ property: 'systemuserroles_association', select: ['roleid', 'name'] }],
    orderBy: ['fullname asc'],
    includeAnnotations: FORMATTED,
  });
  return result.value.map(toSummary);
}

/** The roles a user can be given, as the server lists them to the caller. */
export async function listRoles(client: Client): Promise<RoleChoice[]> {
  const result = await client.retrieveMultiple<Row>({
    collection: 'roles',
    select: ['roleid', 'name'],
    orderBy: ['name asc'],
  });
  return result.value.map((row) => ({ id: text(row.roleid), name: text(row.name) }));
}

/** The business units a user can be placed in, as the server lists them to the caller. */
export async function listBusinessUnits(client: Client): Promise<BusinessUnitChoice[]> {
  const result = await client.retrieveMultiple<Row>({
    collection: 'businessunits',
    select: ['businessunitid', 'name'],
    orderBy: ['name asc'],
  });
  return result.value.map((row) => ({ id: text(row.businessunitid), name: text(row.name) }));
}

/** The business unit as the Web API binds it; empty leaves the server's default (the root unit). */
const businessUnitBinding = (id: string) => (id ? { 'businessunitid@odata.bind': `/businessunits(${id})` } : {});

async function grantRoles(client: Client, userId: string, roleIds: readonly string[]): Promise<void> {
  for (const roleId of roleIds) {
    await client.associate({
      collection: 'systemusers',
      primaryKey: userId,
      relationshipName: 'systemuserroles_association',
      relatedCollection: 'roles',
      relatedKey: roleId,
    });
  }
}

async function removeRoles(client: Client, userId: string, roleIds: readonly string[]): Promise<void> {
  for (const roleId of roleIds) {
    await client.disassociate({
      collection: 'systemusers',
      primaryKey: userId,
      relationshipName: 'systemuserroles_association',
      relatedKey: roleId,
    });
  }
}

export async function setPassword(client: Client, userId: string, password: string): Promise<void> {
  await client.callAction({ actionName: 'ol_SetPassword', action: { SystemUserId: userId, NewPassword: password } });
}

/** POST systemusers, then each role, then the password: each step is its own call, as by hand. */
export async function createUser(client: Client, user: NewUser): Promise<string> {
  const created = await client.create<Row, string>({
    collection: 'systemusers',
    data: {
      domainname: user.domainName,
      firstname: user.firstName,
      lastname: user.lastName,
      ol_saleslicense: user.license,
      isintegrationuser: user.isIntegrationUser,
      ...businessUnitBinding(user.businessUnitId),
    },
  });
  const id = String(created);
  await grantRoles(client, id, user.roleIds);
  if (user.password) await setPassword(client, id, user.password);
  return id;
}

/**
 * PATCH the business unit, license and flag when they changed (moving a user is an Update of
 * `businessunitid`, as Dataverse has it since SetBusinessSystemUser was deprecated), then grant and
 * remove roles to match the choice.
 */
export async function updateUser(client: Client, before: UserSummary, after: UserChanges): Promise<void> {
  const moved = after.businessUnitId !== '' && after.businessUnitId !== before.businessUnitId;
  if (moved || before.license !== after.license || before.isIntegrationUser !== after.isIntegrationUser) {
    await client.update({
      collection: 'systemusers',
      key: before.id,
      data: {
        ol_saleslicense: after.license,
        isintegrationuser: after.isIntegrationUser,
        ...(moved ? businessUnitBinding(after.businessUnitId) : {}),
      },
    });
  }
  const held = new Set(before.roles.map((role) => role.id));
  const chosen = new Set(after.roleIds);
  await grantRoles(
    client,
    before.id,
    after.roleIds.filter((id) => !held.has(id)),
  );
  await removeRoles(
    client,
    before.id,
    [...held].filter((id) => !chosen.has(id)),
  );
}

/** Disabling a user ends their sessions and tokens at once (docs/security.md); enabling lets them back in. */
export async function setDisabled(client: Client, userId: string, disabled: boolean): Promise<void> {
  await client.update({ collection: 'systemusers', key: userId, data: { isdisabled: disabled } });
}
