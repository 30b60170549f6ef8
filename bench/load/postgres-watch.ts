/**
 * When the servers fall behind, the cause is often in PostgreSQL: backends waiting for a lock on the
 * same rows, or sitting idle inside a transaction. This samples pg_stat_activity during the load to
 * say so on every progress line and in the figures, with the CPU its backends used.
 */
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { PG_SERVER_URL } from './bench-database.js';
import { processCpuSeconds } from './cpu-usage.js';
import type { Watcher } from './open-loop.js';

/**
 * What PostgreSQL's backends on the bench database are doing, sampled every second from
 * pg_stat_activity over its own connection: how many run a statement, how many of those wait for a
 * lock (and on which statement most), how many sit idle inside a transaction.
 */
export class PostgresWatcher implements Watcher {
  private readonly client: pg.Client;
  private timer: NodeJS.Timeout | undefined;
  private sampling: Promise<void> = Promise.resolve();
  private last = 'no sample yet';
  /** The most backends seen waiting for a lock at once, and the statement most of them waited in. */
  maxLockWaiters = 0;
  maxLockWaitersStatement = '';
  private samples = 0;
  private lockWaiterSum = 0;
  /** CPU seconds of each backend when first and last sampled (PostgreSQL on this machine only). */
  private readonly backendCpu = new Map<number, { first: number; last: number }>();
  private sampledFrom = 0;
  private sampledUntil = 0;

  constructor(private readonly database: string) {
    this.client = new pg.Client({ connectionString: PG_SERVER_URL });
  }

  /**
   * CPU the backends of the bench database used per wall second between the first and last sample
   * (1 = one core), or undefined when their processes cannot be read (PostgreSQL elsewhere).
   */
  get backendCpuShare(): number | undefined {
    const wall = (this.sampledUntil - this.sampledFrom) / 1000;
    if (this.backendCpu.size === 0 || wall <= 0) return undefined;
    let used = 0;
    for (const { first, last } of this.backendCpu.values()) used += last - first;
    return used / wall;
  }

  get meanLockWaiters(): number {
    return this.samples === 0 ? 0 : this.lockWaiterSum / this.samples;
  }

  async start(): Promise<void> {
    await this.client.connect();
    this.timer = setInterval(() => {
      this.sampling = this.sample().catch((error: unknown) => {
        this.last = `sampling failed: ${String(error)}`;
      });
    }, 1_000);
  }

  private async sample(): Promise<void> {
    const { rows } = await this.client.query<{ pid: number; state: string | null; lock: boolean; statement: string }>(
      `select pid, state, wait_event_type = 'Lock' as lock, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) as statement
         from pg_stat_activity where datname = $1 and pid <> pg_backend_pid()`,
      [this.database],
    );
    for (const row of rows) {
      const used = processCpuSeconds(row.pid);
      if (used === undefined) continue;
      const seen = this.backendCpu.get(row.pid);
      this.backendCpu.set(row.pid, { first: seen?.first ?? used, last: used });
    }
    if (this.samples === 0) this.sampledFrom = performance.now();
    this.sampledUntil = performance.now();
    const waiting = rows.filter((row) => row.lock);
    const statements = new Map<string, number>();
    for (const row of waiting) statements.set(row.statement, (statements.get(row.statement) ?? 0) + 1);
    const ranked = [...statements].sort((a, b) => b[1] - a[1]);
    const top = ranked[0];
    this.samples += 1;
    this.lockWaiterSum += waiting.length;
    if (waiting.length > this.maxLockWaiters) {
      this.maxLockWaiters = waiting.length;
      this.maxLockWaitersStatement = top ? `${top[1]} × ${top[0]}` : '';
    }
    const count = (state: string) => rows.filter((row) => row.state === state).length;
    this.last =
      `PostgreSQL backends: ${rows.length} connected, ${count('active')} active (${waiting.length} waiting for a lock` +
      `${ranked
        .slice(0, 2)
        .map(([statement, waiters]) => `, ${waiters} in "${statement}"`)
        .join('')}), ${count('idle in transaction')} idle in transaction`;
  }

  async describe(): Promise<string> {
    return this.last;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.sampling;
    await this.client.end();
  }
}
