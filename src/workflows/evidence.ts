/**
 * Evidence anchoring (policy: "evidence and served documents stored tamper-proof and
 * verifiable online by the parties"). Only the hash of a piece of evidence goes on the judicial
 * chain, never its content, with its metadata and the submitter's signature.
 *
 * One signature per batch (after RFC 6962 receipts): a submitter anchoring many files signs ONE
 * claim over the RFC 6962 root of the batch's leaves. The chain stores the signed batch once
 * (`anchor-batch/<batchId>`: claim, signature, distinct metadata sets, every leaf) and each new
 * hash as a 45-byte pointer into it (`anchor/<hash>`); src/judicial/anchor-batch.ts gives the
 * layout byte by byte (pinned by test/vectors/evidence.json). A party proves one file with two
 * SMT proofs (its pointer and its batch) against signed headers: the batch record holds every
 * leaf, so the root and the file's place under it are recomputed, then the signature checked.
 *
 * The gateway verifies one signature per batch (on the thread pool, `verifyAsync`) and
 * recomputes the root (two hashes per leaf); receipts are built from the batch it holds plus ONE
 * proof of the batch record. The first anchoring of a hash stands (the judicial contract's rule):
 * a later batch lists it under `anchoredEarlier` and its receipt says `already_anchored`.
 *
 * Metadata names the judicial record reads: `kind` (evidence | case_file | served_document,
 * default evidence), `title` (default "untitled"), `case_id` (optional).
 */
import { signingInput, sha256, SignTag, type SigningInput } from '../crypto/hash.js';
import { checkSignatureShape, verify, verifyAsync } from '../crypto/signature-suite.js';
import { assertBytes, equalBytes, toBase64url, toHex } from '../encoding/bytes.js';
import { CourtbridgeError, ErrorCode, VerificationError, type Reason } from '../errors.js';
import type { Authority } from '../identity/authority.js';
import { publicKeyOfDidKey } from '../identity/did-key.js';
import type { Signer } from '../identity/signer.js';
import { leafHash, merkleRootOfLeafHashes } from '../proof/binary-merkle.js';
import {
  anchorBatchKey,
  anchorFieldsOf,
  batchIdOf,
  batchRootMatches,
  claimBytes,
  decodeAnchorPointer,
  decodeStoredBatch,
  encodeAnchorBatch,
  leafHashOf,
  MAX_BATCH_BYTES,
  MAX_BATCH_LEAVES,
  MAX_CLAIM_BATCH,
  MAX_METADATA_BYTES,
  MAX_METADATA_ENTRIES,
  metadataBytes,
  metadataProblem,
  type AnchorBatch,
  type AnchorPointer,
  type BatchClaim,
  type MetadataEntry,
  type StoredAnchorBatch,
} from '../judicial/anchor-batch.js';
import type { Clock, JudicialLedger, ProvenRecord } from './ports.js';
import { assertNotRevokedNow } from './revocation.js';
import { verifyRecordBundle, type RecordBundleEvidence, type VerifyRecordBundleOptions } from '../verify/record-bundle.js';

export {
  MAX_BATCH_BYTES,
  MAX_BATCH_LEAVES,
  decodeAnchorPointer,
  decodeStoredBatch,
  claimBytes,
  metadataBytes,
  MAX_CLAIM_BATCH,
  MAX_METADATA_BYTES,
  MAX_METADATA_ENTRIES,
  type AnchorBatch,
  type AnchorPointer,
  type BatchClaim,
  type MetadataEntry,
  type StoredAnchorBatch,
};

/** One file to anchor: its sha256 and what the submitter says about it. */
export interface EvidenceItem {
  contentHash: Uint8Array;
  metadata: MetadataEntry[];
}

/** Anchored (in a committed block, proven), pending (queued) or not anchored (proven absent). */
export type AnchorStatus = 'anchored' | 'pending' | 'not_anchored';

