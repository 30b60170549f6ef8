/** Who is signed in: WhoAmI, then the user's name, license, integration flag and roles. */
import type { Client } from '../api/client';

export interface CurrentUser {
  readonly id: string;
  readonly fullName: string;
  /** `systemuser.isintegrationuser`: the back office writes as such users, and may change submitted orders. */
  readonly isIntegrationUser: boolean;
  /** `systemuser.ol_saleslicense`: 0 None, 1 Sales Professional, 2 Sales Enterprise, 3 Sales Premium. */
  readonly license: number;
  readonly roles: readonly string[];
}

interface WhoAmI {
  readonly UserId: string;
}

export async function loadCurrentUser(client: Client): Promise<CurrentUser> {
  const me = await client.callFunction<WhoAmI>('WhoAmI');
  const user = await client.retrieve({
    collection: 'systemusers',
    key: me.UserId,
    select: ['fullname', 'isintegrationuser', 'ol_saleslicense'],
    expand: [{ property: 'systemuserroles_association', select: ['name'] }],
  });
  const roles = Array.isArray(user.systemuserroles_association) ? user.systemuserroles_association : [];
  return {
    id: me.UserId,
    fullName: typeof user.fullname === 'string' && user.fullname ? user.fullname : 'Signed-in user',
    isIntegrationUser: user.isintegrationuser === true,
    license: typeof user.ol_saleslicense === 'number' ? user.ol_saleslicense : 0,
    roles: roles.map((role: { name?: unknown }) => String(role.name ?? '')),
  };
}
