/**
 * Commits: the votes that make a header count (DESIGN.md "Header proofs": more than 2/3 of
 * the voting power). Two checks, after tendermint's light client (`VerifyCommitLight`,
 * `VerifyCommitLightTrusting`) and ibc-go attestations (duplicate and unknown signers named):
 *
 * - `verifyCommit`: DISTINCT validators of the header's own set holding MORE THAN 2/3 of its
 *   power signed this header's hash: strictly `3 * signedPower > 2 * totalPower`.
 * - `verifyCommitTrusting`: MORE THAN `trustLevel` (default 1/3) of a TRUSTED set's power is
 *   among the signers: what lets a light client skip heights (at least one honest validator
 *   it already trusts vouches for the new header).
 *
 * Duplicate signers, unknown signers, malformed, high-S or wrong signatures (including ones
 * made for another chain id, height or hash: those fail the signature check because the vote
 * bytes are rebuilt from the header) count for nothing and are listed in the evidence.
 */
import type { Signable } from '../crypto/hash.js';
import { ByteReader, ByteWriter, assertBytes, equalBytes } from '../encoding/bytes.js';
import { checkSignatureShape, verify } from '../crypto/signature-suite.js';
import type { HashSuite } from '../crypto/hash-suite.js';
import { VerificationError } from '../errors.js';
import { HASH_LENGTH, headerHash, type Header } from './header.js';
import { voteSigningInput } from './vote.js';
import { MAX_VALIDATORS, validatorByDid, type ValidatorSet } from './validator-set.js';

export interface CommitSig {
  validatorDid: string;
  /** Compact 64-byte low-S signature over `voteSigningInput(chainId, height, headerHash)`. */
  signature: Uint8Array;
}

export interface Commit {
  height: number;
  headerHash: Uint8Array;
  signatures: CommitSig[];
}

/** Why one signature in a commit counted for nothing. */
export type SignatureRejection =
  | 'unknown_validator'
  | 'duplicate_signer'
  | 'bad_signature_length'
  | 'signature_out_of_range'
  | 'high_s_signature'
  | 'invalid_signature';

/** Why a whole commit was rejected. */
export type CommitRejection =
  | 'invalid_commit'
  | 'too_many_signatures'
  | 'commit_height_mismatch'
  | 'commit_hash_mismatch'
  | 'insufficient_power'
  | 'insufficient_trusted_power'
  | 'invalid_trust_level';

/** What a commit check saw: the power that signed and who counted or not, and why. */
export interface CommitEvidence {
  signedPower: number;
  totalPower: number;
  /** DIDs whose signature was verified and counted, in commit order. */
  counted: string[];
  ignored: { did: string; reason: SignatureRejection }[];
  /** Signatures left unverified because the threshold was already reached (`stop: 'at_quorum'`). */
  unchecked: number;
}

/** A fraction of voting power; `verifyCommitTrusting` needs strictly more than it. */
export interface TrustLevel {
  numerator: number;
  denominator: number;
}

export const QUORUM: TrustLevel = Object.freeze({ numerator: 2, denominator: 3 });
export const DEFAULT_TRUST_LEVEL: TrustLevel = Object.freeze({ numerator: 1, denominator: 3 });

export interface VerifyCommitOptions {
  /**
   * `at_quorum` (default) stops verifying signatures once the threshold is passed: cost is
   * bounded by the ~2/3 of signatures a quorum needs. `verify_all` checks every signature
   * (for audits and evidence where every signer must be named).
   */
  stop?: 'at_quorum' | 'verify_all';
  /**
   * The hash suite of the chain's registry entry (default SHA-256): the header is named by its
   * hash under it. A header hashed under the other suite fails `commit_hash_mismatch`, as any
   * commit for another header does: the hash is simply not the one signed.
   */
  hashSuite?: HashSuite;
}

/** At most this many entries in one commit (unknown signers are cheap, but not free). */
export const MAX_COMMIT_SIGNATURES = 2 * MAX_VALIDATORS;

const fail = (reason: CommitRejection, message: string, details?: Record<string, string | number | boolean>): never => {
  throw new VerificationError(reason, message, details === undefined ? {} : { details });
};

