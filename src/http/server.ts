/**
 * Fastify wiring only: every body arrives as text (the Web API parses JSON itself, without binary
 * floats), one wildcard route serves the Web API under v9.0, v9.1 and v9.2, and every error leaves in
 * Dataverse's shape. No stack trace ever reaches a client.
 */

import { type IncomingMessage, type ServerResponse, STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import fastifyCookie from '@fastify/cookie';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  LogController,
} from 'fastify';
import type pino from 'pino';
import type { Counter, Histogram, Registry } from 'prom-client';
import { DomainError } from '../domain/errors.js';
import { requestLabel } from '../observability/request-label.js';
import { authenticate } from '../security/authenticate.js';
import type { AuthenticationThrottle } from '../security/authentication-throttle.js';
import type { OpenIdConnect } from '../security/oidc.js';
import type { Caller } from '../security/principal.js';
import type { PrincipalLoader } from '../security/principal-loader.js';
import { SESSION_COOKIE, type SessionSettings } from '../security/sessions.js';
import { storageRefusal } from '../storage/storage-faults.js';
import { errorResponse } from '../webapi/error-response.js';
import type { WebApi, WebApiServices } from '../webapi/handle-request.js';
import { type ODataResponse, splitTarget } from '../webapi/odata-request.js';
import { originOf, signInRoutes } from './auth-routes.js';
import { abortWhenClientLeaves } from './client-departure.js';
import { requireSameOrigin } from './cross-site.js';
import { openIdConnectRoutes } from './oidc-routes.js';
import { type PublicOriginSettings, publicBaseResolver } from './public-origin.js';
import { protectRequests } from './service-protection/protect-requests.js';
import type { ServiceLimiter } from './service-protection/service-limiter.js';
import { type WebUiOptions, webUi } from './web-ui.js';

const SUPPORTED_VERSIONS = new Set(['v9.0', 'v9.1', 'v9.2']);
/** Dataverse's limit on a request URL (reference 7.1). */
const MAX_URL_LENGTH = 32_768;
/**
 * Node's default limit on the request line plus headers is 16 KB, so a URL Dataverse accepts (up to
 * 32 KB) would be cut off by Node with its own answer. Twice the URL limit leaves room for the headers.
 */
const MAX_HEADER_BYTES = 2 * MAX_URL_LENGTH;
const URL_TOO_LONG = 'The URL is longer than 32,768 characters: use $batch.';
const BODY_LIMIT = 16 * 1024 * 1024;

export interface ServerDependencies {
  readonly services: WebApiServices;
  readonly api: WebApi;
  readonly principals: PrincipalLoader;
  readonly logger: pino.Logger;
  /** What `GET /metrics` exposes, in Prometheus' text format. */
  readonly metrics: Registry;
  /** Every answered request is observed here (`orderline_http_request_duration_seconds`). */
  readonly httpDuration?: Histogram<'method' | 'resource' | 'status'>;
  /** Counts the requests refused because the database could not take their write (`orderline_storage_failures_total`). */
  readonly storageFailures?: Counter<'code'>;
  /** Answers /ready: can the database be reached? */
  readonly ready: () => Promise<boolean>;
  /** The Sales Hub web UI served at `/` (PRODUCT.md C7); absent, only the API is served. */
  readonly ui?: WebUiOptions;
  /** Per-user limits on the Web API (reference 7.6); absent, none. */
  readonly serviceProtection?: ServiceLimiter;
  /** Where absolute URLs in responses point (`ORDERLINE_PUBLIC_URL`, trusted proxies); never the `Host` header. */
  readonly publicOrigin: PublicOriginSettings;
  /** Failed authentications per source; absent, not throttled. */
  readonly authenticationThrottle?: AuthenticationThrottle;
  /** How long browser sessions last (src/security/sessions.ts); absent, the defaults below. */
  readonly sessions?: SessionSettings;
  /** The OpenID Connect provider people may sign in with (src/security/oidc.ts), when one is configured. */
  readonly openIdConnect?: OpenIdConnect;
}

/** Two idle hours, twelve in all: a working day, with a break. */
export const DEFAULT_SESSION_SETTINGS: SessionSettings = { idleMinutes: 120, maxHours: 12 };

function send(reply: FastifyReply, response: ODataResponse): FastifyReply {
  reply.code(response.status).headers(response.headers);
  return response.body === undefined ? reply.send() : reply.send(response.body);
}

function lowerCaseHeaders(request: FastifyRequest): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers[name.toLowerCase()] = Array.isArray(value) ? value.join(', ') : value;
  }
  return headers;
}

