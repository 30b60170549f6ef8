/** The Web API binding of `ol_SetPassword` (issue #14; src/pipeline/messages/set-password.ts). */
import { invalidArgument } from '../../domain/errors.js';
import { GUID_PATTERN as GUID } from '../../domain/guid.js';
import type { JsonValue } from '../../odata/json/json-number.js';
import { setPassword } from '../../pipeline/messages/set-password.js';
import type { ActionDefinition } from './operation-registry.js';

function text(name: string, value: JsonValue | undefined, optional: boolean): string | undefined {
  if ((value === undefined || value === null) && optional) return undefined;
  if (typeof value !== 'string') throw invalidArgument(`${name} must be a string.`);
  return value;
}

export const setPasswordAction: ActionDefinition = {
  name: 'ol_SetPassword',
  kind: 'action',
  parameters: [
    { name: 'SystemUserId', type: 'Edm.Guid' },
    { name: 'NewPassword', type: 'Edm.String' },
    { name: 'CurrentPassword', type: 'Edm.String', optional: true },
  ],
  async execute({ context, parameters }) {
    const id = typeof parameters.SystemUserId === 'string' ? GUID.exec(parameters.SystemUserId) : null;
    if (!id) throw invalidArgument('SystemUserId must be the GUID of a user.');
    const current = text('CurrentPassword', parameters.CurrentPassword, true);
    await setPassword(context, {
      systemUserId: id[1]!.toLowerCase(),
      newPassword: text('NewPassword', parameters.NewPassword, false)!,
      ...(current === undefined ? {} : { currentPassword: current }),
    });
    return undefined;
  },
};
