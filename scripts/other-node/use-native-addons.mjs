// Preloaded (NODE_OPTIONS=--import=...) by scripts/test-other-nodes.sh into every process and worker thread of
// a test run under another Node line than the one that installed node_modules. better-sqlite3's addon in
// node_modules is compiled for the installing Node's ABI and would not load here; each load of it is answered
// with the copy compiled for this Node, named by ORDERLINE_BETTER_SQLITE3_ADDON. Nothing in node_modules changes.
import { registerHooks } from 'node:module';
import { pathToFileURL } from 'node:url';

const addon = process.env.ORDERLINE_BETTER_SQLITE3_ADDON;
if (!addon) throw new Error('ORDERLINE_BETTER_SQLITE3_ADDON must name better_sqlite3.node compiled for this Node');
const replacement = pathToFileURL(addon).href;

registerHooks({
  resolve(specifier, context, nextResolve) {
    const resolved = nextResolve(specifier, context);
    return resolved.url.endsWith('/node_modules/better-sqlite3/build/Release/better_sqlite3.node')
      ? { ...resolved, url: replacement }
      : resolved;
  },
});
