/**
 * A proven record as a self-contained bundle that anyone can check offline: the record (or its
 * absence), its sparse Merkle proof, and the signed header with the validator set that signed
 * it (DESIGN.md "Record proofs", "Header proofs"). Pure: no clock, no I/O.
 *
 * Fixed layout of `encodeProofBundle` (hashed for `bundleHash`, the reference an audit entry
 * carries to the proofs it relied on):
 *   string chainId, string key, u8 hasValue (0|1), [bytes value], bytes proof (proof-codec.ts),
 *   bytes lightBlock (signed-header.ts)
 */
import { verifyCommit, type CommitEvidence } from '../chain/commit.js';
import { headerHash, type Header } from '../chain/header.js';
import { decodeLightBlock, encodeLightBlock } from '../chain/signed-header.js';
import { validatorSetHash } from '../chain/validator-set.js';
import { sha256 } from '../crypto/hash.js';
import { ByteReader, ByteWriter, equalBytes, fromHex, toHex, utf8 } from '../encoding/bytes.js';
import { VerificationError, isCourtbridgeError } from '../errors.js';
import { decodeProof, encodeProof } from '../proof/proof-codec.js';
import { verifyProof, type SmtEvidence } from '../proof/verify.js';
import type { ProvenRecord } from './ports.js';

/** Why a bundle was rejected. */
export type BundleRejection =
  | 'bundle_malformed'
  | 'bundle_wrong_chain'
  | 'bundle_wrong_key'
  | 'untrusted_validator_set'
  | 'header_quorum_invalid'
  | 'record_proof_invalid';

/** What a verified bundle established (STYLE.md 5). */
export interface BundleEvidence {
  chainId: string;
  key: string;
  kind: 'member' | 'absent';
  value: Uint8Array | null;
  header: Header;
  headerHash: Uint8Array;
  /** Hex hash of the validator set that signed (compare with a pinned one). */
  validatorsHash: string;
  commit: CommitEvidence;
  smt: SmtEvidence;
}

export interface VerifyBundleOptions {
  /** Pinned validator-set hashes (hex) per chain id; a chain listed here must match one of them. */
  trustedValidators?: Readonly<Record<string, readonly string[]>>;
}

export function encodeProofBundle(r: ProvenRecord): Uint8Array {
  const w = new ByteWriter().string(r.chainId).string(r.key);
  if (r.value === null) w.u8(0);
  else w.u8(1).bytes(r.value);
  return w.bytes(encodeProof(r.proof)).bytes(encodeLightBlock(r.light)).finish();
}

export function decodeProofBundle(bytes: Uint8Array): ProvenRecord {
  try {
    const r = new ByteReader(bytes);
    const chainId = r.string('chainId');
    const key = r.string('key');
    const has = r.u8('hasValue');
    if (has > 1) throw new RangeError('hasValue must be 0 or 1');
    const value = has === 1 ? r.bytes('value').slice() : null;
    const proof = decodeProof(r.bytes('proof'));
    const light = decodeLightBlock(r.bytes('lightBlock'));
    r.end('proof bundle');
    return { chainId, key, value, proof, light };
  } catch (e) {
    throw new VerificationError('bundle_malformed', `proof bundle: ${e instanceof Error ? e.message : 'undecodable'}`, { cause: e });
  }
}

/** `sha256(encodeProofBundle(r))`, hex: how audit entries name the proofs they relied on. */
export function bundleHash(r: ProvenRecord): string {
  return toHex(sha256(encodeProofBundle(r)));
}

export const bundleToHex = (r: ProvenRecord): string => toHex(encodeProofBundle(r));
export const bundleFromHex = (hex: string): ProvenRecord => decodeProofBundle(fromHex(hex, 'bundle'));

/**
 * Verify a bundle offline: the validator set is the one the header names (and a pinned one when
 * `trustedValidators` lists the chain), more than 2/3 of its power signed the header, and the
 * record's proof leads to the header's state root.
 * @throws VerificationError with a `BundleRejection` reason (the cause keeps the inner reason)
 */
export function verifyProofBundle(r: ProvenRecord, expect: { chainId?: string; key?: string } = {}, opts: VerifyBundleOptions = {}): BundleEvidence {
  const { header, commit } = r.light.signedHeader;
  if (header.chainId !== r.chainId) throw new VerificationError('bundle_wrong_chain', `bundle says chain ${r.chainId}, its header is of ${header.chainId}`);
  if (expect.chainId !== undefined && r.chainId !== expect.chainId) throw new VerificationError('bundle_wrong_chain', `expected a proof from ${expect.chainId}, got ${r.chainId}`);
  if (expect.key !== undefined && r.key !== expect.key) throw new VerificationError('bundle_wrong_key', `expected a proof of ${expect.key}, got ${r.key}`);
  const vHash = validatorSetHash(r.light.validatorSet);
  if (!equalBytes(vHash, header.validatorsHash)) throw new VerificationError('header_quorum_invalid', `the validator set is not the one header ${header.height} names`);
  const pinned = opts.trustedValidators?.[r.chainId];
  if (pinned !== undefined && !pinned.includes(toHex(vHash))) {
    throw new VerificationError('untrusted_validator_set', `chain ${r.chainId}: validator set ${toHex(vHash).slice(0, 16)}… is not pinned`);
  }
  let commitEvidence: CommitEvidence;
  try {
    commitEvidence = verifyCommit(header, commit, r.light.validatorSet);
  } catch (e) {
    throw new VerificationError('header_quorum_invalid', `header ${r.chainId}@${header.height}: ${isCourtbridgeError(e) ? e.reason : 'no quorum'}`, { cause: e });
  }
  let smt: SmtEvidence;
  try {
    smt = verifyProof(header.stateRoot, utf8(r.key), r.value, r.proof);
  } catch (e) {
    throw new VerificationError('record_proof_invalid', `${r.chainId} ${r.key}: ${isCourtbridgeError(e) ? e.reason : 'proof rejected'}`, { cause: e });
  }
  return { chainId: r.chainId, key: r.key, kind: smt.kind, value: r.value, header, headerHash: headerHash(header), validatorsHash: toHex(vHash), commit: commitEvidence, smt };
}
