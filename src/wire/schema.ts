/**
 * Where the courtbridge.v1 schema lives and how it is read. The schema is embedded in the build
 * (src/generated/descriptor.ts, generated from proto/ by `npm run gen:descriptor`), so decoding
 * and verifying need no proto/ tree on disk: this module reads no file. One source of truth for
 * the protobuf load options, shared by the wire codec (protobufjs) and the gRPC server
 * (proto-loader), so that a handler and a NATS consumer see the same JavaScript shapes as the
 * types generated in src/generated (`npm run gen:types`, same flags).
 */
import protobuf from 'protobufjs';

import { WIRE_SCHEMA, type EmbeddedSchema } from '../generated/descriptor.js';

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
 * A new resolved protobufjs root of an embedded schema.
 * @param names `camelCase` field names (LOAD_OPTIONS, what the codec and handlers use) or
 *   `protoNames`, as written in the .proto files (server reflection)
 */
export function embeddedRoot(schema: EmbeddedSchema = WIRE_SCHEMA, names: keyof EmbeddedSchema = 'camelCase'): protobuf.Root {
  const root = protobuf.Root.fromJSON(schema[names] as protobuf.INamespace);
  root.resolveAll();
  return root;
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
