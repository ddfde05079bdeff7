/**
 * The saved proof-bundle file (`courtbridge query --out`, read by `courtbridge verify`):
 * ```json
 * { "format": "courtbridge.v1.ProofBundle", "protobuf": "<base64url of the bundle's protobuf bytes>",
 *   "bundle": { ...the same bundle as JSON, bytes as hex, for people; ignored by verify } }
 * ```
 * The protobuf bytes are the source of truth (verification is from bytes alone); a bare
 * ProofBundle JSON object (as grpcurl prints it) is accepted too and encoded first.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { fromBase64url, toBase64url } from '../encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../errors.js';
import type { ProofBundle__Output } from '../generated/courtbridge/v1/ProofBundle.js';
import { decodeMessage, encodeMessage } from '../wire/codec.js';
import type { MessageInput } from '../wire/messages.js';
import { toJson } from './output.js';

export const BUNDLE_FILE_FORMAT = 'courtbridge.v1.ProofBundle';

/** Write a bundle file (mode 0644: a bundle holds no secret; personal ids are hashed). */
export async function writeBundleFile(path: string, bundle: ProofBundle__Output): Promise<void> {
  const bytes = encodeMessage('ProofBundle', bundle as MessageInput<'ProofBundle'>);
  const file = { format: BUNDLE_FILE_FORMAT, protobuf: toBase64url(bytes), bundle: JSON.parse(toJson(bundle)) as unknown };
  await writeFile(path, JSON.stringify(file, null, 2) + '\n');
}

const badFile = (path: string, why: string, cause?: unknown): CourtbridgeError =>
  new CourtbridgeError(ErrorCode.InvalidArgument, 'bundle_file_malformed', `${path}: ${why}`, cause === undefined ? {} : { cause });

/**
 * Read a bundle file into its protobuf bytes and the decoded bundle.
 * @throws CourtbridgeError INVALID_ARGUMENT `bundle_file_malformed` naming what is wrong
 */
export async function readBundleFile(path: string): Promise<{ bytes: Uint8Array; bundle: ProofBundle__Output }> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== undefined) throw e;
    throw badFile(path, 'not JSON', e);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw badFile(path, 'expected a JSON object');
  const o = json as Record<string, unknown>;
  let bytes: Uint8Array;
  if (o.format === BUNDLE_FILE_FORMAT) {
    if (typeof o.protobuf !== 'string') throw badFile(path, 'field "protobuf" must be a base64url string');
    try {
      bytes = fromBase64url(o.protobuf, 'protobuf');
    } catch (e) {
      throw badFile(path, 'field "protobuf" is not base64url', e);
    }
  } else {
    const inner = typeof o.bundle === 'object' && o.bundle !== null ? o.bundle : o;
    try {
      bytes = encodeMessage('ProofBundle', inner as MessageInput<'ProofBundle'>);
    } catch (e) {
      throw badFile(path, `not a ProofBundle: ${e instanceof Error ? e.message : String(e)}`, e);
    }
  }
  let bundle: ProofBundle__Output;
  try {
    bundle = decodeMessage('ProofBundle', bytes) as ProofBundle__Output;
  } catch (e) {
    throw badFile(path, `protobuf does not decode as a ProofBundle: ${e instanceof Error ? e.message : String(e)}`, e);
  }
  return { bytes, bundle };
}
