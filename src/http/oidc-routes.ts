/**
 * `GET /auth/oidc/start` and `GET /auth/oidc/callback` (issue #14): the browser is sent to the OpenID
 * Connect provider with a fresh state, nonce and PKCE challenge, kept in a signed, HttpOnly cookie
 * scoped to /auth/oidc; it comes back to the callback on the public URL, where the provider's answer is
 * checked (src/security/oidc.ts), the person matched to an existing user, and the same session cookie
 * as a password sign-in set. A failure returns to the sign-in page with a message, audited and counted
 * by the failed-authentication throttle like a wrong password.
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.js';
import type { PipelineServices } from '../pipeline/execution-context.js';
import type { AuthenticationThrottle } from '../security/authentication-throttle.js';
import { type OpenIdConnect, userOfIdentity } from '../security/oidc.js';
import { openSession, type SessionSettings } from '../security/sessions.js';
import { auditSignIn } from '../security/sign-in-audit.js';
import { findPrincipalUser } from '../storage/repositories/user-store.js';
import { setSessionCookie } from './auth-routes.js';
import type { PublicBaseOf } from './public-origin.js';

export const PENDING_COOKIE = 'orderline_oidc';
const PENDING_PATH = '/auth/oidc';
export const CALLBACK_PATH = '/auth/oidc/callback';

export interface OpenIdConnectRouteOptions {
  readonly services: PipelineServices;
  readonly oidc: OpenIdConnect;
  readonly sessions: SessionSettings;
  readonly publicBaseOf: PublicBaseOf;
  readonly throttle?: AuthenticationThrottle;
}

function backToSignIn(reply: FastifyReply, message: string): FastifyReply {
  return reply.redirect(`/?signInError=${encodeURIComponent(message)}`, 303);
}

export function openIdConnectRoutes(options: OpenIdConnectRouteOptions): (app: FastifyInstance) => void {
  const { services, oidc, sessions, publicBaseOf, throttle } = options;
  return (app) => {
    app.get(`${PENDING_PATH}/start`, async (request, reply) => {
      const base = publicBaseOf(request.raw);
      let started: Awaited<ReturnType<OpenIdConnect['start']>>;
      try {
        started = await oidc.start(`${base}${CALLBACK_PATH}`);
      } catch (error) {
        request.log.warn({ err: error }, 'the OpenID Connect provider could not be reached');
        return backToSignIn(reply, `${oidc.name} cannot be reached; try again later or sign in with a password.`);
      }
      reply.setCookie(PENDING_COOKIE, oidc.seal(started.pending), {
        path: PENDING_PATH,
        httpOnly: true,
        // Lax: the provider sends the browser back by a top-level GET from its own site.
        sameSite: 'lax',
        secure: base.startsWith('https:'),
        maxAge: 600,
      });
      return reply.header('cache-control', 'no-store').redirect(started.url, 303);
    });

    app.get(CALLBACK_PATH, async (request: FastifyRequest, reply) => {
      const pending = oidc.unseal(request.cookies[PENDING_COOKIE], Date.now());
      reply.clearCookie(PENDING_COOKIE, { path: PENDING_PATH });
      if (!pending) return backToSignIn(reply, 'The sign-in took too long or did not start here: try again.');
      const base = publicBaseOf(request.raw);
      const query = (request.raw.url ?? '').split('?')[1] ?? '';
      const callbackUrl = new URL(`${base}${CALLBACK_PATH}?${query}`);
      const attempt = async (): Promise<string> => {
        const fail = async (reason: string, userId?: string, userName = ''): Promise<never> => {
          await auditSignIn(services, {
            ...(userId ? { userId } : {}),
            userName,
            succeeded: false,
            method: 'openid-connect',
            reason,
            sourceAddress: request.ip,
          });
          throw new DomainError('unauthenticated', `${oidc.name} did not sign you in to Orderline: ${reason}.`);
        };
        const identity = await oidc.finish(callbackUrl, pending).catch((error: unknown) => {
          request.log.info({ err: error }, 'OpenID Connect sign-in refused');
          return fail('the provider refused or its answer did not check out');
        });
        const userName = identity.email ?? identity.subject;
        const userId = await userOfIdentity(services.store.db, identity);
        if (!userId) return fail('no Orderline user has this identity', undefined, userName);
        const user = await findPrincipalUser(services.store.db, userId);
        if (!user || user.isDisabled) return fail('the user is disabled', userId, userName);
        return userId;
      };
      let userId: string;
      try {
        userId = await (throttle ? throttle.guard(request.ip, attempt) : attempt());
      } catch (error) {
        if (error instanceof DomainError) return backToSignIn(reply, error.message);
        throw error;
      }
      const session = await openSession(services.store.db, userId, services.clock.now(), sessions);
      await auditSignIn(services, {
        userId,
        userName: '',
        succeeded: true,
        method: 'openid-connect',
        sourceAddress: request.ip,
      });
      setSessionCookie(reply, request, publicBaseOf, session);
      return reply.header('cache-control', 'no-store').redirect('/', 303);
    });
  };
}
