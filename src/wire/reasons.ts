/**
 * Reasons of the wire layer (src/wire): protobuf codec and schema loading.
 * A new reason: add it here (or to the typed union it belongs to), then throw it; `Reason` in src/errors.ts picks it up.
 */
import type { CodecRejection } from './codec.js';

/** Every reason bytes on the wire are refused with. */
export type WireReason = CodecRejection | 'proto_dir_not_found';
