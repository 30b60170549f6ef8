/**
 * A PostgreSQL server of the test's own, for the fault suites: they stop and restart it, which must
 * never happen to the shared server other suites run against. The cluster is made once per machine
 * and PostgreSQL version (initdb takes seconds) into a template folder, and every instance copies it.
 * Run as root, the server runs as the `postgres` OS user, since PostgreSQL refuses to run as root.
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);

export interface PrivatePostgres {
  /** `postgres://postgres@127.0.0.1:<port>/<database>` */
  url(database?: string): string;
  readonly port: number;
  /** `pg_ctl restart -m fast`: sessions are ended, the server is back at once. */
  restart(): Promise<void>;
  /** `pg_ctl stop -m fast`: connections refused until `start`. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops the server and removes its folder. */
  close(): Promise<void>;
}

const asRoot = process.getuid?.() === 0;

/** The newest PostgreSQL installed the Debian way, or the one `PG_BIN` names. */
function binaries(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root)
    ? readdirSync(root)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  if (!versions[0]) throw new Error('No PostgreSQL server binaries in /usr/lib/postgresql/<version>/bin: set PG_BIN');
  return join(root, versions[0], 'bin');
}

/** Runs a server binary, as the postgres OS user when the tests run as root. */
async function pgCommand(bin: string, command: string, args: string[]): Promise<string> {
  const file = join(bin, command);
  const { stdout } = asRoot
    ? await run('runuser', ['-u', 'postgres', '--', file, ...args], { timeout: 120_000 })
    : await run(file, args, { timeout: 120_000 });
  return stdout;
}

/** Hands a folder to the postgres OS user when the server runs as that user. */
async function ownFolder(path: string): Promise<void> {
  if (!asRoot) return;
  const uid = Number((await run('id', ['-u', 'postgres'])).stdout.trim());
  const gid = Number((await run('id', ['-g', 'postgres'])).stdout.trim());
  chownSync(path, uid, gid);
}

async function template(bin: string): Promise<string> {
  const version = bin.split('/').at(-2) ?? 'pg';
  const path = join(tmpdir(), `orderline-pg-template-${version}-${process.getuid?.() ?? 0}`);
  if (existsSync(join(path, 'PG_VERSION'))) return path;
  // Made aside and renamed into place, so two test files starting together never see half a cluster.
  const scratch = mkdtempSync(join(tmpdir(), 'orderline-pg-initdb-'));
  await ownFolder(scratch);
  const data = join(scratch, 'data');
  await pgCommand(bin, 'initdb', [
    '-D',
    data,
    '-U',
    'postgres',
    '-A',
    'trust',
    '-E',
    'UTF8',
    '--locale=C',
    '--no-sync',
  ]);
  try {
    renameSync(data, path);
  } catch {
    // Another file made it first: theirs is as good.
  }
  rmSync(scratch, { recursive: true, force: true });
  return path;
}

/** A port nothing listens on now, for a server of the test's own. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}

export async function startPrivatePostgres(): Promise<PrivatePostgres> {
  const bin = binaries();
  const source = await template(bin);
  const folder = mkdtempSync(join(tmpdir(), 'orderline-pg-'));
  await ownFolder(folder);
  const data = join(folder, 'data');
  // cp -a keeps the postgres user's ownership and the 0700 mode PostgreSQL insists on.
  await run('cp', ['-a', source, data]);
  const port = await freePort();
  const log = join(folder, 'server.log');
  const options = `-p ${port} -k ${folder} -c listen_addresses=127.0.0.1 -c max_connections=60`;
  const ctl = (...args: string[]) => pgCommand(bin, 'pg_ctl', ['-D', data, '-l', log, '-w', '-t', '60', ...args]);
  await ctl('-o', options, 'start');
  let running = true;
  return {
    port,
    url: (database = 'postgres') => `postgres://postgres@127.0.0.1:${port}/${database}`,
    async restart() {
      await ctl('-o', options, '-m', 'fast', 'restart');
      running = true;
    },
    async stop() {
      await ctl('-m', 'fast', 'stop');
      running = false;
    },
    async start() {
      await ctl('-o', options, 'start');
      running = true;
    },
    async close() {
      if (running) await ctl('-m', 'immediate', 'stop').catch(() => {});
      running = false;
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
