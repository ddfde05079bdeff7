/**
 * The enforcement audit log (issue 6, policy: "every enforcement operation recorded and
 * auditable"). Each step of a case is an entry signed by the court/contract DID, linked to the
 * previous entry's hash, naming the proofs it relied on, and written to the judicial chain at
 * `audit/<caseId>/<seq>` (the chain refuses a gap or a broken link).
 *
 * Sign bytes (fixed layout, pinned by test/vectors/audit-entry.json):
 *   string caseId, u64 sequence, u64 atMs, string actorDid, string kid, string event,
 *   string actionId, string detail, u32 refCount, refCount x (string chainId, string key,
 *   u64 height, u8 kind (1 member, 2 absent), fixed32 bundleHash), fixed32 prevHash
 * entryHash = sha256(signBytes); signature = sign(signingInput(SignTag.AuditEntry, signBytes)).
 * Record value: bytes(signBytes) || bytes(signature).
 *
 * `exportCaseHistory` writes a self-contained JSON file; `verifyCaseHistory` checks it OFFLINE:
 * every signature, every link, each entry's inclusion in the judicial chain against a
 * quorum-signed header, and every referenced proof bundle.
 */
import { signingInput, sha256, SignTag } from '../crypto/hash.js';
import { checkSignatureShape, verify } from '../crypto/secp256k1.js';
import { ByteReader, ByteWriter, equalBytes, fromHex, toHex } from '../encoding/bytes.js';
import { VerificationError, isCourtbridgeError } from '../errors.js';
import { publicKeyOfDidKey } from '../identity/did-key.js';
import type { Signer } from '../identity/signer.js';
import { decodeLightBlock, encodeLightBlock, type LightBlock } from '../chain/signed-header.js';
import { decodeProof, encodeProof } from '../proof/proof-codec.js';
import type { SmtProof as SmtProofT } from '../proof/smt-proof.js';
import type { JudicialLedger, ProvenRecord } from './ports.js';
import { bundleFromHex, bundleHash, bundleToHex, verifyProofBundle, type VerifyBundleOptions } from './proof-bundle.js';

/** A reference from an entry to a proof it relied on. */
export interface ProofRef {
  chainId: string;
  key: string;
  height: number;
  kind: 'member' | 'absent';
  /** Hex sha256 of the proof bundle (proof-bundle.ts). */
  bundleHash: string;
}

/** The signed fields of an entry. */
export interface AuditEntryBody {
  caseId: string;
  sequence: number;
  atMs: number;
  actorDid: string;
  kid: string;
  /** e.g. `agreement_registered`, `obligation_overdue`, `enforcement_filed`, `action_executed`. */
  event: string;
  actionId: string;
  /** Plain-language detail (no personal identifiers in clear). */
  detail: string;
  refs: ProofRef[];
  prevHash: Uint8Array;
}

export interface SignedAuditEntry {
  body: AuditEntryBody;
  signature: Uint8Array;
  entryHash: Uint8Array;
}

export const GENESIS_PREV_HASH = new Uint8Array(32);

export const auditKey = (caseId: string, sequence: number): string => `audit/${caseId}/${sequence}`;

export function auditEntrySignBytes(b: AuditEntryBody): Uint8Array {
  const w = new ByteWriter().string(b.caseId).u64(b.sequence).u64(b.atMs).string(b.actorDid).string(b.kid).string(b.event).string(b.actionId).string(b.detail).u32(b.refs.length);
  for (const r of b.refs) w.string(r.chainId).string(r.key).u64(r.height).u8(r.kind === 'member' ? 1 : 2).fixed(fromHex(r.bundleHash, 'bundleHash'), 32, 'bundleHash');
  return w.fixed(b.prevHash, 32, 'prevHash').finish();
}

export function readAuditEntrySignBytes(bytes: Uint8Array): AuditEntryBody {
  const r = new ByteReader(bytes);
  const caseId = r.string('caseId');
  const sequence = r.u64n('sequence');
  const atMs = r.u64n('atMs');
  const actorDid = r.string('actorDid');
  const kid = r.string('kid');
  const event = r.string('event');
  const actionId = r.string('actionId');
  const detail = r.string('detail');
  const n = r.u32('refCount');
  const refs: ProofRef[] = [];
  for (let i = 0; i < n; i++) {
    const chainId = r.string('ref.chainId');
    const key = r.string('ref.key');
    const height = r.u64n('ref.height');
    const k = r.u8('ref.kind');
    if (k !== 1 && k !== 2) throw new RangeError(`ref.kind: unknown ${k}`);
    refs.push({ chainId, key, height, kind: k === 1 ? 'member' : 'absent', bundleHash: toHex(r.fixed(32, 'ref.bundleHash')) });
  }
  const prevHash = r.fixed(32, 'prevHash').slice();
  r.end('audit entry');
  return { caseId, sequence, atMs, actorDid, kid, event, actionId, detail, refs, prevHash };
}

/** A proof reference of a proven record. */
export function proofRefOf(r: ProvenRecord): ProofRef {
  return { chainId: r.chainId, key: r.key, height: r.light.signedHeader.header.height, kind: r.value === null ? 'absent' : 'member', bundleHash: bundleHash(r) };
}