/** Receipt of one signed batch: the outcome of each leaf and the proof of the batch record. */
export interface BatchReceipt {
  batchId: string;
  /** Per leaf: `anchored` by this batch, or `already_anchored` (an earlier anchoring stands). */
  outcomes: ('anchored' | 'already_anchored')[];
  /** The batch as the chain holds it. */
  batch: StoredAnchorBatch;
  height: number;
  timeMs: number;
  /** `anchor-batch/<batchId>` with its membership proof against a committed signed header. */
  bundle: ProvenRecord;
}

/** One anchored file as the chain holds it: its place in the signed batch that anchored it first. */
export interface AnchoredEvidence {
  contentHash: Uint8Array;
  index: number;
  metadata: MetadataEntry[];
  kind: string;
  title: string;
  caseId?: string;
  anchoredAtMs: number;
  batchId: string;
  claim: BatchClaim;
  signature: Uint8Array;
}

/** Verdict of a verification by hash or by content. */
export interface EvidenceVerdict {
  status: AnchorStatus;
  contentHash: Uint8Array;
  /** The standing anchor when anchored (the first anchoring). */
  anchor?: AnchoredEvidence;
  /** `anchor/<hash>`: membership when anchored, non-membership when not anchored; absent when pending. */
  bundle?: ProvenRecord;
  /** `anchor-batch/<batchId>` of the standing anchor, when anchored. */
  batchBundle?: ProvenRecord;
}

export const anchorKey = (contentHash: Uint8Array): string => `anchor/${toHex(contentHash)}`;

const invalid = (reason: Reason, message: string): CourtbridgeError => new CourtbridgeError(ErrorCode.InvalidArgument, reason, message);

export function leafDataOf(item: EvidenceItem): Uint8Array {
  const out = new Uint8Array(64);
  out.set(item.contentHash);
  out.set(sha256(metadataBytes(item.metadata)), 32);
  return out;
}

export const evidenceLeafHash = (item: EvidenceItem): Uint8Array => leafHash(leafDataOf(item));

export const claimSigningInput = (c: BatchClaim): SigningInput => signingInput(SignTag.Evidence, claimBytes(c));

const sortMetadata = (m: readonly MetadataEntry[]): MetadataEntry[] =>
  [...m].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** A signed batch over the gateway's limits: the message says the limits and how to split. */
const tooLarge = (what: string, maxLeaves: number): CourtbridgeError =>
  new CourtbridgeError(
    ErrorCode.ResourceExhausted,
    'batch_too_large',
    `batch: ${what}; at most ${maxLeaves} leaves and ${MAX_BATCH_BYTES} bytes per signed batch: split the items into several signed batches (signEvidenceBatches)`,
  );

/** The items of a batch, in leaf order. */
export function itemsOf(b: AnchorBatch): EvidenceItem[] {
  return b.hashes.map((contentHash, i) => ({ contentHash, metadata: b.metadata[b.metaIndex[i]!]! }));
}

/** Sign a batch of items with one signature (the submitter's side): distinct metadata sets stored once. */
export function signEvidenceBatch(signer: Signer, items: readonly EvidenceItem[], signedAtMs: number): AnchorBatch {
  if (items.length === 0 || items.length > MAX_CLAIM_BATCH) throw invalid('batch_size_invalid', `items: 1 to ${MAX_CLAIM_BATCH}`);
  const metadata: MetadataEntry[][] = [];
  const metaHashes: Uint8Array[] = [];
  const metaIds = new Map<string, number>();
  const hashes: Uint8Array[] = new Array<Uint8Array>(items.length);
  const metaIndex = new Uint32Array(items.length);
  const leaves: Uint8Array[] = new Array<Uint8Array>(items.length);
  for (let i = 0; i < items.length; i++) {
    const it = items[i]!;
    const m = sortMetadata(it.metadata);
    checkItem({ contentHash: it.contentHash, metadata: m }, `items[${i}]`);
    const mb = metadataBytes(m);
    const id = toBase64url(mb);
    let mi = metaIds.get(id);
    if (mi === undefined) {
      mi = metadata.length;
      metaIds.set(id, mi);
      metadata.push(m);
      metaHashes.push(sha256(mb));
    }
    hashes[i] = it.contentHash;
    metaIndex[i] = mi;
    leaves[i] = leafHashOf(it.contentHash, metaHashes[mi]!);
  }
  const claim: BatchClaim = {
    submitterDid: signer.did,
    kid: signer.kid,
    signedAtMs,
    size: items.length,
    root: merkleRootOfLeafHashes(leaves),
  };
  checkClaim(claim, 'claim');
  return { claim, signature: signer.sign(claimSigningInput(claim)), metadata, hashes, metaIndex };
}

