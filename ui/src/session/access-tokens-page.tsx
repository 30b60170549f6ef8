/**
 * Personal access tokens (issue #14): the signed-in user's tokens, to list, create (with a description
 * and a lifetime; the new token is shown once, as the server never stores it) and revoke. The server
 * checks the lifetime against its maximum and says so when it refuses.
 */
import {
  Button,
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
  tokens,
} from '@fluentui/react-components';
import { PageHeading } from '../shell/page-heading';
import { tokenState } from './access-tokens';
import { useSession } from './session-context';
import { useAccessTokens } from './use-access-tokens';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '900px' },
  form: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'end', flexWrap: 'wrap' },
  sectionTitle: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
});

export function AccessTokensPage() {
  const styles = useStyles();
  const { client, user } = useSession();
  const {
    list,
    failure: error,
    description,
    setDescription,
    days,
    setDays,
    issued: created,
    busy,
    issue: create,
    revoke,
  } = useAccessTokens(client, user.id);

  return (
    <div className={styles.page}>
      <PageHeading title="Personal access tokens" />
      {error ? (
        <MessageBar intent="error" role="alert">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
      {created ? (
        <MessageBar intent="success">
          <MessageBarBody>
            <MessageBarTitle>Copy your new token now: it is not shown again.</MessageBarTitle>
            <Field label="New token" hint={`Expires ${created.expiresOn}.`}>
              <Input readOnly value={created.token} />
            </Field>
          </MessageBarBody>
        </MessageBar>
      ) : null}
      <section aria-labelledby="new-token-heading">
        <h2 id="new-token-heading" className={styles.sectionTitle}>
          New token
        </h2>
        <form className={styles.form} onSubmit={create}>
          <Field label="Description">
            <Input value={description} maxLength={200} onChange={(_event, data) => setDescription(data.value)} />
          </Field>
          <Field label="Lifetime in days">
            <Input type="number" min={1} value={days} onChange={(_event, data) => setDays(data.value)} />
          </Field>
          <Button type="submit" appearance="primary" disabled={busy}>
            Create token
          </Button>
        </form>
      </section>
      <section aria-labelledby="your-tokens-heading">
        <h2 id="your-tokens-heading" className={styles.sectionTitle}>
          Your tokens
        </h2>
        {!list && !error ? <Spinner size="small" label="Loading tokens…" /> : null}
        {list ? (
          <Table aria-label="Your tokens">
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
        ) : null}
      </section>
    </div>
  );
}
