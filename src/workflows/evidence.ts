/**
 * Evidence anchoring (issue 6, policy: "evidence and served documents stored tamper-proof and
 * verifiable online by the parties"). Only the hash of a piece of evidence goes on the judicial
 * chain, never its content, together with descriptive metadata and the submitter's signature.
 *
 * Signed bytes: `signingInput(SignTag.Evidence, deterministic protobuf of EvidenceClaim)`
 * (proto/courtbridge/v1/evidence.proto; protobufjs writes fields in number order and the claim
 * has no maps, so the encoding is deterministic). Pinned by test/vectors/evidence.json.
 *
 * Record `anchor/<sha256 hex>` on the judicial chain: u32 count, then count x bytes(anchor entry),
 * anchor entry = bytes(claim protobuf) || bytes(signature 64). Several submitters may anchor the
 * same content; one submitter anchoring it twice is idempotent.
 *
 * Batching: anchors queue and are written as ONE `anchor.put` transaction per flush (one per
 * block); each receipt carries the anchor's membership proof against the committed signed header.
 */
import { signingInput, sha256, SignTag } from '../crypto/hash.js';
import { checkSignatureShape, verifyAsync } from '../crypto/secp256k1.js';
import { assertBytes, ByteReader, ByteWriter, equalBytes, toHex } from '../encoding/bytes.js';
import { CourtbridgeError, ErrorCode, VerificationError } from '../errors.js';
import type { Authority } from '../identity/authority.js';
import type { Signer } from '../identity/signer.js';
import { decodeMessage, encodeMessage } from '../wire/codec.js';
import type { Clock, JudicialLedger, ProvenRecord } from './ports.js';
import { verifyProofBundle, type BundleEvidence, type VerifyBundleOptions } from './proof-bundle.js';

/** One metadata entry; entries sorted by name, names unique. */
export interface MetadataEntry {
  name: string;
  value: string;
}

/** What a submitter signs (proto EvidenceClaim). */
export interface EvidenceClaim {
  contentHash: Uint8Array;
  metadata: MetadataEntry[];
  submitterDid: string;
  kid: string;
  signedAtMs: number;
}

/** An anchored claim with its signature. */
export interface AnchorEntry {
  claim: EvidenceClaim;
  signature: Uint8Array;
}

/** Anchored (in a committed block, proven), pending (queued) or not anchored (proven absent). */
export type AnchorStatus = 'anchored' | 'pending' | 'not_anchored';

/** Receipt of one anchoring: the anchor and its inclusion proof once committed. */
export interface EvidenceReceipt {
  anchorId: string;
  entry: AnchorEntry;
  status: 'anchored';
  /** Block height and time the anchor was committed at (the first anchoring wins). */
  height: number;
  timeMs: number;
  /** `anchor/<hash>` with its membership proof against the committed signed header. */
  bundle: ProvenRecord;
}

/** Verdict of a verification by hash or by content. */
export interface EvidenceVerdict {
  status: AnchorStatus;
  contentHash: Uint8Array;
  /** Every anchor of this hash (several submitters may anchor the same content). */
  anchors: AnchorEntry[];
  /** The proof: membership when anchored, non-membership when not anchored; absent when pending. */
  bundle?: ProvenRecord;
}

export const MAX_METADATA_BYTES = 4096;
export const MAX_METADATA_ENTRIES = 32;

export const anchorKey = (contentHash: Uint8Array): string => `anchor/${toHex(contentHash)}`;

/** Deterministic protobuf of the claim. */
export function claimBytes(c: EvidenceClaim): Uint8Array {
  return encodeMessage('EvidenceClaim', { contentHash: c.contentHash, metadata: c.metadata, submitterDid: c.submitterDid, kid: c.kid, signedAtMs: c.signedAtMs });
}

export function claimSigningInput(c: EvidenceClaim): Uint8Array {
  return signingInput(SignTag.Evidence, claimBytes(c));
}

/** Build and sign a claim (the submitter's side). */
export function signEvidenceClaim(signer: Signer, contentHash: Uint8Array, metadata: MetadataEntry[], signedAtMs: number): AnchorEntry {
  const claim: EvidenceClaim = { contentHash, metadata: [...metadata].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)), submitterDid: signer.did, kid: signer.kid, signedAtMs };
  checkClaim(claim, 'claim');
  return { claim, signature: signer.sign(claimSigningInput(claim)) };
}

/**
 * Stateless checks of a claim where it enters (STYLE.md 8).
 * @throws CourtbridgeError INVALID_ARGUMENT `hash_malformed` | `metadata_too_large` | `metadata_unsorted` | `claim_malformed`
 */
