#!/usr/bin/env bash
# Regenerates everything generated from proto/ into OUT_DIR (default src/generated), replacing it:
# the TypeScript types (proto-loader-gen-types, flags matching src/wire/schema.ts LOAD_OPTIONS) and
# the embedded schema descriptor.ts (scripts/gen-descriptor.mjs). Offline: local binaries only.
# Usage: bash scripts/gen-types.sh [OUT_DIR]   (npm run gen:types)
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
out="$(mkdir -p "${1:-$repo/src/generated}" && cd "${1:-$repo/src/generated}" && pwd)"
rm -rf "$out"
mkdir -p "$out"
cd "$repo/proto"
"$repo/node_modules/.bin/proto-loader-gen-types" --longs=Number --enums=String --defaults --oneofs --includeComments \
  --grpcLib=@grpc/grpc-js --importFileExtension=.js --targetFileExtension=.ts -I . -O "$out" courtbridge/v1/*.proto
node "$repo/scripts/gen-descriptor.mjs" "$out/descriptor.ts"
