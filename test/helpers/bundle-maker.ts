/**
 * Proof bundles made by hand, as a gateway makes them and as a forger would: a record in a
 * sparse Merkle tree, the header committing to its root (signed by whoever the caller says),
 * the anchored trace, and a JWT receipt signed by whoever the caller says. Real signatures and
 * real proofs throughout; the verifier under test decides.
 */
import type { Header } from '../../src/chain/header.js';
import type { HashSuite } from '../../src/crypto/hash-suite.js';
import { validatorSetHash } from '../../src/chain/validator-set.js';
import type { LightBlock } from '../../src/chain/signed-header.js';
import { utf8 } from '../../src/encoding/bytes.js';
import type { ReceiptSigner } from '../../src/relay/receipts/root-signer.js';
import { JwtReceipts } from '../../src/relay/receipts/jwt-receipts.js';
import { SparseMerkleTree } from '../../src/proof/sparse-merkle-tree.js';
import { proofFromWire, proofToWire, signedHeaderToWire, traceBlockToWire, validatorSetToWire } from '../../src/verify/bundle-convert.js';
import { receiptSubjectOf } from '../../src/verify/bundle-verify.js';
import { receiptDigest } from '../../src/verify/receipt-layout.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';
import type { MessageInput, MessageOutput } from '../../src/wire/messages.js';
import { blockOf, type FixtureValidator } from './chain-fixture.js';

export type WireBundle = MessageOutput<'ProofBundle'>;

/** A state tree holding `records` (key -> value) and the proof of `key`, hashed under `suite`. */
export function stateWith(
  records: Record<string, string>,
  key: string,
  suite: HashSuite = 'sha256',
): { root: Uint8Array; proof: MessageInput<'SmtProof'> } {
  const tree = SparseMerkleTree.fromEntries(
    Object.entries(records).map(([k, v]) => ({ key: utf8(k), value: utf8(v) })),
    suite,
  );
  return { root: tree.root(), proof: proofToWire(tree.prove(utf8(key))) };
}

export interface MakeBundleOptions {
  /** The light block the answer rests on (its header's state root must hold the record). */
  block: LightBlock;
  trace: readonly LightBlock[];
  recordType: string;
  key: string;
  /** The value proven; absent for a proof of absence. */
  value?: string;
  proof: MessageInput<'SmtProof'>;
  receiptSigner: ReceiptSigner;
  nowMs: number;
  requesterDid?: string;
  attestations?: MessageInput<'Attestation'>[];
  /** The chain's hash suite: the receipt names the header by its hash under it (SHA-256 unless told). */
  hashSuite?: HashSuite;
}

/** A decoded bundle, receipt included (a JWT over the receipt digest). */
export async function makeBundle(o: MakeBundleOptions): Promise<WireBundle> {
  const h = o.block.signedHeader.header;
  const input: MessageInput<'ProofBundle'> = {
    request: { chainId: h.chainId, recordType: o.recordType, key: o.key, height: { latest: {} } },
    requestId: `req-${h.height}-${o.key}`,
    requesterDid: o.requesterDid ?? 'did:alliance:court-bj-01',
    ...(o.value !== undefined
      ? { record: { chainId: h.chainId, key: o.key, value: utf8(o.value), recordType: o.recordType } }
      : { absence: { chainId: h.chainId, key: o.key, recordType: o.recordType } }),
    proof: o.proof,
    signedHeader: signedHeaderToWire(o.block.signedHeader),
    validatorSet: validatorSetToWire(o.block.validatorSet),
    attestations: o.attestations ?? [],
    stateHeight: h.height,
    stateTimeMs: h.timeMs,
    trustBasis:
      o.attestations !== undefined && o.attestations.length > 0 ? 'TRUST_BASIS_HEADER_PROOF_AND_ATTESTATIONS' : 'TRUST_BASIS_HEADER_PROOF',
    trace: o.trace.map(traceBlockToWire),
  };
  const bare = decodeMessage('ProofBundle', encodeMessage('ProofBundle', input));
  const digest = receiptDigest(receiptSubjectOf(bare, h, proofFromWire(bare.proof), o.hashSuite ?? 'sha256'));
  const jwt = await new JwtReceipts({ signer: o.receiptSigner, now: () => o.nowMs }).issue(digest, bare.requesterDid, bare.requestId);
  return decodeMessage('ProofBundle', encodeMessage('ProofBundle', { ...input, receipt: { jwt } }));
}

/**
 * The forgery of a real answer: same chain, height and time, another record, a tree rebuilt
 * around it, a validator set of the forger's own keys that signs the new header.
 */
export function forgedBlock(
  real: Header,
  stateRoot: Uint8Array,
  forgers: FixtureValidator[],
  opts: { keepValidatorsHash?: boolean } = {},
): LightBlock {
  const set = blockOf({ ...real, stateRoot }, forgers).validatorSet;
  const header: Header = {
    ...real,
    stateRoot,
    ...(opts.keepValidatorsHash === true ? {} : { validatorsHash: validatorSetHash(set), nextValidatorsHash: validatorSetHash(set) }),
  };
  return blockOf(header, forgers);
}
