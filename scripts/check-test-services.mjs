// The services `npm test` talks to, checked before a single test runs: a missing one would otherwise show as
// hundreds of tests failing on timeouts. Each line names what is missing and how to start it.
import { existsSync } from 'node:fs';
import { connect } from 'node:net';

const CHROMIUM = '/usr/bin/chromium';

function reachable(host, port, timeoutMs = 2000) {
  return new Promise((resolve) => {
    const socket = connect({ host, port });
    const done = (ok) => {
      socket.destroy();
      resolve(ok);
    };
    socket.setTimeout(timeoutMs, () => done(false));
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

function testStores() {
  return (process.env.ORDERLINE_TEST_STORES ?? 'sqlite,postgres').split(',').map((name) => name.trim());
}

/** One line per service the suite needs and cannot reach; empty when all are there. */
export async function missingTestServices() {
  const missing = [];
  if (testStores().includes('postgres')) {
    const url = new URL(process.env.ORDERLINE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres');
    const port = Number(url.port || 5432);
    if (!(await reachable(url.hostname, port))) {
      missing.push(
        `PostgreSQL is not reachable at ${url.hostname}:${port}: start it (docker compose up -d postgres, or ` +
          'pg_ctlcluster <version> main start), point ORDERLINE_TEST_PG_URL at another, or run ORDERLINE_TEST_STORES=sqlite npm test.',
      );
    }
  }
  if (!(await reachable('127.0.0.1', 5672))) {
    missing.push(
      'RabbitMQ is not reachable at 127.0.0.1:5672 (the bridge tests publish to it): start it (docker compose up -d ' +
        'rabbitmq, or rabbitmq-server -detached).',
    );
  }
  if (!existsSync(CHROMIUM)) {
    missing.push(`No Chromium at ${CHROMIUM} (the browser tests drive it): apt-get install -y chromium.`);
  }
  return missing;
}
