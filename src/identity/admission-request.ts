/**
 * A partner's request to join the alliance: its DID, organisation, roles, chains, public key
 * and, for a chain of its own, the registry entry admitting it, signed by the key it asks to
 * register. The signature proves the requester holds that key; the admins' quorum approvals
 * (registry updates) are what admit it. Pure: building, signing, checking; files at the CLI edge.
 *
 * Sign bytes (fixed layout of src/encoding/bytes.ts, under `SignTag.AdmissionRequest`;
 * docs/spec/admission-request.md is the reference):
 * ```
 *   string  allianceId
 *   string  did
 *   string  kid            (fragment, "#key-1")
 *   key     publicKey      (33 bytes secp256k1 or 35 bytes SM2, signature-suite.ts)
 *   string  org
 *   u32 n roles,  n × string
 *   u32 n chains, n × string
 *   u8      hasChain (0 or 1), then the chain entry's sign bytes (chain-entry.ts)
 *   u64     createdAtMs
 * ```
 */
import { signingInput, SignTag } from '../crypto/hash.js';
import { isValidPublicKey, verify, writePublicKey } from '../crypto/signature-suite.js';
import { ByteWriter, fromHex, toHex } from '../encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../errors.js';
import type { Role } from './authority.js';
import { chainEntryFromJson, chainEntryToJson, writeChainEntry, type ChainEntry, type ChainEntryJson } from './chain-entry.js';
import { fragmentOf, isAllianceDid, keyIndexOf } from './did-url.js';
import { validateChains, validateRoles } from './genesis.js';
import type { Signer } from './signer.js';

export const ADMISSION_REQUEST_TYPE = 'courtbridge/admission-request/v1';

export interface AdmissionRequest {
  allianceId: string;
  did: string;
  /** Key fragment, `#key-N`. */
  kid: string;
  publicKey: Uint8Array;
  org: string;
  roles: Role[];
  chains: string[];
  /** The entry admitting the requester's own chain, when it brings one. */
  chain?: ChainEntry;
  createdAtMs: number;
  signature: Uint8Array;
}

/** The file form: hex for bytes. */
export interface AdmissionRequestJson {
  type: typeof ADMISSION_REQUEST_TYPE;
  allianceId: string;
  did: string;
  kid: string;
  publicKeyHex: string;
  org: string;
  roles: string[];
  chains: string[];
  chain?: ChainEntryJson;
  createdAtMs: number;
  signatureHex: string;
}

const invalid = (message: string): CourtbridgeError =>
  new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_admission_request', `admission request: ${message}`);

export function admissionRequestSignBytes(r: Omit<AdmissionRequest, 'signature'>): Uint8Array {
  const w = writePublicKey(new ByteWriter().string(r.allianceId).string(r.did).string(r.kid), r.publicKey).string(r.org);
  w.u32(r.roles.length);
  for (const x of r.roles) w.string(x);
  w.u32(r.chains.length);
  for (const x of r.chains) w.string(x);
  w.u8(r.chain === undefined ? 0 : 1);
  if (r.chain !== undefined) writeChainEntry(w, r.chain);
  return w.u64(r.createdAtMs).finish();
}

/** Sign a request with the requester's own key (its DID and key id are the signer's). */
export function signAdmissionRequest(
  body: Omit<AdmissionRequest, 'signature' | 'did' | 'kid' | 'publicKey'>,
  requester: Signer,
): AdmissionRequest {
  const kid = fragmentOf(requester.did, requester.kid);
  if (!isAllianceDid(requester.did) || kid === undefined || keyIndexOf(kid) === undefined)
    throw invalid(
      `the key's DID must be did:alliance:<org> with a key id #key-N, not ${requester.kid} (courtbridge keys new --did-alliance ORG)`,
    );
  const unsigned = { ...body, did: requester.did, kid, publicKey: requester.publicKey };
  checkShape(unsigned);
  return { ...unsigned, signature: requester.sign(signingInput(SignTag.AdmissionRequest, admissionRequestSignBytes(unsigned))) };
}

/**
 * Check a request's signature against the key it carries (the key the requester asks to register).
 * @throws CourtbridgeError PERMISSION_DENIED `admission_signature_invalid` when another key signed it or it was changed after signing
 */
