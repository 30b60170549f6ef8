/**
 * The sign-in page (issue #14): the ways in the server offers (GET /auth/options): a user name and
 * password; "Sign in with <provider>" when OpenID Connect is configured; and a personal access token.
 * Each ends in the same session cookie (src/http/auth-routes.ts); the page keeps no credential.
 */
import { Button, Divider, Field, Input, Link, makeStyles, Text, tokens } from '@fluentui/react-components';
import { type FormEvent, useEffect, useState } from 'react';
import {
  loadSignInOptions,
  type SignInOptions,
  SignInRefused,
  signInWithPassword,
  signInWithToken,
} from '../session/auth-api';
import { PageHeading } from './page-heading';

const useStyles = makeStyles({
  page: { display: 'flex', justifyContent: 'center', padding: tokens.spacingHorizontalXXL },
  column: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    width: '100%',
    maxWidth: '420px',
  },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
});

export interface SignInPageProps {
  /** Called once the server has opened a session; rejects when the session cannot be used. */
  readonly onSignedIn: () => Promise<void>;
  /** Why the user is here again (a session that ended, a refusal from the OpenID Connect provider). */
  readonly reason?: string;
}

function messageOf(failure: unknown, unauthorized: string): string {
  if (failure instanceof SignInRefused) return failure.status === 401 ? unauthorized : failure.message;
  return failure instanceof Error ? failure.message : String(failure);
}

export function SignInPage({ onSignedIn, reason }: SignInPageProps) {
  const styles = useStyles();
  const [options, setOptions] = useState<SignInOptions | undefined>();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [token, setToken] = useState('');
  const [passwordError, setPasswordError] = useState<string | undefined>(reason);
  const [tokenError, setTokenError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    loadSignInOptions().then(setOptions, () => setOptions({ password: true, accessToken: true, openIdConnect: null }));
  }, []);

  async function attempt(work: () => Promise<void>, onError: (message: string) => void, unauthorized: string) {
    setBusy(true);
    try {
      await work();
      await onSignedIn();
    } catch (failure) {
      onError(messageOf(failure, unauthorized));
      setBusy(false);
    }
  }

  function submitPassword(event: FormEvent) {
    event.preventDefault();
    if (!username.trim() || !password) {
      setPasswordError('Enter your user name and password.');
      return;
    }
    void attempt(
      () => signInWithPassword(username.trim(), password),
      setPasswordError,
      'The user name or password is incorrect.',
    );
  }

  function submitToken(event: FormEvent) {
    event.preventDefault();
    if (!token.trim()) {
      setTokenError('Enter your access token.');
      return;
    }
    void attempt(
      () => signInWithToken(token.trim()),
      setTokenError,
      'This access token was not accepted: it may be mistyped, expired or revoked.',
    );
  }

  return (
    <main className={styles.page}>
      <div className={styles.column} aria-busy={busy}>
        <PageHeading title="Sign in to Orderline" />
        <Text>
          Orderline Sales Hub: opportunities, quotes, orders and invoices, priced by the server and handed to your back
          office.
        </Text>
        <form className={styles.form} onSubmit={submitPassword} aria-label="Password sign-in">
          <Field label="User name" required>
            <Input autoComplete="username" value={username} onChange={(_event, data) => setUsername(data.value)} />
          </Field>
          <Field
            label="Password"
            required
            validationMessage={passwordError}
            validationState={passwordError ? 'error' : 'none'}
          >
            <Input
              type="password"
              autoComplete="current-password"
              value={password}
              onChange={(_event, data) => setPassword(data.value)}
            />
          </Field>
          <Button type="submit" appearance="primary" disabled={busy}>
            {busy ? 'Signing in…' : 'Sign in'}
          </Button>
        </form>
        {options?.openIdConnect ? (
          <Link href={options.openIdConnect.start}>Sign in with {options.openIdConnect.name}</Link>
        ) : null}
        <Divider />
        <form className={styles.form} onSubmit={submitToken} aria-label="Token sign-in">
          <Field
            label="Access token"
            hint="A personal access token your administrator issued, or one you created."
            validationMessage={tokenError}
            validationState={tokenError ? 'error' : 'none'}
          >
            <Input type="password" autoComplete="off" value={token} onChange={(_event, data) => setToken(data.value)} />
          </Field>
          <Button type="submit" disabled={busy}>
            Sign in with token
          </Button>
        </form>
      </div>
    </main>
  );
}
