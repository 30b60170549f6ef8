/**
 * Administration > Users (issue #14): every user the server lets the caller read, with their business
 * unit, Sales license, integration-user flag, status and roles; New user, Edit (business unit, license,
 * flag, roles, password), Tokens (list, issue, revoke a user's access tokens) and Disable / Enable. The page shows the same controls to everyone signed in: what each
 * caller may see is the server's answer (a salesperson reads only their own row), and what they may
 * not change is the server's refusal, shown in plain words (ui/src/api/describe-error.ts).
 */
import {
  MessageBar,
  MessageBarBody,
  makeStyles,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Toolbar,
  ToolbarButton,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { describeError } from '../api/describe-error';
import { useQuery } from '../data/use-query';
import { useSession } from '../session/session-context';
import { PageHeading } from '../shell/page-heading';
import { UserTokensDialog } from './user-tokens-dialog';
import { listBusinessUnits, listRoles, listUsers, setDisabled, type UserSummary } from './users-api';
import { UserDialog } from './users-dialog';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  tableScroll: { overflowX: 'auto' },
  // Sized by content: a fixed layout would cut long user names and the row's buttons off.
  table: { tableLayout: 'auto', minWidth: '900px' },
  rowActions: { flexWrap: 'nowrap' },
});

type Editing = { readonly user?: UserSummary } | undefined;

export function UsersPage() {
  const styles = useStyles();
  const { client } = useSession();
  const users = useQuery('systemusers', () => listUsers(client));
  const roles = useQuery('roles', () => listRoles(client));
  const businessUnits = useQuery('businessunits', () => listBusinessUnits(client));
  const [editing, setEditing] = useState<Editing>();
  const [tokensOf, setTokensOf] = useState<UserSummary | undefined>();
  const [notice, setNotice] = useState<string | undefined>();
  const [failure, setFailure] = useState<string | undefined>();

  async function done(message: string) {
    setEditing(undefined);
    setFailure(undefined);
    setNotice(message);
    await users.reload();
  }

  async function toggleDisabled(user: UserSummary) {
    setNotice(undefined);
    setFailure(undefined);
    try {
      await setDisabled(client, user.id, !user.isDisabled);
      await done(
        user.isDisabled
          ? `${user.fullName} is enabled and may sign in again.`
          : `${user.fullName} is disabled: their sessions and tokens no longer work.`,
      );
    } catch (error) {
      setFailure(describeError(error));
    }
  }

  const loadError = users.error ?? roles.error;
  return (
    <div className={styles.page}>
      <PageHeading title="Users" />
      {/*
        Toolbars, not plain divs: a Fluent dialog hides the page from assistive technologies while open
        and shows it again when the focus comes back to a control Fluent's focus manager knows; the
        buttons that open dialogs here must be such controls, as the record forms' command bar is.
      */}
      <Toolbar aria-label="Users commands">
        <ToolbarButton appearance="primary" onClick={() => setEditing({})}>
          New user
        </ToolbarButton>
      </Toolbar>
      {failure || loadError ? (
        <MessageBar intent="error" role="alert" layout="multiline">
          <MessageBarBody>{failure ?? describeError(loadError)}</MessageBarBody>
        </MessageBar>
      ) : null}
      {notice ? (
        <MessageBar intent="success" role="status">
          <MessageBarBody>{notice}</MessageBarBody>
        </MessageBar>
      ) : null}
      {users.data ? (
        <div className={styles.tableScroll}>
          <Table aria-label="Users" className={styles.table}>
            <TableHeader>
              <TableRow>
                <TableHeaderCell>Full Name</TableHeaderCell>
                <TableHeaderCell>User Name</TableHeaderCell>
                <TableHeaderCell>Business Unit</TableHeaderCell>
                <TableHeaderCell>Sales License</TableHeaderCell>
                <TableHeaderCell>Integration user</TableHeaderCell>
                <TableHeaderCell>Status</TableHeaderCell>
                <TableHeaderCell>Security roles</TableHeaderCell>
                <TableHeaderCell>Actions</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {users.data.map((user) => (
                <TableRow key={user.id}>
                  <TableCell>{user.fullName}</TableCell>
                  <TableCell>{user.domainName}</TableCell>
                  <TableCell>{user.businessUnit}</TableCell>
                  <TableCell>{user.licenseLabel}</TableCell>
                  <TableCell>{user.isIntegrationUser ? 'Yes' : 'No'}</TableCell>
                  <TableCell>{user.isDisabled ? 'Disabled' : 'Enabled'}</TableCell>
                  <TableCell>{user.roles.map((role) => role.name).join(', ') || 'None'}</TableCell>
                  <TableCell>
                    <Toolbar size="small" className={styles.rowActions} aria-label={`Actions for ${user.fullName}`}>
                      <ToolbarButton aria-label={`Edit ${user.fullName}`} onClick={() => setEditing({ user })}>
                        Edit
                      </ToolbarButton>
                      <ToolbarButton aria-label={`Tokens of ${user.fullName}`} onClick={() => setTokensOf(user)}>
                        Tokens
                      </ToolbarButton>
                      <ToolbarButton
                        aria-label={`${user.isDisabled ? 'Enable' : 'Disable'} ${user.fullName}`}
                        onClick={() => void toggleDisabled(user)}
                      >
                        {user.isDisabled ? 'Enable' : 'Disable'}
                      </ToolbarButton>
                    </Toolbar>
                  </TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </div>
      ) : loadError ? null : (
        <Spinner size="small" label="Loading users…" />
      )}
      {editing ? (
        <UserDialog
          user={editing.user}
          roles={roles.data ?? []}
          businessUnits={businessUnits.data ?? []}
          onDone={(message) => void done(message)}
          onCancel={() => setEditing(undefined)}
        />
      ) : null}
      {tokensOf ? <UserTokensDialog user={tokensOf} onClose={() => setTokensOf(undefined)} /> : null}
    </div>
  );
}
