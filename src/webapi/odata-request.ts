/**
 * A Web API request and response as the handlers see them, independent of the HTTP framework, so a
 * `$batch` part runs through exactly the same code as a request of its own.
 */
export interface ODataRequest {
  readonly method: string;
  /** Resource path after the service root, percent-decoded: `salesorders(<id>)/order_details`. */
  readonly path: string;
  /** Query options, percent-decoded. */
  readonly query: ReadonlyMap<string, string>;
  /** Header names in lower case. */
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
  /** Absolute service root ending in `/`: `http://127.0.0.1:5555/api/data/v9.2/`. */
  readonly serviceRoot: string;
  /** Aborted when the client leaves before the answer: its statements are cancelled (`$batch` parts share it). */
  readonly signal?: AbortSignal;
}

export interface ODataResponse {
  readonly status: number;
  readonly headers: Record<string, string>;
  readonly body?: string;
}

export const JSON_CONTENT_TYPE = 'application/json; odata.metadata=minimal';

export function jsonResponse(status: number, body: string, headers: Record<string, string> = {}): ODataResponse {
  return { status, headers: { 'content-type': JSON_CONTENT_TYPE, 'odata-version': '4.0', ...headers }, body };
}

export function emptyResponse(status: number, headers: Record<string, string> = {}): ODataResponse {
  return { status, headers: { 'odata-version': '4.0', ...headers } };
}

/** Splits `path?query` into the decoded path and query map. */
export function splitTarget(target: string): { path: string; query: Map<string, string> } {
  const question = target.indexOf('?');
  const rawPath = question < 0 ? target : target.slice(0, question);
  const rawQuery = question < 0 ? '' : target.slice(question + 1);
  const query = new Map<string, string>();
  for (const part of rawQuery.split('&')) {
    if (part === '') continue;
    const equals = part.indexOf('=');
    const name = safeDecode(equals < 0 ? part : part.slice(0, equals));
    const value = equals < 0 ? '' : safeDecode(part.slice(equals + 1));
    query.set(name, value);
  }
  return { path: safeDecode(rawPath), query };
}

/** Decodes percent escapes; `+` stays a plus, as OData URLs use %20 for spaces. */
export function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}