export function signAuditEntry(signer: Signer, body: Omit<AuditEntryBody, 'actorDid' | 'kid'>): SignedAuditEntry {
  const full: AuditEntryBody = { ...body, actorDid: signer.did, kid: signer.kid };
  const sb = auditEntrySignBytes(full);
  return { body: full, signature: signer.sign(signingInput(SignTag.AuditEntry, sb)), entryHash: sha256(sb) };
}

export function encodeAuditRecord(e: SignedAuditEntry): Uint8Array {
  return new ByteWriter().bytes(auditEntrySignBytes(e.body)).bytes(e.signature).finish();
}

export function decodeAuditRecord(value: Uint8Array): SignedAuditEntry {
  const r = new ByteReader(value);
  const sb = r.bytes('signBytes');
  const signature = r.bytes('signature').slice();
  r.end('audit record');
  return { body: readAuditEntrySignBytes(sb), signature, entryHash: sha256(sb) };
}

/** JSON form of one entry in an export. */
export interface AuditEntryJson {
  sequence: number;
  atMs: number;
  actorDid: string;
  kid: string;
  event: string;
  actionId: string;
  detail: string;
  refs: ProofRef[];
  prevHash: string;
  entryHash: string;
  signature: string;
  /** Hex membership proof of `audit/<caseId>/<seq>` against `judicial.light`. */
  inclusion: string;
}

/** The exported history of one case: self-contained, verifiable offline. */
export interface CaseHistoryJson {
  format: 'courtbridge.case-history/1';
  caseId: string;
  judicialChainId: string;
  /** Hex light block (signed header + validator set) the inclusion proofs verify against. */
  judicialLight: string;
  entries: AuditEntryJson[];
  /** Referenced proof bundles by their hash (hex encodeProofBundle). */
  bundles: Record<string, string>;
}

/** Export a case's history from the judicial chain and the proofs its entries relied on. */
export async function exportCaseHistory(ledger: JudicialLedger, caseId: string, bundles: ReadonlyMap<string, ProvenRecord>): Promise<CaseHistoryJson> {
  const records: ProvenRecord[] = [];
  // Read until the first absent sequence (the chain refuses gaps, so that is the end).
  for (let seq = 1; ; seq += 64) {
    const keys = Array.from({ length: 64 }, (_, i) => auditKey(caseId, seq + i));
    const got = await ledger.proveMany(keys);
    const present = got.filter((g) => g.value !== null);
    records.push(...present);
    if (present.length < keys.length) break;
  }
  // One header for all: re-prove at the latest header so every inclusion proof shares it.
  const final = records.length === 0 ? [] : await ledger.proveMany(records.map((r) => r.key));
  const light = final[0]?.light ?? (await ledger.prove(auditKey(caseId, 1))).light;
  const entries: AuditEntryJson[] = [];
  const used: Record<string, string> = {};
  for (const r of final) {
    const e = decodeAuditRecord(r.value!);
    for (const ref of e.body.refs) {
      const b = bundles.get(ref.bundleHash);
      if (b) used[ref.bundleHash] = bundleToHex(b);
    }
    entries.push({ sequence: e.body.sequence, atMs: e.body.atMs, actorDid: e.body.actorDid, kid: e.body.kid, event: e.body.event, actionId: e.body.actionId, detail: e.body.detail, refs: e.body.refs, prevHash: toHex(e.body.prevHash), entryHash: toHex(e.entryHash), signature: toHex(e.signature), inclusion: toHex(encodeProofOf(r)) });
  }
  return { format: 'courtbridge.case-history/1', caseId, judicialChainId: ledger.chainId, judicialLight: toHex(encodeLightOf(light)), entries, bundles: used };
}

const encodeProofOf = (r: ProvenRecord): Uint8Array => encodeProof(r.proof);
const encodeLightOf = (l: LightBlock): Uint8Array => encodeLightBlock(l);

/** Why an exported history was rejected. */
export type HistoryRejection =
  | 'history_malformed'
  | 'sequence_gap'
  | 'entry_hash_mismatch'
  | 'entry_link_broken'
  | 'entry_signature_invalid'
  | 'unknown_signer_key'
  | 'entry_not_on_chain'
  | 'header_quorum_invalid'
  | 'untrusted_validator_set'
  | 'evidence_missing'
  | 'evidence_hash_mismatch'
  | 'evidence_proof_invalid';

export interface VerifyHistoryOptions extends VerifyBundleOptions {
  /**
   * The key `kid` of `did` held at `atMs` (compressed secp256k1). Needed for registry DIDs;
   * `did:key` signers are self-certifying. Return undefined for an unknown key.
   */
  keyOf?: (did: string, kid: string, atMs: number) => Uint8Array | undefined;
}

/** What a verified history established (STYLE.md 5). */
export interface VerifiedHistory {
  caseId: string;
  entries: number;
  headHash: string;
  judicialHeight: number;
  signers: string[];
  bundlesVerified: number;
}

