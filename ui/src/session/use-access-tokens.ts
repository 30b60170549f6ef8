/**
 * One user's access tokens as a page or dialog manages them: the list, the issue form's fields, the token
 * just issued (shown once), and the server's refusal in plain words. Shared by the Personal access tokens
 * page and the Users page's Tokens dialog; the server decides who may list, issue or revoke whose tokens.
 */
import { type FormEvent, useCallback, useEffect, useState } from 'react';
import type { Client } from '../api/client';
import { describeError } from '../api/describe-error';
import { type AccessTokenSummary, createOwnToken, listOwnTokens, revokeToken } from './access-tokens';

export function useAccessTokens(client: Client, userId: string) {
  const [list, setList] = useState<AccessTokenSummary[] | undefined>();
  const [failure, setFailure] = useState<string | undefined>();
  const [description, setDescription] = useState('');
  const [days, setDays] = useState('30');
  const [issued, setIssued] = useState<{ token: string; expiresOn: string } | undefined>();
  const [busy, setBusy] = useState(false);

  const reload = useCallback(async () => {
    try {
      setList(await listOwnTokens(client, userId));
    } catch (error) {
      setFailure(describeError(error));
    }
  }, [client, userId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  async function issue(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    setFailure(undefined);
    try {
      const lifetime = days.trim() === '' ? undefined : Number(days);
      setIssued(await createOwnToken(client, userId, description.trim(), lifetime));
      setDescription('');
      await reload();
    } catch (error) {
      setFailure(describeError(error));
    } finally {
      setBusy(false);
    }
  }

  async function revoke(token: AccessTokenSummary) {
    setFailure(undefined);
    try {
      await revokeToken(client, token.id);
      await reload();
    } catch (error) {
      setFailure(describeError(error));
    }
  }

  return { list, failure, description, setDescription, days, setDays, issued, busy, issue, revoke };
}
