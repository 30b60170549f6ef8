import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createSalesMetadata } from '../../domain/metadata/sales-metadata.js';
import { DATABASE_TYPES_FILE } from './database-types-file.js';
import { databaseTypesSource } from './database-types-source.js';

describe('the generated database types', () => {
  it('match the table metadata (run npm run generate:database-types after changing a table)', () => {
    expect(readFileSync(DATABASE_TYPES_FILE, 'utf8')).toBe(databaseTypesSource(createSalesMetadata()));
  });
});
