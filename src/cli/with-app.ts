/**
 * The application a CLI command works on: opened for the command and closed after it, whether the work
 * succeeds or throws, so a failed command never leaves a database handle or a pool behind.
 */
import type { App } from '../app.js';

export type OpenApp = () => Promise<App>;

export async function withApp<T>(openApp: OpenApp, work: (app: App) => Promise<T>): Promise<T> {
  const app = await openApp();
  try {
    return await work(app);
  } finally {
    await app.close();
  }
}
