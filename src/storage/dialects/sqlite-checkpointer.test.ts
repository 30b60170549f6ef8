import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { openSqlite } from './sqlite.js';

const directories: string[] = [];

function freshFile(): string {
  const directory = mkdtempSync(join(tmpdir(), 'orderline-checkpoints-'));
  directories.push(directory);
  return join(directory, 'store.db');
}

afterEach(() => {
  for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
});

async function eventually(condition: () => boolean, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (condition()) return true;
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
  return condition();
}

describe('background checkpoints of the SQLite store', () => {
  it('copy committed pages into the database file while the writer only commits', async () => {
    const file = freshFile();
    const { raw, stopCheckpoints } = openSqlite(file);
    raw.exec('create table line (body text)');
    const insert = raw.prepare('insert into line (body) values (?)');
    for (let row = 0; row < 200; row++) insert.run('x'.repeat(2000));
    // The writer's own auto-checkpoint is a backstop far above these ~100 pages: only the WAL grew.
    const sizeBefore = statSync(file).size;
    expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(10_000n);

    expect(await eventually(() => statSync(file).size > sizeBefore + 100 * 4096, 5_000)).toBe(true);
    await stopCheckpoints();
    expect(raw.prepare('select count(*) as n from line').pluck().get()).toBe(200n);
    raw.close();
  });

  it('let a process go on after closing its store, though nothing else keeps it alive', async () => {
    // The worker never keeps a process alive while it runs; stopping it must, or the process would end
    // in the middle of the close, before anything that follows it.
    const opener = fileURLToPath(new URL('./sqlite.ts', import.meta.url));
    const file = freshFile();
    const script = join(dirname(file), 'close-store.mts');
    writeFileSync(
      script,
      `import { openSqlite } from ${JSON.stringify(opener)};
      const { raw, stopCheckpoints } = openSqlite(${JSON.stringify(file)});
      raw.exec('create table line (body text)');
      await new Promise((resolve) => setTimeout(resolve, 1_300));
      await stopCheckpoints();
      raw.close();
      console.log('closed');`,
    );
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script]);
    expect(stdout.trim()).toBe('closed');
  });

  it('stop at once when the store closes before the thread started, and when closed twice', async () => {
    const { db, stopCheckpoints } = openSqlite(freshFile());
    await db.destroy();
    await stopCheckpoints();
    await stopCheckpoints();
  });

  it('leave an in-memory database, which keeps no WAL, with SQLite defaults', async () => {
    const { raw, stopCheckpoints } = openSqlite(':memory:');
    expect(raw.pragma('wal_autocheckpoint', { simple: true })).toBe(1_000n);
    await stopCheckpoints();
    raw.close();
  });
});
