/** The UI's paths: `/<area>` lists, `/<area>/new` creates, `/<area>/<id>` opens a record, `/settings`, `/tokens`, `/users`, `/connectors`, `/integration`, `/sales-settings`. */
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export type Route =
  | { readonly kind: 'home' }
  | { readonly kind: 'list'; readonly area: string; readonly search: string }
  | { readonly kind: 'new'; readonly area: string }
  | { readonly kind: 'record'; readonly area: string; readonly id: string }
  | { readonly kind: 'settings' }
  | { readonly kind: 'tokens' }
  | { readonly kind: 'connectors' }
  | { readonly kind: 'integration' }
  | { readonly kind: 'users' }
  | { readonly kind: 'salesSettings' }
  | { readonly kind: 'notFound' };

export function parseRoute(pathAndQuery: string): Route {
  const [path = '/', query = ''] = pathAndQuery.split('?');
  const segments = path.split('/').filter(Boolean).map(decodeURIComponent);
  const [area, id, ...rest] = segments;
  if (area === undefined) return { kind: 'home' };
  if (rest.length > 0) return { kind: 'notFound' };
  if (area === 'settings') return id === undefined ? { kind: 'settings' } : { kind: 'notFound' };
  if (area === 'tokens') return id === undefined ? { kind: 'tokens' } : { kind: 'notFound' };
  if (area === 'connectors') return id === undefined ? { kind: 'connectors' } : { kind: 'notFound' };
  if (area === 'integration') return id === undefined ? { kind: 'integration' } : { kind: 'notFound' };
  if (area === 'users') return id === undefined ? { kind: 'users' } : { kind: 'notFound' };
  if (area === 'sales-settings') return id === undefined ? { kind: 'salesSettings' } : { kind: 'notFound' };
  if (id === undefined) return { kind: 'list', area, search: new URLSearchParams(query).get('search') ?? '' };
  if (id === 'new') return { kind: 'new', area };
  return GUID.test(id) ? { kind: 'record', area, id: id.toLowerCase() } : { kind: 'notFound' };
}

export const recordPath = (area: string, id: string) => `/${area}/${id}`;
export const listPath = (area: string, search = '') =>
  search ? `/${area}?search=${encodeURIComponent(search)}` : `/${area}`;