/** strictly `signed / total > numerator / denominator`, exact (BigInt: den * power may pass 2^53). */
function exceeds(signed: number, total: number, level: TrustLevel): boolean {
  return BigInt(signed) * BigInt(level.denominator) > BigInt(level.numerator) * BigInt(total);
}

function checkCommitShape(commit: Commit): void {
  if (typeof commit !== 'object' || commit === null) fail('invalid_commit', 'commit: expected an object');
  if (!Number.isSafeInteger(commit.height) || commit.height < 1)
    fail('invalid_commit', `commit.height: expected an integer >= 1, got ${commit.height}`);
  if (!(commit.headerHash instanceof Uint8Array) || commit.headerHash.length !== HASH_LENGTH)
    fail('invalid_commit', `commit.headerHash: expected ${HASH_LENGTH} bytes`);
  if (!Array.isArray(commit.signatures)) fail('invalid_commit', 'commit.signatures: expected an array');
  if (commit.signatures.length > MAX_COMMIT_SIGNATURES)
    fail('too_many_signatures', `commit.signatures: at most ${MAX_COMMIT_SIGNATURES}, got ${commit.signatures.length}`);
  commit.signatures.forEach((s, i) => {
    if (typeof s?.validatorDid !== 'string' || !(s.signature instanceof Uint8Array)) {
      fail('invalid_commit', `commit.signatures[${i}]: expected { validatorDid: string, signature: Uint8Array }`);
    }
  });
}

/** The commit must be for this very header: checked before (and whatever) any signature. */
function checkCommitTarget(header: Header, commit: Commit, suite: HashSuite): Uint8Array {
  checkCommitShape(commit);
  if (commit.height !== header.height) {
    fail('commit_height_mismatch', `commit is for height ${commit.height}, header is at height ${header.height}`);
  }
  const hash = headerHash(header, suite);
  if (!equalBytes(commit.headerHash, hash))
    fail('commit_hash_mismatch', `commit is for another header than the one at height ${header.height}`);
  return hash;
}

const shapeReason: Record<Exclude<ReturnType<typeof checkSignatureShape>, 'ok'>, SignatureRejection> = {
  bad_length: 'bad_signature_length',
  r_out_of_range: 'signature_out_of_range',
  s_out_of_range: 'signature_out_of_range',
  high_s: 'high_s_signature',
};

/**
 * Count the power of `set` that validly signed `message`. Each DID gets one chance: its first
 * entry is the only one checked, so a commit costs at most one verification per validator.
 */
function tally(commit: Commit, set: ValidatorSet, message: Signable, level: TrustLevel, stop: 'at_quorum' | 'verify_all'): CommitEvidence {
  const ev: CommitEvidence = { signedPower: 0, totalPower: set.totalPower, counted: [], ignored: [], unchecked: 0 };
  const seen = new Set<string>();
  let reached = false;
  for (const s of commit.signatures) {
    if (reached && stop === 'at_quorum') {
      ev.unchecked++;
      continue;
    }
    const v = validatorByDid(set, s.validatorDid);
    if (v === undefined) {
      ev.ignored.push({ did: s.validatorDid, reason: 'unknown_validator' });
      continue;
    }
    if (seen.has(v.did)) {
      ev.ignored.push({ did: v.did, reason: 'duplicate_signer' });
      continue;
    }
    seen.add(v.did);
    const shape = checkSignatureShape(s.signature, v.publicKey);
    if (shape !== 'ok') {
      ev.ignored.push({ did: v.did, reason: shapeReason[shape] });
      continue;
    }
    if (!verify(s.signature, message, v.publicKey)) {
      ev.ignored.push({ did: v.did, reason: 'invalid_signature' });
      continue;
    }
    ev.signedPower += v.power;
    ev.counted.push(v.did);
    if (!reached && exceeds(ev.signedPower, ev.totalPower, level)) reached = true;
  }
  return ev;
}

/**
 * Verify that more than 2/3 of `set`'s power signed `header` (DESIGN.md "Header proofs").
 * The caller has checked `validatorSetHash(set)` against `header.validatorsHash` (the light
 * client does; see src/lightclient/verify-update.ts). Throws `VerificationError`
 * (`CommitRejection`); returns the evidence otherwise.
 *
 * @example
 * const ev = verifyCommit(header, commit, set); // ev.signedPower * 3 > ev.totalPower * 2
 */
