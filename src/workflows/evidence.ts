/**
 * Evidence anchoring (policy: "evidence and served documents stored tamper-proof and
 * verifiable online by the parties"). Only the hash of a piece of evidence goes on the judicial
 * chain (adapters/judicial: `anchor/<sha256 hex>`, tx `anchor.put`), never its content, with its
 * metadata and the submitter's signature.
 *
 * Batch claims (one signature per batch, after RFC 6962 receipts): a submitter anchoring many
 * files signs ONE claim over the RFC 6962 root (src/proof/binary-merkle.ts) of the batch's
 * leaves; each anchor carries its audit path. The gateway verifies one signature per batch (on
 * the thread pool, `verifyAsync`) and a few dozen hashes per anchor; a single anchor is a batch
 * of one (root = its leaf hash, empty path). Fixed layouts (pinned by test/vectors/evidence.json):
 *   metadataBytes = u32 n, n x (string name, string value)            names sorted and unique
 *   leafData      = fixed32 contentHash || fixed32 sha256(metadataBytes)
 *   leaf hash     = sha256(0x00 || leafData)                          (RFC 6962 §2.1)
 *   claimBytes    = string submitterDid, string kid, u64 signedAtMs, u32 size, fixed32 root
 *   signature     = sign(signingInput(SignTag.Evidence, claimBytes))  compact 64 bytes, low-S
 * (SignTag.Evidence named the former per-anchor protobuf claim; that format is gone, so the tag
 * still separates evidence claims from every other signed thing.)
 *
 * On chain, each anchor's record keeps its claim (metadata, kid, signedAtMs, root, size, index,
 * path, signature) so a party re-verifies one anchor offline. The first anchoring of a hash
 * stands (the judicial contract's rule): a later anchor of the same bytes answers with it.
 *
 * Metadata names the judicial record reads: `kind` (evidence | case_file | served_document,
 * default evidence), `title` (default "untitled"), `case_id` (optional).
 */
import { signingInput, sha256, SignTag, type SigningInput } from '../crypto/hash.js';
import { checkSignatureShape, verify, verifyAsync } from '../crypto/signature-suite.js';
import { assertBytes, ByteWriter, equalBytes, fromBase64url, fromHex, toBase64url, toHex } from '../encoding/bytes.js';
import { CourtbridgeError, ErrorCode, VerificationError, isCourtbridgeError, type Reason } from '../errors.js';
import type { Authority } from '../identity/authority.js';
import { publicKeyOfDidKey } from '../identity/did-key.js';
import type { Signer } from '../identity/signer.js';
import { allAuditPaths, leafHash, merkleRootOfLeafHashes, verifyAuditPath } from '../proof/binary-merkle.js';
import { readTyped } from '../chain/ledger/record.js';
import { ANCHOR_KINDS, readAnchor, type AnchorClaim, type AnchorKind, type EvidenceAnchor } from '../judicial/records.js';
import type { CanonicalObject } from '../encoding/canonical-json.js';
import type { Clock, JudicialLedger, ProvenRecord } from './ports.js';
import { assertNotRevokedNow } from './revocation.js';
import { verifyRecordBundle, type RecordBundleEvidence, type VerifyRecordBundleOptions } from '../verify/record-bundle.js';

/** One metadata entry; entries sorted by name, names unique. */
export interface MetadataEntry {
  name: string;
  value: string;
}

/** One file to anchor: its sha256 and what the submitter says about it. */
export interface EvidenceItem {
  contentHash: Uint8Array;
  metadata: MetadataEntry[];
}

/** What a submitter signs: the root of a batch of items. */
export interface BatchClaim {
  submitterDid: string;
  kid: string;
  signedAtMs: number;
  /** Number of leaves in the batch. */
  size: number;
  /** RFC 6962 root of the batch's leaves. */
  root: Uint8Array;
}

/** One anchor's claim as its submitter made it (proto EvidenceClaim): the item, who, when. */
export interface EvidenceClaim extends EvidenceItem {
  submitterDid: string;
  kid: string;
  signedAtMs: number;
}

