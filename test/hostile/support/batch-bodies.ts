/**
 * `$batch` bodies for the hostile-input suites: well-framed envelopes (OData multipart, reference 7.4)
 * holding random operations and change sets, the same envelopes broken at a random place, and a
 * reader for the parts of the answer.
 */
import fc from 'fast-check';
import { contentType, hostileEntityBody, nastyText } from './arbitraries.js';

export interface BatchPart {
  readonly method: string;
  readonly url: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly body?: string;
  readonly contentId?: string;
}

export type BatchItem =
  | { readonly kind: 'operation'; readonly part: BatchPart }
  | { readonly kind: 'changeset'; readonly parts: readonly BatchPart[] };

export interface BatchEnvelope {
  readonly boundary: string;
  readonly items: readonly BatchItem[];
  /** CRLF as the RFC says, or the bare LF some clients write. */
  readonly lineBreak: '\r\n' | '\n';
}

function partLines(part: BatchPart): string[] {
  const lines = ['Content-Type: application/http', 'Content-Transfer-Encoding: binary'];
  if (part.contentId !== undefined) lines.push(`Content-ID: ${part.contentId}`);
  lines.push('', `${part.method} ${part.url} HTTP/1.1`);
  for (const [name, value] of Object.entries(part.headers ?? {})) lines.push(`${name}: ${value}`);
  lines.push('');
  if (part.body !== undefined) lines.push(part.body);
  return lines;
}

/** The text of a batch request body. */
export function writeBatch(envelope: BatchEnvelope): string {
  const lines: string[] = [];
  envelope.items.forEach((item, index) => {
    lines.push(`--${envelope.boundary}`);
    if (item.kind === 'operation') {
      lines.push(...partLines(item.part));
      return;
    }
    const changeSet = `changeset_${index}_${envelope.boundary}`;
    lines.push(`Content-Type: multipart/mixed; boundary=${changeSet}`, '');
    for (const part of item.parts) lines.push(`--${changeSet}`, ...partLines(part));
    lines.push(`--${changeSet}--`);
  });
  lines.push(`--${envelope.boundary}--`, '');
  return lines.join(envelope.lineBreak);
}

/** The status of every response part in a batch answer, in order (change-set responses included). */
export function partStatuses(answer: string): number[] {
  return [...answer.matchAll(/^HTTP\/1\.1 (\d{3})/gm)].map((match) => Number(match[1]));
}

export interface BatchSeed {
  readonly accountId: string;
  readonly orderId: string;
}

const randomId = fc.uuid();

/** A URL inside a batch, relative, absolute, rooted or a `$n` reference, aimed at harmless targets. */
function operationUrl(serviceRoot: string): fc.Arbitrary<string> {
  const path = fc.oneof(
    fc.constantFrom(
      'accounts',
      'salesorders',
      'salesorderdetails',
      'contacts',
      'nosuch',
      '$metadata',
      '$batch',
      'WhoAmI',
      '',
      '$1',
      '$2',
      '$99',
      '$1/order_details',
      'accounts/$count',
    ),
    randomId.map((id) => `accounts(${id})`),
    randomId.map((id) => `salesorders(${id})/order_details`),
    nastyText,
  );
  return fc.tuple(path, fc.constantFrom('relative', 'rooted', 'absolute', 'foreign')).map(([target, form]) => {
    if (form === 'rooted') return `/api/data/v9.2/${target}`;
    if (form === 'absolute') return `${serviceRoot}${target}`;
    if (form === 'foreign') return `https://evil.example/api/data/v9.0/${target}`;
    return target;
  });
}

