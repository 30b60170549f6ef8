// Preloaded (NODE_OPTIONS=--import=<this file's URL>?addon=<path>) by scripts/test-other-nodes.sh into every
// process and worker thread of a test run under another Node line than the one that installed node_modules.
// better-sqlite3's addon in node_modules is compiled for the installing Node's ABI and would not load here;
// each load of it is answered with the copy compiled for this Node, named by the `addon` parameter. It travels
// in the URL, not in a variable of its own, so it reaches every process that NODE_OPTIONS reaches, including
// those the tests start with an environment cleaned of ORDERLINE_* settings. Nothing in node_modules changes.
import { registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';

const addon = new URL(import.meta.url).searchParams.get('addon');
if (!addon) throw new Error(`${import.meta.url} needs ?addon=<better_sqlite3.node compiled for this Node>`);
const replacement = pathToFileURL(addon).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    return resolved.url.endsWith('/node_modules/better-sqlite3/build/Release/better_sqlite3.node')
      ? { ...resolved, url: replacement }
      : resolved;
  },
});
