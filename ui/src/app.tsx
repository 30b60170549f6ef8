/**
 * The application: signed out, it shows the sign-in page; signed in, the shell and the page the path
 * names. Whether this browser is signed in is asked of the server on load (WhoAmI with the session
 * cookie), so a second tab opens signed in, and a tab learns at once when another signs out.
 */
import { Spinner } from '@fluentui/react-components';
import { useCallback, useEffect, useMemo, useState } from 'react';
import { createClient } from './api/client';
import { describeError, isUnauthorized } from './api/describe-error';
import { signOutEverywhere } from './session/auth-api';
import { type CurrentUser, loadCurrentUser } from './session/current-user';
import { type Session, SessionContext } from './session/session-context';
import { announceSignOut, onSignOutElsewhere } from './session/sign-out-broadcast';
import { PageRouter } from './shell/page-router';
import { SignInPage } from './shell/sign-in-page';

type State =
  | { readonly kind: 'checking' }
  | { readonly kind: 'signedOut'; readonly reason?: string }
  | { readonly kind: 'signedIn'; readonly user: CurrentUser };

/** The message the OpenID Connect callback sends back with (`/?signInError=…`), taken off the URL. */
function takeSignInError(): string | undefined {
  const url = new URL(window.location.href);
  const message = url.searchParams.get('signInError') ?? undefined;
  if (message !== undefined) {
    url.searchParams.delete('signInError');
    window.history.replaceState(null, '', `${url.pathname}${url.search}${url.hash}`);
  }
  return message;
}

async function currentState(): Promise<State> {
  try {
    return { kind: 'signedIn', user: await loadCurrentUser(createClient()) };
  } catch (error) {
    if (isUnauthorized(error)) return { kind: 'signedOut' };
    return { kind: 'signedOut', reason: describeError(error) };
  }
}

export function App() {
  const [state, setState] = useState<State>({ kind: 'checking' });

  useEffect(() => {
    const reason = takeSignInError();
    currentState().then((next) => setState(reason && next.kind === 'signedOut' ? { ...next, reason } : next));
    return onSignOutElsewhere(() => setState({ kind: 'signedOut', reason: 'You signed out in another tab.' }));
  }, []);

  const signedIn = useCallback(async () => {
    const next = await currentState();
    if (next.kind !== 'signedIn') throw new Error(next.kind === 'signedOut' ? (next.reason ?? 'Sign in again.') : '');
    setState(next);
  }, []);

  const signOut = useCallback(() => {
    signOutEverywhere().finally(() => {
      announceSignOut();
      setState({ kind: 'signedOut' });
    });
  }, []);

  const session = useMemo<Session | undefined>(
    () => (state.kind === 'signedIn' ? { client: createClient(), user: state.user, signOut } : undefined),
    [state, signOut],
  );

  if (state.kind === 'checking') return <Spinner label="Signing in…" />;
  if (!session)
    return <SignInPage onSignedIn={signedIn} reason={state.kind === 'signedOut' ? state.reason : undefined} />;
  return (
    <SessionContext.Provider value={session}>
      <PageRouter />
    </SessionContext.Provider>
  );
}
