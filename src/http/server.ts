/**
 * Fastify wiring only: every body arrives as text (the Web API parses JSON itself, without binary
 * floats), one wildcard route serves the Web API under v9.0, v9.1 and v9.2, and every error leaves in
 * Dataverse's shape. No stack trace ever reaches a client.
 */
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance, type FastifyReply, type FastifyRequest } from "fastify";
import type pino from 'pino';
import { DomainError } from '../domain/errors.js';
import { authenticate } from '../security/authenticate.js';
import type { PrincipalLoader } from '../security/principal-loader.js';
import { errorResponse } from '../webapi/error-response.js';
import type { WebApi, WebApiServices } from '../webapi/handle-request.js';
import { type ODataResponse, splitTarget } from '../webapi/odata-request.js';

const SUPPORTED_VERSIONS = new Set(['v9.0', 'v9.1', 'v9.2']);
/** Dataverse's limit on a request URL (reference 7.1). */
const MAX_URL_LENGTH = 32_768;
const BODY_LIMIT = 16 * 1024 * 1024;

export interface ServerDependencies {
  readonly services: WebApiServices;
  readonly api: WebApi;
  readonly principals: PrincipalLoader;
  readonly logger: pino.Logger;
  /** Answers /ready: can the database be reached? */
  readonly ready: () => Promise<boolean>;
}

function send(reply: FastifyReply, response: ODataResponse): FastifyReply {
  reply.code(response.status).headers(response.headers);
  return response.body === undefined ? reply.send() : reply.send(response.body);
}

function serviceRootOf(request: FastifyRequest, version: string): string {
  const forwarded = request.headers['x-forwarded-proto'];
  const protocol = typeof forwarded === 'string' && /^https?$/.test(forwarded) ? forwarded : request.protocol;
  return `${protocol}://${request.headers.host ?? 'localhost'}/api/data/${version}/`;
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
  if (error.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return new DomainError('payloadTooLarge', 'The request body is too large.');
  if (error.statusCode === 415) return new DomainError('unsupportedMediaType', error.message);
  if (error.statusCode !== undefined && error.statusCode >= 400 && error.statusCode < 500) {
    return new DomainError('invalidArgument', error.message);
  }
  return undefined;
}

export function createServer(dependencies: ServerDependencies): FastifyInstance {
  const { services, api, principals, logger } = dependencies;
  const app = Fastify({
    loggerInstance: logger as FastifyBaseLogger,
    bodyLimit: BODY_LIMIT,
    routerOptions: { maxParamLength: MAX_URL_LENGTH },
    // Access logs would cost a line per request; the Web API logs what it does at debug level instead.
    logController: new LogController({ disableRequestLogging: true }),
    return503OnClosing: true,
  });

  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body));

  app.setErrorHandler((error, request, reply) => {
    const known = error instanceof DomainError ? error : frameworkError(error as { statusCode?: number; code?: string; message: string });
    if (!known) request.log.error({ err: error }, 'unexpected error');
    return send(reply, errorResponse(known ?? error));
  });
  app.setNotFoundHandler((request, reply) =>
    send(reply, errorResponse(new DomainError('notFound', `No resource at ${request.method} ${request.url.split('?')[0]}.`))),
  );

  app.get('/health', async () => ({ status: 'ok' }));
  app.get('/ready', async (_request, reply) => {
    const ready = await dependencies.ready().catch(() => false);
    return reply.code(ready ? 200 : 503).send({ status: ready ? 'ready' : 'database unavailable' });
  });

  app.route({
    method: ['GET', 'POST', 'PATCH', 'PUT', 'DELETE'],
    url: '/api/data/:version/*',
    handler: async (request, reply) => {
      const { version } = request.params as { version: string };
      if (!SUPPORTED_VERSIONS.has(version)) throw new DomainError('notFound', `Web API version ${version} is not served; use v9.2.`);
      const rawUrl = request.raw.url ?? '';
      if (rawUrl.length > MAX_URL_LENGTH) throw new DomainError('invalidArgument', 'The URL is longer than 32,768 characters: use $batch.');
      const prefix = `/api/data/${version}/`;
      const target = rawUrl.startsWith(prefix) ? rawUrl.slice(prefix.length) : '';
      const { path, query } = splitTarget(target);
      const headers = lowerCaseHeaders(request);
      const caller = await authenticate(services.store.db, principals, headers, services.clock.now());
      const body = typeof request.body === 'string' ? request.body : '';
      const started = performance.now();
      const response = await api.handle(
        { method: request.method, path, query, headers, body, serviceRoot: serviceRootOf(request, version) },
        caller,
      );
      request.log.debug({ method: request.method, path, status: response.status, ms: performance.now() - started }, 'web api');
      return send(reply, response);
    },
  });
  // The service document lives at the root itself (`/api/data/v9.2/` and without the slash).
  app.get('/api/data/:version', async (request, reply) => reply.redirect(`${request.url}/`, 301));
  return app;
}
