/** `fullname` of users and contacts is "first last", kept by the server as Dataverse does. */
import type { WriteStep } from '../write-step.js';

export const computedNamesStep: WriteStep = {
  name: 'full name',
  stage: 'preOperation',
  tables: ['systemuser', 'contact'],
  messages: ['Create', 'Update'],
  run(_context, { target, preImage }) {
    if (target.firstname === undefined && target.lastname === undefined) return;
    const first = (target.firstname !== undefined ? target.firstname : preImage?.firstname) ?? '';
    const last = (target.lastname !== undefined ? target.lastname : preImage?.lastname) ?? '';
    target.fullname = `${String(first)} ${String(last)}`.trim();
  },
};