export function verifyCommit(header: Header, commit: Commit, set: ValidatorSet, opts: VerifyCommitOptions = {}): CommitEvidence {
  const hash = checkCommitTarget(header, commit, opts.hashSuite ?? 'sha256');
  const ev = tally(commit, set, voteSigningInput(header.chainId, header.height, hash), QUORUM, opts.stop ?? 'at_quorum');
  if (!exceeds(ev.signedPower, ev.totalPower, QUORUM)) {
    fail(
      'insufficient_power',
      `commit for ${header.chainId}@${header.height}: ${ev.signedPower} of ${ev.totalPower} power signed, more than 2/3 needed`,
      {
        signedPower: ev.signedPower,
        totalPower: ev.totalPower,
        ignored: ev.ignored.length,
      },
    );
  }
  return ev;
}

export function checkTrustLevel(level: TrustLevel, title = 'trustLevel'): void {
  const { numerator: n, denominator: d } = level;
  // tendermint light client: trust level must be within [1/3, 1]. 1 <= n <= d already makes d >= 1.
  if (!Number.isSafeInteger(n) || !Number.isSafeInteger(d) || d > 1_000_000 || n < 1 || n > d || 3 * n < d) {
    fail('invalid_trust_level', `${title}: expected a fraction within [1/3, 1], got ${n}/${d}`);
  }
}

/**
 * Verify that more than `trustLevel` of the TRUSTED set's power is among the signers of
 * `header` (tendermint `VerifyCommitLightTrusting`). Signers are matched by DID and checked
 * with the key the TRUSTED set holds for them, so a rotated key does not count as trusted.
 * Throws `insufficient_trusted_power` (or a commit-target reason); returns the evidence.
 */
export function verifyCommitTrusting(
  header: Header,
  commit: Commit,
  trustedSet: ValidatorSet,
  trustLevel: TrustLevel = DEFAULT_TRUST_LEVEL,
  opts: VerifyCommitOptions = {},
): CommitEvidence {
  checkTrustLevel(trustLevel);
  const hash = checkCommitTarget(header, commit, opts.hashSuite ?? 'sha256');
  const ev = tally(commit, trustedSet, voteSigningInput(header.chainId, header.height, hash), trustLevel, opts.stop ?? 'at_quorum');
  if (!exceeds(ev.signedPower, ev.totalPower, trustLevel)) {
    fail(
      'insufficient_trusted_power',
      `commit for ${header.chainId}@${header.height}: ${ev.signedPower} of the trusted set's ${ev.totalPower} power signed, more than ${trustLevel.numerator}/${trustLevel.denominator} needed`,
      { signedPower: ev.signedPower, totalPower: ev.totalPower },
    );
  }
  return ev;
}

/** Encoding: u64 height, fixed32 headerHash, u32 count, then per entry: string did, bytes signature. */
export function encodeCommit(c: Commit): Uint8Array {
  return writeCommit(new ByteWriter(), c).finish();
}

export function writeCommit(w: ByteWriter, c: Commit): ByteWriter {
  w.u64(c.height).fixed(c.headerHash, HASH_LENGTH, 'commit.headerHash').u32(c.signatures.length);
  for (const s of c.signatures) w.string(s.validatorDid).bytes(s.signature);
  return w;
}

export function readCommit(r: ByteReader): Commit {
  const height = r.u64n('commit.height');
  const hash = r.fixed(HASH_LENGTH, 'commit.headerHash').slice();
  const n = r.u32('commit.signatures.count');
  if (n > MAX_COMMIT_SIGNATURES) fail('too_many_signatures', `commit.signatures: at most ${MAX_COMMIT_SIGNATURES}, got ${n}`);
  const signatures: CommitSig[] = [];
  for (let i = 0; i < n; i++)
    signatures.push({
      validatorDid: r.string(`commit.signatures[${i}].did`),
      signature: r.bytes(`commit.signatures[${i}].signature`).slice(),
    });
  return { height, headerHash: hash, signatures };
}

export function decodeCommit(bytes: Uint8Array): Commit {
  assertBytes(bytes, undefined, 'commit bytes');
  const r = new ByteReader(bytes);
  const c = readCommit(r);
  r.end('commit');
  return c;
}
