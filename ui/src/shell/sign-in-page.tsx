/**
 * Sign-in with an access token: the administrator's ORDERLINE_ADMIN_TOKEN, or one issued by
 * `ol_CreateAccessToken` or `npm run orderline -- token <user>`. The token is checked with WhoAmI
 * before it is kept.
 */
import { Button, Field, Input, makeStyles, Text, tokens } from '@fluentui/react-components';
import { type FormEvent, useState } from 'react';
import { describeError, isUnauthorized } from '../api/describe-error';
import { PageHeading } from './page-heading';

const useStyles = makeStyles({
  page: { display: 'flex', justifyContent: 'center', padding: tokens.spacingHorizontalXXL },
  form: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    width: '100%',
    maxWidth: '420px',
  },
});

export interface SignInPageProps {
  readonly onSignIn: (token: string) => Promise<void>;
  /** Why the user is here again (a stored token that stopped working). */
  readonly reason?: string;
}

export function SignInPage({ onSignIn, reason }: SignInPageProps) {
  const styles = useStyles();
  const [token, setToken] = useState('');
  const [error, setError] = useState<string | undefined>(reason);
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (!token.trim()) {
      setError('Enter your access token.');
      return;
    }
    setBusy(true);
    try {
      await onSignIn(token.trim());
    } catch (failure) {
      setError(
        isUnauthorized(failure)
          ? 'This access token was not accepted: it may be mistyped, expired or revoked.'
          : describeError(failure),
      );
      setBusy(false);
    }
  }

  return (
    <main className={styles.page}>
      <form className={styles.form} onSubmit={submit} aria-busy={busy}>
        <PageHeading title="Sign in to Orderline" />
        <Text>
          Orderline Sales Hub: opportunities, quotes, orders and invoices, priced by the server and handed to your back
          office.
        </Text>
        <Field
          label="Access token"
          required
          hint="Your administrator gives you a token; it is kept in this browser tab only."
          validationMessage={error}
          validationState={error ? 'error' : 'none'}
        >
          <Input type="password" autoComplete="off" value={token} onChange={(_event, data) => setToken(data.value)} />
        </Field>
        <Button type="submit" appearance="primary" disabled={busy}>
          {busy ? 'Signing in…' : 'Sign in'}
        </Button>
      </form>
    </main>
  );
}