/** A single anchor: a batch of one (root = its leaf hash). */
export function signEvidenceClaim(signer: Signer, contentHash: Uint8Array, metadata: MetadataEntry[], signedAtMs: number): AnchorBatch {
  return signEvidenceBatch(signer, [{ contentHash, metadata }], signedAtMs);
}

/** The body of an `anchor.put` tx carrying signed batches (the judicial contract reads it). */
export const anchorPutBody = (batches: readonly AnchorBatch[]): { type: 'anchor_batch'; schema: 2; batches: string[] } => ({
  type: 'anchor_batch',
  schema: 2,
  batches: batches.map((b) => toBase64url(encodeAnchorBatch(b))),
});

/** A batch of one as the AnchorEvidence request carries it (proto EvidenceClaim and signature). */
export function singleClaimOf(b: AnchorBatch): {
  claim: EvidenceItem & { submitterDid: string; kid: string; signedAtMs: number };
  signature: Uint8Array;
} {
  if (b.claim.size !== 1) throw invalid('batch_size_invalid', 'a single claim is a batch of one');
  return {
    claim: { ...itemsOf(b)[0]!, submitterDid: b.claim.submitterDid, kid: b.claim.kid, signedAtMs: b.claim.signedAtMs },
    signature: b.signature,
  };
}

/**
 * Split `items` into signed sub-batches the gateway accepts: at most `maxLeaves` leaves and
 * `maxBytes` encoded bytes each (`encodeAnchorBatch`; the judicial tx carrying it must fit NATS's
 * max_payload), each signed on its own.
 */
export function signEvidenceBatches(
  signer: Signer,
  items: readonly EvidenceItem[],
  signedAtMs: number,
  { maxBytes = MAX_BATCH_BYTES, maxLeaves = MAX_BATCH_LEAVES }: { maxBytes?: number; maxLeaves?: number } = {},
): AnchorBatch[] {
  const out: AnchorBatch[] = [];
  let start = 0;
  while (start < items.length) {
    // As many as may fit at 36 bytes per leaf (hash, metadata index); measured, then shrunk.
    let n = Math.min(Math.max(1, Math.floor(maxBytes / 36)), items.length - start, maxLeaves);
    for (;;) {
      const b = signEvidenceBatch(signer, items.slice(start, start + n), signedAtMs);
      const size = encodeAnchorBatch(b).length;
      if (size <= maxBytes || n === 1) {
        if (size > maxBytes) throw invalid('batch_too_large', `one item alone is ${size} bytes, over the ${maxBytes}-byte limit`);
        out.push(b);
        start += n;
        break;
      }
      n = Math.max(1, Math.min(n - 1, Math.floor((n * maxBytes) / size)));
    }
  }
  return out;
}

/**
 * Stateless checks of an item where it enters (STYLE.md 8); the metadata the judicial record
 * reads must fit its schema, or the whole batch transaction would be refused.
 * @throws CourtbridgeError INVALID_ARGUMENT `hash_malformed` | `metadata_too_large` | `metadata_unsorted` | `claim_malformed`
 */
export function checkItem(it: EvidenceItem, title: string): void {
  if (!(it?.contentHash instanceof Uint8Array) || it.contentHash.length !== 32)
    throw invalid('hash_malformed', `${title}.contentHash: expected 32 bytes (sha256)`);
  const p = metadataProblem(it.metadata);
  if (p) throw invalid(p.reason, `${title}.metadata: ${p.message}`);
}

