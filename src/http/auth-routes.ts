/**
 * Signing people in and out (issue #14): `POST /auth/login` (JSON or an HTML form: user name and
 * password), `POST /auth/token` (a personal access token exchanged for a session), `POST /auth/logout`, and `GET /auth/options`, which tells the sign-in page which ways in
 * this server offers. A successful sign-in opens a session (src/security/sessions.ts) whose id travels
 * only in an HttpOnly cookie; the Web API accepts it in place of a bearer token (src/http/server.ts).
 *
 * The cookie is `SameSite=Lax`, not Strict: Strict would withhold it when someone follows a link to an
 * order from their mail, showing them the sign-in page although signed in; Lax already withholds it
 * from every cross-site POST, and the origin check (./cross-site.ts) refuses the rest.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError, invalidArgument } from '../domain/errors.js';
import type { PipelineServices } from '../pipeline/execution-context.js';
import { userOfToken } from '../security/access-tokens.js';
import type { AuthenticationThrottle } from '../security/authentication-throttle.js';
import { passwordMatches } from '../security/passwords.js';
import { closeSession, openSession, SESSION_COOKIE, type SessionSettings } from '../security/sessions.js';
import { auditSignIn } from '../security/sign-in-audit.js';
import { userSigningIn } from '../storage/repositories/credential-store.js';
import { findPrincipalUser } from '../storage/repositories/user-store.js';
import { requireSameOrigin } from './cross-site.js';
import type { PublicBaseOf } from './public-origin.js';

export interface SignInOptions {
  readonly services: PipelineServices;
  readonly sessions: SessionSettings;
  readonly publicBaseOf: PublicBaseOf;
  readonly throttle?: AuthenticationThrottle;
  /** The OpenID Connect provider people may sign in with, when one is configured (./oidc-routes.ts). */
  readonly openIdConnect?: { readonly name: string };
}

/** The longest user name a form may send: `domainname` holds 1,024 characters. */
const MAX_USER_NAME = 1_024;

function headersOf(request: FastifyRequest): Record<string, string | undefined> {
  const headers: Record<string, string | undefined> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

function isForm(request: FastifyRequest): boolean {
  return /^application\/x-www-form-urlencoded\b/i.test(String(request.headers['content-type'] ?? ''));
}

interface Credentials {
  readonly userName: string;
  readonly password: string;
}

/** `{ "username": …, "password": … }` or `username=…&password=…`; anything else is a 400. */
function credentialsOf(request: FastifyRequest): Credentials {
  const body = typeof request.body === 'string' ? request.body : '';
  let fields: Record<string, unknown>;
  if (isForm(request)) {
    fields = Object.fromEntries(new URLSearchParams(body));
  } else {
    try {
      const parsed: unknown = JSON.parse(body);
      fields = parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : {};
    } catch {
      throw invalidArgument('Send the user name and password as JSON or as a form.');
    }
  }
  const { username, password } = fields;
  if (typeof username !== 'string' || typeof password !== 'string' || !username.trim() || !password) {
    throw invalidArgument('Both username and password are required.');
  }
  if (username.length > MAX_USER_NAME) throw invalidArgument('The user name is too long.');
  return { userName: username.trim(), password };
}

export function originOf(base: string): string {
  return new URL(base).origin;
}

/** Sets the session cookie; `Secure` whenever the public URL is https, so it never travels in clear. */
export function setSessionCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  publicBaseOf: PublicBaseOf,
  session: { sessionId: string; expiresOn: string },
): void {
  reply.setCookie(SESSION_COOKIE, session.sessionId, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: publicBaseOf(request.raw).startsWith('https:'),
    expires: new Date(session.expiresOn),
  });
}

export function signInRoutes(app: FastifyInstance, options: SignInOptions): void {
  const { services, sessions, publicBaseOf, throttle } = options;
  const now = () => services.clock.now();

  app.get('/auth/options', async (_request, reply) =>
    reply.header('cache-control', 'no-store').send({
      password: true,
      accessToken: true,
      openIdConnect: options.openIdConnect ? { name: options.openIdConnect.name, start: '/auth/oidc/start' } : null,
    }),
  );

  app.post('/auth/login', async (request, reply) => {
    // A forged sign-in would sign the victim in as the attacker: the same origin rule as every write.
    requireSameOrigin('POST', headersOf(request), originOf(publicBaseOf(request.raw)));
    const { userName, password } = credentialsOf(request);
    const attempt = async (): Promise<string> => {
      const user = await userSigningIn(services.store.db, userName);
      const matches = await passwordMatches(services.store.db, user?.userId, password);
      if (!matches || !user || user.isDisabled) {
        await auditSignIn(services, {
          ...(user ? { userId: user.userId } : {}),
          userName,
          succeeded: false,
          method: 'password',
          reason: !user ? 'unknown user name' : !matches ? 'wrong password' : 'user disabled',
          sourceAddress: request.ip,
        });
        // One message for all three: the answer must not tell which user names exist.
        throw new DomainError('unauthenticated', 'The user name or password is incorrect.');
      }
      return user.userId;
    };
    const userId = await (throttle ? throttle.guard(request.ip, attempt) : attempt());
    const session = await openSession(services.store.db, userId, now(), sessions);
    await auditSignIn(services, { userId, userName, succeeded: true, method: 'password', sourceAddress: request.ip });
    setSessionCookie(reply, request, publicBaseOf, session);
    reply.header('cache-control', 'no-store');
    if (isForm(request)) return reply.redirect('/', 303);
    return reply.send({ UserId: userId, ExpiresOn: session.expiresOn });
  });

  // The third way in: a personal access token, exchanged for the same session so every tab shares it
  // and the token itself need not stay in the page.
  app.post('/auth/token', async (request, reply) => {
    requireSameOrigin('POST', headersOf(request), originOf(publicBaseOf(request.raw)));
    const headers = headersOf(request);
    if (!headers.authorization) throw invalidArgument('Send the access token as Authorization: Bearer <token>.');
    const attempt = async () => {
      const userId = await userOfToken(
        services.store.db,
        /^Bearer\s+(\S+)$/i.exec(headers.authorization!.trim())?.[1] ?? '',
        now(),
      );
      const user = userId === undefined ? undefined : await findPrincipalUser(services.store.db, userId);
      if (!user || user.isDisabled) {
        await auditSignIn(services, {
          ...(user ? { userId: user.userId } : {}),
          userName: '',
          succeeded: false,
          method: 'access-token',
          reason: user ? 'user disabled' : 'unknown, expired or revoked token',
          sourceAddress: request.ip,
        });
        throw new DomainError('unauthenticated', 'The bearer token is unknown, expired or revoked.');
      }
      return user.userId;
    };
    const userId = await (throttle ? throttle.guard(request.ip, attempt) : attempt());
    const session = await openSession(services.store.db, userId, now(), sessions);
    await auditSignIn(services, {
      userId,
      userName: '',
      succeeded: true,
      method: 'access-token',
      sourceAddress: request.ip,
    });
    setSessionCookie(reply, request, publicBaseOf, session);
    return reply.header('cache-control', 'no-store').send({ UserId: userId, ExpiresOn: session.expiresOn });
  });

  app.post('/auth/logout', async (request, reply) => {
    requireSameOrigin('POST', headersOf(request), originOf(publicBaseOf(request.raw)));
    const sessionId = request.cookies[SESSION_COOKIE];
    if (sessionId) await closeSession(services.store.db, sessionId, now());
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });
}
