import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { webUi } from './web-ui.js';

const HTML = 'text/html,application/xhtml+xml,*/*;q=0.8';

/** The Web API's not-found answer stands in for server.ts's, to see which requests fall through to it. */
async function serve(root: string): Promise<FastifyInstance> {
  const app = Fastify();
  app.setNotFoundHandler((_request, reply) => reply.code(404).send({ error: { code: '0x80040217', message: 'none' } }));
  app.get('/health', async () => ({ status: 'ok' }));
  await app.register(webUi, { root });
  return app;
}

describe('the web UI served at /', () => {
  let root: string;
  let app: FastifyInstance;

  beforeAll(async () => {
    root = mkdtempSync(join(tmpdir(), 'orderline-ui-'));
    mkdirSync(join(root, 'assets'));
    writeFileSync(join(root, 'index.html'), '<!doctype html><title>Sales Hub</title>');
    writeFileSync(join(root, 'assets', 'index-abc123.js'), 'console.log(1);');
    writeFileSync(join(root, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
    app = await serve(root);
  });
  afterAll(async () => {
    await app.close();
    rmSync(root, { recursive: true, force: true });
  });

  it('answers / with index.html, to be revalidated on every load', async () => {
    const response = await app.inject({ url: '/' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/^text\/html/);
    expect(response.headers['cache-control']).toBe('no-cache');
    expect(response.body).toContain('Sales Hub');
  });

  it('answers a browser navigation to a client-side path with index.html', async () => {
    const response = await app.inject({
      url: '/orders/7d0c5c43-1f7b-4f35-8d3e-0d5f5d0f2a11',
      headers: { accept: HTML },
    });
    expect(response.statusCode).toBe(200);
    expect(response.body).toContain('Sales Hub');
  });

  it('sends the hashed assets with a year-long immutable cache', async () => {
    const response = await app.inject({ url: '/assets/index-abc123.js' });
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toMatch(/javascript/);
    expect(response.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    const icon = await app.inject({ url: '/favicon.svg' });
    expect(icon.headers['cache-control']).toBe('no-cache');
  });

  it('leaves to the Web API not-found answer: unknown /api paths, missing files, and JSON clients', async () => {
    for (const request of [
      { url: '/api/data/v9.3/accounts', headers: { accept: HTML } },
      { url: '/api', headers: { accept: HTML } },
      { url: '/assets/missing.js', headers: { accept: HTML } },
      { url: '/orders', headers: { accept: 'application/json' } },
    ]) {
      const response = await app.inject(request);
      expect(response.statusCode, request.url).toBe(404);
      expect(response.json().error.code, request.url).toBe('0x80040217');
    }
  });

  it('never sends a file from outside the bundle', async () => {
    for (const url of ['/../package.json', '/assets/../../etc/passwd', '/%2e%2e/package.json', '/.env']) {
      const response = await app.inject({ url, headers: { accept: 'application/json' } });
      expect(response.statusCode, url).toBe(404);
    }
  });

  it('keeps the routes registered beside it', async () => {
    const response = await app.inject({ url: '/health', headers: { accept: HTML } });
    expect(response.json()).toEqual({ status: 'ok' });
  });
});

describe('the web UI before `npm run build:ui`', () => {
  it('answers a browser with a short page saying how to build it, and JSON clients with the API 404', async () => {
    const empty = mkdtempSync(join(tmpdir(), 'orderline-ui-empty-'));
    const app = await serve(join(empty, 'missing'));
    try {
      const page = await app.inject({ url: '/orders', headers: { accept: HTML } });
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('npm run build:ui');
      const api = await app.inject({ url: '/orders', headers: { accept: 'application/json' } });
      expect(api.statusCode).toBe(404);
    } finally {
      await app.close();
      rmSync(empty, { recursive: true, force: true });
    }
  });
});