/** @throws CourtbridgeError INVALID_ARGUMENT `claim_malformed` | `batch_size_invalid` */
export function checkClaim(c: BatchClaim, title: string): void {
  if (typeof c?.submitterDid !== 'string' || !/^did:[a-z0-9]+:[A-Za-z0-9._:%-]{1,200}$/.test(c.submitterDid))
    throw invalid('claim_malformed', `${title}.submitterDid: expected a DID`);
  if (typeof c.kid !== 'string' || !c.kid.startsWith(`${c.submitterDid}#`) || c.kid.length > 300)
    throw invalid('claim_malformed', `${title}.kid: expected a key of the submitter`);
  if (!Number.isSafeInteger(c.signedAtMs) || c.signedAtMs <= 0) throw invalid('claim_malformed', `${title}.signedAtMs: expected unix ms`);
  if (!Number.isSafeInteger(c.size) || c.size < 1 || c.size > MAX_CLAIM_BATCH)
    throw invalid('batch_size_invalid', `${title}.size: 1 to ${MAX_CLAIM_BATCH}`);
  if (!(c.root instanceof Uint8Array) || c.root.length !== 32) throw invalid('claim_malformed', `${title}.root: expected 32 bytes`);
}

/**
 * Stateless checks of a submitted batch: claim shape, one leaf per claimed slot, every content
 * hash 32 bytes and distinct, every metadata set valid and named by some leaf.
 * @returns the content hashes in hex, leaf order
 * @throws CourtbridgeError INVALID_ARGUMENT
 */
export function checkBatch(b: AnchorBatch, title: string): string[] {
  if (typeof b !== 'object' || b === null) throw invalid('claim_malformed', `${title}: required`);
  checkClaim(b.claim, `${title}.claim`);
  assertBytes(b.signature, 64, `${title}.signature`);
  if (
    !Array.isArray(b.hashes) ||
    b.hashes.length !== b.claim.size ||
    !(b.metaIndex instanceof Uint32Array) ||
    b.metaIndex.length !== b.claim.size
  )
    throw invalid('claim_malformed', `${title}: ${b.hashes?.length} leaves for a claimed size of ${b.claim.size}`);
  if (!Array.isArray(b.metadata) || b.metadata.length > b.claim.size)
    throw invalid('claim_malformed', `${title}.metadata: at most one set per leaf`);
  for (let i = 0; i < b.metadata.length; i++) {
    const p = metadataProblem(b.metadata[i]!);
    if (p) throw invalid(p.reason, `${title}.metadata[${i}]: ${p.message}`);
  }
  const seen = new Set<string>();
  const hexes = new Array<string>(b.hashes.length);
  for (let i = 0; i < b.hashes.length; i++) {
    const h = b.hashes[i];
    if (!(h instanceof Uint8Array) || h.length !== 32) throw invalid('hash_malformed', `${title}.hashes[${i}]: expected 32 bytes (sha256)`);
    if (b.metaIndex[i]! >= b.metadata.length)
      throw new VerificationError(
        'anchor_index_invalid',
        `${title}: leaf ${i} names metadata set ${b.metaIndex[i]} of ${b.metadata.length}`,
        {
          code: ErrorCode.InvalidArgument,
        },
      );
    const hex = toHex(h);
    if (seen.has(hex)) throw invalid('duplicate_anchor', `${title}: hash ${hex} appears twice in one batch`);
    seen.add(hex);
    hexes[i] = hex;
  }
  return hexes;
}

/**
 * Every leaf of the batch sits under its signed root (the root recomputed from the leaves).
 * @throws VerificationError UNAUTHENTICATED `anchor_path_invalid`
 */
export function checkBatchRoot(b: AnchorBatch): void {
  if (!batchRootMatches(b))
    throw new VerificationError('anchor_path_invalid', 'the batch leaves do not hash to the signed root', {
      code: ErrorCode.Unauthenticated,
    });
}

/**
 * Check a submitter's batch signature against the key its DID held when it signed.
 * @throws VerificationError UNAUTHENTICATED `submitter_signature_invalid` | PERMISSION_DENIED `revoked`
 */
