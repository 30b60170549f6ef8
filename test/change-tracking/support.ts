/**
 * What the change tracking suites share: following a tracked read through its pages to its delta link,
 * and applying a delta to a client-side copy of the table the way a back office would.
 */
import { expect } from 'vitest';
import { systemPrincipal } from '../../src/provisioning/first-start.js';
import type { Principal } from '../../src/security/principal.js';
import { createWebApi } from '../../src/webapi/handle-request.js';
import { splitTarget } from '../../src/webapi/odata-request.js';
import type { ApiInit, ApiResponse, TestServer } from '../support/test-app.js';

/** What the helpers call: a server over HTTP, or the Web API in process for a principal of our own. */
export type Client = Pick<TestServer, 'api' | 'serviceRoot'>;

export const TRACK = { prefer: 'odata.track-changes' } as const;

/** An entry of a delta: a row, or a removal (`$deletedEntity`). */
// biome-ignore lint/suspicious/noExplicitAny: rows are dynamic JSON, as the response bodies of test-app.ts are.
export type DeltaEntry = Record<string, any>;

export interface TrackedRead {
  readonly entries: DeltaEntry[];
  readonly deltaLink: string;
  readonly pages: ApiResponse[];
}

/** The path of an absolute link returned by the server, relative to its service root. */
export function relative(server: Client, link: string): string {
  expect(link.startsWith(server.serviceRoot), link).toBe(true);
  return link.slice(server.serviceRoot.length);
}

/** Reads `path` (or a delta link) and every next page, up to the page carrying the delta link. */
export async function readTracked(server: Client, path: string, init: ApiInit = {}): Promise<TrackedRead> {
  const entries: DeltaEntry[] = [];
  const pages: ApiResponse[] = [];
  let next: string | undefined = path;
  for (let page = 0; next !== undefined; page += 1) {
    expect(page, 'a tracked read that never ends').toBeLessThan(1000);
    const response = await server.api(next, init);
    expect(response.status, response.text).toBe(200);
    pages.push(response);
    entries.push(...response.json.value);
    const nextLink = response.json['@odata.nextLink'];
    const deltaLink = response.json['@odata.deltaLink'];
    // Exactly one of the two on every page: the delta link comes on the last one only.
    expect(Boolean(nextLink) !== Boolean(deltaLink), response.text).toBe(true);
    if (deltaLink) return { entries, deltaLink: relative(server, deltaLink), pages };
    next = relative(server, nextLink);
  }
  throw new Error('unreachable');
}

export const isRemoval = (entry: DeltaEntry): boolean => typeof entry['@odata.context'] === 'string';

/** Applies a delta (or a first read) to a copy of the table keyed by id. */
export function applyDelta(copy: Map<string, DeltaEntry>, entries: readonly DeltaEntry[], primaryId: string): void {
  for (const entry of entries) {
    if (isRemoval(entry)) copy.delete(entry.id);
    else copy.set(entry[primaryId], entry);
  }
}

/** Creates a row as `init` (the administrator by default) and answers its id. */
export async function create(
  server: Client,
  set: string,
  body: Record<string, unknown>,
  init: ApiInit = {},
): Promise<string> {
  const response = await server.api(set, { ...init, method: 'POST', body });
  expect(response.status, response.text).toBe(204);
  return /\(([0-9a-f-]{36})\)$/.exec(response.headers.get('odata-entityid') ?? '')![1]!;
}

export async function patch(server: Client, path: string, body: Record<string, unknown>, init: ApiInit = {}) {
  const response = await server.api(path, { ...init, method: 'PATCH', body });
  expect(response.status, response.text).toBe(204);
}

export async function remove(server: Client, path: string, init: ApiInit = {}) {
  const response = await server.api(path, { ...init, method: 'DELETE' });
  expect(response.status, response.text).toBe(204);
}

/** A refusal in Dataverse's shape. */
export function expectRefusal(response: ApiResponse, status: number, message?: RegExp | string): void {
  expect(response.status, response.text).toBe(status);
  expect(response.json?.error?.code, response.text).toMatch(/^0x[0-9a-f]{8}$/i);
  expect(response.json.error.message.length).toBeGreaterThan(0);
  if (typeof message === 'string') expect(response.json.error.message).toBe(message);
  else if (message) expect(response.json.error.message).toMatch(message);
}

/** Every row of a set as a normal (untracked) read answers it, keyed by id. */
export async function currentRows(
  server: Client,
  path: string,
  primaryId: string,
  init: ApiInit = {},
): Promise<Map<string, DeltaEntry>> {
  const rows = new Map<string, DeltaEntry>();
  let next: string | undefined = path;
  while (next !== undefined) {
    const response = await server.api(next, init);
    expect(response.status, response.text).toBe(200);
    for (const row of response.json.value) rows.set(row[primaryId], row);
    const link = response.json['@odata.nextLink'];
    next = link ? relative(server, link) : undefined;
  }
  return rows;
}

/**
 * The Web API called in process as `user`, through the same routing as HTTP. No predefined role reads
 * sales rows at user level (PRODUCT.md), so a principal with that depth is built here to show that
 * change tracking applies such a scope to rows and removals alike.
 */
export function inProcessClient(server: TestServer, user: Principal): Client {
  const api = createWebApi(server.app.services, async () => {
    throw new Error('no $batch in process');
  });
  return {
    serviceRoot: server.serviceRoot,
    async api(target, init = {}) {
      const { path, query } = splitTarget(target);
      const headers: Record<string, string> = {};
      for (const [name, value] of Object.entries(init.headers ?? {})) headers[name.toLowerCase()] = value;
      try {
        const response = await api.handle(
          { method: init.method ?? 'GET', path, query, headers, body: '', serviceRoot: server.serviceRoot },
          { user },
        );
        const text = response.body ?? '';
        return {
          status: response.status,
          headers: new Headers(response.headers),
          text,
          json: text ? JSON.parse(text) : undefined,
        };
      } catch (error) {
        const { status, code, message } = error as { status?: number; code?: string; message: string };
        if (status === undefined) throw error;
        const json = { error: { code, message } };
        return { status, headers: new Headers(), text: JSON.stringify(json), json };
      }
    },
  };
}

/** A principal like the user `id` whose roles read sales rows only where they own them. */
export function ownRowsReader(user: { readonly id: string }, businessUnitId: string): Principal {
  const base = systemPrincipal(user.id, businessUnitId);
  return {
    ...base,
    access: (group, operation) => (group === 'sales' && operation === 'read' ? 'user' : base.access(group, operation)),
  };
}
