/**
 * The two `orderline serve` processes under load: real OS processes (test/reliability/processes.ts,
 * as the crash suites start them) on one database, so the load meets what production would run,
 * including two processes contending for the same PostgreSQL rows.
 */
import { performance } from 'node:perf_hooks';
import { freePort, type OrderlineProcess, type ProcessGroup } from '../../test/reliability/processes.js';
import { ADMIN_TOKEN } from './admin-client.js';
import { progress } from './progress.js';

/** Starts server A, then server B, in `group` on the database at `databaseUrl`, and waits until each is ready. */
export async function startServers(group: ProcessGroup, databaseUrl: string): Promise<OrderlineProcess[]> {
  const servers: OrderlineProcess[] = [];
  // One after the other: the first migrates and provisions the empty database.
  for (const name of ['server A', 'server B']) {
    const server = group.orderline(name, 'serve', {
      PORT: String(await freePort()),
      HOST: '127.0.0.1',
      ORDERLINE_DB: databaseUrl,
      ORDERLINE_ADMIN_TOKEN: ADMIN_TOKEN,
      ORDERLINE_LOG_LEVEL: 'info',
    });
    const begun = performance.now();
    await server.start();
    progress(`${name} ready at ${server.baseUrl} (pid ${server.pid}) in ${(performance.now() - begun).toFixed(0)} ms`);
    servers.push(server);
  }
  return servers;
}