/** Where a claim sits in the batch its submitter signed. */
export interface BatchPosition {
  /** Number of leaves in the batch. */
  size: number;
  /** RFC 6962 root of the batch's leaves. */
  root: Uint8Array;
  index: number;
  /** Audit path of leaf `index` (deepest sibling first). */
  path: Uint8Array[];
}

/** One anchor as submitted: its claim, its place in the signed batch, the batch signature. */
export interface AnchorEntry {
  claim: EvidenceClaim;
  batch: BatchPosition;
  signature: Uint8Array;
}

/** The signed batch claim an entry belongs to. */
export const batchClaimOf = (e: AnchorEntry): BatchClaim => ({
  submitterDid: e.claim.submitterDid,
  kid: e.claim.kid,
  signedAtMs: e.claim.signedAtMs,
  size: e.batch.size,
  root: e.batch.root,
});

/** Anchored (in a committed block, proven), pending (queued) or not anchored (proven absent). */
export type AnchorStatus = 'anchored' | 'pending' | 'not_anchored';

/** Receipt of one anchoring: the anchor as on chain and its inclusion proof. */
export interface EvidenceReceipt {
  anchorId: string;
  /** `anchored` by this submission, or `already_anchored` (an earlier anchoring of these bytes stands). */
  outcome: 'anchored' | 'already_anchored';
  /** The anchor as the chain holds it (the first anchoring). */
  record: EvidenceAnchor;
  /** The submitted entry. */
  entry: AnchorEntry;
  height: number;
  timeMs: number;
  /** `anchor/<hash>` with its membership proof against the committed signed header. */
  bundle: ProvenRecord;
}

/** Verdict of a verification by hash or by content. */
export interface EvidenceVerdict {
  status: AnchorStatus;
  contentHash: Uint8Array;
  /** The anchor record when anchored. */
  record?: EvidenceAnchor;
  /** The submitter's entry (claim, batch position, signature) as the record keeps it: 0 or 1 (the first anchoring stands). */
  anchors: AnchorEntry[];
  /** The proof: membership when anchored, non-membership when not anchored; absent when pending. */
  bundle?: ProvenRecord;
}

export const MAX_METADATA_BYTES = 4096;
export const MAX_METADATA_ENTRIES = 32;
/** At most this many leaves in one signed batch (audit paths stay <= 20 hashes). */
export const MAX_CLAIM_BATCH = 1 << 20;

export const anchorKey = (contentHash: Uint8Array): string => `anchor/${toHex(contentHash)}`;

const invalid = (reason: Reason, message: string): CourtbridgeError => new CourtbridgeError(ErrorCode.InvalidArgument, reason, message);

export function metadataBytes(metadata: readonly MetadataEntry[]): Uint8Array {
  const w = new ByteWriter().u32(metadata.length);
  for (const m of metadata) w.string(m.name).string(m.value);
  return w.finish();
}

export function leafDataOf(item: EvidenceItem): Uint8Array {
  return new ByteWriter()
    .fixed(item.contentHash, 32, 'contentHash')
    .fixed(sha256(metadataBytes(item.metadata)), 32, 'metadataHash')
    .finish();
}

export const evidenceLeafHash = (item: EvidenceItem): Uint8Array => leafHash(leafDataOf(item));

export function claimBytes(c: BatchClaim): Uint8Array {
  return new ByteWriter().string(c.submitterDid).string(c.kid).u64(c.signedAtMs).u32(c.size).fixed(c.root, 32, 'root').finish();
}

export const claimSigningInput = (c: BatchClaim): SigningInput => signingInput(SignTag.Evidence, claimBytes(c));

const sortMetadata = (m: readonly MetadataEntry[]): MetadataEntry[] =>
  [...m].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));

