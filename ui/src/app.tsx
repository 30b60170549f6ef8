/**
 * The application: signed out, it shows the sign-in page; signed in, the shell and the page the path
 * names. A token kept in this tab from earlier is checked again on load.
 */
import { Spinner } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createClient } from './api/client';
import { describeError } from './api/describe-error';
import { type CurrentUser, loadCurrentUser } from './session/current-user';
import { type Session, SessionContext } from './session/session-context';
import { forgetToken, storedToken, storeToken } from './session/token-store';
import { PageRouter } from './shell/page-router';
import { SignInPage } from './shell/sign-in-page';

type State =
  | { readonly kind: 'checking' }
  | { readonly kind: 'signedOut'; readonly reason?: string }
  | { readonly kind: 'signedIn'; readonly token: string; readonly user: CurrentUser };

async function signedInWith(token: string): Promise<State> {
  const user = await loadCurrentUser(createClient(token));
  return { kind: 'signedIn', token, user };
}

export function App() {
  const [state, setState] = useState<State>(() => (storedToken() ? { kind: 'checking' } : { kind: 'signedOut' }));

  useEffect(() => {
    const token = storedToken();
    if (!token) return;
    signedInWith(token).then(setState, (error: unknown) => {
      forgetToken();
      setState({ kind: 'signedOut', reason: `Sign in again. ${describeError(error)}` });
    });
  }, []);

  const signIn = useCallback(async (token: string) => {
    const next = await signedInWith(token);
    storeToken(token);
    setState(next);
  }, []);

  const signOut = useCallback(() => {
    forgetToken();
    setState({ kind: 'signedOut' });
  }, []);

  const session = useMemo<Session | undefined>(
    () => (state.kind === 'signedIn' ? { client: createClient(state.token), user: state.user, signOut } : undefined),
    [state, signOut],
  );

  if (state.kind === 'checking') return <Spinner label="Signing in…" />;
  if (!session) return <SignInPage onSignIn={signIn} reason={state.kind === 'signedOut' ? state.reason : undefined} />;
  return (
    <SessionContext.Provider value={session}>
      <PageRouter />
    </SessionContext.Provider>
  );
}