/** Fastify's own refusals (body too large, malformed headers) as Dataverse errors. */
function frameworkError(error: { statusCode?: number; code?: string; message: string }): DomainError | undefined {
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE')
    return new DomainError('payloadTooLarge', 'The request body is too large.');
  if (error.statusCode === 415) return new DomainError('unsupportedMediaType', error.message);
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new DomainError('invalidArgument', error.message);
  }
  return undefined;
}

/**
 * Requests Node cannot parse as HTTP (headers over the limit, a malformed request line or header, a
 * timeout) never reach a route; they are answered here, still in Dataverse's shape, and the
 * connection is closed because the rest of its bytes cannot be trusted. When the bad bytes follow a
 * request that is still being served on the same connection (pipelining), the refusal waits for that
 * response: written first, it would read as the answer to the earlier request, whose write still commits.
 */
function clientErrorAnswerer(inFlight: WeakMap<Socket, InFlight>) {
  return (error: Error & { code?: string }, socket: Socket): void => {
    if (error.code === 'ECONNRESET' || socket.destroyed) return;
    const pending = inFlight.get(socket);
    // A request still being read is the one the bad bytes belong to: nothing of it has run yet.
    if (pending && pending.request.complete && !pending.response.writableEnded) {
      pending.response.once('close', () => answerClientError(error, socket));
      return;
    }
    answerClientError(error, socket);
  };
}

interface InFlight {
  readonly request: IncomingMessage;
  readonly response: ServerResponse;
}

function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (socket.destroyed) return;
  let refusal: DomainError;
  if (error.code === 'HPE_HEADER_OVERFLOW') {
    refusal = new DomainError(
      'headersTooLarge',
      `The request line and headers are larger than ${MAX_HEADER_BYTES} bytes.`,
    );
  } else if (error.code === 'ERR_HTTP_REQUEST_TIMEOUT') {
    refusal = new DomainError('requestTimeout', 'The request was not received in time.');
  } else {
    refusal = new DomainError('invalidArgument', 'The request is not valid HTTP/1.1.');
  }
  const response = errorResponse(refusal);
  const body = response.body ?? '';
  const headers = Object.entries({
    ...response.headers,
    'content-length': String(Buffer.byteLength(body)),
    connection: 'close',
  })
    .map(([name, value]) => `${name}: ${value}\r\n`)
    .join('');
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  socket.end(`HTTP/1.1 ${response.status} ${STATUS_CODES[response.status] ?? 'Error'}\r\n${headers}\r\n${body}`, () =>
    socket.destroy(),
  );
}

