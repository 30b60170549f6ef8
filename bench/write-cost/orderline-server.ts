/**
 * The Orderline server of the write-cost suite, run as its own OS process (forked by
 * bench/write-cost.bench.ts with tsx) so /proc counts its CPU apart from the client's: createApp on the
 * database in ORDERLINE_DB, service protection and the in-process dispatcher off (its polls would add
 * statements and CPU no request asked for). It sends `{ port }` once it listens, and answers every
 * `statements` message with the store's statement count so far.
 */
import { createApp } from '../../src/app.js';
import { configWith } from '../../src/config/app-config.js';
import { createLogger } from '../../src/observability/logger.js';
import { UNTHROTTLED } from '../unthrottled.js';
import { ADMIN_TOKEN } from './write-paths.js';

const database = process.env.ORDERLINE_DB;
if (!database || !process.send)
  throw new Error('orderline-server.ts is forked by write-cost.bench.ts with ORDERLINE_DB');
const app = await createApp(
  configWith({ database, adminToken: ADMIN_TOKEN, logLevel: 'silent', dispatcher: 'off', ...UNTHROTTLED }),
  { logger: createLogger('silent') },
);
await app.server.listen({ port: 0, host: '127.0.0.1' });
const address = app.server.server.address();
process.send({ port: typeof address === 'object' && address ? address.port : 0 });
process.on('message', (message) => {
  if (message === 'statements') process.send?.({ statements: app.store.statements.statements });
});
// The parent's end is this process's end: it closes the store first (the PostgreSQL database is dropped next).
process.on('disconnect', () => {
  void app.close().then(() => process.exit(0));
});
