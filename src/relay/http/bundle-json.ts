/**
 * The proof bundle as a JSON body, in the forms a party may hold (src/cli/bundle-file.ts):
 *   - the bundle file of `courtbridge query --out` and of the page's "save the proof bundle":
 *     `{ "format": "courtbridge.v1.ProofBundle", "protobuf": "<base64url>", ... }`; the
 *     protobuf bytes are the source of truth (verification is from bytes alone);
 *   - a VerifyBundleRequest as JSON (`{ "bundle": {...} }`) or a bare ProofBundle as grpcurl
 *     prints it (proto3 JSON: bytes in base64), encoded first.
 * Shape is checked here, where the body enters (STYLE.md 8); everything cryptographic is the
 * verifier's.
 */
import { fromBase64url, toBase64url, toHex } from '../../encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import { encodeMessage } from '../../wire/codec.js';
import type { MessageInput } from '../../wire/messages.js';

/** `format` of a bundle file (the same constant as src/cli/bundle-file.ts). */
export const BUNDLE_FILE_FORMAT = 'courtbridge.v1.ProofBundle';

/** A bundle file as JSON: the protobuf bytes, and the same bundle readable (bytes as hex, ignored by verifiers). */
export interface BundleFileJson {
  format: typeof BUNDLE_FILE_FORMAT;
  protobuf: string;
  bundle?: unknown;
}

const bad = (why: string, cause?: unknown): CourtbridgeError =>
  new CourtbridgeError(ErrorCode.InvalidArgument, 'bundle_json_malformed', `bundle: ${why}`, cause === undefined ? {} : { cause });

/**
 * The ProofBundle protobuf bytes a JSON body carries.
 * @throws CourtbridgeError INVALID_ARGUMENT `bundle_json_malformed` naming what is wrong
 */
export function bundleBytesOfJson(json: unknown): Uint8Array {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw bad('expected a JSON object');
  const o = json as Record<string, unknown>;
  if (o.format !== undefined) {
    if (o.format !== BUNDLE_FILE_FORMAT) throw bad(`unknown format ${JSON.stringify(o.format)}; expected "${BUNDLE_FILE_FORMAT}"`);
    if (typeof o.protobuf !== 'string' || o.protobuf.length === 0) throw bad('field "protobuf" must be a base64url string');
    try {
      return fromBase64url(o.protobuf, 'protobuf');
    } catch (e) {
      throw bad('field "protobuf" is not base64url', e);
    }
  }
  const inner = typeof o.bundle === 'object' && o.bundle !== null && !Array.isArray(o.bundle) ? o.bundle : o;
  try {
    return encodeMessage('ProofBundle', inner as MessageInput<'ProofBundle'>);
  } catch (e) {
    throw bad(`not a ProofBundle: ${e instanceof Error ? e.message : String(e)}`, e);
  }
}

/** JSON.stringify replacer: bytes as lowercase hex (for people; the protobuf field stays canonical). */
function hexBytes(this: unknown, key: string, v: unknown): unknown {
  const raw = (this as Record<string, unknown>)[key];
  return raw instanceof Uint8Array ? toHex(raw) : v;
}

/** The bundle file a party saves, from a bundle message (what `courtbridge verify` reads). */
export function bundleFileJson(bundle: MessageInput<'ProofBundle'>): BundleFileJson {
  const bytes = encodeMessage('ProofBundle', bundle);
  return { format: BUNDLE_FILE_FORMAT, protobuf: toBase64url(bytes), bundle: JSON.parse(JSON.stringify(bundle, hexBytes)) as unknown };
}
