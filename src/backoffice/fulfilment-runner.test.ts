import pino from 'pino';
import { describe, expect, it } from 'vitest';
import { openBackOfficeState } from './back-office-state.js';
import { parseExactJson } from './exact-json.js';
import { createFulfilmentRunner } from './fulfilment-runner.js';
import { type InboundWrite, type OrderlineClient, OrderlineRequestError } from './orderline-client.js';

const DOCUMENT = JSON.stringify({
  salesorder: { salesorderid: 'o1', name: 'Order', _transactioncurrencyid_value: 'usd', totalamount: 20 },
  salesorderdetails: [{ salesorderdetailid: 'l1', quantity: 2, priceperunit: 10, baseamount: 20, extendedamount: 20 }],
  customer: null,
  transactioncurrency: { currencyprecision: 2 },
});

/**
 * Orderline as far as the runner sees it: accepts every write, unless told to fail one or to answer
 * creates 412; rows the runner reads exist unless `missing` says otherwise.
 */
function fakeOrderline(
  failOn?: (write: InboundWrite) => boolean,
  options: { duplicate?: (write: InboundWrite) => boolean; missing?: (path: string) => boolean } = {},
) {
  const sent: InboundWrite[] = [];
  const client: OrderlineClient = {
    replayLog: sent,
    whoAmI: async () => 'me',
    async read(path) {
      if (options.missing?.(path)) throw new OrderlineRequestError('GET', path, 404, '');
      return { ol_processingstatus: 7 };
    },
    async write(write, tolerated = []) {
      if (failOn?.(write)) throw new Error(`Orderline is down (${write.path})`);
      if (options.duplicate?.(write)) {
        if (tolerated.includes(412)) return 412;
        throw new OrderlineRequestError('PATCH', write.path, 412, '');
      }
      sent.push(write);
      return 204;
    },
    send: async () => ({ status: 204, text: '' }),
    close: async () => {},
  };
  return { client, sent };
}

const table = (write: InboundWrite) => write.path.replace(/\(.*$/, '');
const revisionOf = (write: InboundWrite) =>
  String((parseExactJson(write.body) as Record<string, unknown>).ol_backofficerevision);

describe('playing an order forward', () => {
  const logger = pino({ level: 'silent' });

  it('acknowledges, picks, ships, delivers and invoices, each write with a higher revision', async () => {
    const state = openBackOfficeState();
    state.takeOn({ id: 'e1', type: 'salesorder.submitted', orderId: 'o1' }, DOCUMENT);
    const { client, sent } = fakeOrderline();
    const runner = createFulfilmentRunner({ state, client, logger, stepDelayMs: 0 });

    await runner.run('o1');

    expect(sent.map(table)).toEqual([
      'salesorders', // acknowledge: number, total, Confirmed
      'salesorders', // Picked
      'salesorderdetails', // shipped in full
      'salesorders', // Delivered
      'invoices', // the invoice, Billed
      'invoicedetails', // its line
      'invoicedetails', // the line's amounts
      'invoices', // the totals
    ]);
    const revisions = sent.map((write) => BigInt(revisionOf(write)));
    for (let index = 1; index < revisions.length; index += 1) {
      expect(revisions[index]! > revisions[index - 1]!).toBe(true);
    }
    expect(state.job('o1')?.status).toBe('done');
  });

  it('resumes after a failure from the step that failed, not from the start', async () => {
    const state = openBackOfficeState();
    state.takeOn({ id: 'e1', type: 'salesorder.submitted', orderId: 'o1' }, DOCUMENT);
    const down = fakeOrderline((write) => table(write) === 'invoices');
    await createFulfilmentRunner({ state, client: down.client, logger, stepDelayMs: 0 }).run('o1');
    expect(state.job('o1')).toMatchObject({ status: 'failed', nextStep: 4 });

    const up = fakeOrderline();
    const restarted = createFulfilmentRunner({ state, client: up.client, logger, stepDelayMs: 0 });
    restarted.resumeUnfinished();
    await restarted.idle();

    expect(up.sent.map(table)).toEqual(['invoices', 'invoicedetails', 'invoicedetails', 'invoices']);
    expect(state.job('o1')?.status).toBe('done');
  });

  it('stops a cancelled order before its next step', async () => {
    const state = openBackOfficeState();
    state.takeOn({ id: 'e1', type: 'salesorder.submitted', orderId: 'o1' }, DOCUMENT);
    const { client, sent } = fakeOrderline();
    const runner = createFulfilmentRunner({ state, client, logger, stepDelayMs: 50 });

    const played = runner.run('o1');
    await new Promise((resolve) => setTimeout(resolve, 10));
    runner.cancel('o1');
    await played;

    expect(sent.map(table)).toEqual(['salesorders']);
    expect(state.job('o1')?.status).toBe('cancelled');
  });

  it('takes a create answered 412 as done when the row is at its id: an earlier run made it', async () => {
    const state = openBackOfficeState();
    state.takeOn({ id: 'e1', type: 'salesorder.submitted', orderId: 'o1' }, DOCUMENT);
    state.advance('o1', 4);
    const creates = (write: InboundWrite) => write.headers['if-none-match'] === '*';
    const { client, sent } = fakeOrderline(undefined, { duplicate: creates });

    await createFulfilmentRunner({ state, client, logger, stepDelayMs: 0 }).run('o1');

    expect(sent.map(table)).toEqual(['invoicedetails', 'invoices']);
    expect(state.job('o1')?.status).toBe('done');
  });

  it('stops when a create is answered 412 but its row is not there: another record holds the key', async () => {
    const state = openBackOfficeState();
    state.takeOn({ id: 'e1', type: 'salesorder.submitted', orderId: 'o1' }, DOCUMENT);
    state.advance('o1', 4);
    const { client, sent } = fakeOrderline(undefined, {
      duplicate: (write) => table(write) === 'invoices' && write.headers['if-none-match'] === '*',
      missing: (path) => path.startsWith('invoices('),
    });

    await createFulfilmentRunner({ state, client, logger, stepDelayMs: 0 }).run('o1');

    expect(sent).toEqual([]);
    expect(state.job('o1')).toMatchObject({
      status: 'failed',
      error: expect.stringMatching(/key is taken by another record/),
    });
  });
});
