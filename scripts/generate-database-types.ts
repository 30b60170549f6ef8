/** `npm run generate:database-types`: rewrites src/storage/database/database-types.ts from the metadata. */
import { writeFileSync } from 'node:fs';
import { createSalesMetadata } from '../src/domain/metadata/sales-metadata.js';
import { DATABASE_TYPES_FILE } from '../src/storage/database/database-types-file.js';
import { databaseTypesSource } from '../src/storage/database/database-types-source.js';

writeFileSync(DATABASE_TYPES_FILE, databaseTypesSource(createSalesMetadata()));
process.stdout.write(`wrote ${DATABASE_TYPES_FILE}\n`);
