/**
 * The binary layout of evidence anchors on the judicial chain (pinned by
 * test/vectors/evidence.json). A submitter signs ONE claim per batch; the chain stores the batch
 * once and each anchored hash as a small fixed-size pointer into it:
 *
 *   metadataBytes = u32 n, n x (string name, string value)          names sorted and unique
 *   leafData      = fixed32 contentHash || fixed32 sha256(metadataBytes)
 *   leaf hash     = sha256(0x00 || leafData)                        (RFC 6962 §2.1)
 *   claimBytes    = string submitterDid, string kid, u64 signedAtMs, u32 size, fixed32 root
 *   signature     = sign(signingInput(SignTag.Evidence, claimBytes)) compact 64 bytes, low-S
 *   batchId       = sha256(claimBytes)
 *
 *   batchBytes (submitted; tx `anchor.put` carries them base64url):
 *     u8 0x02, claimBytes, fixed64 signature,
 *     u32 m, m x bytes(metadataBytes)                               distinct metadata sets
 *     size x (fixed32 contentHash, u32 metadataIndex)               leaf i, in order
 *   `anchor-batch/<batchId hex>` = batchBytes || u64 anchoredAtMs || u64 height
 *                                  || u32 k || k x u32 index        indices anchored earlier, ascending
 *   `anchor/<contentHash hex>`   = u8 0x02 || fixed32 batchId || u32 index || u64 anchoredAtMs   (45 bytes)
 *
 * (strings: u32 byte length || UTF-8; integers big-endian.) An anchor's proof is its record's
 * SMT proof plus its batch record's: the batch record holds every leaf, so the root, and the
 * position of the anchor under it, are recomputed; no audit path is stored.
 * Pure: bytes in, values or a RangeError out.
 */
import { hash } from 'node:crypto';
import { sha256, sha256Concat } from '../crypto/hash.js';
import { merkleRootOfLeafHashes } from '../proof/binary-merkle.js';
import { ByteReader, ByteWriter, equalBytes } from '../encoding/bytes.js';

export const ANCHOR_LAYOUT = 2;
export const ANCHOR_RECORD_BYTES = 45;
/** At most this many leaves in one signed batch (the layout's bound). */
export const MAX_CLAIM_BATCH = 1 << 20;
/**
 * What the gateway accepts in one signed batch: its bytes go base64url inside a judicial tx over
 * NATS (default max_payload 1 MiB), so a batch stays well below it; the chain takes at most
 * 10,000 anchors per tx. A larger set of items is split into several signed batches.
 */
export const MAX_BATCH_BYTES = 700_000;
export const MAX_BATCH_LEAVES = 10_000;
export const MAX_METADATA_BYTES = 4096;
export const MAX_METADATA_ENTRIES = 32;

export const anchorBatchKey = (batchIdHex: string): string => `anchor-batch/${batchIdHex}`;

