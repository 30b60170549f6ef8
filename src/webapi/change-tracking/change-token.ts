/**
 * The opaque tokens of change tracking: the `$deltatoken` of an `@odata.deltaLink` and the `$skiptoken`
 * of the pages of a change-tracked read. Both are base64url text of `!`-separated fields (a kind, a format
 * version, the change watermark, the issue time in Unix seconds, the entity set, ...) followed by a
 * checksum over the fields and the organization id. The checksum is no secret: it tells a token that was
 * altered, cut short or issued by another Orderline database from a good one, so every such token is a
 * clear 400 instead of a silently wrong delta.
 *
 * Tokens expire `organization.expirechangetrackingindays` days after issue (reference 7.7, default 7):
 * tombstones older than that may have been purged, so an older token could no longer report deletions.
 */
import { createHash } from 'node:crypto';
import { DomainError } from '../../domain/errors.js';
import type { WatermarkKind } from '../../storage/change-watermark.js';

export interface DeltaToken {
  /** The entity set whose changes it tracks. */
  readonly set: string;
  readonly kind: WatermarkKind;
  /** The change watermark of the read that issued it. */
  readonly watermark: string;
  /** Unix seconds. */
  readonly issuedAt: number;
}

/** Where the next page of a change-tracked read starts, and the watermark its delta link will carry. */
export interface PageCookie extends DeltaToken {
  /** `initial`: the first read of every row; `delta`: the changes since a `$deltatoken`. */
  readonly mode: 'initial' | 'delta';
  /** A delta lists changed rows, then removals. */
  readonly phase: 'rows' | 'removals';
  /** The last id of the previous page in this phase; empty when the phase starts on this page. */
  readonly after: string;
}

/** What a token is checked against. */
export interface TokenCheck {
  readonly set: string;
  readonly kind: WatermarkKind;
  /** The store's own check of a watermark's syntax (src/storage/change-watermark.ts). */
  readonly isWatermark: (text: string) => boolean;
  readonly organizationId: string;
  /** Unix seconds. */
  readonly now: number;
  readonly expiryDays: number;
}

const FORMAT_VERSION = '1';
const DELTA = 'd';
const PAGE = 'p';
/** A token is a few dozen characters (a PostgreSQL snapshot at most 1,024); anything longer is not one of ours. */
const MAX_TOKEN_LENGTH = 2048;
/** Tolerated clock difference between the processes of one store (issue times a little ahead). */
const CLOCK_SKEW_SECONDS = 300;
const SECONDS_PER_DAY = 86_400;
const KIND_CODES: Readonly<Record<WatermarkKind, string>> = { version: 'v', xid: 'x' };
const STORE_NAMES: Readonly<Record<WatermarkKind, string>> = { version: 'SQLite', xid: 'PostgreSQL' };
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

function checksum(organizationId: string, payload: string): string {
  return createHash('sha256').update(`${organizationId}\n${payload}`).digest('hex').slice(0, 16);
}

function seal(fields: readonly string[], organizationId: string): string {
  const payload = fields.join('!');
  return Buffer.from(`${payload}!${checksum(organizationId, payload)}`, 'utf8').toString('base64url');
}

export function encodeDeltaToken(token: DeltaToken, organizationId: string): string {
  return seal(
    [DELTA, FORMAT_VERSION, KIND_CODES[token.kind], token.watermark, String(token.issuedAt), token.set],
    organizationId,
  );
}

export function encodePageCookie(cookie: PageCookie, organizationId: string): string {
  return seal(
    [
      PAGE,
      FORMAT_VERSION,
      KIND_CODES[cookie.kind],
      cookie.watermark,
      String(cookie.issuedAt),
      cookie.set,
      cookie.mode === 'initial' ? 'i' : 'd',
      cookie.phase === 'rows' ? 'r' : 'x',
      cookie.after,
    ],
    organizationId,
  );
}

/** The fields of a token, or undefined when it is not text this module wrote. */
function unseal(text: string): { fields: string[]; payload: string; sum: string } | undefined {
  if (text.length === 0 || text.length > MAX_TOKEN_LENGTH || !/^[A-Za-z0-9_-]+$/.test(text)) return undefined;
  const decoded = Buffer.from(text, 'base64url').toString('utf8');
  if (!/^[\x21-\x7e]+$/.test(decoded)) return undefined;
  const fields = decoded.split('!');
  const sum = fields.pop()!;
  return { fields, payload: fields.join('!'), sum };
}

