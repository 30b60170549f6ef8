/**
 * A user's personal access tokens, opened from the Users page (issue #14): an administrator lists,
 * revokes and issues the tokens of another user, such as the back office's integration user. The
 * same operations as the Personal access tokens page (ol_ListAccessTokens, ol_CreateAccessToken,
 * ol_RevokeAccessToken) with the user's id: whether the caller may is the server's answer
 * (src/security/token-management.ts), shown in plain words when it refuses.
 */
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  MessageBar,
  MessageBarBody,
  MessageBarTitle,
  makeStyles,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Text,
  tokens,
} from '@fluentui/react-components';
import { useFocusReturn } from '../dialogs/use-focus-return';
import { tokenState } from '../session/access-tokens';
import { useSession } from '../session/session-context';
import { useAccessTokens } from '../session/use-access-tokens';
import type { UserSummary } from './users-api';

const useStyles = makeStyles({
  surface: { maxWidth: '760px', width: 'calc(100vw - 32px)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  form: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end', flexWrap: 'wrap' },
  sectionTitle: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

export interface UserTokensDialogProps {
  readonly user: UserSummary;
  readonly onClose: () => void;
}

export function UserTokensDialog({ user, onClose }: UserTokensDialogProps) {
  const styles = useStyles();
  const { client } = useSession();
  const { list, failure, description, setDescription, days, setDays, issued, busy, issue, revoke } = useAccessTokens(
    client,
    user.id,
  );
  useFocusReturn();

  const title = `Access tokens of ${user.fullName}`;
  return (
    <Dialog open modalType="modal" onOpenChange={(_event, data) => (data.open ? undefined : onClose())}>
      <DialogSurface className={styles.surface} aria-describedby="user-tokens-hint">
        <DialogBody>
          <DialogTitle>{title}</DialogTitle>
          <DialogContent className={styles.content}>
            <Text id="user-tokens-hint" as="p">
              A token signs {user.fullName} in to the Web API (a back office, a script) until it expires or is revoked.
            </Text>
            {failure ? (
              <MessageBar intent="error" role="alert" layout="multiline">
                <MessageBarBody>{failure}</MessageBarBody>
              </MessageBar>
            ) : null}
            {issued ? (
              <MessageBar intent="success" layout="multiline">
                <MessageBarBody>
                  <MessageBarTitle>Copy the new token now: it is not shown again.</MessageBarTitle>
                  <Field label="New token" hint={`Expires ${issued.expiresOn}.`}>
                    <Input readOnly value={issued.token} />
                  </Field>
                </MessageBarBody>
              </MessageBar>
            ) : null}
            <h3 className={styles.sectionTitle}>Issue a token</h3>
            <form className={styles.form} onSubmit={issue} aria-label={`Issue a token to ${user.fullName}`}>
              <Field label="Description">
                <Input value={description} maxLength={200} onChange={(_event, data) => setDescription(data.value)} />
              </Field>
              <Field label="Lifetime in days">
                <Input type="number" min={1} value={days} onChange={(_event, data) => setDays(data.value)} />
              </Field>
              <Button type="submit" appearance="primary" disabled={busy}>
                Issue token
              </Button>
            </form>
            {list ? (
              <Table aria-label={`Tokens of ${user.fullName}`} size="small">
                <TableHeader>
                  <TableRow>
                    <TableHeaderCell>Description</TableHeaderCell>
                    <TableHeaderCell>Created</TableHeaderCell>
                    <TableHeaderCell>Expires</TableHeaderCell>
                    <TableHeaderCell>State</TableHeaderCell>
                    <TableHeaderCell>Actions</TableHeaderCell>
                  </TableRow>
                </TableHeader>
                <TableBody>
                  {list.map((token) => (
                    <TableRow key={token.id}>
                      <TableCell>{token.description || '(no description)'}</TableCell>
                      <TableCell>{token.createdOn.slice(0, 10)}</TableCell>
                      <TableCell>{token.expiresOn.slice(0, 10)}</TableCell>
                      <TableCell>{tokenState(token)}</TableCell>
                      <TableCell>
                        {token.isValid ? (
                          <Button
                            size="small"
                            aria-label={`Revoke ${token.description || 'token without description'}`}
                            onClick={() => void revoke(token)}
                          >
                            Revoke
                          </Button>
                        ) : null}
                      </TableCell>
                    </TableRow>
                  ))}
                </TableBody>
              </Table>
            ) : failure ? null : (
              <Spinner size="small" label="Loading tokens…" />
            )}
            {list && list.length === 0 ? <Text>{user.fullName} has no tokens.</Text> : null}
          </DialogContent>
          <DialogActions>
            <Button onClick={onClose}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