export interface MetadataEntry {
  name: string;
  value: string;
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

/** A signed batch as submitted and stored. */
export interface AnchorBatch {
  claim: BatchClaim;
  signature: Uint8Array;
  /** Distinct metadata sets (each sorted by name). */
  metadata: MetadataEntry[][];
  /** Leaf i: its content hash and the index of its metadata set. */
  hashes: Uint8Array[];
  metaIndex: Uint32Array;
}

/** A batch as the chain holds it. */
export interface StoredAnchorBatch extends AnchorBatch {
  batchId: Uint8Array;
  anchoredAtMs: number;
  height: number;
  /** Indices whose hash an earlier batch anchored first (that anchoring stands). */
  anchoredEarlier: number[];
}

/** `anchor/<hash>`: which batch anchored it first, where in it, when. */
export interface AnchorPointer {
  batchId: Uint8Array;
  index: number;
  anchoredAtMs: number;
}

export function metadataBytes(metadata: readonly MetadataEntry[]): Uint8Array {
  const w = new ByteWriter().u32(metadata.length);
  for (const m of metadata) w.string(m.name).string(m.value);
  return w.finish();
}

export function readMetadata(bytes: Uint8Array): MetadataEntry[] {
  const r = new ByteReader(bytes);
  const n = r.u32('metadata.n');
  if (n > MAX_METADATA_ENTRIES) throw new RangeError(`metadata: ${n} entries, at most ${MAX_METADATA_ENTRIES}`);
  const out: MetadataEntry[] = [];
  for (let i = 0; i < n; i++) out.push({ name: r.string('metadata.name'), value: r.string('metadata.value') });
  r.end('metadata');
  return out;
}

const LEAF = Uint8Array.of(0);
export const leafHashOf = (contentHash: Uint8Array, metadataHash: Uint8Array): Uint8Array => sha256Concat(LEAF, contentHash, metadataHash);

export function claimBytes(c: BatchClaim): Uint8Array {
  return new ByteWriter().string(c.submitterDid).string(c.kid).u64(c.signedAtMs).u32(c.size).fixed(c.root, 32, 'root').finish();
}

export const batchIdOf = (c: BatchClaim): Uint8Array => sha256(claimBytes(c));

export function encodeAnchorBatch(b: AnchorBatch): Uint8Array {
  const out = new ByteWriter().u8(ANCHOR_LAYOUT);
  out
    .string(b.claim.submitterDid)
    .string(b.claim.kid)
    .u64(b.claim.signedAtMs)
    .u32(b.claim.size)
    .fixed(b.claim.root, 32, 'root')
    .fixed(b.signature, 64, 'signature')
    .u32(b.metadata.length);
  for (const m of b.metadata) out.bytes(metadataBytes(m));
  for (let i = 0; i < b.hashes.length; i++) out.fixed(b.hashes[i]!, 32, 'contentHash').u32(b.metaIndex[i]!);
  return out.finish();
}

function readBatch(r: ByteReader): AnchorBatch {
  const version = r.u8('version');
  if (version !== ANCHOR_LAYOUT) throw new RangeError(`anchor batch: layout ${version}, expected ${ANCHOR_LAYOUT}`);
  const submitterDid = r.string('submitterDid');
  const kid = r.string('kid');
  const signedAtMs = r.u64n('signedAtMs');
  const size = r.u32('size');
  if (size < 1 || size > MAX_CLAIM_BATCH) throw new RangeError(`anchor batch: size ${size}, 1 to ${MAX_CLAIM_BATCH}`);
  const root = r.fixed(32, 'root').slice();
  const signature = r.fixed(64, 'signature').slice();
  const m = r.u32('metadata count');
  if (m > size) throw new RangeError(`anchor batch: ${m} metadata sets for ${size} leaves`);
  const metadata: MetadataEntry[][] = [];
  for (let i = 0; i < m; i++) metadata.push(readMetadata(r.bytes('metadata')));
  const hashes: Uint8Array[] = new Array<Uint8Array>(size);
  const metaIndex = new Uint32Array(size);
  for (let i = 0; i < size; i++) {
    hashes[i] = r.fixed(32, 'contentHash');
    const mi = r.u32('metadataIndex');
    if (mi >= m) throw new RangeError(`anchor batch: leaf ${i} names metadata set ${mi} of ${m}`);
    metaIndex[i] = mi;
  }
  return { claim: { submitterDid, kid, signedAtMs, size, root }, signature, metadata, hashes, metaIndex };
}

/** @throws RangeError naming the field */
export function decodeAnchorBatch(bytes: Uint8Array): AnchorBatch {
  const r = new ByteReader(bytes);
  const b = readBatch(r);
  r.end('anchor batch');
  return b;
}

/** The stored batch record: the batch bytes as submitted, then what the chain adds. */
export function encodeStoredBatch(
  batchBytes: Uint8Array,
  anchoredAtMs: number,
  height: number,
  anchoredEarlier: readonly number[],
): Uint8Array {
  const w = new ByteWriter().u64(anchoredAtMs).u64(height).u32(anchoredEarlier.length);
  for (const i of anchoredEarlier) w.u32(i);
  const tail = w.finish();
  const out = new Uint8Array(batchBytes.length + tail.length);
  out.set(batchBytes);
  out.set(tail, batchBytes.length);
  return out;
}

/** @throws RangeError naming the field */
export function decodeStoredBatch(bytes: Uint8Array): StoredAnchorBatch {
  const r = new ByteReader(bytes);
  const b = readBatch(r);
  const anchoredAtMs = r.u64n('anchoredAtMs');
  const height = r.u64n('height');
  const k = r.u32('anchoredEarlier count');
  if (k > b.claim.size) throw new RangeError('anchor batch: more earlier anchors than leaves');
  const anchoredEarlier: number[] = [];
  for (let i = 0; i < k; i++) {
    const at = r.u32('anchoredEarlier');
    if (at >= b.claim.size || (i > 0 && at <= anchoredEarlier[i - 1]!)) throw new RangeError(`anchor batch: anchoredEarlier[${i}] invalid`);
    anchoredEarlier.push(at);
  }
  r.end('anchor batch record');
  return { ...b, batchId: batchIdOf(b.claim), anchoredAtMs, height, anchoredEarlier };
}

export function encodeAnchorPointer(p: AnchorPointer): Uint8Array {
  // Written byte by byte: one per new hash in a block, at ingest speed.
  const out = new Uint8Array(ANCHOR_RECORD_BYTES);
  out[0] = ANCHOR_LAYOUT;
  out.set(p.batchId, 1);
  const i = p.index;
  out[33] = i >>> 24;
  out[34] = (i >>> 16) & 0xff;
  out[35] = (i >>> 8) & 0xff;
  out[36] = i & 0xff;
  const hi = Math.floor(p.anchoredAtMs / 0x1_0000_0000);
  const lo = p.anchoredAtMs >>> 0;
  for (let k = 0; k < 4; k++) {
    out[37 + k] = (hi >>> (24 - 8 * k)) & 0xff;
    out[41 + k] = (lo >>> (24 - 8 * k)) & 0xff;
  }
  return out;
}

/** @throws RangeError naming the field */
export function decodeAnchorPointer(bytes: Uint8Array): AnchorPointer {
  if (bytes.length !== ANCHOR_RECORD_BYTES) throw new RangeError(`anchor record: ${bytes.length} bytes, expected ${ANCHOR_RECORD_BYTES}`);
  const r = new ByteReader(bytes);
  const version = r.u8('version');
  if (version !== ANCHOR_LAYOUT) throw new RangeError(`anchor record: layout ${version}, expected ${ANCHOR_LAYOUT}`);
  const batchId = r.fixed(32, 'batchId').slice();
  const index = r.u32('index');
  const anchoredAtMs = r.u64n('anchoredAtMs');
  return { batchId, index, anchoredAtMs };
}

/** Leaf hashes of a batch, in order (one sha256 per distinct metadata set, one per leaf). */
export function batchLeafHashes(b: AnchorBatch): Uint8Array[] {
  const metaHashes = b.metadata.map((m) => sha256(metadataBytes(m)));
  // One scratch buffer and the one-shot hash: a batch is hashed at ingest speed.
  const buf = new Uint8Array(65);
  const out = new Array<Uint8Array>(b.hashes.length);
  for (let i = 0; i < b.hashes.length; i++) {
    buf.set(b.hashes[i]!, 1);
    buf.set(metaHashes[b.metaIndex[i]!]!, 33);
    out[i] = hash('sha256', buf, 'buffer');
  }
  return out;
}

/** Does the batch's signed root match its leaves? */
export function batchRootMatches(b: AnchorBatch): boolean {
  if (b.hashes.length !== b.claim.size) return false;
  return equalBytes(merkleRootOfLeafHashes(batchLeafHashes(b)), b.claim.root);
}

const CASE_ID = /^[^/\u0000-\u001f\u007f]{1,128}$/u;
const KINDS: readonly string[] = ['evidence', 'case_file', 'served_document'];

/**
 * What is wrong with a metadata set the judicial record reads (`kind`, `title`, `case_id`), if
 * anything: the submitter's side, the gateway and the contract apply the same rule.
 */
export function metadataProblem(
  metadata: readonly MetadataEntry[],
): { reason: 'metadata_too_large' | 'metadata_unsorted' | 'claim_malformed'; message: string } | undefined {
  if (!Array.isArray(metadata) || metadata.length > MAX_METADATA_ENTRIES)
    return { reason: 'metadata_too_large', message: `at most ${MAX_METADATA_ENTRIES} entries` };
  let size = 0;
  for (let i = 0; i < metadata.length; i++) {
    const m = metadata[i]!;
    if (typeof m?.name !== 'string' || typeof m.value !== 'string' || m.name.length === 0 || m.name.length > 200)
      return { reason: 'claim_malformed', message: `[${i}]: expected { name, value }` };
    if (i > 0 && !(metadata[i - 1]!.name < m.name)) return { reason: 'metadata_unsorted', message: 'names must be unique and sorted' };
    size += m.name.length + m.value.length;
    if (m.name === 'kind' && !KINDS.includes(m.value)) return { reason: 'claim_malformed', message: `kind: one of ${KINDS.join(', ')}` };
    if (m.name === 'title' && (m.value.length === 0 || m.value.length > 300))
      return { reason: 'claim_malformed', message: 'title: 1 to 300 characters' };
    if (m.name === 'case_id' && !CASE_ID.test(m.value))
      return { reason: 'claim_malformed', message: "case_id: 1 to 128 characters, no '/'" };
  }
  if (size > MAX_METADATA_BYTES) return { reason: 'metadata_too_large', message: `${size} bytes, at most ${MAX_METADATA_BYTES}` };
  return undefined;
}

/** The record fields a metadata set names (defaults: kind evidence, title "untitled"). */
export function anchorFieldsOf(metadata: readonly MetadataEntry[]): { kind: string; title: string; caseId?: string } {
  let kind = 'evidence';
  let title = 'untitled';
  let caseId: string | undefined;
  for (const m of metadata) {
    if (m.name === 'kind') kind = m.value;
    else if (m.name === 'title') title = m.value;
    else if (m.name === 'case_id') caseId = m.value;
  }
  return caseId === undefined ? { kind, title } : { kind, title, caseId };
}