/** Sign a batch of items with one signature (the submitter's side); one entry per item, with its path. */
export function signEvidenceBatch(signer: Signer, items: readonly EvidenceItem[], signedAtMs: number): AnchorEntry[] {
  if (items.length === 0 || items.length > MAX_CLAIM_BATCH) throw invalid('batch_size_invalid', `items: 1 to ${MAX_CLAIM_BATCH}`);
  const sorted = items.map((it, i) => {
    const item = { contentHash: it.contentHash, metadata: sortMetadata(it.metadata) };
    checkItem(item, `items[${i}]`);
    return item;
  });
  const { root, paths } = allAuditPaths(sorted.map(evidenceLeafHash));
  const claim: BatchClaim = { submitterDid: signer.did, kid: signer.kid, signedAtMs, size: sorted.length, root };
  checkClaim(claim, 'claim');
  const signature = signer.sign(claimSigningInput(claim));
  return sorted.map((item, index) => ({
    claim: { ...item, submitterDid: signer.did, kid: signer.kid, signedAtMs },
    batch: { size: sorted.length, root, index, path: paths[index]! },
    signature,
  }));
}

/** A single anchor: a batch of one (root = its leaf hash, empty path). */
export function signEvidenceClaim(signer: Signer, contentHash: Uint8Array, metadata: MetadataEntry[], signedAtMs: number): AnchorEntry {
  return signEvidenceBatch(signer, [{ contentHash, metadata }], signedAtMs)[0]!;
}

const CASE_ID = /^[^/\u0000-\u001f\u007f]{1,128}$/u;

/**
 * Stateless checks of an item where it enters (STYLE.md 8); the metadata the judicial record
 * reads must fit its schema, or the whole batch transaction would be refused.
 * @throws CourtbridgeError INVALID_ARGUMENT `hash_malformed` | `metadata_too_large` | `metadata_unsorted` | `claim_malformed`
 */