export function checkClaim(c: EvidenceClaim, title: string): void {
  if (!(c.contentHash instanceof Uint8Array) || c.contentHash.length !== 32) throw new CourtbridgeError(ErrorCode.InvalidArgument, 'hash_malformed', `${title}.contentHash: expected 32 bytes (sha256)`);
  if (typeof c.submitterDid !== 'string' || !c.submitterDid.startsWith('did:')) throw new CourtbridgeError(ErrorCode.InvalidArgument, 'claim_malformed', `${title}.submitterDid: expected a DID`);
  if (typeof c.kid !== 'string' || !c.kid.startsWith(`${c.submitterDid}#`)) throw new CourtbridgeError(ErrorCode.InvalidArgument, 'claim_malformed', `${title}.kid: expected a key of the submitter`);
  if (!Number.isSafeInteger(c.signedAtMs) || c.signedAtMs <= 0) throw new CourtbridgeError(ErrorCode.InvalidArgument, 'claim_malformed', `${title}.signedAtMs: expected unix ms`);
  if (!Array.isArray(c.metadata) || c.metadata.length > MAX_METADATA_ENTRIES) throw new CourtbridgeError(ErrorCode.InvalidArgument, 'metadata_too_large', `${title}.metadata: at most ${MAX_METADATA_ENTRIES} entries`);
  let size = 0;
  for (let i = 0; i < c.metadata.length; i++) {
    const m = c.metadata[i]!;
    if (typeof m?.name !== 'string' || typeof m.value !== 'string' || m.name.length === 0) throw new CourtbridgeError(ErrorCode.InvalidArgument, 'claim_malformed', `${title}.metadata[${i}]: expected { name, value }`);
    if (i > 0 && !(c.metadata[i - 1]!.name < m.name)) throw new CourtbridgeError(ErrorCode.InvalidArgument, 'metadata_unsorted', `${title}.metadata: names must be unique and sorted`);
    size += m.name.length + m.value.length;
  }
  if (size > MAX_METADATA_BYTES) throw new CourtbridgeError(ErrorCode.InvalidArgument, 'metadata_too_large', `${title}.metadata: ${size} bytes, at most ${MAX_METADATA_BYTES}`);
}

export function encodeAnchorEntry(e: AnchorEntry): Uint8Array {
  return new ByteWriter().bytes(claimBytes(e.claim)).bytes(e.signature).finish();
}

export function decodeAnchorEntry(bytes: Uint8Array): AnchorEntry {
  const r = new ByteReader(bytes);
  const m = decodeMessage('EvidenceClaim', r.bytes('claim'));
  const signature = r.bytes('signature').slice();
  r.end('anchor entry');
  return {
    claim: { contentHash: new Uint8Array(m.contentHash), metadata: m.metadata.map((x) => ({ name: x.name, value: x.value })), submitterDid: m.submitterDid, kid: m.kid, signedAtMs: Number(m.signedAtMs) },
    signature,
  };
}

/** Anchor record value: u32 count, count x bytes(entry). */
export function encodeAnchorRecord(entries: readonly Uint8Array[]): Uint8Array {
  const w = new ByteWriter().u32(entries.length);
  for (const e of entries) w.bytes(e);
  return w.finish();
}

export function decodeAnchorRecord(value: Uint8Array): Uint8Array[] {
  const r = new ByteReader(value);
  const n = r.u32('anchor.count');
  const out: Uint8Array[] = [];
  for (let i = 0; i < n; i++) out.push(r.bytes('anchor.entry').slice());
  r.end('anchor record');
  return out;
}

/**
 * Check a submitter's signature against the key its DID held when it signed.
 * @throws VerificationError UNAUTHENTICATED `submitter_signature_invalid` | PERMISSION_DENIED `revoked`
 */
export async function verifyAnchorEntry(e: AnchorEntry, authority: Authority): Promise<void> {
  const key = authority.keyAt(e.claim.submitterDid, e.claim.kid, e.claim.signedAtMs);
  if (!key.ok) {
    throw new VerificationError(key.reason === 'revoked' ? 'revoked' : 'submitter_signature_invalid', `submitter ${e.claim.submitterDid}: ${key.message}`, { code: key.reason === 'revoked' ? ErrorCode.PermissionDenied : ErrorCode.Unauthenticated });
  }
  if (checkSignatureShape(e.signature) !== 'ok' || !(await verifyAsync(e.signature, claimSigningInput(e.claim), key.publicKey))) {
    throw new VerificationError('submitter_signature_invalid', `the signature does not verify under ${e.claim.kid}`, { code: ErrorCode.Unauthenticated });
  }
}

export interface EvidenceRegistryOptions {
  ledger: JudicialLedger;
  authority: Authority;
  clock: Clock;
  /** At most this many anchors per `anchor.put` transaction (default 10,000). */
  maxBatch?: number;
}

interface Queued {
  key: string;
  entryBytes: Uint8Array;
  entry: AnchorEntry;
  resolve(r: EvidenceReceipt): void;
  reject(e: unknown): void;
}

