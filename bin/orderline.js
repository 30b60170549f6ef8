#!/usr/bin/env node
// The `orderline` command: runs the server built into dist/server (`npm run build:server`, which `npm ci`,
// `npm start` and `npm test` run for you). Stack traces name the TypeScript sources through the source maps
// tsc writes beside each file.
import { existsSync } from 'node:fs';

const main = new URL('../dist/server/cli/main.js', import.meta.url);
if (!existsSync(main)) {
  process.stderr.write('orderline: the server is not built (dist/server is missing): run `npm run build:server`.\n');
  process.exit(1);
}
process.setSourceMapsEnabled(true);
await import(main.href);
