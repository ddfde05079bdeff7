#!/usr/bin/env bash
# Makes a fresh clone runnable: installs npm dependencies and checks for nats-server.
# Runs before `npm test`, `npm run demo` and `npm run bench`, so either works as the first command.
set -euo pipefail
cd "$(dirname "$0")/.."

# Installed for this exact lockfile? (its hash, not its mtime: a checkout or a second worktree
# sharing node_modules touches the file without changing what it pins).
lock_hash="$(sha256sum package-lock.json | cut -d' ' -f1)"
stamp=node_modules/.courtbridge-lock.sha256
if [ ! -f "$stamp" ] || [ "$(cat "$stamp")" != "$lock_hash" ]; then
  echo "courtbridge: installing npm dependencies (npm ci)..." >&2
  npm ci --no-audit --no-fund --loglevel=warn >&2
  echo "$lock_hash" > "$stamp"
fi

if ! command -v nats-server >/dev/null 2>&1 && [ ! -x /usr/sbin/nats-server ]; then
  if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null 2>&1; then
    echo "courtbridge: nats-server not found; installing it from the OS packages..." >&2
    (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nats-server) >&2
  else
    echo "courtbridge: nats-server is required but not installed." >&2
    echo "  install it with:  sudo apt-get update && sudo apt-get install -y nats-server" >&2
    echo "  (or put a nats-server v2.9+ binary on PATH, or set NATS_SERVER_BIN)" >&2
    exit 1
  fi
fi

# The verification page test drives Debian's chromium (only `npm test` asks for it).
if [ "${1:-}" = "--browser" ]; then
  bash scripts/ensure-browser.sh
fi