/**
 * The evidence contract. Batching is group commit: anchors that arrive while a batch is being
 * committed form the next batch (one `anchor.put` per block), so throughput grows with load and
 * a lone anchor waits for one block only.
 */
export class EvidenceRegistry {
  private readonly ledger: JudicialLedger;
  private readonly authority: Authority;
  private readonly clock: Clock;
  private readonly maxBatch: number;
  private queue: Queued[] = [];
  private inFlight: Promise<void> | undefined;
  private batchSeq = 0;

  constructor(opts: EvidenceRegistryOptions) {
    this.ledger = opts.ledger;
    this.authority = opts.authority;
    this.clock = opts.clock;
    this.maxBatch = opts.maxBatch ?? 10_000;
  }

  /** Verify, queue and commit one anchor; resolves with its receipt (inclusion proof included). */
  async anchor(entry: AnchorEntry): Promise<EvidenceReceipt> {
    checkClaim(entry.claim, 'claim');
    assertBytes(entry.signature, 64, 'signature');
    await verifyAnchorEntry(entry, this.authority);
    return new Promise<EvidenceReceipt>((resolve, reject) => {
      this.queue.push({ key: anchorKey(entry.claim.contentHash), entryBytes: encodeAnchorEntry(entry), entry, resolve, reject });
      this.kick();
    });
  }

  /** Anchor many at once (verification runs concurrently on the thread pool). */
  anchorMany(entries: readonly AnchorEntry[]): Promise<EvidenceReceipt[]> {
    return Promise.all(entries.map((e) => this.anchor(e)));
  }

  private kick(): void {
    if (this.inFlight !== undefined || this.queue.length === 0) return;
    this.inFlight = this.commitBatch().finally(() => {
      this.inFlight = undefined;
      this.kick();
    });
  }

  private async commitBatch(): Promise<void> {
    const batch = this.queue.splice(0, this.maxBatch);
    try {
      const batchId = `anchors:${this.clock.now()}:${++this.batchSeq}:${toHex(sha256(batch[0]!.entryBytes)).slice(0, 16)}`;
      await this.ledger.putAnchors(batchId, batch.map((q) => ({ key: q.key, value: q.entryBytes })));
      const keys = [...new Set(batch.map((q) => q.key))];
      const proofs = await this.ledger.proveMany(keys);
      const byKey = new Map(proofs.map((p) => [p.key, p]));
      for (const q of batch) {
        const bundle = byKey.get(q.key)!;
        const committed = bundle.light.signedHeader.header;
        q.resolve({ anchorId: q.key, entry: q.entry, status: 'anchored', height: committed.height, timeMs: committed.timeMs, bundle });
      }
    } catch (e) {
      for (const q of batch) q.reject(e);
    }
  }

  /** Is `contentHash` anchored? Answers with the proof either way (absence is proven too). */
  async verifyHash(contentHash: Uint8Array): Promise<EvidenceVerdict> {
    assertBytes(contentHash, 32, 'contentHash');
    const key = anchorKey(contentHash);
    const bundle = await this.ledger.prove(key);
    if (bundle.value === null) {
      const pending = this.queue.some((q) => q.key === key);
      return pending ? { status: 'pending', contentHash, anchors: [] } : { status: 'not_anchored', contentHash, anchors: [], bundle };
    }
    return { status: 'anchored', contentHash, anchors: decodeAnchorRecord(bundle.value).map(decodeAnchorEntry), bundle };
  }

  /** Verify a file by its bytes: a single changed byte answers `not_anchored`. */
  verifyContent(content: Uint8Array): Promise<EvidenceVerdict> {
    assertBytes(content, undefined, 'content');
    return this.verifyHash(sha256(content));
  }
}

/** What an offline check of a verdict established. */
export interface VerifiedEvidence {
  status: 'anchored' | 'not_anchored';
  bundle: BundleEvidence;
  anchors: AnchorEntry[];
}

/**
 * Check a verdict offline (a party holding the file and the bundle): the bundle proves
 * `anchor/<hash>` present (with these anchors) or absent against a quorum-signed header, and
 * every anchor's claim names this hash.
 * @throws VerificationError `bundle_*` reasons, `anchor_hash_mismatch`
 */
export function verifyEvidenceVerdict(contentHash: Uint8Array, bundle: ProvenRecord, judicialChainId: string, opts: VerifyBundleOptions = {}): VerifiedEvidence {
  const ev = verifyProofBundle(bundle, { chainId: judicialChainId, key: anchorKey(contentHash) }, opts);
  if (ev.kind === 'absent') return { status: 'not_anchored', bundle: ev, anchors: [] };
  const anchors = decodeAnchorRecord(ev.value!).map(decodeAnchorEntry);
  for (const a of anchors) {
    if (!equalBytes(a.claim.contentHash, contentHash)) throw new VerificationError('anchor_hash_mismatch', 'an anchor under this key names another hash');
  }
  return { status: 'anchored', bundle: ev, anchors };
}
