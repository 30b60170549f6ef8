/**
 * A server of the write-cost suite in its own OS process, forked with an IPC channel: it sends
 * `{ port }` once it listens; Orderline's also answers `statements` with its store's count so far.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export interface ChildServer {
  readonly pid: number;
  readonly origin: string;
  /** Statements the server's store has sent so far (Orderline only). */
  statements(): Promise<number>;
  stop(): Promise<void>;
}

const FILES = {
  orderline: fileURLToPath(new URL('./orderline-server.ts', import.meta.url)),
  bare: fileURLToPath(new URL('./bare-server.mjs', import.meta.url)),
};

export async function startChildServer(
  kind: keyof typeof FILES,
  env: Record<string, string> = {},
): Promise<ChildServer> {
  const child: ChildProcess = fork(FILES[kind], [], {
    env: { ...process.env, ...env },
    execArgv: kind === 'orderline' ? ['--import', 'tsx'] : [],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const port = await new Promise<number>((resolve, reject) => {
    child.once('message', (message: { port?: number }) => resolve(message.port ?? 0));
    child.once('exit', (code) => reject(new Error(`the ${kind} server ended (${code}) before it listened`)));
  });
  return {
    pid: child.pid!,
    origin: `http://127.0.0.1:${port}`,
    statements: () =>
      new Promise<number>((resolve) => {
        const answer = (message: { statements?: number }) => {
          if (message.statements === undefined) return;
          child.off('message', answer);
          resolve(message.statements);
        };
        child.on('message', answer);
        child.send('statements');
      }),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 15_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.disconnect();
      }),
  };
}
