/**
 * The server's sign-in endpoints (src/http/auth-routes.ts). Every way in ends in the same HttpOnly
 * session cookie, which page script cannot read and every tab of the browser shares; the UI never
 * holds a credential itself. The server says which ways it offers: the UI does not guess.
 */

export interface SignInOptions {
  readonly password: boolean;
  readonly accessToken: boolean;
  readonly openIdConnect: { readonly name: string; readonly start: string } | null;
}

/** A refusal of the sign-in endpoints, with the server's own message. */
export class SignInRefused extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'SignInRefused';
  }
}

async function refusal(response: Response): Promise<SignInRefused> {
  let message = `The server answered ${response.status}.`;
  try {
    const body = (await response.json()) as { error?: { message?: string } };
    if (body.error?.message) message = body.error.message;
  } catch {
    // Not JSON: the status says enough.
  }
  return new SignInRefused(response.status, message);
}

export async function loadSignInOptions(): Promise<SignInOptions> {
  const response = await fetch('/auth/options', { headers: { accept: 'application/json' } });
  if (!response.ok) throw await refusal(response);
  return (await response.json()) as SignInOptions;
}

export async function signInWithPassword(username: string, password: string): Promise<void> {
  const response = await fetch('/auth/login', {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json' },
    body: JSON.stringify({ username, password }),
  });
  if (!response.ok) throw await refusal(response);
}

export async function signInWithToken(token: string): Promise<void> {
  const response = await fetch('/auth/token', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, accept: 'application/json' },
  });
  if (!response.ok) throw await refusal(response);
}

export async function signOutEverywhere(): Promise<void> {
  await fetch('/auth/logout', { method: 'POST' });
}
