/**
 * Issue #7: `GET /metrics` in Prometheus text format tells an operator where time goes (HTTP requests
 * by resource and status, each write pipeline step, the pricing engine), how the outbox stands and how
 * often service protection said no; `GET /ready` says whether the database answers.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addOrderLine, catalogLine, createCatalog, createOrder, writeIn } from '../pricing/support.js';
import { startTestServer, type TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';

/** The value of one sample of the exposition, or undefined when the series is absent. */
function sample(exposition: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const wanted = Object.entries(labels).map(([key, value]) => `${key}="${value}"`);
  for (const line of exposition.split('\n')) {
    if (!line.startsWith(`${name}{`) && !line.startsWith(`${name} `)) continue;
    const labelText = line.startsWith(`${name}{`) ? line.slice(name.length + 1, line.indexOf('}')) : '';
    const present = labelText === '' ? [] : labelText.split(/,(?=[a-z_]+=")/);
    if (wanted.every((pair) => present.includes(pair))) return Number(line.slice(line.lastIndexOf(' ') + 1));
  }
  return undefined;
}

describe.each(TEST_STORES)('GET /metrics (%s)', (kind) => {
  let server: TestServer;
  let exposition: string;

  beforeAll(async () => {
    server = await startTestServer(kind);
    const catalog = await createCatalog(server.api);
    const orderId = await createOrder(server.api, catalog);
    await addOrderLine(server.api, orderId, catalogLine(catalog, 'amount', 2));
    await addOrderLine(server.api, orderId, writeIn(12.5, 3));
    // A refused write is timed too: a line for an order that does not exist is refused.
    const refused = await server.api('salesorderdetails', {
      method: 'POST',
      body: { ...writeIn(1, 1), 'salesorderid@odata.bind': '/salesorders(00000000-0000-0000-0000-000000000001)' },
    });
    expect(refused.status).toBeGreaterThanOrEqual(400);
    const response = await fetch(`${server.baseUrl}metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    exposition = await response.text();
  });

  afterAll(async () => {
    await server?.close();
  });

  it('times HTTP requests by method, entity set and status', () => {
    const created = sample(exposition, 'orderline_http_request_duration_seconds_count', {
      method: 'POST',
      resource: 'salesorderdetails',
      status: '204',
    });
    expect(created).toBe(2);
  });

  it('times every step of the write pipeline by stage, step and table', () => {
    const linePricing = sample(exposition, 'orderline_pipeline_step_seconds_count', {
      stage: 'preOperation',
      step: 'pricing: price the line and move its header totals by its delta',
      table: 'salesorderdetail',
    });
    expect(linePricing).toBe(2);
    const stages = new Set(
      [...exposition.matchAll(/^orderline_pipeline_step_seconds_count\{[^}]*stage="([a-zA-Z]+)"/gm)].map(
        (match) => match[1],
      ),
    );
    expect([...stages].sort()).toEqual(['postOperation', 'preOperation', 'preValidation']);
    const sum = sample(exposition, 'orderline_pipeline_step_seconds_sum', {
      step: 'pricing: price the line and move its header totals by its delta',
    });
    expect(sum).toBeGreaterThan(0);
  });

  it('times the pricing engine apart from the reads and writes around it', () => {
    // Each line: the line priced, then the header totals moved by its delta.
    expect(sample(exposition, 'orderline_pricing_seconds_count', { calculation: 'line' })).toBe(4);
    // The order's creation computed its (empty) totals.
    expect(sample(exposition, 'orderline_pricing_seconds_count', { calculation: 'totals' })).toBeGreaterThanOrEqual(1);
  });

  it('reports the outbox, service protection and the process', () => {
    expect(sample(exposition, 'orderline_outbox_pending')).toBe(0);
    expect(sample(exposition, 'orderline_outbox_oldest_pending_seconds')).toBe(0);
    expect(sample(exposition, 'orderline_outbox_dead_lettered')).toBe(0);
    expect(exposition).toMatch(/^# TYPE orderline_http_throttled_total counter$/m);
    expect(exposition).toMatch(/^# TYPE orderline_outbox_delivery_attempts_total counter$/m);
    expect(sample(exposition, 'orderline_process_resident_memory_bytes')).toBeGreaterThan(0);
    expect(exposition).toMatch(/^orderline_nodejs_eventloop_lag_seconds /m);
  });
});

describe.each(TEST_STORES)('GET /ready (%s)', (kind) => {
  it('answers 200 while the database answers, and 503 once it does not', async () => {
    const server = await startTestServer(kind);
    try {
      const ready = await fetch(`${server.baseUrl}ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({ status: 'ready' });

      await server.app.store.close();
      const unavailable = await fetch(`${server.baseUrl}ready`);
      expect(unavailable.status).toBe(503);
      expect(await unavailable.json()).toEqual({ status: 'database unavailable' });
      // Liveness is not readiness: the process still answers /health.
      expect((await fetch(`${server.baseUrl}health`)).status).toBe(200);
    } finally {
      await server.close().catch(() => undefined);
    }
  });
});
