/** A write to the organization makes the settings remembered for the unit of work stale. */
import type { WriteStep } from '../write-step.js';

export const forgetOrganizationStep: WriteStep = {
  name: 'forget remembered organization settings',
  stage: 'postOperation',
  tables: ['organization'],
  messages: ['Create', 'Update'],
  run(context) {
    context.services.referenceData.forgetOrganization(context.trx);
  },
};