/** Does this `$skiptoken` belong to a change-tracked read (rather than to ordinary paging)? */
export function isPageCookie(text: string): boolean {
  return unseal(text)?.fields[0] === PAGE;
}

type Option = '$deltatoken' | '$skiptoken';

function invalid(option: Option, reason: string): DomainError {
  const link = option === '$deltatoken' ? '@odata.deltaLink' : '@odata.nextLink';
  return new DomainError(
    'invalidArgument',
    `The ${option} is not valid: ${reason}. Use the ${link} exactly as it was returned.`,
  );
}

function parseWatermark(option: Option, text: string | undefined, check: TokenCheck): string {
  if (text === undefined || !check.isWatermark(text)) throw invalid(option, 'its change position is malformed');
  return text;
}

function parseIssuedAt(option: Option, text: string | undefined, check: TokenCheck): number {
  if (text === undefined || !/^\d{1,12}$/.test(text)) throw invalid(option, 'its issue time is malformed');
  const issuedAt = Number(text);
  if (issuedAt > check.now + CLOCK_SKEW_SECONDS) throw invalid(option, 'it claims to be issued in the future');
  return issuedAt;
}

/** Checks what every token carries, in the order that gives the most useful refusal. */
function openToken(option: Option, text: string, marker: string, fieldCount: number, check: TokenCheck) {
  const sealed = unseal(text);
  if (!sealed || sealed.fields.length !== fieldCount || sealed.fields[0] !== marker) {
    throw invalid(option, 'it is not a change tracking token');
  }
  const { fields, payload, sum } = sealed;
  if (fields[1] !== FORMAT_VERSION) throw invalid(option, `its format ${fields[1]} is unknown`);
  if (sum !== checksum(check.organizationId, payload)) {
    throw invalid(option, 'it was altered, or issued by another organization');
  }
  const kind = (Object.keys(KIND_CODES) as WatermarkKind[]).find((candidate) => KIND_CODES[candidate] === fields[2]);
  if (!kind) throw invalid(option, 'its change position is malformed');
  if (kind !== check.kind) {
    throw invalid(
      option,
      `it was issued when this organization ran on ${STORE_NAMES[kind]}, and it now runs on ${STORE_NAMES[check.kind]}; read the table again with Prefer: odata.track-changes`,
    );
  }
  const watermark = parseWatermark(option, fields[3], check);
  const issuedAt = parseIssuedAt(option, fields[4], check);
  const set = fields[5]!;
  if (set !== check.set) {
    throw invalid(option, `it tracks changes of ${set}, not of ${check.set}`);
  }
  // At least a day: an organization setting of 0 would make every token expire as it is issued.
  const days = Math.max(1, check.expiryDays);
  if (check.now - issuedAt > days * SECONDS_PER_DAY) {
    throw new DomainError(
      'invalidArgument',
      `The ${option} has expired: changes are tracked for ${days} day(s) (organization.expirechangetrackingindays). Read ${check.set} again with Prefer: odata.track-changes to get a new @odata.deltaLink.`,
    );
  }
  return { fields, token: { set, kind, watermark, issuedAt } satisfies DeltaToken };
}

export function decodeDeltaToken(text: string, check: TokenCheck): DeltaToken {
  return openToken('$deltatoken', text, DELTA, 6, check).token;
}

export function decodePageCookie(text: string, check: TokenCheck): PageCookie {
  const { fields, token } = openToken('$skiptoken', text, PAGE, 9, check);
  const mode = fields[6] === 'i' ? 'initial' : fields[6] === 'd' ? 'delta' : undefined;
  const phase = fields[7] === 'r' ? 'rows' : fields[7] === 'x' ? 'removals' : undefined;
  const after = fields[8]!;
  if (!mode || !phase || (after !== '' && !GUID.test(after)) || (mode === 'initial' && phase !== 'rows')) {
    throw invalid('$skiptoken', 'its page position is malformed');
  }
  return { ...token, mode, phase, after };
}