export function createServer(dependencies: ServerDependencies): FastifyInstance {
  const { services, api, principals, logger } = dependencies;
  /** The response being served on each connection, so a protocol error answers after it (see above). */
  const inFlight = new WeakMap<Socket, InFlight>();
  const publicBaseOf = publicBaseResolver(dependencies.publicOrigin);
  const { trustedProxies } = dependencies.publicOrigin;
  const app = Fastify({
    // Only the operator's proxies may speak for the client (request.ip and request.protocol).
    ...(trustedProxies.length > 0 ? { trustProxy: [...trustedProxies] } : {}),
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    routerOptions: { maxParamLength: MAX_URL_LENGTH },
    // Access logs would cost a line per request; the Web API logs what it does at debug level instead.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
    http: { maxHeaderSize: MAX_HEADER_BYTES },
    clientErrorHandler: clientErrorAnswerer(inFlight),
    // The router's own refusals (a malformed %-escape in the path, a path over the length limit).
    frameworkErrors: (error, _request, reply) =>
      send(
        reply,
        errorResponse(
          error.code === 'FST_ERR_MAX_PARAM_LENGTH'
            ? new DomainError('invalidArgument', URL_TOO_LONG)
            : new DomainError('invalidArgument', 'The URL is not valid: it has a malformed %-escape.'),
        ),
      ),
  });

  app.server.on('request', (request: IncomingMessage, response: ServerResponse) =>
    inFlight.set(request.socket, { request, response }),
  );

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error, request, reply) => {
    const storageFault = error instanceof DomainError ? undefined : storageRefusal(error);
    const known =
      error instanceof DomainError
        ? error
        : (storageFault ?? frameworkError(error as { statusCode?: number; code?: string; message: string }));
    // The operator must hear of a full disk or a read-only file: clients only see a 503.
    if (storageFault) {
      request.log.error({ err: error }, 'storage failure: a write was refused and rolled back');
      dependencies.storageFailures?.inc({ code: String((error as { code?: unknown }).code) });
    } else if (!known) request.log.error({ err: error }, 'unexpected error');
    return send(reply, errorResponse(known ?? error));
  });
  app.setNotFoundHandler((request, reply) =>
    send(
      reply,
      errorResponse(new DomainError('notFound', `No resource at ${request.method} ${request.url.split('?')[0]}.`)),
    ),
  );

  const { httpDuration } = dependencies;
  if (httpDuration) {
    const resources = new Set([
      ...services.metadata.tables.map((table) => table.entitySetName),
      ...services.operations.all().map((operation) => operation.name),
    ]);
    app.addHook('onResponse', async (request, reply) => {
      httpDuration.observe(
        { method: request.method, resource: requestLabel(request.url, resources), status: String(reply.statusCode) },
        reply.elapsedTime / 1000,
      );
    });
  }

  app.register(fastifyCookie);
  const sessions = dependencies.sessions ?? DEFAULT_SESSION_SETTINGS;
  signInRoutes(app, {
    services,
    sessions,
    publicBaseOf,
    ...(dependencies.authenticationThrottle ? { throttle: dependencies.authenticationThrottle } : {}),
    ...(dependencies.openIdConnect ? { openIdConnect: { name: dependencies.openIdConnect.name } } : {}),
  });
  if (dependencies.openIdConnect) {
    openIdConnectRoutes({
      services,
      oidc: dependencies.openIdConnect,
      sessions,
      publicBaseOf,
      ...(dependencies.authenticationThrottle ? { throttle: dependencies.authenticationThrottle } : {}),
    })(app);
  }

  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/metrics', async (_request, reply) =>
    reply.header('content-type', dependencies.metrics.contentType).send(await dependencies.metrics.metrics()),
  );
  app.get('/ready', async (_request, reply) => {
    const ready = await dependencies.ready().catch(() => false);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'database unavailable' });
  });

  /** The caller of each Web API request, known before its body is read (see onRequest below). */
  const callers = new WeakMap<FastifyRequest, Caller>();
  // Only authenticated Web API requests have a caller, so only they are limited, per effective user.
  if (dependencies.serviceProtection) {
    protectRequests(app, dependencies.serviceProtection, (request) => callers.get(request)?.user.userId);
  }
  app.route({
    method: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
    url: '/api/data/:version/*',
    // Authentication runs before the body is read or its Content-Type judged: a client without a valid
    // token gets its 401 whatever else is wrong with the request, and never makes the server buffer a body.
    onRequest: async (request) => {
      const headers = lowerCaseHeaders(request);
      const sessionId = headers.authorization ? undefined : request.cookies[SESSION_COOKIE];
      const authenticateRequest = () =>
        authenticate(
          services.store.db,
          principals,
          headers,
          services.clock.now(),
          sessionId ? { sessionId, settings: sessions } : undefined,
        );
      const { authenticationThrottle } = dependencies;
      callers.set(
        request,
        await (authenticationThrottle
          ? authenticationThrottle.guard(request.ip, authenticateRequest)
          : authenticateRequest()),
      );
      // A browser attaches the cookie to any site's form: writes by cookie must come from our own pages.
      // Checked once the cookie is known good, so a dead cookie still gets its 401.
      if (sessionId) requireSameOrigin(request.method, headers, originOf(publicBaseOf(request.raw)));
    },
    handler: async (request, reply) => {
      const { version } = request.params as { version: string };
      if (!SUPPORTED_VERSIONS.has(version))
        throw new DomainError('notFound', `Web API version ${version} is not served; use v9.2.`);
      const rawUrl = request.raw.url ?? '';
      if (rawUrl.length > MAX_URL_LENGTH) throw new DomainError('invalidArgument', URL_TOO_LONG);
      const prefix = `/api/data/${version}/`;
      const target = rawUrl.startsWith(prefix) ? rawUrl.slice(prefix.length) : '';
      const { path, query } = splitTarget(target);
      const headers = lowerCaseHeaders(request);
      const caller = callers.get(request)!;
      const body = typeof request.body === 'string' ? request.body : '';
      const started = performance.now();
      const serviceRoot = `${publicBaseOf(request.raw)}/api/data/${version}/`;
      const response = await api.handle(
        { method: request.method, path, query, headers, body, serviceRoot, signal: abortWhenClientLeaves(reply.raw) },
        caller,
      );
      request.log.debug(
        { method: request.method, path, status: response.status, ms: performance.now() - started },
        'web api',
      );
      return send(reply, response);
    },
  });
  // The service document lives at the root itself (`/api/data/v9.2/` and without the slash).
  app.get('/api/data/:version', async (request, reply) => reply.redirect(`${request.url}/`, 301));
  if (dependencies.ui) app.register(webUi, dependencies.ui);
  return app;
}
