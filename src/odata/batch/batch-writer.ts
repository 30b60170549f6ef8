import { randomUUID } from 'node:crypto';
import { STATUS_CODES } from 'node:http';

/**
 * Writes the multipart/mixed response of a `$batch`. The layout follows what Dataverse sends and what
 * dynamics-web-api 2.5.0 parses, whose parser is text-slicing rather than MIME-aware:
 * - the body starts with the delimiter line, because the client takes the first line as the delimiter;
 * - a change-set part has exactly one header line, because the client skips one line and then expects
 *   `--changesetresponse_...`;
 * - no `{` or `}` in any header, because the client slices a part's JSON from the first `{` to the last `}`;
 * - reason phrases are words and spaces only, because the client's status regex stops at anything else.
 */

export interface BatchOperationResponse {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly contentId?: string;
}

export type BatchResponseItem =
  | { readonly kind: 'operation'; readonly response: BatchOperationResponse }
  | { readonly kind: 'changeset'; readonly responses: readonly BatchOperationResponse[] };

export interface WrittenBatchResponse {
  readonly contentType: string;
  readonly body: string;
}

const CRLF = '\r\n';

/** Spelled out for the statuses Dataverse answers with, so they never depend on Node's table. */
const reasonPhrases: Readonly<Record<number, string>> = {
  200: 'OK',
  201: 'Created',
  204: 'No Content',
  304: 'Not Modified',
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  412: 'Precondition Failed',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
};

/** The reason phrase for a status, reduced to letters, digits and spaces (see the module comment). */
export function reasonPhrase(status: number): string {
  const phrase = reasonPhrases[status] ?? STATUS_CODES[status] ?? 'Unknown';
  return phrase
    .replaceAll("'", '')
    .replace(/[^0-9A-Za-z ]+/g, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

export function writeBatchResponse(items: readonly BatchResponseItem[]): WrittenBatchResponse {
  const boundary = `batchresponse_${randomUUID()}`;
  const chunks: string[] = [];
  for (const item of items) {
    chunks.push(`--${boundary}${CRLF}`);
    if (item.kind === 'operation') {
      chunks.push(writePart(item.response));
    } else {
      const changeSet = `changesetresponse_${randomUUID()}`;
      chunks.push(`Content-Type: multipart/mixed; boundary=${changeSet}${CRLF}${CRLF}`);
      for (const response of item.responses) chunks.push(`--${changeSet}${CRLF}`, writePart(response), CRLF);
      chunks.push(`--${changeSet}--`);
    }
    // The CRLF before each delimiter belongs to the delimiter (RFC 2046), not to the part's body.
    chunks.push(CRLF);
  }
  chunks.push(`--${boundary}--${CRLF}`);
  return { contentType: `multipart/mixed; boundary=${boundary}`, body: chunks.join('') };
}

function writePart(response: BatchOperationResponse): string {
  if (!Number.isInteger(response.status) || response.status < 100 || response.status > 599) {
    throw new RangeError(`A batch response part needs an HTTP status between 100 and 599, not ${response.status}.`);
  }
  const lines = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (response.contentId !== undefined) lines.push(`Content-ID: ${headerValue(response.contentId)}`);
  lines.push('', `HTTP/1.1 ${response.status} ${reasonPhrase(response.status)}`);
  for (const [name, value] of Object.entries(response.headers)) {
    if (!/^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/.test(name)) {
      throw new RangeError(`'${name}' is not a valid HTTP header name.`);
    }
    lines.push(`${name}: ${headerValue(value)}`);
  }
  return lines.join(CRLF) + CRLF + CRLF + (response.body ?? '');
}

/**
 * Header values are made safe instead of refused: by the time the response is written, change sets have
 * committed, and failing the whole batch over one header would hide that. Line breaks would end the
 * header section, so they fold to a space; braces are percent-encoded, which is also their correct form
 * in the URLs (`Location`, `OData-EntityId`) where they could occur.
 */
function headerValue(value: string): string {
  return value
    .replace(/[\r\n]+/g, ' ')
    .replaceAll('{', '%7B')
    .replaceAll('}', '%7D');
}
