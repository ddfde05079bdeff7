#!/usr/bin/env bash
# Drift check: regenerates src/generated (types and the embedded schema descriptor.ts) from proto/
# into a temporary directory and compares it with the checked-in files. Exits 1, saying which
# command to run, when a .proto changed without regenerating. Offline: local binaries only.
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
bash "$repo/scripts/gen-types.sh" "$tmp/generated" >/dev/null
if ! diff -r -q "$tmp/generated" "$repo/src/generated" >"$tmp/drift"; then
  echo "src/generated is out of date with proto/:" >&2
  sed "s#$tmp/generated#(regenerated)#g; s#$repo/##g" "$tmp/drift" >&2
  echo "Run \`npm run gen:types\` (types and descriptor.ts) and commit src/generated." >&2
  exit 1
fi
echo "src/generated matches proto/"
