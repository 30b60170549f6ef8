/**
 * Change tracking on the Web API (reference 7.7): `GET <set>` with `Prefer: odata.track-changes` answers
 * the rows and an `@odata.deltaLink`; following that link (`$deltatoken`) answers the rows created or
 * changed since, then the rows removed as `$deletedEntity` entries, and a new delta link;
 * `GET <set>/$count?$deltatoken=` counts those changes. Like any read, it only ever shows rows the
 * caller's read privilege covers, removals included.
 *
 * Each page runs in one read snapshot of the store (src/storage/change-watermark.ts), whose watermark
 * becomes the next token. Pages are keyed by primary key; when a result spans several pages, the
 * delta link comes on the last one and carries the watermark of the first, so anything that changed
 * while the client was paging is reported again next time rather than lost.
 */
import { DomainError, querySyntax } from '../../domain/errors.js';
import type { TableMetadata } from '../../domain/metadata/table-metadata.js';
import type { Row } from '../../domain/record.js';
import { type Writable, writeJson } from '../../odata/json/json-writer.js';
import type { QueryOptions } from '../../odata/query/query-options.js';
import { requireReadAccess } from '../../security/authorization.js';
import {
  type ChangedRowQuery,
  countChangedRows,
  selectChangedRows,
} from '../../storage/change-tracking/changed-rows.js';
import { countRemovals, type Removal, selectRemovals } from '../../storage/change-tracking/tombstones.js';
import { changeWatermark } from '../../storage/change-watermark.js';
import type { Executor } from '../../storage/store.js';
import { jsonResponse, type ODataResponse } from '../odata-request.js';
import { countAnnotations } from '../paging.js';
import type { Preferences } from '../prefer.js';
import { callerReadScope, type ReadContext } from '../read-context.js';
import { MAX_PAGE_SIZE, preferenceApplied } from '../read-handlers.js';
import { presentRows } from '../row-presenter.js';
import { contextSelect, selectedColumns } from '../select-columns.js';
import {
  type DeltaToken,
  decodeDeltaToken,
  decodePageCookie,
  encodeDeltaToken,
  encodePageCookie,
  isPageCookie,
  type PageCookie,
  type TokenCheck,
} from './change-token.js';

/** Dataverse's default retention when the organization does not say (reference 3.1). */
const DEFAULT_EXPIRY_DAYS = 7;

/** Does this collection GET ask for change tracking: the preference, a delta token, or a tracked page? */
export function tracksChanges(preferences: Preferences, options: QueryOptions): boolean {
  return (
    preferences.trackChanges ||
    options.deltatoken !== undefined ||
    (options.skiptoken !== undefined && isPageCookie(options.skiptoken))
  );
}

/** `$deltatoken` means something only on an entity set's GET (and its `$count`). */
export function refuseMisplacedDeltaToken(options: QueryOptions, onEntitySet: boolean): void {
  if (options.deltatoken !== undefined && !onEntitySet) {
    throw querySyntax(
      'The $deltatoken query parameter can only be used to read an entity set (GET <set>?$deltatoken=...): follow the @odata.deltaLink exactly as it was returned.',
    );
  }
}

function requireTrackedTable(table: TableMetadata): void {
  // Dataverse's ChangeTrackingNotEnabledForEntity.
  if (!table.changeTracking) {
    throw new DomainError('invalidArgument', `Entity ${table.logicalName} isn't enabled for change tracking.`, {
      code: '0x80072491',
    });
  }
}

/** Options a delta cannot honour, refused with Dataverse's words. */
function refuseUntrackableOptions(options: QueryOptions): void {
  const given: [string, unknown][] = [
    ['$filter', options.filter],
    ['$orderby', options.orderby],
    ['$expand', options.expand],
    ['$top', options.top],
  ];
  for (const [name, value] of given) {
    if (value !== undefined) {
      throw querySyntax(`The "${name}" query parameter isn't supported when Change Tracking is enabled.`);
    }
  }
}

function unixSeconds(iso: string): number {
  return Math.floor(Date.parse(iso) / 1000);
}

