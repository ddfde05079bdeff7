/**
 * The proof bundle as a JSON body, in the forms a party may hold (src/cli/bundle-file.ts reads
 * files with it):
 *   - the bundle file of `courtbridge query --out` and of the page's "save the proof bundle":
 *     `{ "format": "courtbridge.v1.ProofBundle", "protobuf": "<base64url>" }`. The protobuf bytes
 *     are the ONLY source: verification is from them, and so is everything shown. Files written
 *     before carried a readable copy (`"bundle": {...}`) that anyone could edit without touching
 *     the bytes; such a part is ignored (never parsed, never shown) and the answer says so;
 *   - a VerifyBundleRequest as JSON (`{ "bundle": {...} }`) or a bare ProofBundle as grpcurl
 *     prints it (proto3 JSON: bytes in base64): encoded to bytes first, and everything shown is
 *     decoded from those bytes.
 * Shape is checked here, where the body enters (STYLE.md 8); everything cryptographic is the
 * verifier's.
 */
import { fromBase64url, toBase64url } from '../../encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import { encodeMessage } from '../../wire/codec.js';
import type { MessageInput } from '../../wire/messages.js';

/** `format` of a bundle file (the same constant as src/cli/bundle-file.ts). */
export const BUNDLE_FILE_FORMAT = 'courtbridge.v1.ProofBundle';

/** A bundle file as JSON: the protobuf bytes and nothing a person could edit beside them. */
export interface BundleFileJson {
  format: typeof BUNDLE_FILE_FORMAT;
  protobuf: string;
}

/** The bytes a body carries, and whether a readable copy beside them was ignored. */
export interface BundleOfJson {
  bytes: Uint8Array;
  /** `ignored`: a bundle file also held a readable `bundle` part; nothing was taken from it. */
  readablePart: 'none' | 'ignored';
}

const bad = (why: string, cause?: unknown): CourtbridgeError =>
  new CourtbridgeError(ErrorCode.InvalidArgument, 'bundle_json_malformed', `bundle: ${why}`, cause === undefined ? {} : { cause });

/**
 * The ProofBundle protobuf bytes a JSON body carries.
 * @throws CourtbridgeError INVALID_ARGUMENT `bundle_json_malformed` naming what is wrong
 */
export function bundleOfJson(json: unknown): BundleOfJson {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw bad('expected a JSON object');
  const o = json as Record<string, unknown>;
  if (o.format !== undefined) {
    if (o.format !== BUNDLE_FILE_FORMAT) throw bad(`unknown format ${JSON.stringify(o.format)}; expected "${BUNDLE_FILE_FORMAT}"`);
    if (typeof o.protobuf !== 'string' || o.protobuf.length === 0) throw bad('field "protobuf" must be a base64url string');
    let bytes: Uint8Array;
    try {
      bytes = fromBase64url(o.protobuf, 'protobuf');
    } catch (e) {
      throw bad('field "protobuf" is not base64url', e);
    }
    return { bytes, readablePart: o.bundle === undefined ? 'none' : 'ignored' };
  }
  const inner = typeof o.bundle === 'object' && o.bundle !== null && !Array.isArray(o.bundle) ? o.bundle : o;
  try {
    return { bytes: encodeMessage('ProofBundle', inner as MessageInput<'ProofBundle'>), readablePart: 'none' };
  } catch (e) {
    throw bad(`not a ProofBundle: ${e instanceof Error ? e.message : String(e)}`, e);
  }
}

/** `bundleOfJson(json).bytes`. */
export function bundleBytesOfJson(json: unknown): Uint8Array {
  return bundleOfJson(json).bytes;
}

/** The bundle file a party saves, from a bundle message (what `courtbridge verify` reads). */
export function bundleFileJson(bundle: MessageInput<'ProofBundle'>): BundleFileJson {
  return { format: BUNDLE_FILE_FORMAT, protobuf: toBase64url(encodeMessage('ProofBundle', bundle)) };
}
