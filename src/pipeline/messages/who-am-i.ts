/** WhoAmI (reference 6): who the caller is, in which business unit and organization. */
import type { Query } from './message.js';

export interface WhoAmIResult {
  readonly businessUnitId: string;
  readonly userId: string;
  readonly organizationId: string;
}

export const whoAmI: Query<void, WhoAmIResult> = async (context) => {
  const organization = await context.services.referenceData.organization(context.trx);
  return {
    businessUnitId: context.caller.user.businessUnitId,
    userId: context.caller.user.userId,
    organizationId: String(organization.organizationid),
  };
};
