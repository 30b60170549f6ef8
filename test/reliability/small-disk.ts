/**
 * A disk that can fill up and go read-only under a running SQLite store. Where the test may mount (root
 * in a container or CI runner), it is a real size-limited tmpfs: filling it with a file makes SQLite's
 * own writes fail with SQLITE_FULL. Where mounting is not allowed, the honest equivalent works inside
 * SQLite on the server's own connection: `max_page_count` pinned to the file's size (SQLite then
 * answers SQLITE_FULL itself). A read-only database is SQLite's `query_only` (SQLITE_READONLY) in both.
 */
import { execFileSync } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sql } from 'kysely';
import type { App } from '../../src/app.js';
import type { TestDatabase } from '../support/test-stores.js';

export interface SmallDisk {
  /** `tmpfs` when the folder is a mounted filesystem of its own, `pragma` when SQLite's limits stand in. */
  readonly method: 'tmpfs' | 'pragma';
  readonly database: TestDatabase;
  /** Takes every free byte (or pins the page count): the next write that needs space fails. */
  fill(app: App): Promise<void>;
  /** Gives the space back. */
  release(app: App): Promise<void>;
  readOnly(app: App): Promise<void>;
  writable(app: App): Promise<void>;
}

const FILLER_CHUNK = Buffer.alloc(64 * 1024, 0x55);

export function smallDisk(megabytes: number): SmallDisk {
  const folder = mkdtempSync(join(tmpdir(), 'orderline-small-disk-'));
  let mounted = tryMount(folder, megabytes);
  const filler = join(folder, 'filler');
  const database: TestDatabase = {
    kind: 'sqlite',
    location: join(folder, 'orderline.db'),
    async drop() {
      if (mounted) execFileSync('umount', ['--lazy', folder]);
      mounted = false;
      rmSync(folder, { recursive: true, force: true });
    },
  };
  if (mounted) {
    return {
      method: 'tmpfs',
      database,
      async fill() {
        const handle = openSync(filler, 'a');
        try {
          for (;;) writeSync(handle, FILLER_CHUNK);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
        } finally {
          closeSync(handle);
        }
      },
      async release() {
        unlinkSync(filler);
      },
      readOnly: queryOnly,
      writable: writableAgain,
    };
  }
  // Kysely's SQLite dialect runs every statement on the server's one connection, so these pragmas bind it.
  let ceiling = 0n;
  return {
    method: 'pragma',
    database,
    async fill(app) {
      const rows = await sql<{ max_page_count: bigint }>`pragma max_page_count`.execute(app.store.db);
      ceiling = BigInt(rows.rows[0]!.max_page_count);
      await sql`pragma max_page_count = ${sql.raw(String(await pageCount(app)))}`.execute(app.store.db);
    },
    async release(app) {
      await sql`pragma max_page_count = ${sql.raw(String(ceiling))}`.execute(app.store.db);
    },
    readOnly: queryOnly,
    writable: writableAgain,
  };
}

/**
 * Read-only through SQLite's `query_only` in both cases: Linux refuses to remount a filesystem read-only
 * while a process holds a file on it open for writing (EBUSY), and the server always does.
 */
async function queryOnly(app: App): Promise<void> {
  await sql`pragma query_only = 1`.execute(app.store.db);
}

async function writableAgain(app: App): Promise<void> {
  await sql`pragma query_only = 0`.execute(app.store.db);
}

async function pageCount(app: App): Promise<bigint> {
  const rows = await sql<{ page_count: bigint }>`pragma page_count`.execute(app.store.db);
  return BigInt(rows.rows[0]!.page_count);
}

function tryMount(folder: string, megabytes: number): boolean {
  if (process.env.ORDERLINE_TEST_NO_MOUNT === '1') return false;
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${megabytes}m`, 'tmpfs', folder], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}
