/**
 * bin/orderline.js, for tests that start the real command as a child process. It runs the server built into
 * dist/server; `npm test` builds it first, but a file run on its own (`npx vitest run ...`) after a change to
 * src/ would run the previous build, so the path is handed out only while the build holds the current sources.
 */
import { fileURLToPath } from 'node:url';
import { serverBuildStaleness } from '../../scripts/server-build.mjs';

const BIN = fileURLToPath(new URL('../../bin/orderline.js', import.meta.url));

/** The path of bin/orderline.js; throws, saying how to fix it, when dist/server is older than src/. */
export function orderlineCommand(): string {
  const staleness = serverBuildStaleness();
  if (staleness) {
    throw new Error(`bin/orderline.js would run an old build: ${staleness}. Run \`npm run build:server\` first.`);
  }
  return BIN;
}
