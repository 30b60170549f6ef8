/**
 * Tests that start bin/orderline.js run the build in dist/server, so they ask serverBuildStaleness() first
 * (test/cli/orderline-command.ts): a build older than any source or tsconfig must be refused, with the file
 * that changed, while a changed test file (tests are not built) leaves the build current.
 */
import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { serverBuildStaleness } from '../../scripts/server-build.mjs';

describe('whether dist/server holds the current sources', () => {
  let root: string;
  const write = (path: string) => {
    mkdirSync(join(root, path, '..'), { recursive: true });
    writeFileSync(join(root, path), '');
  };
  /** Sets a file's modification time `seconds` from now. */
  const age = (path: string, seconds: number) => {
    const when = new Date(Date.now() + seconds * 1000);
    utimesSync(join(root, path), when, when);
  };

  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'orderline-build-'));
    for (const path of ['tsconfig.json', 'tsconfig.build.json', 'src/app.ts', 'src/app.test.ts', 'src/worker.mjs']) {
      write(path);
      age(path, -60);
    }
  });
  afterEach(() => {
    rmSync(root, { recursive: true, force: true });
  });

  it('says the server was never built when dist/server has no build', () => {
    expect(serverBuildStaleness(root)).toBe('the server was never built (dist/server is missing)');
  });

  it('accepts a build newer than every input, even when a test changed after it', () => {
    write('dist/server/.built');
    age('src/app.test.ts', 60);
    expect(serverBuildStaleness(root)).toBeUndefined();
  });

  it.each(['src/app.ts', 'src/worker.mjs', 'tsconfig.build.json'])('refuses a build older than %s', (path) => {
    write('dist/server/.built');
    age(path, 60);
    expect(serverBuildStaleness(root)).toBe(`${path} changed after the server was built`);
  });
});