export function checkItem(it: EvidenceItem, title: string): void {
  if (!(it?.contentHash instanceof Uint8Array) || it.contentHash.length !== 32)
    throw invalid('hash_malformed', `${title}.contentHash: expected 32 bytes (sha256)`);
  if (!Array.isArray(it.metadata) || it.metadata.length > MAX_METADATA_ENTRIES)
    throw invalid('metadata_too_large', `${title}.metadata: at most ${MAX_METADATA_ENTRIES} entries`);
  let size = 0;
  for (let i = 0; i < it.metadata.length; i++) {
    const m = it.metadata[i]!;
    if (typeof m?.name !== 'string' || typeof m.value !== 'string' || m.name.length === 0 || m.name.length > 200)
      throw invalid('claim_malformed', `${title}.metadata[${i}]: expected { name, value }`);
    if (i > 0 && !(it.metadata[i - 1]!.name < m.name))
      throw invalid('metadata_unsorted', `${title}.metadata: names must be unique and sorted`);
    size += m.name.length + m.value.length;
    if (m.name === 'kind' && !(ANCHOR_KINDS as readonly string[]).includes(m.value))
      throw invalid('claim_malformed', `${title}.metadata.kind: one of ${ANCHOR_KINDS.join(', ')}`);
    if (m.name === 'title' && (m.value.length === 0 || m.value.length > 300))
      throw invalid('claim_malformed', `${title}.metadata.title: 1 to 300 characters`);
    if (m.name === 'case_id' && !CASE_ID.test(m.value))
      throw invalid('claim_malformed', `${title}.metadata.case_id: 1 to 128 characters, no '/'`);
  }
  if (size > MAX_METADATA_BYTES) throw invalid('metadata_too_large', `${title}.metadata: ${size} bytes, at most ${MAX_METADATA_BYTES}`);
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
 * One entry, checked alone (a party's or the evidence page's re-check): its leaf sits under the
 * signed root, and the submitter's batch signature verifies under the key its DID held.
 * @throws VerificationError `anchor_path_invalid` | `submitter_signature_invalid` | `revoked`
 */
export async function verifyAnchorEntry(e: AnchorEntry, authority: Authority): Promise<void> {
  checkBatchMembership([e]);
  await verifyBatchClaim(batchClaimOf(e), e.signature, authority);
}

/** Stateless checks of a submitted entry. */
export function checkEntry(e: AnchorEntry, title: string): void {
  checkItem(e?.claim, `${title}.claim`);
  if (typeof e.batch !== 'object' || e.batch === null) throw invalid('claim_malformed', `${title}.batch: required`);
  checkClaim(batchClaimOf(e), `${title}.claim`);
  assertBytes(e.signature, 64, `${title}.signature`);
  if (!Number.isSafeInteger(e.batch.index) || e.batch.index < 0 || e.batch.index >= e.batch.size)
    throw invalid('claim_malformed', `${title}.batch.index: outside the batch of ${e.batch.size}`);
  if (!Array.isArray(e.batch.path) || e.batch.path.length > 40 || e.batch.path.some((p) => !(p instanceof Uint8Array) || p.length !== 32))
    throw invalid('claim_malformed', `${title}.batch.path: at most 40 hashes of 32 bytes`);
}

/** The batch an entry belongs to: same claim and signature. */
const batchKeyOf = (e: AnchorEntry): string =>
  `${e.claim.submitterDid}\u0000${e.claim.kid}\u0000${e.claim.signedAtMs}\u0000${e.batch.size}\u0000${toHex(e.batch.root)}\u0000${toHex(e.signature)}`;

/**
 * Check that every entry of one batch sits under its root: a complete batch (every index once) is
 * checked by recomputing the root (n hashes), a partial one by each entry's audit path.
 * @throws VerificationError UNAUTHENTICATED `anchor_path_invalid`
 */
export function checkBatchMembership(entries: readonly AnchorEntry[]): void {
  const c = entries[0]!.batch;
  const leaves = entries.map((e) => evidenceLeafHash(e.claim));
  if (entries.length === c.size) {
    const ordered: Uint8Array[] = new Array<Uint8Array>(c.size);
    for (let i = 0; i < entries.length; i++) ordered[entries[i]!.batch.index] = leaves[i]!;
    let complete = true;
    for (let i = 0; i < c.size; i++) if (ordered[i] === undefined) complete = false;
    if (complete && equalBytes(merkleRootOfLeafHashes(ordered), c.root)) return;
  }
  entries.forEach((e, i) => {
    try {
      verifyAuditPath(leaves[i]!, e.batch.index, c.size, e.batch.path, c.root);
    } catch (err) {
      throw new VerificationError(
        'anchor_path_invalid',
        `anchor ${toHex(e.claim.contentHash).slice(0, 16)}… is not under the signed root (${isCourtbridgeError(err) ? err.reason : 'path rejected'})`,
        { code: ErrorCode.Unauthenticated, cause: err },
      );
    }
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

/** The judicial anchor item (tx body) for an entry. */
export function anchorItemOf(e: AnchorEntry): CanonicalObject {
  const meta = new Map(e.claim.metadata.map((m) => [m.name, m.value]));
  const claim: AnchorClaim = {
    metadata: e.claim.metadata,
    kid: e.claim.kid,
    signedAtMs: e.claim.signedAtMs,
    batchRoot: toHex(e.batch.root),
    batchSize: e.batch.size,
    index: e.batch.index,
    path: e.batch.path.map(toHex),
    signature: toBase64url(e.signature),
  };
  const caseId = meta.get('case_id');
  return {
    hash: toHex(e.claim.contentHash),
    kind: (meta.get('kind') ?? 'evidence') as AnchorKind,
    submitter: e.claim.submitterDid,
    title: meta.get('title') ?? 'untitled',
    ...(caseId === undefined ? {} : { caseId }),
    claim: claim as unknown as CanonicalObject,
  };
}

/** Rebuild the submitted entry from an anchor record that carries its claim. */
export function entryOfRecord(r: EvidenceAnchor): AnchorEntry | undefined {
  if (r.claim === undefined) return undefined;
  const c = r.claim;
  return {
    claim: {
      contentHash: fromHex(r.hash, 'hash'),
      metadata: c.metadata.map((m) => ({ name: m.name, value: m.value })),
      submitterDid: r.submitter,
      kid: c.kid,
      signedAtMs: c.signedAtMs,
    },
    batch: { size: c.batchSize, root: fromHex(c.batchRoot, 'batchRoot'), index: c.index, path: c.path.map((p) => fromHex(p, 'path')) },
    signature: fromBase64url(c.signature, 'signature'),
  };
}

export const decodeAnchorRecord = (value: Uint8Array, key = 'anchor'): EvidenceAnchor => readTyped(value, key, 'anchor', 1, readAnchor);

export interface EvidenceRegistryOptions {
  ledger: JudicialLedger;
  authority: Authority;
  clock: Clock;
  /** At most this many anchors per `anchor.put` transaction (default 10,000, the chain's cap). */
  maxBatch?: number;
}

interface Queued {
  key: string;
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
  private readonly pendingKeys = new Map<string, number>();
  private inFlight: Promise<void> | undefined;
  private batchSeq = 0;
  /** Verified batch claims (bounded): entries of one batch arriving one by one verify it once. */
  private readonly verified = new Map<string, Promise<void>>();

  constructor(opts: EvidenceRegistryOptions) {
    this.ledger = opts.ledger;
    this.authority = opts.authority;
    this.clock = opts.clock;
    this.maxBatch = Math.min(opts.maxBatch ?? 10_000, 10_000);
  }

  /** Verify, queue and commit one anchor; resolves with its receipt (inclusion proof included). */
  async anchor(entry: AnchorEntry): Promise<EvidenceReceipt> {
    return (await this.anchorMany([entry]))[0]!;
  }

  /**
   * Verify and anchor many entries: grouped by batch claim, ONE signature check per batch (thread
   * pool), membership by root recomputation or audit path; then queued for group commit.
   * @throws CourtbridgeError / VerificationError naming the first rejected entry's reason
   */
  async anchorMany(entries: readonly AnchorEntry[]): Promise<EvidenceReceipt[]> {
    for (const [i, e] of entries.entries()) checkEntry(e, `entries[${i}]`);
    const groups = new Map<string, AnchorEntry[]>();
    for (const e of entries) {
      const k = batchKeyOf(e);
      const g = groups.get(k);
      if (g) g.push(e);
      else groups.set(k, [e]);
    }
    await Promise.all(
      [...groups].map(async ([k, g]) => {
        checkBatchMembership(g);
        // Not cached with the signature verdict: a revocation takes effect at once (revocation.ts).
        assertNotRevokedNow(this.authority, g[0]!.claim.submitterDid, g[0]!.claim.kid, this.clock.now());
        await this.verifyOnce(k, g[0]!);
      }),
    );
    return Promise.all(
      entries.map(
        (entry) =>
          new Promise<EvidenceReceipt>((resolve, reject) =>
            this.enqueue({ key: anchorKey(entry.claim.contentHash), entry, resolve, reject }),
          ),
      ),
    );
  }

  private verifyOnce(k: string, e: AnchorEntry): Promise<void> {
    let p = this.verified.get(k);
    if (!p) {
      p = verifyBatchClaim(batchClaimOf(e), e.signature, this.authority);
      p.catch(() => this.verified.delete(k));
      if (this.verified.size >= 4096) this.verified.delete(this.verified.keys().next().value!);
      this.verified.set(k, p);
    }
    return p;
  }

  private enqueue(q: Queued): void {
    this.queue.push(q);
    this.pendingKeys.set(q.key, (this.pendingKeys.get(q.key) ?? 0) + 1);
    this.kick();
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
      // The chain refuses a hash twice in one tx (`duplicate_anchor`): the first copy goes on
      // chain, later copies answer with the record that stands.
      const first = new Map<string, Queued>();
      for (const q of batch) if (!first.has(q.key)) first.set(q.key, q);
      const items = [...first.values()].map((q) => anchorItemOf(q.entry));
      const batchId = `anchors:${this.clock.now()}:${++this.batchSeq}:${toHex(sha256(batch[0]!.entry.claim.contentHash)).slice(0, 16)}`;
      await this.ledger.submit('anchor.put', batchId, { type: 'anchor_batch', schema: 1, anchors: items });
      const proofs = await this.ledger.proveMany([...first.keys()]);
      const byKey = new Map(proofs.map((p) => [p.key, p]));
      for (const q of batch) {
        const bundle = byKey.get(q.key)!;
        const record = decodeAnchorRecord(bundle.value!, q.key);
        const mine = first.get(q.key) === q && record.txId === batchId;
        const committed = bundle.light.signedHeader.header;
        q.resolve({
          anchorId: q.key,
          outcome: mine ? 'anchored' : 'already_anchored',
          record,
          entry: q.entry,
          height: committed.height,
          timeMs: committed.timeMs,
          bundle,
        });
      }
    } catch (e) {
      for (const q of batch) q.reject(e);
    } finally {
      for (const q of batch) {
        const n = (this.pendingKeys.get(q.key) ?? 1) - 1;
        if (n <= 0) this.pendingKeys.delete(q.key);
        else this.pendingKeys.set(q.key, n);
      }
    }
  }

  /** Is `contentHash` anchored? Answers with the proof either way (absence is proven too). */
  async verifyHash(contentHash: Uint8Array): Promise<EvidenceVerdict> {
    assertBytes(contentHash, 32, 'contentHash');
    const key = anchorKey(contentHash);
    const bundle = await this.ledger.prove(key);
    if (bundle.value === null)
      return this.pendingKeys.has(key)
        ? { status: 'pending', contentHash, anchors: [] }
        : { status: 'not_anchored', contentHash, anchors: [], bundle };
    const record = decodeAnchorRecord(bundle.value, key);
    const entry = entryOfRecord(record);
    return { status: 'anchored', contentHash, record, anchors: entry ? [entry] : [], bundle };
  }

  /** Verify a file by its bytes: a single changed byte answers `not_anchored`. */
  verifyContent(content: Uint8Array): Promise<EvidenceVerdict> {
    assertBytes(content, undefined, 'content');
    return this.verifyHash(sha256(content));
  }
}

/** What an offline check of a verdict established (STYLE.md 5). */
export interface VerifiedEvidence {
  status: 'anchored' | 'not_anchored';
  bundle: RecordBundleEvidence;
  record?: EvidenceAnchor;
  /** The submitter's batch signature: verified, or not checkable (no claim, or no key known). */
  submitter: 'signature_verified' | 'no_claim' | 'key_unknown';
}

export interface VerifyEvidenceOptions extends VerifyRecordBundleOptions {
  /** The key `kid` of `did` at `atMs` for registry DIDs; `did:key` is self-certifying. */
  keyOf?: (did: string, kid: string, atMs: number) => Uint8Array | undefined;
}

/**
 * Check a verdict offline (a party holding the file and the bundle): the bundle proves
 * `anchor/<hash>` present or absent against a quorum-signed header; an anchor names this hash,
 * its leaf sits under the signed root and the submitter's signature verifies.
 * @throws VerificationError `bundle_*` reasons, `anchor_hash_mismatch`, `anchor_path_invalid`, `submitter_signature_invalid`
 */
export function verifyEvidenceVerdict(
  contentHash: Uint8Array,
  bundle: ProvenRecord,
  judicialChainId: string,
  opts: VerifyEvidenceOptions = {},
): VerifiedEvidence {
  const ev = verifyRecordBundle(bundle, { chainId: judicialChainId, key: anchorKey(contentHash) }, opts);
  if (ev.kind === 'absent') return { status: 'not_anchored', bundle: ev, submitter: 'no_claim' };
  const record = decodeAnchorRecord(ev.value!);
  if (record.hash !== toHex(contentHash))
    throw new VerificationError('anchor_hash_mismatch', 'the anchor under this key names another hash');
  const entry = entryOfRecord(record);
  if (entry === undefined) return { status: 'anchored', bundle: ev, record, submitter: 'no_claim' };
  checkBatchMembership([entry]);
  const pk = publicKeyOfDidKey(entry.claim.submitterDid) ?? opts.keyOf?.(entry.claim.submitterDid, entry.claim.kid, entry.claim.signedAtMs);
  if (pk === undefined) return { status: 'anchored', bundle: ev, record, submitter: 'key_unknown' };
  if (checkSignatureShape(entry.signature, pk) !== 'ok' || !verify(entry.signature, claimSigningInput(batchClaimOf(entry)), pk)) {
    throw new VerificationError('submitter_signature_invalid', `the anchor's batch signature does not verify under ${entry.claim.kid}`);
  }
  return { status: 'anchored', bundle: ev, record, submitter: 'signature_verified' };
}
