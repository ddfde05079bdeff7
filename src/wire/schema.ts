/**
 * Where the courtbridge.v1 schema lives and how it is read. One source of truth for the
 * protobuf load options, shared by the wire codec (protobufjs) and the gRPC server
 * (proto-loader), so that a handler and a NATS consumer see the same JavaScript shapes as the
 * types generated in src/generated (`npm run gen:types`, same flags).
 */
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

import protobuf from 'protobufjs';

import { CourtbridgeError, ErrorCode } from '../errors.js';

/** Protobuf package of the public API and the wire messages. */
export const PROTO_PACKAGE = 'courtbridge.v1';

/**
 * Load options for proto-loader and protobufjs `toObject`, matching the `gen:types` flags:
 * camelCase field names; 64-bit integers as JavaScript numbers (heights, unix ms and
 * sequences stay below 2^53; the codec rejects larger values rather than round them);
 * enums as their names; defaults filled in; a virtual field naming the set member of each
 * oneof.
 */
export const LOAD_OPTIONS = {
  keepCase: false,
  longs: Number,
  enums: String,
  defaults: true,
  oneofs: true,
} as const;

/**
 * The directory holding `courtbridge/v1/*.proto`: found by walking up from this module, so it
 * works from `src/` under tsx and from a compiled `dist/src/` alike.
 * @param start where to begin the walk (tests); defaults to this module's directory
 */
export function findProtoDir(start: string = dirname(fileURLToPath(import.meta.url))): string {
  let dir = resolve(start);
  for (;;) {
    const candidate = join(dir, 'proto');
    if (existsSync(join(candidate, 'courtbridge', 'v1', 'types.proto'))) return candidate;
    const parent = dirname(dir);
    if (parent === dir) {
      throw new CourtbridgeError(ErrorCode.Internal, 'proto_dir_not_found', `no proto/courtbridge/v1 above ${start}`);
    }
    dir = parent;
  }
}

/** The v1 proto files relative to `protoDir` (e.g. `courtbridge/v1/types.proto`), sorted. */
export function protoFiles(protoDir: string): string[] {
  return readdirSync(join(protoDir, 'courtbridge', 'v1'))
    .filter((f) => f.endsWith('.proto'))
    .sort()
    .map((f) => `courtbridge/v1/${f}`);
}

/**
 * Makes protobufjs read and write 64-bit integers as plain numbers, without a `long` object
 * per field (process-wide; idempotent). LOAD_OPTIONS turns every one into a number anyway, and
 * the codec rejects any that is not a safe integer, so nothing is lost; what goes is an
 * allocation per 64-bit field on every decode and encode (a bundle has a dozen or more).
 * Called wherever a schema is loaded (codec, gRPC package definition).
 */
export function plainNumbersForLongs(): void {
  if (!protobuf.util.Long) return;
  protobuf.util.Long = null as never;
  protobuf.configure();
}

