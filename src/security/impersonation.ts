/**
 * Impersonation as Dataverse does it ("Impersonate another user using the Web API"): "the actual set of
 * privileges that is used to modify data is the intersection of the privileges that the Delegate role
 * user possesses with that of the user who is being impersonated". The effective user is the
 * impersonated one (owner of what is created, lock rules, the integration-user flag: PRODUCT.md C6), but
 * nothing the impersonator lacks is gained: per table privilege the shallower depth, a miscellaneous
 * privilege only when both hold it, and the lesser Sales license.
 */
import type { Principal } from './principal.js';
import { shallowerOf } from './role-privileges.js';

/** `impersonated` as seen when `impersonator` acts on their behalf. */
export function impersonating(impersonated: Principal, impersonator: Principal): Principal {
  return {
    ...impersonated,
    salesLicense: Math.min(impersonated.salesLicense, impersonator.salesLicense),
    access: (group, operation) =>
      shallowerOf(impersonated.access(group, operation), impersonator.access(group, operation)),
    holds: (privilege) => impersonated.holds(privilege) && impersonator.holds(privilege),
  };
}
