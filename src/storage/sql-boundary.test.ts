import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

// docs/architecture.md, "Storage as a boundary": SQL lives under src/storage/.
const SQL = /from 'kysely'|\.(selectFrom|insertInto|updateTable|deleteFrom)\(|\bsql`/;

function sourcesWithSql(folder: string): string[] {
  const root = fileURLToPath(new URL(`../${folder}/`, import.meta.url));
  return readdirSync(root, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.ts') && !file.endsWith('.test.ts'))
    .filter((file) => SQL.test(readFileSync(join(root, file), 'utf8')))
    .map((file) => `src/${folder}/${file}`);
}

/** Every folder of src/ but storage itself. */
const OUTSIDE_STORAGE = readdirSync(fileURLToPath(new URL('../', import.meta.url)), { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && entry.name !== 'storage')
  .map((entry) => entry.name);

describe('the storage boundary', () => {
  it.each(OUTSIDE_STORAGE)('no source file of src/%s holds SQL or imports kysely', (folder) => {
    expect(sourcesWithSql(folder)).toEqual([]);
  });
});