export async function verifyBatchClaim(claim: BatchClaim, signature: Uint8Array, authority: Authority): Promise<void> {
  const key = authority.keyAt(claim.submitterDid, claim.kid, claim.signedAtMs);
  if (!key.ok) {
    throw new VerificationError(
      key.reason === 'revoked' ? 'revoked' : 'submitter_signature_invalid',
      `submitter ${claim.submitterDid}: ${key.message}`,
      { code: key.reason === 'revoked' ? ErrorCode.PermissionDenied : ErrorCode.Unauthenticated },
    );
  }
  if (checkSignatureShape(signature, key.publicKey) !== 'ok' || !(await verifyAsync(signature, claimSigningInput(claim), key.publicKey))) {
    throw new VerificationError('submitter_signature_invalid', `the signature does not verify under ${claim.kid}`, {
      code: ErrorCode.Unauthenticated,
    });
  }
}

/** One batch, checked alone (a party's re-check): stateless checks, root, signature. */
export async function verifyAnchorBatch(b: AnchorBatch, authority: Authority): Promise<void> {
  checkBatch(b, 'batch');
  checkBatchRoot(b);
  await verifyBatchClaim(b.claim, b.signature, authority);
}

/** The standing anchor of leaf `index` of a stored batch. */
function anchoredOf(b: StoredAnchorBatch, index: number, anchoredAtMs: number): AnchoredEvidence {
  const metadata = b.metadata[b.metaIndex[index]!]!;
  return {
    contentHash: b.hashes[index]!,
    index,
    metadata,
    ...anchorFieldsOf(metadata),
    anchoredAtMs,
    batchId: toHex(b.batchId),
    claim: b.claim,
    signature: b.signature,
  };
}

export interface EvidenceRegistryOptions {
  ledger: JudicialLedger;
  authority: Authority;
  clock: Clock;
  /** At most this many anchors per `anchor.put` transaction (default 10,000, the chain's cap). */
  maxBatch?: number;
}

/**
 * Txs submitted at once: a second tx is on its way while the first waits for its block (over
 * NATS the path is latency-bound); the chain orders them, the first anchoring of a hash stands.
 */
const MAX_SUBMITS_IN_FLIGHT = 2;

interface Queued {
  batch: AnchorBatch;
  bytes: Uint8Array;
  key: string;
  hexes: string[];
  resolve(r: BatchReceipt): void;
  reject(e: unknown): void;
}

/**
 * The evidence contract. Batching is group commit: signed batches that arrive while txs are
 * being committed form the next tx (up to two in flight), so throughput grows with load and a
 * lone anchor waits for one block only. Receipts are built from the batches held in memory and
 * one proof per batch record, fetched while the next tx is submitted.
 */
export class EvidenceRegistry {
  private readonly ledger: JudicialLedger;
  private readonly authority: Authority;
  private readonly clock: Clock;
  private readonly maxBatch: number;
  private queue: Queued[] = [];
  private readonly pendingKeys = new Map<string, number>();
  private submitting = 0;
  private readonly decoded = new Map<string, { value: Uint8Array; stored: StoredAnchorBatch }>();
  private txSeq = 0;

  constructor(opts: EvidenceRegistryOptions) {
    this.ledger = opts.ledger;
    this.authority = opts.authority;
    this.clock = opts.clock;
    this.maxBatch = Math.min(opts.maxBatch ?? 10_000, 10_000);
  }

  /**
   * Verify and anchor one signed batch: stateless checks, the root recomputed from its leaves,
   * the submitter not revoked now, ONE signature check (thread pool); then group commit.
   * @throws CourtbridgeError / VerificationError naming the reason
   */
  async anchor(batch: AnchorBatch): Promise<BatchReceipt> {
    const hexes = checkBatch(batch, 'batch');
    if (batch.claim.size > this.maxBatch) throw tooLarge(`${batch.claim.size} leaves`, this.maxBatch);
    checkBatchRoot(batch);
    // Not cached: a revocation takes effect at once (revocation.ts).
    assertNotRevokedNow(this.authority, batch.claim.submitterDid, batch.claim.kid, this.clock.now());
    await verifyBatchClaim(batch.claim, batch.signature, this.authority);
    const bytes = encodeAnchorBatch(batch);
    if (bytes.length > MAX_BATCH_BYTES) throw tooLarge(`${bytes.length} bytes`, this.maxBatch);
    const key = anchorBatchKey(toHex(batchIdOf(batch.claim)));
    return new Promise<BatchReceipt>((resolve, reject) => this.enqueue({ batch, bytes, key, hexes, resolve, reject }));
  }

