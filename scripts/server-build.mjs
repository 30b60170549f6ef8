// The server and the `orderline` command run as JavaScript built from src/ into dist/server/ (tsc with
// tsconfig.build.json, source maps beside each file). `npm run build:server` runs this file; `npm ci` does
// through the prepare script, `npm start` and `npm test` before they run anything. Processes that start
// bin/orderline.js in the tests ask serverBuildStaleness() first, so they never run code older than src/.
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = fileURLToPath(new URL('../', import.meta.url));
const SOURCES = join(ROOT, 'src');
const OUTPUT = join(ROOT, 'dist', 'server');
/** Written after every successful build: the build holds every input older than it. */
const STAMP = ['dist', 'server', '.built'];
const CONFIGS = ['tsconfig.json', 'tsconfig.build.json'];

const isTest = (path) => path.endsWith('.test.ts');

/** Every file under <folder> the build reads or copies (tests are not built). */
function sourceFiles(folder = SOURCES) {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return isTest(path) ? [] : [path];
  });
}

/** Files tsc does not emit (the SQLite checkpoint worker is plain JavaScript) are copied beside the output. */
function copyAssets() {
  for (const path of sourceFiles()) {
    if (path.endsWith('.ts')) continue;
    const target = join(OUTPUT, relative(SOURCES, path));
    mkdirSync(dirname(target), { recursive: true });
    cpSync(path, target, { preserveTimestamps: true });
  }
}

/** Builds dist/server (only what changed since the last build: tsc --build); throws on a type error. */
export function buildServer() {
  const tsc = fileURLToPath(new URL('../node_modules/typescript/bin/tsc', import.meta.url));
  const run = spawnSync(process.execPath, [tsc, '--build', join(ROOT, 'tsconfig.build.json')], { stdio: 'inherit' });
  if (run.status !== 0) throw new Error('The server did not build (tsc --build tsconfig.build.json): see above.');
  copyAssets();
  writeFileSync(join(ROOT, ...STAMP), `${new Date().toISOString()}\n`);
}

/**
 * Why dist/server cannot be trusted to run the current sources (never built, or a source or tsconfig changed
 * after the last build), or undefined when it can. `root` is the checkout (this one unless a test says).
 */
export function serverBuildStaleness(root = ROOT) {
  let built;
  try {
    built = statSync(join(root, ...STAMP)).mtimeMs;
  } catch {
    return 'the server was never built (dist/server is missing)';
  }
  const inputs = [...CONFIGS.map((name) => join(root, name)), ...sourceFiles(join(root, 'src'))];
  const newer = inputs.find((path) => statSync(path).mtimeMs > built);
  return newer && `${relative(root, newer)} changed after the server was built`;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  try {
    buildServer();
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
