/**
 * Issue #13: the cost of the two query languages beyond `$filter`, through the Web API on the embedded
 * SQLite store (one Orderline server, createApp on a fresh file, on 127.0.0.1; single sequential
 * requests as the administrator, so the read scope is the whole table).
 *
 * Data: BENCH_QUERY_ORDERS orders (default 1,000) created through the Web API, each holding 100 lines
 * (10 write-in lines of quantity 1-10, 10 copies each) copied through SQL (queries/seed-order-lines.ts):
 * 100,000 order lines.
 *
 * 1. FetchXML, 50 lines with one link-entity to their order (the order's name and number), against the
 *    equivalent `$filter` + `$expand` query, measured alternately in the same run. Both must return the
 *    same 50 lines. Target: FetchXML no more than 1.3 times the `$filter` query.
 * 2. `$apply` grouped by order, summing the lines' extended amounts. Dataverse aggregates at most
 *    50,000 rows per query (AggregateQueryRecordLimitExceeded, 0x8004E023), so the measured query
 *    filters to half the table (`quantity le 5`): 50,000 lines, the most one query may aggregate, in
 *    1,000 groups (half the lines of every order), read out of the 100,000. Target: under 300 ms. The same query over all 100,000 lines is refused with 0x8004E023;
 *    how long the refusal takes is reported too.
 *
 * Every figure is the median of BENCH_QUERY_ROUNDS requests (default 100 for the FetchXML pair, a fifth
 * of that, at least 5, for the aggregates), after a warm-up.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app.js';
import { configWith } from '../src/config/app-config.js';
import { createLogger } from '../src/observability/logger.js';
import type { BenchFigure, BenchSuite } from './bench-result.js';
import { type Call, seedOrderLines } from './queries/seed-order-lines.js';
import { UNTHROTTLED } from './unthrottled.js';

const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const ORDERS = Number(process.env.BENCH_QUERY_ORDERS ?? 1_000);
const ROUNDS = Number(process.env.BENCH_QUERY_ROUNDS ?? 100);
const AGGREGATE_ROUNDS = Math.max(5, Math.round(ROUNDS / 5));
const TEMPLATES = 10;
const COPIES = 10;
/** Dataverse's AggregateQueryRecordLimit: rows one aggregate query may read. */
const AGGREGATE_RECORD_LIMIT = 50_000;

function progress(message: string): void {
  process.stderr.write(`[queries] ${message}\n`);
}

const loadAverage = () =>
  loadavg()
    .map((value) => value.toFixed(2))
    .join(' / ');

interface Answer {
  readonly status: number;
  readonly json: unknown;
}

/** A collection as the Web API answers it. */
type Collection = { readonly value: Record<string, unknown>[] };

function client(root: string) {
  const send = async (method: string, path: string, body?: unknown): Promise<Answer & { id?: string }> => {
    const response = await fetch(`${root}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${ADMIN_TOKEN}`,
        accept: 'application/json',
        'content-type': 'application/json',
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    const entityId = response.headers.get('odata-entityid');
    return {
      status: response.status,
      json: text ? JSON.parse(text) : undefined,
      ...(entityId ? { id: /\(([^)]+)\)$/.exec(entityId)?.[1] } : {}),
    };
  };
  const call: Call = async (method, path, body) => {
    const answer = await send(method, path, body);
    if (answer.status >= 400) throw new Error(`${method} ${path}: ${answer.status} ${JSON.stringify(answer.json)}`);
    return answer;
  };
  return { send, call };
}

