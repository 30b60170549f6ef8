/**
 * Who a request acts as. The effective user decides privileges and ownership; when a delegate
 * impersonates someone (MSCRMCallerID / CallerObjectId), `onBehalfOf` holds the real caller so
 * `createdonbehalfby` / `modifiedonbehalfby` can record them.
 */

import type { PrivilegeGroup } from '../domain/metadata/table-metadata.js';
import type { AccessDepth, Operation } from './role-privileges.js';

export interface Principal {
  readonly userId: string;
  readonly businessUnitId: string;
  readonly fullName: string;
  readonly isIntegrationUser: boolean;
  /** `ol_saleslicense`: 0 None, 1 Sales Professional, 2 Sales Enterprise, 3 Sales Premium. */
  readonly salesLicense: number;
  readonly roleIds: readonly string[];
  readonly roleNames: readonly string[];
  access(group: PrivilegeGroup, operation: Operation): AccessDepth;
  readonly canActOnBehalfOfOthers: boolean;
}

export interface Caller {
  /** The effective user. */
  readonly user: Principal;
  /** The authenticated user, when different from the effective one (impersonation). */
  readonly onBehalfOf?: Principal;
}
