/**
 * The saved proof-bundle file (`courtbridge query --out`, read by `courtbridge verify`):
 * ```json
 * { "format": "courtbridge.v1.ProofBundle", "protobuf": "<base64url of the bundle's protobuf bytes>" }
 * ```
 * The protobuf bytes are the only source: verification is from them, and everything shown is
 * decoded from them once verified (src/verify/proven-record.ts). No readable copy is written:
 * one could be edited without touching the bytes and mislead whoever reads the file. A file
 * written earlier with a readable `bundle` part is still accepted; that part is ignored and the
 * reader is told so. A bare ProofBundle JSON object (as grpcurl prints it) is accepted too and
 * encoded first (src/relay/http/bundle-json.ts: the same rules as the verification page).
 */
import { readFile, writeFile } from 'node:fs/promises';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../errors.js';
import type { ProofBundle__Output } from '../generated/courtbridge/v1/ProofBundle.js';
import { BUNDLE_FILE_FORMAT, bundleFileJson, bundleOfJson, type BundleOfJson } from '../relay/http/bundle-json.js';
import { decodeMessage } from '../wire/codec.js';
import type { MessageInput } from '../wire/messages.js';

export { BUNDLE_FILE_FORMAT };

/** Write a bundle file (mode 0644: a bundle holds no secret; personal ids are hashed). */
export async function writeBundleFile(path: string, bundle: ProofBundle__Output): Promise<void> {
  await writeFile(path, `${JSON.stringify(bundleFileJson(bundle as MessageInput<'ProofBundle'>), null, 2)}\n`);
}

const badFile = (path: string, why: string, cause?: unknown): CourtbridgeError =>
  new CourtbridgeError(ErrorCode.InvalidArgument, 'bundle_file_malformed', `${path}: ${why}`, cause === undefined ? {} : { cause });

/**
 * Read a bundle file into its protobuf bytes and the bundle decoded from them.
 * @throws CourtbridgeError INVALID_ARGUMENT `bundle_file_malformed` naming what is wrong
 */
export async function readBundleFile(path: string): Promise<BundleOfJson & { bundle: ProofBundle__Output }> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== undefined) throw e;
    throw badFile(path, 'not JSON', e);
  }
  let of: BundleOfJson;
  try {
    of = bundleOfJson(json);
  } catch (e) {
    throw badFile(path, isCourtbridgeError(e) ? e.message.replace(/^bundle: /, '') : String(e), e);
  }
  let bundle: ProofBundle__Output;
  try {
    bundle = decodeMessage('ProofBundle', of.bytes) as ProofBundle__Output;
  } catch (e) {
    throw badFile(path, `protobuf does not decode as a ProofBundle: ${e instanceof Error ? e.message : String(e)}`, e);
  }
  return { ...of, bundle };
}
