/**
 * Who a request acts as. The effective user decides ownership, lock rules and the integration-user
 * flag; when a delegate impersonates someone (MSCRMCallerID / CallerObjectId), `onBehalfOf` holds the
 * real caller so `createdonbehalfby` / `modifiedonbehalfby` can record them, and the effective user's
 * privileges are the intersection of both users' (./impersonation.ts).
 *
 * A principal carries privileges, not role names: a check written against a role's name could not be
 * intersected, and would let an impersonator borrow what they do not hold.
 */

import type { Privileges } from './role-privileges.js';

export interface Principal extends Privileges {
  readonly userId: string;
  readonly businessUnitId: string;
  readonly fullName: string;
  readonly isIntegrationUser: boolean;
  /** `ol_saleslicense`: 0 None, 1 Sales Professional, 2 Sales Enterprise, 3 Sales Premium. */
  readonly salesLicense: number;
  /** The roles granted: the rows of `role` that count as the user's own (user-level access to roles). */
  readonly roleIds: readonly string[];
}

export interface Caller {
  /** The effective user. */
  readonly user: Principal;
  /** The authenticated user, when different from the effective one (impersonation). */
  readonly onBehalfOf?: Principal;
}