  /** Several signed batches (each verified on its own). */
  anchorMany(batches: readonly AnchorBatch[]): Promise<BatchReceipt[]> {
    return Promise.all(batches.map((b) => this.anchor(b)));
  }

  private enqueue(q: Queued): void {
    this.queue.push(q);
    for (const h of q.hexes) this.pendingKeys.set(h, (this.pendingKeys.get(h) ?? 0) + 1);
    this.kick();
  }

  private kick(): void {
    while (this.submitting < MAX_SUBMITS_IN_FLIGHT && this.queue.length > 0) {
      this.submitting++;
      let released = false;
      const release = (): void => {
        if (released) return;
        released = true;
        this.submitting--;
        this.kick();
      };
      void this.commitBatch(release).finally(release);
    }
  }

  /** Submit the next tx; `release` once it is committed (its proofs are fetched while the next tx goes). */
  private async commitBatch(release: () => void): Promise<void> {
    // Whole signed batches up to the chain's cap per tx and a tx that fits NATS's max_payload (at least one).
    let n = 0;
    let anchors = 0;
    let bytes = 0;
    while (
      n < this.queue.length &&
      n < 1000 &&
      (n === 0 || (anchors + this.queue[n]!.hexes.length <= this.maxBatch && bytes + this.queue[n]!.bytes.length <= MAX_BATCH_BYTES))
    ) {
      anchors += this.queue[n]!.hexes.length;
      bytes += this.queue[n++]!.bytes.length;
    }
    const batch = this.queue.splice(0, n);
    try {
      // One copy of a batch per tx (the chain skips a replay anyway).
      const first = new Map<string, Queued>();
      for (const q of batch) if (!first.has(q.key)) first.set(q.key, q);
      const txId = `anchors:${this.clock.now()}:${++this.txSeq}:${first.keys().next().value!.slice(13, 29)}`;
      const committed = await this.ledger.submit('anchor.put', txId, {
        type: 'anchor_batch',
        schema: 2,
        batches: [...first.values()].map((q) => toBase64url(q.bytes)),
      });
      release();
      const proofs = await this.ledger.proveMany([...first.keys()]);
      const byKey = new Map(proofs.map((p) => [p.key, p]));
      for (const q of batch) {
        const bundle = byKey.get(q.key)!;
        const stored = storedFromMemory(q, bundle.value!);
        // A batch already on chain before this tx (a replay) anchored nothing now: its record is
        // from another block. (A retried tx, `already_committed`, names no block: its batches count as its own.)
        const replay = first.get(q.key) !== q || (committed.outcome === 'committed' && stored.height !== committed.height);
        const earlier = new Set(stored.anchoredEarlier);
        q.resolve({
          batchId: q.key.slice('anchor-batch/'.length),
          outcomes: q.hexes.map((_, i) => (replay || earlier.has(i) ? 'already_anchored' : 'anchored')),
          batch: stored,
          height: committed.height,
          timeMs: committed.timeMs,
          bundle,
        });
      }
    } catch (e) {
      for (const q of batch) q.reject(e);
    } finally {
      for (const q of batch)
        for (const h of q.hexes) {
          const c = (this.pendingKeys.get(h) ?? 1) - 1;
          if (c <= 0) this.pendingKeys.delete(h);
          else this.pendingKeys.set(h, c);
        }
    }
  }

  /** Is `contentHash` anchored? Answers with the proofs either way (absence is proven too). */
  async verifyHash(contentHash: Uint8Array): Promise<EvidenceVerdict> {
    assertBytes(contentHash, 32, 'contentHash');
    const key = anchorKey(contentHash);
    const bundle = await this.ledger.prove(key);
    if (bundle.value === null)
      return this.pendingKeys.has(toHex(contentHash))
        ? { status: 'pending', contentHash }
        : { status: 'not_anchored', contentHash, bundle };
    const pointer = decodeAnchorPointer(bundle.value);
    const batchKey = anchorBatchKey(toHex(pointer.batchId));
    const batchBundle = await this.ledger.prove(batchKey);
    const stored = this.storedBatch(batchKey, batchBundle.value!);
    return { status: 'anchored', contentHash, anchor: anchoredOf(stored, pointer.index, pointer.anchoredAtMs), bundle, batchBundle };
  }

