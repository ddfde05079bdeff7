/**
 * Agency attestations over a record (DESIGN.md "Attestations": where a registry is not a chain,
 * or as a second factor, a record is vouched for by m of n named agency DIDs). Pure.
 *
 * Attestation layout (ByteWriter): string chain_id, string record_type, string key,
 * u8 result kind (1 record, 2 absence), fixed32 sha256(value) or 32 zero bytes.
 * Each attester signs signingInput("courtbridge/v1/attestation", layout) with the key its DID
 * held at `atMs`; they are counted by the shared m-of-n counter (quorum.ts).
 */
import { sha256, signingInput, SignTag, type SigningInput } from '../crypto/hash.js';
import { ByteWriter } from '../encoding/bytes.js';
import type { Authority } from '../identity/authority.js';
import { countQuorum, type QuorumReasonNames, type QuorumVerdict } from './quorum.js';

/** m of n: at least `threshold` distinct DIDs of `attesters` must sign. */
export interface AttestationPolicy {
  threshold: number;
  attesters: readonly string[];
}

/** What the attestations vouch for. */
export interface AttestedResult {
  chainId: string;
  recordType: string;
  key: string;
  result: { kind: 'record'; value: Uint8Array } | { kind: 'absence' };
}

export interface AttestationInput {
  attesterDid: string;
  kid: string;
  signature: Uint8Array;
}

/** Why one attestation counted for nothing. */
export type AttestationRejection = 'unknown_attester' | 'duplicate_attester' | 'attester_key_unknown' | 'bad_attestation_signature';

/** The outcome with its evidence (STYLE.md 5). */
export type AttestationVerdict = QuorumVerdict<AttestationRejection>;

const REASONS: QuorumReasonNames<AttestationRejection> = {
  unknown: 'unknown_attester',
  duplicate: 'duplicate_attester',
  keyUnknown: 'attester_key_unknown',
  badSignature: 'bad_attestation_signature',
};

/** The attestation layout above. */
export function attestationLayout(r: AttestedResult): Uint8Array {
  return new ByteWriter()
    .string(r.chainId)
    .string(r.recordType)
    .string(r.key)
    .u8(r.result.kind === 'record' ? 1 : 2)
    .fixed(r.result.kind === 'record' ? sha256(r.result.value) : new Uint8Array(32), 32)
    .finish();
}

/** The message an attester signs (sign() hashes it once more, as every signature here). */
export function attestationSigningInput(r: AttestedResult): SigningInput {
  return signingInput(SignTag.Attestation, attestationLayout(r));
}

/**
 * Count valid attestations of distinct policy members; `met` once `threshold` are counted.
 * Keys are looked up at `atMs` (the state time the answer reflects).
 */
export function verifyAttestations(
  r: AttestedResult,
  attestations: readonly AttestationInput[],
  policy: AttestationPolicy,
  authority: Authority,
  atMs: number,
): AttestationVerdict {
  const signatures = attestations.map((a) => ({ did: a.attesterDid, kid: a.kid, signature: a.signature }));
  return countQuorum(
    attestationSigningInput(r),
    signatures,
    { threshold: policy.threshold, members: policy.attesters },
    authority,
    atMs,
    REASONS,
  );
}
