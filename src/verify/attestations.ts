/**
 * Agency attestations over a record (DESIGN.md "Attestations": where a registry is not a chain,
 * or as a second factor, a record is vouched for by m of n named agency DIDs). Pure.
 *
 * Attestation layout (ByteWriter): string chain_id, string record_type, string key,
 * u8 result kind (1 record, 2 absence), fixed32 sha256(value) or 32 zero bytes.
 * Each attester signs signingInput("courtbridge/v1/attestation", layout) with the key its DID
 * held at `atMs` (ibc-go attestations light client: duplicate and unknown signers are named).
 */
import { sha256, signingInput, SignTag } from '../crypto/hash.js';
import { verify } from '../crypto/secp256k1.js';
import { ByteWriter } from '../encoding/bytes.js';
import type { Authority } from '../identity/authority.js';

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
export type AttestationVerdict =
  | { kind: 'met'; counted: string[]; ignored: { did: string; reason: AttestationRejection }[] }
  | { kind: 'not_met'; counted: string[]; ignored: { did: string; reason: AttestationRejection }[]; threshold: number };

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
export function attestationSigningInput(r: AttestedResult): Uint8Array {
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
  const msg = attestationSigningInput(r);
  const counted: string[] = [];
  const ignored: { did: string; reason: AttestationRejection }[] = [];
  for (const a of attestations) {
    if (!policy.attesters.includes(a.attesterDid)) ignored.push({ did: a.attesterDid, reason: 'unknown_attester' });
    else if (counted.includes(a.attesterDid)) ignored.push({ did: a.attesterDid, reason: 'duplicate_attester' });
    else {
      const key = authority.keyAt(a.attesterDid, a.kid, atMs);
      if (!key.ok) ignored.push({ did: a.attesterDid, reason: 'attester_key_unknown' });
      else if (!verify(a.signature, msg, key.publicKey)) ignored.push({ did: a.attesterDid, reason: 'bad_attestation_signature' });
      else counted.push(a.attesterDid);
    }
  }
  return counted.length >= policy.threshold
    ? { kind: 'met', counted, ignored }
    : { kind: 'not_met', counted, ignored, threshold: policy.threshold };
}
