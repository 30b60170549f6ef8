/**
 * The `resource` label of the HTTP metrics: what a request was about, from a small fixed vocabulary
 * (entity sets, operations, `$batch`, `$metadata`, the service document, the probes, the UI), so a
 * client sending random URLs cannot grow the metrics without bound.
 */
const PROBES = new Set(['/health', '/ready', '/metrics']);

export function requestLabel(url: string, knownResources: ReadonlySet<string>): string {
  const path = url.split('?')[0] ?? '';
  if (PROBES.has(path)) return path.slice(1);
  const match = /^\/api\/data\/v\d+\.\d+\/?(.*)$/.exec(path);
  if (!match) return 'ui';
  const first = (match[1] ?? '').split(/[/(]/)[0] ?? '';
  if (first === '') return 'service document';
  const name = decodeURIComponentSafely(first).replace(/^Microsoft\.Dynamics\.CRM\./, '');
  if (name === '$batch' || name === '$metadata' || knownResources.has(name)) return name;
  return 'other';
}

function decodeURIComponentSafely(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