export function verifyAdmissionRequest(r: AdmissionRequest): AdmissionRequest {
  checkShape(r);
  const { signature, ...unsigned } = r;
  if (!verify(signature, signingInput(SignTag.AdmissionRequest, admissionRequestSignBytes(unsigned)), r.publicKey)) {
    throw new CourtbridgeError(
      ErrorCode.PermissionDenied,
      'admission_signature_invalid',
      `admission request of ${r.did}: the signature is not by the key it asks to register (${toHex(r.publicKey)}), or the file was changed after signing; ask the partner for a new one (courtbridge alliance request)`,
    );
  }
  return r;
}

function checkShape(r: Omit<AdmissionRequest, 'signature'>): void {
  if (typeof r.allianceId !== 'string' || r.allianceId === '') throw invalid('allianceId: expected the alliance id of the genesis');
  if (!isAllianceDid(r.did)) throw invalid(`did: expected did:alliance:<org>, got ${String(r.did)}`);
  if (keyIndexOf(r.kid) === undefined) throw invalid(`kid: expected #key-N, got ${String(r.kid)}`);
  if (!(r.publicKey instanceof Uint8Array) || !isValidPublicKey(r.publicKey))
    throw invalid('publicKey: expected a secp256k1 or SM2 key on its curve');
  if (typeof r.org !== 'string' || r.org.length === 0 || r.org.length > 200) throw invalid('org: expected a name of 1..200 characters');
  try {
    validateRoles(r.roles, 'roles');
    validateChains(r.chains, 'chains');
  } catch (e) {
    throw invalid((e as Error).message.replace(/^genesis: /, ''));
  }
  if (r.chain !== undefined && !r.chains.includes(r.chain.chainId))
    throw invalid(`chain: the requester brings chain ${r.chain.chainId}; list it in chains too`);
  if (!Number.isSafeInteger(r.createdAtMs) || r.createdAtMs < 0) throw invalid('createdAtMs: expected unix milliseconds');
}

export function admissionRequestToJson(r: AdmissionRequest): AdmissionRequestJson {
  return {
    type: ADMISSION_REQUEST_TYPE,
    allianceId: r.allianceId,
    did: r.did,
    kid: r.kid,
    publicKeyHex: toHex(r.publicKey),
    org: r.org,
    roles: [...r.roles],
    chains: [...r.chains],
    ...(r.chain === undefined ? {} : { chain: chainEntryToJson(r.chain) }),
    createdAtMs: r.createdAtMs,
    signatureHex: toHex(r.signature),
  };
}

/** Parse an untrusted request file's JSON (the signature is checked by `verifyAdmissionRequest`). */
export function admissionRequestFromJson(json: unknown): AdmissionRequest {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) throw invalid('expected an object');
  const o = json as Record<string, unknown>;
  if (o.type !== ADMISSION_REQUEST_TYPE) throw invalid(`type: expected ${ADMISSION_REQUEST_TYPE}`);
  const hex = (v: unknown, at: string, len: number): Uint8Array => {
    if (typeof v !== 'string' || !new RegExp(`^[0-9a-f]{${len * 2}}$`).test(v))
      throw invalid(`${at}: expected ${len * 2} lower-case hex digits`);
    return fromHex(v);
  };
  let chain: ChainEntry | undefined;
  try {
    chain = o.chain === undefined ? undefined : chainEntryFromJson(o.chain, 'chain');
  } catch (e) {
    throw invalid((e as Error).message);
  }
  const r: AdmissionRequest = {
    allianceId: o.allianceId as string,
    did: o.did as string,
    kid: o.kid as string,
    publicKey: hex(o.publicKeyHex, 'publicKeyHex', typeof o.publicKeyHex === 'string' && o.publicKeyHex.startsWith('8624') ? 35 : 33),
    org: o.org as string,
    roles: o.roles as Role[],
    chains: o.chains as string[],
    ...(chain === undefined ? {} : { chain }),
    createdAtMs: o.createdAtMs as number,
    signature: hex(o.signatureHex, 'signatureHex', 64),
  };
  checkShape(r);
  return r;
}
