/**
 * New user and Edit user: the same fields Dataverse's user form and the README's Web API calls carry
 * (user name and names only when creating; the business unit, the Sales license, the integration-user
 * flag, the roles and a password either way). Whatever the server refuses is shown in the dialog in plain words: the dialog
 * checks nothing the server checks (password length, privileges).
 */
import { Checkbox, Field, Input, Select, Text } from '@fluentui/react-components';
import { useState } from 'react';
import { FormDialog } from '../dialogs/form-dialog';
import { useSession } from '../session/session-context';
import {
  type BusinessUnitChoice,
  createUser,
  LICENSE_OPTIONS,
  type RoleChoice,
  setPassword,
  type UserSummary,
  updateUser,
} from './users-api';

export interface UserDialogProps {
  /** The user to edit; without one the dialog creates a user. */
  readonly user?: UserSummary;
  readonly roles: readonly RoleChoice[];
  readonly businessUnits: readonly BusinessUnitChoice[];
  readonly onDone: (message: string) => void;
  readonly onCancel: () => void;
}

export function UserDialog({ user, roles, businessUnits, onDone, onCancel }: UserDialogProps) {
  const { client } = useSession();
  const [domainName, setDomainName] = useState('');
  const [firstName, setFirstName] = useState('');
  const [lastName, setLastName] = useState('');
  // A new user starts in the first unit listed only when the caller chooses; '' is the server's default.
  const [businessUnitId, setBusinessUnitId] = useState(user?.businessUnitId ?? '');
  const [license, setLicense] = useState(String(user?.license ?? 0));
  const [isIntegrationUser, setIntegrationUser] = useState(user?.isIntegrationUser ?? false);
  const [roleIds, setRoleIds] = useState<readonly string[]>(user?.roles.map((role) => role.id) ?? []);
  const [password, setPasswordText] = useState('');

  // The user's own unit stays listed even when the caller may not read it, so the choice shows it.
  const unitChoices =
    user && !businessUnits.some((unit) => unit.id === user.businessUnitId)
      ? [{ id: user.businessUnitId, name: user.businessUnit }, ...businessUnits]
      : businessUnits;

  function toggleRole(roleId: string, checked: boolean) {
    setRoleIds((current) => (checked ? [...current, roleId] : current.filter((id) => id !== roleId)));
  }

  async function save() {
    const changes = { businessUnitId, license: Number(license), isIntegrationUser, roleIds };
    if (user) {
      await updateUser(client, user, changes);
      if (password) await setPassword(client, user.id, password);
      onDone(`${user.fullName} was updated${password ? ' and their password was reset' : ''}.`);
    } else {
      await createUser(client, { ...changes, domainName: domainName.trim(), firstName, lastName, password });
      onDone(`${[firstName, lastName].filter(Boolean).join(' ') || domainName} was added.`);
    }
  }

  return (
    <FormDialog
      title={user ? `Edit ${user.fullName}` : 'New user'}
      submitLabel={user ? 'Save' : 'Add user'}
      onSubmit={save}
      onCancel={onCancel}
      describedBy="user-dialog-hint"
    >
      <Text id="user-dialog-hint" as="p">
        {user
          ? `User name ${user.domainName}. Roles and the license take effect on the user's next request.`
          : 'The user signs in with the user name and the password set here.'}
      </Text>
      {user ? null : (
        <>
          <Field label="User name" required>
            <Input value={domainName} maxLength={1024} onChange={(_event, data) => setDomainName(data.value)} />
          </Field>
          <Field label="First name">
            <Input value={firstName} maxLength={256} onChange={(_event, data) => setFirstName(data.value)} />
          </Field>
          <Field label="Last name">
            <Input value={lastName} maxLength={256} onChange={(_event, data) => setLastName(data.value)} />
          </Field>
        </>
      )}
      <Field
        label="Business unit"
        hint={user ? undefined : 'Without a choice the user joins the root business unit, as in Dataverse.'}
      >
        <Select value={businessUnitId} onChange={(_event, data) => setBusinessUnitId(data.value)}>
          {user ? null : <option value="">(root business unit)</option>}
          {unitChoices.map((unit) => (
            <option key={unit.id} value={unit.id}>
              {unit.name}
            </option>
          ))}
        </Select>
      </Field>
      <Field label="Sales license">
        <Select value={license} onChange={(_event, data) => setLicense(data.value)}>
          {LICENSE_OPTIONS.map((option) => (
            <option key={option.value} value={option.value}>
              {option.label}
            </option>
          ))}
        </Select>
      </Field>
      <Checkbox
        label="Integration user (a back office or another system writing through the Web API)"
        checked={isIntegrationUser}
        onChange={(_event, data) => setIntegrationUser(data.checked === true)}
      />
      <fieldset>
        <legend>Security roles</legend>
        {roles.map((role) => (
          <Checkbox
            key={role.id}
            label={role.name}
            checked={roleIds.includes(role.id)}
            onChange={(_event, data) => toggleRole(role.id, data.checked === true)}
          />
        ))}
      </fieldset>
      <Field
        label={user ? 'New password' : 'Password'}
        hint={
          user ? 'Leave empty to keep the current password.' : 'Optional: without one the user signs in with a token.'
        }
      >
        <Input
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={(_event, data) => setPasswordText(data.value)}
        />
      </Field>
    </FormDialog>
  );
}