const fail = (reason: HistoryRejection, message: string, cause?: unknown): never => {
  throw new VerificationError(reason, `case history: ${message}`, cause === undefined ? {} : { cause });
};

/**
 * Verify an exported case history offline. Order: shape, then for each entry its hash, its link
 * to the previous entry, its signature, its inclusion on the judicial chain (against the export's
 * header, whose quorum is checked once), then each referenced bundle.
 * @throws VerificationError with a `HistoryRejection` reason
 */
export function verifyCaseHistory(json: unknown, opts: VerifyHistoryOptions = {}): VerifiedHistory {
  const h = json as CaseHistoryJson;
  if (typeof h !== 'object' || h === null || h.format !== 'courtbridge.case-history/1' || !Array.isArray(h.entries) || typeof h.caseId !== 'string' || typeof h.bundles !== 'object' || h.bundles === null) {
    return fail('history_malformed', 'not a courtbridge.case-history/1 document');
  }
  let light: LightBlock;
  try {
    light = decodeLightBlock(fromHex(h.judicialLight, 'judicialLight'));
  } catch (e) {
    return fail('history_malformed', 'judicialLight does not decode', e);
  }
  let prev: Uint8Array = GENESIS_PREV_HASH;
  const signers = new Set<string>();
  let bundlesVerified = 0;
  let headerChecked = false;
  h.entries.forEach((j, i) => {
    const where = `entry ${i + 1}`;
    if (j?.sequence !== i + 1) fail('sequence_gap', `${where} has sequence ${String(j?.sequence)}`);
    let body: AuditEntryBody;
    let signature: Uint8Array;
    let inclusion: SmtProofT;
    try {
      body = { caseId: h.caseId, sequence: j.sequence, atMs: j.atMs, actorDid: j.actorDid, kid: j.kid, event: j.event, actionId: j.actionId, detail: j.detail, refs: j.refs, prevHash: fromHex(j.prevHash, 'prevHash') };
      signature = fromHex(j.signature, 'signature');
      inclusion = decodeProof(fromHex(j.inclusion, 'inclusion'));
    } catch (e) {
      return fail('history_malformed', `${where} does not decode`, e);
    }
    let sb: Uint8Array;
    try {
      sb = auditEntrySignBytes(body);
    } catch (e) {
      return fail('history_malformed', `${where} has malformed fields`, e);
    }
    const hash = sha256(sb);
    if (toHex(hash) !== j.entryHash) fail('entry_hash_mismatch', `${where}: its fields do not hash to its entryHash`);
    if (!equalBytes(body.prevHash, prev)) fail('entry_link_broken', `${where} does not link to entry ${i}`);
    const pk = publicKeyOfDidKey(body.actorDid) ?? opts.keyOf?.(body.actorDid, body.kid, body.atMs);
    if (pk === undefined) fail('unknown_signer_key', `${where}: no key for ${body.kid}`);
    if (checkSignatureShape(signature) !== 'ok' || !verify(signature, signingInput(SignTag.AuditEntry, sb), pk!)) fail('entry_signature_invalid', `${where}: the signature does not verify under ${body.kid}`);
    signers.add(body.kid);
    const record = new ByteWriter().bytes(sb).bytes(signature).finish();
    try {
      verifyProofBundle({ chainId: h.judicialChainId, key: auditKey(h.caseId, body.sequence), value: record, proof: inclusion, light }, { chainId: h.judicialChainId }, opts);
      headerChecked = true;
    } catch (e) {
      const reason = isCourtbridgeError(e) ? e.reason : '';
      if (reason === 'header_quorum_invalid' || reason === 'untrusted_validator_set') fail(reason, `judicial header: ${(e as Error).message}`, e);
      fail('entry_not_on_chain', `${where} is not the record on the judicial chain (${reason})`, e);
    }
    for (const ref of body.refs) {
      const hex = h.bundles[ref.bundleHash];
      if (typeof hex !== 'string') fail('evidence_missing', `${where} relies on bundle ${ref.bundleHash.slice(0, 16)}… which the export lacks`);
      let b: ProvenRecord;
      try {
        b = bundleFromHex(hex!);
      } catch (e) {
        return fail('evidence_proof_invalid', `${where}: bundle does not decode`, e);
      }
      if (bundleHash(b) !== ref.bundleHash) fail('evidence_hash_mismatch', `${where}: bundle ${ref.bundleHash.slice(0, 16)}… does not hash to its reference`);
      try {
        const ev = verifyProofBundle(b, { chainId: ref.chainId, key: ref.key }, opts);
        if (ev.kind !== ref.kind || ev.header.height !== ref.height) throw new VerificationError('bundle_wrong_key', 'the bundle is not the one referenced');
      } catch (e) {
        fail('evidence_proof_invalid', `${where}: ${(e as Error).message}`, e);
      }
      bundlesVerified++;
    }
    prev = hash;
  });
  if (!headerChecked && h.entries.length > 0) fail('header_quorum_invalid', 'no entry was checked against the header');
  return { caseId: h.caseId, entries: h.entries.length, headHash: toHex(prev), judicialHeight: light.signedHeader.header.height, signers: [...signers], bundlesVerified };
}