/**
 * Runs `work` in one snapshot with its watermark. Inside a unit of work (a transaction already open)
 * the watermark is taken first in that transaction: a watermark taken before the rows are read can
 * only make the next delta repeat a change, never miss one.
 */
async function inSnapshot<T>(
  context: ReadContext,
  work: (context: ReadContext, watermark: string) => Promise<T>,
): Promise<T> {
  const { store } = context.services;
  const watermark = changeWatermark(store.dialect);
  if (context.executor !== store.db) return work(context, await watermark.current(context.executor));
  return watermark.inSnapshot(store.db, (trx: Executor, current) => work({ ...context, executor: trx }, current));
}

async function tokenCheck(context: ReadContext, table: TableMetadata): Promise<TokenCheck> {
  const organization = await context.services.referenceData.organization(context.executor);
  const days = organization.expirechangetrackingindays;
  const watermark = changeWatermark(context.services.store.dialect);
  return {
    set: table.entitySetName,
    kind: watermark.kind,
    isWatermark: (text) => watermark.isWatermark(text),
    organizationId: String(organization.organizationid),
    now: unixSeconds(context.services.clock.now()),
    expiryDays: typeof days === 'number' ? days : DEFAULT_EXPIRY_DAYS,
  };
}

/** A link to the same request with other tokens: `$select` and the rest of the query as the client sent them. */
function linkWith(
  context: ReadContext,
  path: string,
  query: ReadonlyMap<string, string>,
  tokens: Readonly<Record<string, string>>,
): string {
  const parts: string[] = [];
  for (const [name, value] of query) {
    if (name === '$skiptoken' || name === '$deltatoken') continue;
    parts.push(`${name}=${encodeURIComponent(value)}`);
  }
  for (const [name, value] of Object.entries(tokens)) parts.push(`${name}=${encodeURIComponent(value)}`);
  return `${context.serviceRoot}${path}?${parts.join('&')}`;
}

export interface ChangesRequest {
  readonly table: TableMetadata;
  readonly options: QueryOptions;
  /** The request path and query, to build the next and delta links. */
  readonly path: string;
  readonly query: ReadonlyMap<string, string>;
}

interface Page {
  readonly rows: readonly Row[];
  readonly removals: readonly Removal[];
  /** Where the next page starts; absent on the last page. */
  readonly next?: Pick<PageCookie, 'phase' | 'after'>;
}

/** One page: changed rows by id, then (in a delta) removals by id, at most `size` entries in all. */
async function readPage(
  context: ReadContext,
  query: ChangedRowQuery,
  since: string | undefined,
  cookie: PageCookie | undefined,
  size: number,
): Promise<Page> {
  const { executor, services } = context;
  let rows: Row[] = [];
  if (cookie?.phase !== 'removals') {
    const after = cookie?.after ? { after: cookie.after } : {};
    rows = await selectChangedRows(executor, services.records, { ...query, ...after, limit: size + 1 });
    if (rows.length > size) {
      rows = rows.slice(0, size);
      return { rows, removals: [], next: { phase: 'rows', after: String(rows.at(-1)![query.table.primaryId]) } };
    }
  }
  if (since === undefined) return { rows, removals: [] };
  const room = size - rows.length;
  const after = cookie?.phase === 'removals' && cookie.after ? { after: cookie.after } : {};
  const removals = await selectRemovals(executor, services.store.dialect, {
    table: query.table,
    readScope: query.readScope,
    since,
    ...after,
    limit: room + 1,
  });
  if (removals.length <= room) return { rows, removals };
  const shown = removals.slice(0, room);
  return { rows, removals: shown, next: { phase: 'removals', after: shown.at(-1)?.id ?? '' } };
}

/** The start of the tracked read this request belongs to: its delta token and its page cookie. */
function openRequest(options: QueryOptions, check: TokenCheck): { since?: DeltaToken; cookie?: PageCookie } {
  const since = options.deltatoken !== undefined ? decodeDeltaToken(options.deltatoken, check) : undefined;
  const cookie = options.skiptoken !== undefined ? decodePageCookie(options.skiptoken, check) : undefined;
  if (cookie && (cookie.mode === 'delta') !== (since !== undefined)) {
    throw new DomainError(
      'invalidArgument',
      'The $skiptoken is not valid: it belongs to another change tracking read. Use the @odata.nextLink exactly as it was returned.',
    );
  }
  return { ...(since ? { since } : {}), ...(cookie ? { cookie } : {}) };
}

