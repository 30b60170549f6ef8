/**
 * What the Sales Hub's live timeline reads (issue #14): the poll for an order's latest entry answers
 * with an ETag and, asked again with it, 304 while nothing changed, then 200 with a new tag once the
 * back office moves the order; every processing status the back office reports and every line it ships
 * is an entry of its own, with the status in a column the UI reads rather than parses. A single row keeps
 * its own `@odata.etag` conditional read.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Api } from '../lifecycle/support.js';
import type { TestServer } from '../support/test-app.js';
import { TEST_STORES } from '../support/test-stores.js';
import { startBridgeServer, submittedOrder } from './support.js';

const latestEntry = (orderId: string) =>
  `ol_timelineentries?$select=ol_sequence&$filter=_ol_salesorderid_value eq ${orderId}&$orderby=ol_sequence desc&$top=1`;

async function entries(api: Api, orderId: string) {
  const response = await api(
    `ol_timelineentries?$filter=_ol_salesorderid_value eq ${orderId}&$orderby=ol_sequence asc&$select=ol_kind,ol_summary,ol_processingstatus`,
  );
  expect(response.status, response.text).toBe(200);
  return response.json.value as { ol_kind: number; ol_summary: string; ol_processingstatus: number | null }[];
}

describe.each(TEST_STORES)('the live timeline’s reads (%s)', (kind) => {
  let server: TestServer;
  let admin: Api;
  let backOffice: Api;
  let revision = 0;
  /** Each back-office write carries a higher revision than the last, or it is ignored as stale. */
  const nextRevision = () => {
    revision += 1;
    return revision;
  };
  const report = (orderId: string, body: Record<string, unknown>) =>
    backOffice(`salesorders(${orderId})`, {
      method: 'PATCH',
      body: { ...body, ol_backofficerevision: nextRevision() },
      headers: { 'if-match': '*' },
    });

  beforeAll(async () => {
    ({ server, admin, backOffice } = await startBridgeServer(kind));
  });
  afterAll(async () => {
    await server?.close();
  });

  it('answers 304 to a poll with nothing new, and 200 with a new ETag after the back office moved the order', async () => {
    const id = await submittedOrder(admin);
    const first = await admin(latestEntry(id));
    expect(first.status).toBe(200);
    const tag = first.headers.get('etag');
    expect(tag).toMatch(/^W\/".+"$/);

    const unchanged = await admin(latestEntry(id), { headers: { 'if-none-match': tag! } });
    expect(unchanged.status).toBe(304);
    expect(unchanged.text).toBe('');
    expect(unchanged.headers.get('etag')).toBe(tag);

    expect((await report(id, { ol_processingstatus: 3 })).status).toBe(204);
    const changed = await admin(latestEntry(id), { headers: { 'if-none-match': tag! } });
    expect(changed.status).toBe(200);
    expect(changed.headers.get('etag')).not.toBe(tag);
    expect(changed.json.value[0].ol_sequence).not.toBe(first.json.value[0].ol_sequence);
  });

  it('gives a tag that belongs to its own query: another order’s poll, or the same one with annotations, never matches it', async () => {
    const one = await submittedOrder(admin);
    const other = await submittedOrder(admin);
    const tag = (await admin(latestEntry(one))).headers.get('etag')!;
    expect((await admin(latestEntry(other), { headers: { 'if-none-match': tag } })).status).toBe(200);
    const annotated = await admin(latestEntry(one), {
      headers: { 'if-none-match': tag, prefer: 'odata.include-annotations="*"' },
    });
    expect(annotated.status).toBe(200);
    expect(annotated.headers.get('etag')).toBeNull();
  });

  it('keeps the single row’s conditional read: 304 for its @odata.etag, 200 once it changed', async () => {
    const id = await submittedOrder(admin);
    const row = await admin(`salesorders(${id})?$select=name`);
    const etag = row.json['@odata.etag'];
    expect((await admin(`salesorders(${id})?$select=name`, { headers: { 'if-none-match': etag } })).status).toBe(304);
    expect((await report(id, { ol_processingstatus: 3 })).status).toBe(204);
    expect((await admin(`salesorders(${id})?$select=name`, { headers: { 'if-none-match': etag } })).status).toBe(200);
  });

  it('records each status the back office reports, and each line it ships, as an entry of its own', async () => {
    const id = await submittedOrder(admin, 1);
    expect((await report(id, { ol_backofficeordernumber: 'ERP-77', ol_processingstatus: 2 })).status).toBe(204);
    expect((await report(id, { ol_processingstatus: 3 })).status).toBe(204);
    // The same status again is no news.
    expect((await report(id, { ol_processingstatus: 3 })).status).toBe(204);
    const [line] = (await admin(`salesorderdetails?$filter=_salesorderid_value eq ${id}&$select=quantity`)).json.value;
    const shipped = await backOffice(`salesorderdetails(${line.salesorderdetailid})`, {
      method: 'PATCH',
      body: { quantityshipped: line.quantity, ol_backofficerevision: nextRevision() },
      headers: { 'if-match': '*' },
    });
    expect(shipped.status, shipped.text).toBe(204);
    expect((await report(id, { ol_processingstatus: 5 })).status).toBe(204);

    const reported = (await entries(admin, id)).filter((entry) => entry.ol_kind === 12 || entry.ol_kind === 13);
    expect(reported.map((entry) => [entry.ol_kind, entry.ol_processingstatus])).toEqual([
      [12, 2],
      [12, 3],
      [13, null],
      [12, 5],
    ]);
    expect(reported[2]!.ol_summary).toBe('Shipped 2 × Order line 0');
    const acknowledged = (await entries(admin, id)).findIndex((entry) => entry.ol_kind === 6);
    const confirmed = (await entries(admin, id)).findIndex((entry) => entry.ol_processingstatus === 2);
    expect(acknowledged).toBeLessThan(confirmed);
  });
});
