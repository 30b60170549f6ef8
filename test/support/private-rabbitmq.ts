/**
 * A RabbitMQ node of the test's own, for the fault suites: they stop, restart and cut its connections,
 * which must never happen to the shared broker other suites publish to. The node has its own name,
 * ports, data and log folders and Erlang cookie; it starts in several seconds. Restarting it keeps
 * its data folder, so durable queues and persistent messages come back as after a real restart.
 */
import { type ChildProcess, execFile, spawn } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, openSync, rmSync, writeFileSync } from 'node:fs';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { freePort } from './private-postgres.js';

const run = promisify(execFile);

export interface PrivateRabbitMq {
  /** `amqp://guest:guest@127.0.0.1:<port>` */
  readonly url: string;
  readonly port: number;
  /** Stops the node (`rabbitmqctl stop`) and starts it again on the same data. */
  restart(): Promise<void>;
  stop(): Promise<void>;
  start(): Promise<void>;
  /** `rabbitmqctl close_all_connections`: every client's connection is closed by the broker. */
  closeAllConnections(): Promise<void>;
  /** Client connections open on the node now. */
  connectionCount(): Promise<number>;
  close(): Promise<void>;
}

/** The broker's own scripts, not the /usr/sbin wrappers (which switch to the rabbitmq OS user). */
function scripts(): string {
  const folder = process.env.RABBITMQ_BIN ?? '/usr/lib/rabbitmq/bin';
  if (!existsSync(join(folder, 'rabbitmq-server'))) {
    throw new Error(`No rabbitmq-server in ${folder}: set RABBITMQ_BIN to the folder of RabbitMQ's scripts`);
  }
  return folder;
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    const done = (open: boolean) => {
      socket.destroy();
      resolve(open);
    };
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

export async function startPrivateRabbitMq(): Promise<PrivateRabbitMq> {
  const bin = scripts();
  const folder = mkdtempSync(join(tmpdir(), 'orderline-rabbitmq-'));
  const home = join(folder, 'home');
  mkdirSync(home);
  // A cookie of its own: rabbitmqctl talks to this node only, never to the shared one.
  const cookie = join(home, '.erlang.cookie');
  writeFileSync(cookie, `orderline${Math.random().toString(36).slice(2)}`);
  chmodSync(cookie, 0o400);
  writeFileSync(join(folder, 'enabled_plugins'), '[].\n');
  const port = await freePort();
  const distributionPort = await freePort();
  const node = `orderline-test-${port}@localhost`;
  const environment = {
    ...process.env,
    HOME: home,
    RABBITMQ_NODENAME: node,
    RABBITMQ_NODE_IP_ADDRESS: '127.0.0.1',
    RABBITMQ_NODE_PORT: String(port),
    RABBITMQ_DIST_PORT: String(distributionPort),
    RABBITMQ_MNESIA_BASE: join(folder, 'mnesia'),
    RABBITMQ_LOG_BASE: join(folder, 'log'),
    RABBITMQ_ENABLED_PLUGINS_FILE: join(folder, 'enabled_plugins'),
    // Files that do not exist: none of the machine's broker configuration applies to this node.
    RABBITMQ_CONFIG_FILE: join(folder, 'no-config'),
    RABBITMQ_ADVANCED_CONFIG_FILE: join(folder, 'no-advanced.config'),
    RABBITMQ_CONF_ENV_FILE: join(folder, 'no-env.conf'),
    RABBITMQ_PID_FILE: join(folder, 'node.pid'),
  };
  const ctl = (...args: string[]) =>
    run(join(bin, 'rabbitmqctl'), ['-n', node, ...args], { env: environment, timeout: 60_000 });
  let child: ChildProcess | undefined;

  async function start(): Promise<void> {
    const log = openSync(join(folder, 'server.log'), 'a');
    child = spawn(join(bin, 'rabbitmq-server'), [], { env: environment, stdio: ['ignore', log, log] });
    const started = child;
    const deadline = Date.now() + 60_000;
    while (!(await portOpen(port))) {
      if (started.exitCode !== null) throw new Error(`RabbitMQ exited at start; see ${join(folder, 'server.log')}`);
      if (Date.now() > deadline) throw new Error(`RabbitMQ did not listen within 60 s; see ${folder}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    await ctl('await_startup');
  }

  async function stop(): Promise<void> {
    const stopping = child;
    child = undefined;
    if (!stopping || stopping.exitCode !== null) return;
    const exited = new Promise((resolve) => stopping.once('exit', resolve));
    await ctl('stop').catch(() => stopping.kill('SIGKILL'));
    await exited;
  }

  await start();
  return {
    url: `amqp://guest:guest@127.0.0.1:${port}`,
    port,
    async restart() {
      await stop();
      await start();
    },
    stop,
    start,
    async closeAllConnections() {
      await ctl('close_all_connections', 'Orderline fault test');
    },
    async connectionCount() {
      const { stdout } = await ctl('list_connections', '--silent', 'name');
      return stdout.split('\n').filter((line) => line.trim() !== '').length;
    },
    async close() {
      await stop();
      rmSync(folder, { recursive: true, force: true });
    },
  };
}
