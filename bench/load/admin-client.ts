/**
 * How the load suite reaches Orderline's Web API as the administrator: the token the servers are
 * started with, the service root and request headers the load uses, and a small `fetch` client for
 * the set-up before the load (which must succeed, so it throws on any non-2xx answer).
 */

export const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
export const SERVICE_PATH = '/api/data/v9.2/';

/** The headers of every request, set-up and load alike. */
export const ADMIN_HEADERS: Readonly<Record<string, string>> = {
  authorization: `Bearer ${ADMIN_TOKEN}`,
  accept: 'application/json',
  'content-type': 'application/json',
};

type Row = Readonly<Record<string, unknown>>;
/** A request below the service root; `id` is the key of a created record, `rows` a collection's `value`. */
export type Call = (method: string, path: string, body?: unknown) => Promise<{ id?: string; rows: readonly Row[] }>;

export function client(baseUrl: string): Call {
  return async (method, path, body) => {
    const response = await fetch(`${baseUrl}${SERVICE_PATH.slice(1)}${path}`, {
      method,
      headers: ADMIN_HEADERS,
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    const entityId = response.headers.get('odata-entityid');
    return {
      ...(entityId ? { id: /\(([^)]+)\)$/.exec(entityId)?.[1] } : {}),
      rows: text ? ((JSON.parse(text) as { value?: Row[] }).value ?? []) : [],
    };
  };
}
