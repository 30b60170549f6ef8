/**
 * Runs the real `orderline` command (`node bin/orderline.js ...`) as a child process on a test
 * database, the way an operator would, and collects what it printed and how it exited.
 */
import { execFile } from 'node:child_process';
import { orderlineCommand } from './orderline-command.js';

export const CLI_ADMIN_TOKEN = 'cli-admin-token-0123456789abcdef';

export interface CommandResult {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

export function runOrderline(database: string, args: readonly string[], cwd?: string): Promise<CommandResult> {
  return new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [orderlineCommand(), ...args],
      {
        cwd,
        env: {
          ...process.env,
          ORDERLINE_DB: database,
          ORDERLINE_ADMIN_TOKEN: CLI_ADMIN_TOKEN,
          ORDERLINE_LOG_LEVEL: 'warn',
        },
        timeout: 120_000,
      },
      (error, stdout, stderr) => {
        if (error && typeof error.code !== 'number') {
          reject(error);
          return;
        }
        resolve({ code: typeof error?.code === 'number' ? error.code : 0, stdout, stderr });
      },
    );
  });
}