const median = (values: readonly number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

/** The FetchXML of the measured query: 50 lines of quantity 3 or more, each with its order's name and number. */
const FETCH_XML = `<fetch top="50">
  <entity name="salesorderdetail">
    <attribute name="salesorderdetailid" />
    <attribute name="productdescription" />
    <attribute name="quantity" />
    <attribute name="extendedamount" />
    <filter><condition attribute="quantity" operator="ge" value="3" /></filter>
    <link-entity name="salesorder" from="salesorderid" to="salesorderid" link-type="outer" alias="o">
      <attribute name="name" />
      <attribute name="ordernumber" />
    </link-entity>
  </entity>
</fetch>`;
const FETCH_PATH = `salesorderdetails?fetchXml=${encodeURIComponent(FETCH_XML)}`;
/** The same question in OData: the lookup's navigation property expanded instead of a link-entity. */
const FILTER_PATH =
  'salesorderdetails?$select=salesorderdetailid,productdescription,quantity,extendedamount' +
  '&$filter=quantity ge 3&$expand=salesorderid($select=name,ordernumber)&$top=50';

const APPLY = 'groupby((_salesorderid_value),aggregate(extendedamount with sum as total))';
const HALF_PATH = `salesorderdetails?$apply=filter(quantity le ${TEMPLATES / 2})/${APPLY}`;
const WHOLE_PATH = `salesorderdetails?$apply=${APPLY}`;

/** Both queries must name the same lines with the same order numbers, or the comparison means nothing. */
function checkSameLines(fetched: unknown, filtered: unknown): void {
  const fromFetch = (fetched as Collection).value.map((row) => `${row.salesorderdetailid} ${row.o_x002e_ordernumber}`);
  const fromFilter = (filtered as Collection).value.map(
    (row) => `${row.salesorderdetailid} ${(row.salesorderid as { ordernumber?: string } | null)?.ordernumber}`,
  );
  if (fromFetch.length !== 50 || fromFetch.join() !== fromFilter.join()) {
    throw new Error(`FetchXML and $filter answered different lines:\n${fromFetch[0]}\n${fromFilter[0]}`);
  }
}

async function timed(work: () => Promise<Answer>, expectedStatus: number): Promise<number> {
  const started = performance.now();
  const answer = await work();
  const elapsed = performance.now() - started;
  if (answer.status !== expectedStatus) {
    throw new Error(`expected ${expectedStatus}, got ${answer.status}: ${JSON.stringify(answer.json).slice(0, 300)}`);
  }
  return elapsed;
}

export const queryLanguagesBench: BenchSuite = {
  title: 'FetchXML and aggregate queries through the Web API (embedded SQLite)',
  async run(): Promise<readonly BenchFigure[]> {
    const loadBefore = loadavg()[0] ?? 0;
    progress(`load average before the suite (1/5/15 min): ${loadAverage()}`);
    const folder = mkdtempSync(join(tmpdir(), 'orderline-queries-bench-'));
    const app = await createApp(
      configWith({ database: join(folder, 'bench.db'), adminToken: ADMIN_TOKEN, logLevel: 'silent', ...UNTHROTTLED }),
      { logger: createLogger('silent') },
    );
    try {
      await app.server.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const { send, call } = client(`http://127.0.0.1:${port}/api/data/v9.2/`);

      const setupStarted = performance.now();
      const seeded = await seedOrderLines(app, call, {
        orders: ORDERS,
        templates: TEMPLATES,
        linesPerTemplate: COPIES,
      });
      const setupSeconds = (performance.now() - setupStarted) / 1000;
      progress(`seeded ${seeded.orders} orders and ${seeded.lines} lines in ${setupSeconds.toFixed(1)} s`);

      checkSameLines((await call('GET', FETCH_PATH)).json, (await call('GET', FILTER_PATH)).json);
      const fetchTimes: number[] = [];
      const filterTimes: number[] = [];
      const fetchOnce = () => timed(() => send('GET', FETCH_PATH), 200);
      const filterOnce = () => timed(() => send('GET', FILTER_PATH), 200);
      for (let round = 0; round < 20; round++) {
        await fetchOnce();
        await filterOnce();
      }
      // Alternating which goes first, so both see the same drift of a shared machine.
      for (let round = 0; round < ROUNDS; round++) {
        if (round % 2 === 0) {
          fetchTimes.push(await fetchOnce());
          filterTimes.push(await filterOnce());
        } else {
          filterTimes.push(await filterOnce());
          fetchTimes.push(await fetchOnce());
        }
      }
      progress(`FetchXML / $filter pair measured ${ROUNDS} times; load average ${loadAverage()}`);

      const groups = ((await call('GET', HALF_PATH)).json as Collection).value;
      if (groups.length !== seeded.orders) {
        throw new Error(`the aggregate answered ${groups.length} groups, expected ${seeded.orders}`);
      }
      // A smaller BENCH_QUERY_ORDERS keeps the whole table under Dataverse's limit: then it is answered.
      const wholeRefused = seeded.lines > AGGREGATE_RECORD_LIMIT;
      const halfTimes: number[] = [];
      const wholeTimes: number[] = [];
      for (let round = 0; round < 3; round++) await timed(() => send('GET', HALF_PATH), 200);
      for (let round = 0; round < AGGREGATE_ROUNDS; round++) {
        halfTimes.push(await timed(() => send('GET', HALF_PATH), 200));
        wholeTimes.push(await timed(() => send('GET', WHOLE_PATH), wholeRefused ? 400 : 200));
      }
      progress(`aggregates measured ${AGGREGATE_ROUNDS} times; load average ${loadAverage()}`);

      const filterName = '$filter + $expand: 50 lines with their order (median request)';
      const filterMedian = median(filterTimes);
      return [
        {
          name: 'load average (1 min) before the suite',
          value: loadBefore,
          unit: '',
          better: 'lower',
          target: 'informative: a 2-core machine shared with other work',
        },
        {
          name: `set-up: ${seeded.orders.toLocaleString('en-US')} orders over HTTP + ${seeded.lines.toLocaleString('en-US')} lines through SQL`,
          value: setupSeconds,
          unit: 's',
          better: 'lower',
        },
        { name: filterName, value: filterMedian, unit: 'ms', better: 'lower' },
        {
          name: 'FetchXML, one link-entity: 50 lines with their order (median request)',
          value: median(fetchTimes),
          unit: 'ms',
          better: 'lower',
          baseline: { name: '$filter + $expand', value: filterMedian },
          target: '<= 1.3x $filter + $expand',
        },
        {
          name: `$apply groupby order, sum: ${(seeded.lines / 2).toLocaleString('en-US')} of ${seeded.lines.toLocaleString('en-US')} lines, ${groups.length} groups (median request)`,
          value: median(halfTimes),
          unit: 'ms',
          better: 'lower',
          target: '< 300 ms',
        },
        {
          name: `same $apply over all ${seeded.lines.toLocaleString('en-US')} lines: ${wholeRefused ? 'refused, 0x8004E023' : 'answered'} (median request)`,
          value: median(wholeTimes),
          unit: 'ms',
          better: 'lower',
          target: 'informative: Dataverse aggregates at most 50,000 rows',
        },
      ];
    } finally {
      await app.close();
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
