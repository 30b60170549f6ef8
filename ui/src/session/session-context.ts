/** The signed-in session, available to every page: the Web API client and the current user. */
import { createContext, useContext } from 'react';
import type { Client } from '../api/client';
import type { CurrentUser } from './current-user';

export interface Session {
  readonly client: Client;
  readonly user: CurrentUser;
  signOut(): void;
}

export const SessionContext = createContext<Session | undefined>(undefined);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error('useSession is used outside a signed-in session');
  return session;
}
