/**
 * The exact bytes a gateway's receipt commits to (DESIGN.md "Attestations": a receipt over the
 * request, the verified header, the proof and the result). Pure; pinned by
 * test/vectors/receipt.json so a verifier in another language can match it.
 *
 * Receipt layout (ByteWriter: u64 BE, u32-length-prefixed strings/bytes, fixed 32-byte hashes):
 *   string  request_id
 *   string  requester_did
 *   string  query.chain_id
 *   string  query.record_type
 *   string  query.key
 *   u64     query height (0 = latest)
 *   string  header.chain_id
 *   u64     header.height
 *   fixed32 header hash (headerHash of the signed header's header, under the chain entry's hash suite)
 *   u8      result kind: 1 record, 2 absence
 *   fixed32 sha256(record.value) for a record, 32 zero bytes for an absence
 *   fixed32 sha256(encodeProof(proof)) (src/proof/proof-codec.ts layout), 32 zero bytes when no proof;
 *           the layout's 0-bit sibling is SHA-256's empty hash whatever the chain's suite (an SM3
 *           chain's empty siblings are written out): lossless, so the receipt is the gateway's own
 *           SHA-256 layout and needs no suite;
 *           for an evm answer evmProofDigest(header RLP, state proof) (src/verify/evm/evm-wire.ts)
 *   u64     state_time_ms
 *   u8      trust basis (1 header proof, 2 attestations, 3 both, 4 notarized state proof, 5 notarized record)
 *   u32     number of attestations, then per attestation: string attester_did, string kid, bytes signature
 *           (for an evm answer: the notaries' signatures over the block)
 *
 * receipt digest = H(signingInput("courtbridge/v1/receipt", layout)) (domain separation,
 * STYLE.md 6), H that of the gateway key's suite (SHA-256; SM3 for SM2). A batch receipt's Merkle
 * leaf is RFC 6962 H(0x00 || digest) under the same H; the batch root is signed as
 * signingInput("courtbridge/v1/receipt-batch", root || u64 leaf_count || u64 signed_at_ms).
 * A JWT receipt carries the digest, lowercase hex, in its `rcpt` claim.
 */
import { sm3 } from '../crypto/hash-suite.js';
import type { SignatureSuite } from '../crypto/signature-suite.js';
import { sha256, signingInput, SignTag, type SigningInput } from '../crypto/hash.js';
import { ByteWriter, concatBytes } from '../encoding/bytes.js';
import { encodeProof } from '../proof/proof-codec.js';
import type { SmtProof } from '../proof/smt-proof.js';

const ZERO32 = new Uint8Array(32);

/** What a receipt commits to, in core types. */
export interface ReceiptSubject {
  requestId: string;
  requesterDid: string;
  query: { chainId: string; recordType: string; key: string; height: number };
  header: { chainId: string; height: number; hash: Uint8Array };
  /** `valueHash`: sha256(value) when the caller already holds it (a verified membership proof's leaf); computed when absent. */
  result: { kind: 'record'; value: Uint8Array; valueHash?: Uint8Array } | { kind: 'absence' };
  /** A sparse Merkle proof, or the digest of an evm answer's header and state proof. */
  proof: SmtProof | { evmDigest: Uint8Array } | undefined;
  stateTimeMs: number;
  trustBasis: 1 | 2 | 3 | 4 | 5;
  attestations: readonly { attesterDid: string; kid: string; signature: Uint8Array }[];
}

/** The receipt layout above. */
export function receiptLayout(s: ReceiptSubject): Uint8Array {
  const w = new ByteWriter()
    .string(s.requestId)
    .string(s.requesterDid)
    .string(s.query.chainId)
    .string(s.query.recordType)
    .string(s.query.key)
    .u64(s.query.height)
    .string(s.header.chainId)
    .u64(s.header.height)
    .fixed(s.header.hash, 32, 'header.hash')
    .u8(s.result.kind === 'record' ? 1 : 2)
    .fixed(s.result.kind === 'record' ? (s.result.valueHash ?? sha256(s.result.value)) : ZERO32, 32)
    .fixed(s.proof === undefined ? ZERO32 : 'evmDigest' in s.proof ? s.proof.evmDigest : sha256(encodeProof(s.proof, 'sha256')), 32)
    .u64(s.stateTimeMs)
    .u8(s.trustBasis)
    .u32(s.attestations.length);
  for (const a of s.attestations) w.string(a.attesterDid).string(a.kid).bytes(a.signature);
  return w.finish();
}

/**
 * H(signingInput(Receipt, layout)): what a batch leaf or a JWT `rcpt` claim names, H and the
 * input's inner hash those of the gateway key's suite (SHA-256 for secp256k1, SM3 for SM2).
 */
export function receiptDigest(s: ReceiptSubject, suite: SignatureSuite = 'secp256k1'): Uint8Array {
  const input = signingInput(SignTag.Receipt, receiptLayout(s)).bytes(suite);
  return suite === 'sm2' ? sm3(input) : sha256(input);
}

/** The message whose signature is a batch's `root_signature` (signed with sha256 by `sign`). */
export function batchRootSigningInput(root: Uint8Array, leafCount: number, signedAtMs: number): SigningInput {
  return signingInput(SignTag.ReceiptBatch, concatBytes(root, new ByteWriter().u64(leafCount).u64(signedAtMs).finish()));
}
