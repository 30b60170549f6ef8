/**
 * The baseline the Orderline figures are compared with: the same generator, schedule, mix of paths and
 * bodies and two pools, against two child processes of bare Fastify 5 that echo the JSON body back
 * (echo-server.mjs). Run first, in the same process run, so what remains of Orderline's latency over
 * it is Orderline's own, not the machine's, Node's or the generator's.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { type LoadResult, openLoop, poolTargets } from './open-loop.js';
import { type Operation, OrderWrites, SEED_ORDERS } from './order-writes.js';
import { PRODUCTS } from './reference-data.js';
import type { Resources } from './resources.js';
import type { Schedule } from './settings.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const ECHO_SERVER = fileURLToPath(new URL('./echo-server.mjs', import.meta.url));
const DIE_WITH_PARENT = fileURLToPath(new URL('../../test/reliability/die-with-parent.mjs', import.meta.url));

/** Starts echo A and echo B, runs the load against them, and stops them again. */
export async function runEchoBaseline(
  mix: readonly Operation[],
  schedule: Schedule,
  resources: Resources,
): Promise<LoadResult> {
  const echoes: EchoProcess[] = [];
  for (const name of ['echo A', 'echo B']) {
    const echo = await startEcho(name);
    resources.hold(name, echo.kill);
    echoes.push(echo);
  }
  const targets = poolTargets(echoes, resources);
  // The echo checks no id, so random ones make the same paths and bodies as a real catalog and orders.
  const writes = new OrderWrites(
    {
      accountId: randomUUID(),
      priceListId: randomUUID(),
      unitId: randomUUID(),
      productIds: Array.from({ length: PRODUCTS }, () => randomUUID()),
    },
    mix,
    targets.length,
  );
  for (let index = 0; index < SEED_ORDERS; index++) writes.remember(randomUUID());
  const result = await openLoop('echo', targets, writes, schedule);
  await resources.release();
  return result;
}

interface EchoProcess {
  readonly name: string;
  readonly baseUrl: string;
  readonly pid: number | undefined;
  kill(): Promise<void>;
}

async function startEcho(name: string): Promise<EchoProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', DIE_WITH_PARENT, ECHO_SERVER], {
    cwd: ROOT,
    env: { ...process.env, PORT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const kill = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  };
  const output: string[] = [];
  child.stderr?.on('data', (chunk: Buffer) => output.push(chunk.toString('utf8')));
  try {
    const port = await new Promise<number>((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`${name} did not start within 30 s: ${output.join('')}`)),
        30_000,
      );
      child.once('exit', (code, signal) => {
        clearTimeout(timer);
        reject(new Error(`${name} ended while starting (${signal ?? code}): ${output.join('')}`));
      });
      createInterface({ input: child.stdout! }).on('line', (line) => {
        const match = /^listening (\d+)$/.exec(line);
        if (!match) return;
        clearTimeout(timer);
        resolve(Number(match[1]));
      });
    });
    return { name, baseUrl: `http://127.0.0.1:${port}/`, pid: child.pid, kill };
  } catch (error) {
    await kill();
    throw error;
  }
}