  /** A batch record decoded once: its value never changes once written (the same bytes decode the same). */
  private storedBatch(key: string, value: Uint8Array): StoredAnchorBatch {
    const hit = this.decoded.get(key);
    if (hit !== undefined && sameBytes(hit.value, value)) return hit.stored;
    const stored = decodeStoredBatch(value);
    if (this.decoded.size >= 64) this.decoded.delete(this.decoded.keys().next().value!);
    this.decoded.set(key, { value, stored });
    return stored;
  }

  /** Verify a file by its bytes: a single changed byte answers `not_anchored`. */
  verifyContent(content: Uint8Array): Promise<EvidenceVerdict> {
    assertBytes(content, undefined, 'content');
    return this.verifyHash(sha256(content));
  }
}

/** Equal bytes by memcmp (public values: no constant time needed; batch records run to tens of KB). */
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean =>
  a.length === b.length && Buffer.from(a.buffer, a.byteOffset, a.length).equals(Buffer.from(b.buffer, b.byteOffset, b.length));

/** The stored batch record of a queued batch: its bytes as sent, then the chain's tail (read alone). */
function storedFromMemory(q: Queued, value: Uint8Array): StoredAnchorBatch {
  if (value.length < q.bytes.length || !sameBytes(value.subarray(0, q.bytes.length), q.bytes)) return decodeStoredBatch(value);
  const view = new DataView(value.buffer, value.byteOffset + q.bytes.length, value.length - q.bytes.length);
  const anchoredAtMs = view.getUint32(0) * 0x1_0000_0000 + view.getUint32(4);
  const height = view.getUint32(8) * 0x1_0000_0000 + view.getUint32(12);
  const k = view.getUint32(16);
  const anchoredEarlier: number[] = [];
  for (let i = 0; i < k; i++) anchoredEarlier.push(view.getUint32(20 + 4 * i));
  return { ...q.batch, batchId: batchIdOf(q.batch.claim), anchoredAtMs, height, anchoredEarlier };
}

/**
 * The pointer `anchor/<contentHash>` and the batch record it names agree: the batch is the one
 * named (`batchId` = sha256(claimBytes)), its leaf at the index is this hash and was anchored by
 * this batch (not listed under `anchoredEarlier`), and its leaves hash to the signed root.
 * @throws VerificationError `anchor_batch_mismatch` | `anchor_index_invalid` | `anchor_hash_mismatch` | `anchor_path_invalid`
 */
export function checkAnchorInBatch(contentHash: Uint8Array, pointer: AnchorPointer, stored: StoredAnchorBatch): AnchoredEvidence {
  if (!equalBytes(stored.batchId, pointer.batchId)) throw refused('anchor_batch_mismatch', 'the batch record holds another claim');
  if (pointer.index >= stored.claim.size)
    throw refused('anchor_index_invalid', `anchor index ${pointer.index} is outside the batch of ${stored.claim.size}`);
  if (!equalBytes(stored.hashes[pointer.index]!, contentHash))
    throw refused('anchor_hash_mismatch', 'the batch leaf the anchor names is another hash');
  if (stored.anchoredEarlier.includes(pointer.index))
    throw refused('anchor_batch_mismatch', 'the batch says an earlier batch anchored this hash');
  checkBatchRoot(stored);
  return anchoredOf(stored, pointer.index, pointer.anchoredAtMs);
}

/** What an offline check of a verdict established (STYLE.md 5). */
export interface VerifiedEvidence {
  status: 'anchored' | 'not_anchored';
  bundle: RecordBundleEvidence;
  anchor?: AnchoredEvidence;
  /** The submitter's batch signature: verified, or not checkable (no key known). */
  submitter: 'signature_verified' | 'no_claim' | 'key_unknown';
}

export interface VerifyEvidenceOptions extends VerifyRecordBundleOptions {
  /** The key `kid` of `did` at `atMs` for registry DIDs; `did:key` is self-certifying. */
  keyOf?: (did: string, kid: string, atMs: number) => Uint8Array | undefined;
}

