/**
 * A user created without `businessunitid@odata.bind` joins the root business unit (PRODUCT.md, the
 * contract on users), as Dataverse puts a new user in the organization's root unit by default.
 */
import { rootBusinessUnitId } from '../../storage/repositories/business-unit-lookups.js';
import type { WriteStep } from '../write-step.js';

export const defaultBusinessUnitStep: WriteStep = {
  name: 'default business unit of a user',
  stage: 'preValidation',
  tables: ['systemuser'],
  messages: ['Create'],
  async run(context, { target }) {
    if (typeof target.businessunitid === 'string') return;
    // The root unit is the one without a parent; provisioning creates exactly one.
    const root = await rootBusinessUnitId(context.trx);
    if (root) target.businessunitid = root;
  },
};
