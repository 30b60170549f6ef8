import { fileURLToPath } from 'node:url';

/** Where the generated row types live, for the generator and the test that keeps them current. */
export const DATABASE_TYPES_FILE = fileURLToPath(new URL('./database-types.ts', import.meta.url));
