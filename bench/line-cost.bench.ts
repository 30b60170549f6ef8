/**
 * PRODUCT.md C2, "Cost": adding a line to an order costs the same whatever the number of lines already
 * on it (target: the 1,000th line at most 1.2 times the 1st). Measured through the Web API on the
 * embedded SQLite store: one Orderline server (createApp on a fresh file) on 127.0.0.1, a catalog line
 * priced from a price list, single sequential requests.
 *
 * Two orders: one empty, one holding 999 lines. Each round adds a line to each (measured: the 1st and the
 * 1,000th line) and deletes it again (not measured), alternating which order goes first, so both see the
 * same drift of the machine. The figure is the median over BENCH_LINE_ROUNDS rounds (default 300).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { createApp } from '../src/app.js';
import { configWith } from '../src/config/app-config.js';
import { createLogger } from '../src/observability/logger.js';
import type { BenchFigure, BenchSuite } from './bench-result.js';
import { UNTHROTTLED } from './unthrottled.js';

const ADMIN_TOKEN = 'bench-admin-token-0123456789abcdef';
const ROUNDS = Number(process.env.BENCH_LINE_ROUNDS ?? 300);
const EXISTING_LINES = 999;

type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; id?: string; json?: any }>;

function client(root: string): Call {
  return async (method, path, body) => {
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
    if (response.status >= 400) throw new Error(`${method} ${path}: ${response.status} ${text}`);
    const entityId = response.headers.get('odata-entityid');
    return {
      status: response.status,
      id: entityId ? /\(([^)]+)\)$/.exec(entityId)?.[1] : undefined,
      json: text ? JSON.parse(text) : undefined,
    };
  };
}

async function catalogLineBody(call: Call): Promise<Record<string, unknown>> {
  const organization = (await call('GET', 'organizations')).json.value[0];
  await call('PATCH', `organizations(${organization.organizationid})`, {
    createproductswithoutparentinactivestate: true,
  });
  const currency = organization._basecurrencyid_value as string;
  const schedule = (await call('POST', 'uomschedules', { name: 'Units', baseuomname: 'Each' })).id!;
  const unit = (await call('GET', `uoms?$filter=_uomscheduleid_value eq ${schedule}`)).json.value[0].uomid as string;
  const priceList = (
    await call('POST', 'pricelevels', {
      name: 'Bench list',
      'transactioncurrencyid@odata.bind': `/transactioncurrencies(${currency})`,
    })
  ).id!;
  const product = (
    await call('POST', 'products', {
      name: 'Bench product',
      productnumber: 'BENCH-1',
      price: 12.5,
      'defaultuomscheduleid@odata.bind': `/uomschedules(${schedule})`,
      'defaultuomid@odata.bind': `/uoms(${unit})`,
    })
  ).id!;
  await call('POST', 'productpricelevels', {
    pricingmethodcode: 2,
    percentage: 90,
    'pricelevelid@odata.bind': `/pricelevels(${priceList})`,
    'productid@odata.bind': `/products(${product})`,
    'uomid@odata.bind': `/uoms(${unit})`,
  });
  return {
    priceList,
    line: { 'productid@odata.bind': `/products(${product})`, 'uomid@odata.bind': `/uoms(${unit})`, quantity: 3 },
  };
}

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2;
};

export const lineCostBench: BenchSuite = {
  title: 'Cost of one line through the Web API (embedded SQLite)',
  async run(): Promise<readonly BenchFigure[]> {
    const folder = mkdtempSync(join(tmpdir(), 'orderline-line-cost-'));
    const app = await createApp(
      configWith({ database: join(folder, 'bench.db'), adminToken: ADMIN_TOKEN, logLevel: 'silent', ...UNTHROTTLED }),
      {
        logger: createLogger('silent'),
      },
    );
    try {
      await app.server.listen({ port: 0, host: '127.0.0.1' });
      const address = app.server.server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      const call = client(`http://127.0.0.1:${port}/api/data/v9.2/`);
      const { priceList, line } = (await catalogLineBody(call)) as { priceList: string; line: Record<string, unknown> };
      const newOrder = async () =>
        (
          await call('POST', 'salesorders', {
            name: 'Bench order',
            'pricelevelid@odata.bind': `/pricelevels(${priceList})`,
          })
        ).id!;
      const empty = await newOrder();
      const full = await newOrder();
      const lineFor = (order: string) => ({ ...line, 'salesorderid@odata.bind': `/salesorders(${order})` });
      for (let index = 0; index < EXISTING_LINES; index++) await call('POST', 'salesorderdetails', lineFor(full));

      const addAndRemove = async (order: string): Promise<number> => {
        const started = performance.now();
        const { id } = await call('POST', 'salesorderdetails', lineFor(order));
        const elapsed = performance.now() - started;
        await call('DELETE', `salesorderdetails(${id})`);
        return elapsed;
      };
      // Warm-up: JIT, statement caches.
      for (let index = 0; index < 30; index++) {
        await addAndRemove(empty);
        await addAndRemove(full);
      }
      const first: number[] = [];
      const thousandth: number[] = [];
      for (let round = 0; round < ROUNDS; round++) {
        if (round % 2 === 0) {
          first.push(await addAndRemove(empty));
          thousandth.push(await addAndRemove(full));
        } else {
          thousandth.push(await addAndRemove(full));
          first.push(await addAndRemove(empty));
        }
      }
      const firstMedian = median(first);
      const firstName = 'add the 1st line to an order (median request)';
      return [
        { name: firstName, value: firstMedian, unit: 'ms', better: 'lower' },
        {
          name: 'add the 1,000th line to an order (median request)',
          value: median(thousandth),
          unit: 'ms',
          better: 'lower',
          baseline: { name: firstName, value: firstMedian },
          target: '<= 1.2 × the 1st line',
        },
      ];
    } finally {
      await app.close();
      rmSync(folder, { recursive: true, force: true });
    }
  },
};