const refused = (reason: Reason, message: string): VerificationError => new VerificationError(reason, message);

/**
 * Check a verdict offline (a party holding the file and the two bundles): `anchor/<hash>` is
 * proven present or absent against a quorum-signed header; when present, its batch record is
 * proven too, the batch is the one the pointer names (`batchId` = sha256(claimBytes)), its leaf
 * at the pointer's index names this hash and was anchored by this batch, the leaves hash to the
 * signed root and the submitter's signature verifies.
 * @throws VerificationError `bundle_*` reasons, `anchor_hash_mismatch`, `anchor_index_invalid`,
 *   `anchor_batch_mismatch`, `anchor_path_invalid`, `submitter_signature_invalid`
 */
export function verifyEvidenceVerdict(
  contentHash: Uint8Array,
  bundle: ProvenRecord,
  batchBundle: ProvenRecord | undefined,
  judicialChainId: string,
  opts: VerifyEvidenceOptions = {},
): VerifiedEvidence {
  const ev = verifyRecordBundle(bundle, { chainId: judicialChainId, key: anchorKey(contentHash) }, opts);
  if (ev.kind === 'absent') return { status: 'not_anchored', bundle: ev, submitter: 'no_claim' };
  const pointer = readAnchorPointer(ev.value!);
  if (batchBundle === undefined) throw refused('anchor_batch_mismatch', "the anchor's batch record was not given");
  const bev = verifyRecordBundle(batchBundle, { chainId: judicialChainId, key: anchorBatchKey(toHex(pointer.batchId)) }, opts);
  if (bev.kind === 'absent') throw refused('anchor_batch_mismatch', 'the batch the anchor names is not on chain');
  const { anchor, submitter } = verifyAnchorRecords(contentHash, pointer, bev.value!, opts.keyOf);
  return { status: 'anchored', bundle: ev, anchor, submitter };
}

/** The proven value of `anchor/<hash>` as a pointer into its batch. @throws VerificationError `anchor_batch_mismatch` */
export function readAnchorPointer(value: Uint8Array): AnchorPointer {
  try {
    return decodeAnchorPointer(value);
  } catch (e) {
    throw refused('anchor_batch_mismatch', `the anchor record is not a pointer into a batch (${(e as Error).message})`);
  }
}

/**
 * The two proven values of an anchored file, checked together (their SMT proofs already
 * checked): the pointer (`readAnchorPointer` of `anchor/<hash>`), its batch record decodes and
 * holds the file at the pointer's index under the signed root, and the submitter's signature
 * verifies when its key is known (`did:key`, or `keyOf`).
 * @throws VerificationError `anchor_batch_mismatch` | `anchor_index_invalid` | `anchor_hash_mismatch` |
 *   `anchor_path_invalid` | `submitter_signature_invalid`
 */
export function verifyAnchorRecords(
  contentHash: Uint8Array,
  pointer: AnchorPointer,
  batchRecordValue: Uint8Array,
  keyOf?: (did: string, kid: string, atMs: number) => Uint8Array | undefined,
): { anchor: AnchoredEvidence; submitter: 'signature_verified' | 'key_unknown' } {
  let stored: StoredAnchorBatch;
  try {
    stored = decodeStoredBatch(batchRecordValue);
  } catch (e) {
    throw refused('anchor_batch_mismatch', `the batch record does not decode (${(e as Error).message})`);
  }
  const anchor = checkAnchorInBatch(contentHash, pointer, stored);
  const { submitterDid, kid, signedAtMs } = stored.claim;
  const pk = publicKeyOfDidKey(submitterDid) ?? keyOf?.(submitterDid, kid, signedAtMs);
  if (pk === undefined) return { anchor, submitter: 'key_unknown' };
  if (checkSignatureShape(stored.signature, pk) !== 'ok' || !verify(stored.signature, claimSigningInput(stored.claim), pk))
    throw refused('submitter_signature_invalid', `the anchor's batch signature does not verify under ${kid}`);
  return { anchor, submitter: 'signature_verified' };
}