/** An operation that is any mix of right and wrong, never aimed at a seeded row with a write. */
export function hostilePart(serviceRoot: string, seed: () => BatchSeed, inChangeSet: boolean): fc.Arbitrary<BatchPart> {
  // GET (and made-up verbs) make a change set refuse the whole batch; rare, so most batches get to run.
  const method = inChangeSet
    ? fc.oneof(
        { arbitrary: fc.constantFrom('POST', 'PATCH', 'DELETE', 'PUT'), weight: 12 },
        { arbitrary: fc.constantFrom('GET', 'MERGE'), weight: 1 },
      )
    : fc.constantFrom('GET', 'POST', 'PATCH', 'DELETE', 'PUT', 'HEAD', 'get');
  const random = fc
    .record({
      method,
      url: operationUrl(serviceRoot),
      type: contentType,
      body: fc.oneof(
        hostileEntityBody('account', seed),
        hostileEntityBody('salesorderdetail', seed),
        fc.constant(undefined),
      ),
      contentId: fc.option(fc.oneof(fc.constantFrom('1', '2', '1', '100001', '-1', '$1', ''), nastyText), {
        nil: undefined,
      }),
      extra: fc.option(
        fc.constantFrom<Record<string, string>>(
          { 'if-match': '*' },
          { 'if-none-match': '*' },
          { prefer: 'return=representation' },
          { 'odata-version': '4.0' },
        ),
        { nil: undefined },
      ),
    })
    .map(({ method: verb, url, type, body, contentId, extra }) => ({
      method: verb,
      url,
      headers: { ...(body !== undefined ? { 'content-type': type } : {}), ...(extra ?? {}) },
      ...(body !== undefined ? { body } : {}),
      ...(contentId !== undefined ? { contentId } : {}),
    }));
  // Operations shaped like a client's: the right set for the body, references to earlier parts.
  const json = { 'content-type': 'application/json' };
  const plausible = fc.oneof(
    fc
      .tuple(hostileEntityBody('account', seed), fc.nat({ max: 9 }))
      .map(([body, id]) => ({ method: 'POST', url: 'accounts', headers: json, body, contentId: String(id) })),
    hostileEntityBody('salesorderdetail', seed).map((body) => ({
      method: 'POST',
      url: 'salesorderdetails',
      headers: json,
      body,
    })),
    fc
      .tuple(fc.constantFrom('$1', '$2', '$3'), hostileEntityBody('account', seed))
      .map(([url, body]) => ({ method: 'PATCH', url, headers: json, body })),
    fc
      .tuple(randomId, hostileEntityBody('account', seed))
      .map(([id, body]) => ({ method: 'PATCH', url: `accounts(${id})`, headers: json, body })),
    fc.constantFrom('$1', '$2').map((url) => ({ method: 'DELETE', url })),
    randomId.map((id) => ({ method: 'DELETE', url: `accounts(${id})` })),
    ...(inChangeSet
      ? []
      : [
          fc
            .constantFrom('accounts?$top=1&$select=name', "salesorders?$filter=name eq 'x", 'WhoAmI', '$metadata')
            .map((url) => ({ method: 'GET', url })),
        ]),
  );
  return fc.oneof({ arbitrary: plausible, weight: 2 }, { arbitrary: random, weight: 1 });
}

export function hostileEnvelope(serviceRoot: string, seed: () => BatchSeed): fc.Arbitrary<BatchEnvelope> {
  const item: fc.Arbitrary<BatchItem> = fc.oneof(
    hostilePart(serviceRoot, seed, false).map((part) => ({ kind: 'operation' as const, part })),
    fc
      .array(hostilePart(serviceRoot, seed, true), { minLength: 1, maxLength: 4 })
      .map((parts) => ({ kind: 'changeset' as const, parts })),
  );
  return fc.record({
    boundary: fc.oneof(
      fc.constant('batch_fuzz'),
      fc.uuid().map((id) => `batch_${id}`),
    ),
    items: fc.array(item, { minLength: 1, maxLength: 4 }),
    lineBreak: fc.constantFrom('\r\n' as const, '\n' as const),
  });
}

/** A well-framed body broken at one place: a byte dropped, garbage inserted, the text cut short. */
export function brokenBatch(text: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(text, fc.nat(), nastyText, fc.constantFrom('delete', 'insert', 'truncate', 'swap-lines'))
    .map(([body, at, insert, how]) => {
      const position = body.length === 0 ? 0 : at % body.length;
      switch (how) {
        case 'delete':
          return body.slice(0, position) + body.slice(position + 1);
        case 'insert':
          return body.slice(0, position) + insert + body.slice(position);
        case 'truncate':
          return body.slice(0, position);
        default: {
          const lines = body.split('\n');
          const first = position % lines.length;
          const second = (first + 1) % lines.length;
          [lines[first], lines[second]] = [lines[second]!, lines[first]!];
          return lines.join('\n');
        }
      }
    });
}