export async function retrieveChanges(context: ReadContext, request: ChangesRequest): Promise<ODataResponse> {
  const { table, options } = request;
  requireTrackedTable(table);
  refuseUntrackableOptions(options);
  requireReadAccess(context.caller, table);
  const columns = selectedColumns(table, options.select);
  const size = Math.min(context.preferences.maxPageSize ?? MAX_PAGE_SIZE, MAX_PAGE_SIZE);
  const body = await inSnapshot(context, async (snapshot, current) => {
    const check = await tokenCheck(snapshot, table);
    const { since, cookie } = openRequest(options, check);
    const query: ChangedRowQuery = {
      table,
      readScope: callerReadScope(snapshot),
      ...(since ? { since: since.watermark } : {}),
    };
    const page = await readPage(snapshot, query, since?.watermark, cookie, size);
    // The watermark of the first page: changes made while the client pages are reported again next time.
    const origin = cookie ?? { watermark: current, issuedAt: check.now };
    const contextUrl = `${snapshot.serviceRoot}$metadata#${table.entitySetName}${contextSelect(options.select)}`;
    const result: Record<string, Writable> = { '@odata.context': since ? `${contextUrl}/$delta` : contextUrl };
    if (options.count) {
      const total =
        (await countChangedRows(snapshot.executor, snapshot.services.store.dialect, query)) +
        (since
          ? await countRemovals(snapshot.executor, snapshot.services.store.dialect, {
              ...query,
              since: since.watermark,
            })
          : 0);
      Object.assign(result, countAnnotations(snapshot, total));
    }
    const base = { set: table.entitySetName, kind: check.kind, watermark: origin.watermark, issuedAt: origin.issuedAt };
    if (page.next) {
      const next = encodePageCookie({ ...base, mode: since ? 'delta' : 'initial', ...page.next }, check.organizationId);
      const tokens: Record<string, string> = {};
      if (options.deltatoken !== undefined) tokens.$deltatoken = options.deltatoken;
      tokens.$skiptoken = next;
      result['@odata.nextLink'] = linkWith(snapshot, request.path, request.query, tokens);
    } else {
      const token = encodeDeltaToken(base, check.organizationId);
      result['@odata.deltaLink'] = linkWith(snapshot, request.path, request.query, { $deltatoken: token });
    }
    const entities: Writable[] = await presentRows(snapshot, table, page.rows, columns);
    for (const removal of page.removals) {
      entities.push({
        '@odata.context': `${snapshot.serviceRoot}$metadata#${table.entitySetName}/$deletedEntity`,
        id: removal.id,
        reason: removal.reason,
      });
    }
    result.value = entities;
    return result;
  });
  const applied = [
    ...(context.preferences.trackChanges ? ['odata.track-changes'] : []),
    ...(context.preferences.maxPageSize !== undefined ? [`odata.maxpagesize=${size}`] : []),
  ];
  return jsonResponse(200, writeJson(body), preferenceApplied(context, applied));
}

/** `GET <set>/$count?$deltatoken=...`: how many rows changed or were removed since the token (at most 5,000). */
export async function countChanges(
  context: ReadContext,
  table: TableMetadata,
  options: QueryOptions,
): Promise<ODataResponse> {
  requireTrackedTable(table);
  refuseUntrackableOptions(options);
  requireReadAccess(context.caller, table);
  const total = await inSnapshot(context, async (snapshot) => {
    const check = await tokenCheck(snapshot, table);
    const since = decodeDeltaToken(options.deltatoken!, check);
    const query = { table, readScope: callerReadScope(snapshot), since: since.watermark };
    const { executor } = snapshot;
    const { dialect } = snapshot.services.store;
    return (await countChangedRows(executor, dialect, query)) + (await countRemovals(executor, dialect, query));
  });
  return {
    status: 200,
    headers: { 'content-type': 'text/plain', 'odata-version': '4.0' },
    body: String(Math.min(total, MAX_PAGE_SIZE)),
  };
}
