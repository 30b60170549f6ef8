/**
 * Everything the load suite starts (processes, pools, a database, a sampler) must be gone when it
 * ends, whether it succeeded, failed or was interrupted: a server left running on a dropped database
 * or a bench database left behind would spoil the next run.
 */
import { progress } from './progress.js';

/** Releases what the suite holds, last acquired first, each once, whatever fails. */
export class Resources {
  private readonly releases: Array<{ what: string; release: () => Promise<void> }> = [];

  hold(what: string, release: () => Promise<void>): void {
    this.releases.push({ what, release });
  }

  /** Releases the most recent `count` holdings (all by default). */
  async release(count = this.releases.length): Promise<void> {
    for (const { what, release } of this.releases.splice(this.releases.length - count).reverse()) {
      await release().catch((error: unknown) => progress(`releasing ${what} failed: ${String(error)}`));
    }
  }
}

/** Runs `work`, then releases everything it held: in `finally`, and on SIGINT / SIGTERM before exiting. */
export async function withResources<T>(work: (resources: Resources) => Promise<T>): Promise<T> {
  const resources = new Resources();
  const interrupted = () => {
    progress('interrupted: stopping the processes and dropping the database');
    void resources.release().finally(() => process.exit(130));
  };
  process.once('SIGINT', interrupted);
  process.once('SIGTERM', interrupted);
  try {
    return await work(resources);
  } finally {
    process.removeListener('SIGINT', interrupted);
    process.removeListener('SIGTERM', interrupted);
    await resources.release();
  }
}
