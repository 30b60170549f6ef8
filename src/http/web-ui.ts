/**
 * The Sales Hub web UI (PRODUCT.md C7), served by the same process at `/` from the Vite bundle in
 * `dist/ui/`. Files are sent by @fastify/static; any other browser navigation gets `index.html`, so the
 * UI's own router answers client-side paths (`/orders/<id>`, `/settings`). The Web API, `/health` and
 * `/ready` have their own routes, which Fastify matches before this wildcard.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';

export interface WebUiOptions {
  /** The built bundle: the folder holding `index.html` and `assets/`. */
  readonly root: string;
}

/** Vite names every asset by its content hash, so a browser may keep them for good. */
const IMMUTABLE = 'public, max-age=31536000, immutable';
/** index.html names the current assets: it must be revalidated on every load. */
const REVALIDATE = 'no-cache';
/** Paths a file of the bundle can have: no `..`, no dot files, nothing the file system would reinterpret. */
const BUNDLE_FILE = /^\/(?:[A-Za-z0-9_-][A-Za-z0-9._-]*\/)*[A-Za-z0-9_-][A-Za-z0-9._-]*\.[A-Za-z0-9]+$/;

const NOT_BUILT_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Orderline</title></head>
<body><h1>The Orderline web UI is not built</h1>
<p>The Web API is served at <a href="/api/data/v9.2/">/api/data/v9.2/</a>. To serve the UI here, run
<code>npm run build:ui</code> (or start with <code>npm start</code>, which builds it first).</p></body></html>
`;

function pathOf(request: FastifyRequest): string {
  return (request.raw.url ?? '/').split('?')[0]!;
}

/** A browser navigation (or a plain request for the root) rather than an API client expecting JSON. */
function wantsPage(request: FastifyRequest, path: string): boolean {
  const accept = request.headers.accept;
  return path === '/' || (typeof accept === 'string' && accept.includes('text/html'));
}

/**
 * Registered as a plugin of its own: `reply.sendFile` exists only here, and the Web API's error and
 * not-found handlers are inherited, so a missing file is a 404 in Dataverse's shape like any other.
 */
export const webUi: FastifyPluginAsync<WebUiOptions> = async (app, options) => {
  const index = join(options.root, 'index.html');
  const assets = join(options.root, 'assets');
  // serve: false: only `reply.sendFile`; the one route below decides what each path means.
  await app.register(fastifyStatic, {
    root: options.root,
    serve: false,
    // Cache-Control is set below, per file: send's own default (max-age=0) would override it.
    cacheControl: false,
    setHeaders(response, filePath) {
      response.setHeader('cache-control', filePath.startsWith(assets) ? IMMUTABLE : REVALIDATE);
    },
  });

  app.get('/*', async (request: FastifyRequest, reply: FastifyReply) => {
    const path = pathOf(request);
    // Anything under /api/ that no Web API route took is the Web API's 404, in Dataverse's shape.
    if (path === '/api' || path.startsWith('/api/')) return reply.callNotFound();
    // Checked per request, so a bundle built after the server started is served without a restart.
    if (!existsSync(index)) {
      if (!wantsPage(request, path)) return reply.callNotFound();
      return reply.type('text/html; charset=utf-8').header('cache-control', REVALIDATE).send(NOT_BUILT_PAGE);
    }
    if (BUNDLE_FILE.test(path)) return reply.sendFile(path.slice(1));
    if (!wantsPage(request, path)) return reply.callNotFound();
    return reply.sendFile('index.html');
  });
};
