/**
 * The enforcement audit log (policy: "every enforcement operation recorded and
 * auditable"). Each step of a case is an entry signed by the court/contract DID, linked to the
 * previous entry's hash, naming the proofs it relied on, and appended to the judicial chain by the
 * judicial contract's `audit.append` (adapters/judicial/contract.ts: `audit/<caseId>/<seq>`, the
 * chain refuses a gap, `audit_gap`, or a broken link, `audit_fork`).
 *
 * Layout (the judicial schema's `AuditEntry`, canonical JSON, src/encoding/canonical-json.ts;
 * pinned by test/vectors/audit-entry.json):
 *   unsigned  = { type: 'audit_entry', schema: 1, caseId, seq, step: event, actor: did, atMs,
 *                 prevEntryHash, proofs: [{ chain, key, height, stateRoot }],
 *                 details: { actionId, detail, kid, refs: [{ bundleHash, kind }] } }
 *   signature = sign(signingInput(SignTag.AuditEntry, canonical(unsigned))), base64url
 *   stored    = canonical(unsigned + { signature })   (the tx body and the record value)
 *   entryHash = sha256(stored)                         (the contract's `auditEntryHash`)
 * `refs[i]` names the proof bundle (src/verify/record-bundle.ts recordBundleHash) behind `proofs[i]`.
 *
 * `exportCaseHistory` writes a self-contained JSON file; `verifyCaseHistory` checks it OFFLINE:
 * every signature, every link, each entry's inclusion in the judicial chain against a
 * quorum-signed header, and every referenced proof bundle.
 */
import { signingInput, sha256, SignTag } from '../crypto/hash.js';
import { checkSignatureShape, verify } from '../crypto/signature-suite.js';
import { equalBytes, fromBase64url, fromHex, toBase64url, toHex } from '../encoding/bytes.js';
import { decodeCanonicalObject, encodeCanonical, type CanonicalObject } from '../encoding/canonical-json.js';
import { VerificationError, isCourtbridgeError } from '../errors.js';
import { publicKeyOfDidKey } from '../identity/did-key.js';
import type { Signer } from '../identity/signer.js';
import { decodeLightBlock, encodeLightBlock, type LightBlock } from '../chain/signed-header.js';
import { decodeProof, encodeProof } from '../proof/proof-codec.js';
import type { SmtProof as SmtProofT } from '../proof/smt-proof.js';
import { readTyped } from '../chain/ledger/record.js';
import { readAuditEntry } from '../judicial/records.js';
import { auditKey as judicialAuditKey } from '../judicial/record-keys.js';
import type { JudicialLedger, ProvenRecord } from './ports.js';
import {
  recordBundleFromHex,
  recordBundleHash,
  recordBundleToHex,
  verifyRecordBundle,
  type VerifyRecordBundleOptions,
} from '../verify/record-bundle.js';

/** A reference from an entry to a proof it relied on. */
export interface ProofRef {
  chainId: string;
  key: string;
  height: number;
  kind: 'member' | 'absent';
  /** Hex state root of the header the proof is against. */
  stateRoot: string;
  /** Hex sha256 of the proof bundle (src/verify/record-bundle.ts). */
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
  /** sha256 of the stored bytes (signature included): what the next entry links to. */
  entryHash: Uint8Array;
}

export const GENESIS_PREV_HASH = new Uint8Array(32);

export const auditKey = (caseId: string, sequence: number): string => judicialAuditKey(caseId, sequence);

/** The judicial `AuditEntry` object of a body (without its signature). */
export function auditEntryObject(b: AuditEntryBody): CanonicalObject {
  return {
    type: 'audit_entry',
    schema: 1,
    caseId: b.caseId,
    seq: b.sequence,
    step: b.event,
    actor: b.actorDid,
    atMs: b.atMs,
    prevEntryHash: toHex(b.prevHash),
    proofs: b.refs.map((r) => ({ chain: r.chainId, key: r.key, height: r.height, stateRoot: r.stateRoot })),
    details: { actionId: b.actionId, detail: b.detail, kid: b.kid, refs: b.refs.map((r) => ({ bundleHash: r.bundleHash, kind: r.kind })) },
  };
}

/** The bytes the actor signs: canonical JSON of the entry without its signature. */
export function auditEntrySignBytes(b: AuditEntryBody): Uint8Array {
  return encodeCanonical(auditEntryObject(b), 'audit entry');
}

/** The stored bytes (tx body, record value): canonical JSON of the entry with its signature. */
export function encodeAuditRecord(e: { body: AuditEntryBody; signature: Uint8Array }): Uint8Array {
  return encodeCanonical({ ...auditEntryObject(e.body), signature: toBase64url(e.signature) }, 'audit entry');
}

/** Decode a stored entry (strictly, with the judicial schema's reader). */
export function decodeAuditRecord(value: Uint8Array): SignedAuditEntry {
  const e = readTyped(value, 'audit entry', 'audit_entry', 1, readAuditEntry);
  const d = e.details as { actionId?: unknown; detail?: unknown; kid?: unknown; refs?: unknown };
  const refs = Array.isArray(d.refs) ? (d.refs as { bundleHash?: unknown; kind?: unknown }[]) : [];
  if (
    typeof d.actionId !== 'string' ||
    typeof d.detail !== 'string' ||
    typeof d.kid !== 'string' ||
    refs.length !== e.proofs.length ||
    e.signature === undefined
  ) {
    throw new VerificationError('history_malformed', `audit entry ${e.caseId}#${e.seq}: details are not a workflow entry`);
  }
  const body: AuditEntryBody = {
    caseId: e.caseId,
    sequence: e.seq,
    atMs: e.atMs,
    actorDid: e.actor,
    kid: d.kid,
    event: e.step,
    actionId: d.actionId,
    detail: d.detail,
    refs: e.proofs.map((p, i) => ({
      chainId: p.chain,
      key: p.key,
      height: p.height,
      stateRoot: p.stateRoot,
      kind: refs[i]!.kind === 'absent' ? 'absent' : 'member',
      bundleHash: String(refs[i]!.bundleHash),
    })),
    prevHash: fromHex(e.prevEntryHash, 'prevEntryHash'),
  };
  return { body, signature: fromBase64url(e.signature, 'signature'), entryHash: sha256(value) };
}

/** A proof reference of a proven record. */
export function proofRefOf(r: ProvenRecord): ProofRef {
  const h = r.light.signedHeader.header;
  return {
    chainId: r.chainId,
    key: r.key,
    height: h.height,
    kind: r.value === null ? 'absent' : 'member',
    stateRoot: toHex(h.stateRoot),
    bundleHash: recordBundleHash(r),
  };
}

export function signAuditEntry(signer: Signer, body: Omit<AuditEntryBody, 'actorDid' | 'kid'>): SignedAuditEntry {
  const full: AuditEntryBody = { ...body, actorDid: signer.did, kid: signer.kid };
  const signature = signer.sign(signingInput(SignTag.AuditEntry, auditEntrySignBytes(full)));
  return { body: full, signature, entryHash: sha256(encodeAuditRecord({ body: full, signature })) };
}

/** The tx body of `audit.append` for a stored entry. */
export const auditAppendBody = (stored: Uint8Array): CanonicalObject => decodeCanonicalObject(stored, 'audit entry');

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
  /** Referenced proof bundles by their hash (hex protobuf ProofBundle, src/verify/record-bundle.ts). */
  bundles: Record<string, string>;
}

/** An entry's export form (a case history's `entries[i]`) without its inclusion proof. */
export function auditEntryToJson(e: SignedAuditEntry): Omit<AuditEntryJson, 'inclusion'> {
  return {
    sequence: e.body.sequence,
    atMs: e.body.atMs,
    actorDid: e.body.actorDid,
    kid: e.body.kid,
    event: e.body.event,
    actionId: e.body.actionId,
    detail: e.body.detail,
    refs: e.body.refs,
    prevHash: toHex(e.body.prevHash),
    entryHash: toHex(e.entryHash),
    signature: toHex(e.signature),
  };
}

/** Export a case's history from the judicial chain and the proofs its entries relied on. */
export async function exportCaseHistory(
  ledger: JudicialLedger,
  caseId: string,
  bundles: ReadonlyMap<string, ProvenRecord>,
): Promise<CaseHistoryJson> {
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
  // Proofs are encoded under the judicial chain's suite; the verifier is told it from the chain's entry (`hashSuites`).
  const suite = ledger.hashSuite?.() ?? 'sha256';
  const entries: AuditEntryJson[] = [];
  const used: Record<string, string> = {};
  for (const r of final) {
    const e = decodeAuditRecord(r.value!);
    for (const ref of e.body.refs) {
      const b = bundles.get(ref.bundleHash);
      if (b) used[ref.bundleHash] = recordBundleToHex(b);
    }
    entries.push({ ...auditEntryToJson(e), inclusion: toHex(encodeProof(r.proof, suite)) });
  }
  return {
    format: 'courtbridge.case-history/1',
    caseId,
    judicialChainId: ledger.chainId,
    judicialLight: toHex(encodeLightOf(light)),
    entries,
    bundles: used,
  };
}

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

export interface VerifyHistoryOptions extends VerifyRecordBundleOptions {
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
 * One exported entry read back (its inclusion proof aside): at the expected position, with fields
 * that decode.
 * @throws VerificationError `sequence_gap` | `history_malformed`
 */
export function readHistoryEntry(
  j: Omit<AuditEntryJson, 'inclusion'>,
  expectedSequence: number,
  caseId: string,
  where = `entry ${expectedSequence}`,
): { body: AuditEntryBody; signature: Uint8Array } {
  if (j?.sequence !== expectedSequence) fail('sequence_gap', `${where} has sequence ${String(j?.sequence)}`);
  try {
    if (typeof j.signature !== 'string' || !/^[0-9a-f]{128}$/.test(j.signature)) throw new RangeError('signature: 64 bytes hex');
    const body: AuditEntryBody = {
      caseId,
      sequence: j.sequence,
      atMs: j.atMs,
      actorDid: j.actorDid,
      kid: j.kid,
      event: j.event,
      actionId: j.actionId,
      detail: j.detail,
      refs: j.refs,
      prevHash: fromHex(j.prevHash, 'prevHash'),
    };
    return { body, signature: fromHex(j.signature, 'signature') };
  } catch (e) {
    return fail('history_malformed', `${where} does not decode`, e);
  }
}

/**
 * One entry's own checks, in order: its stored bytes hash to `entryHashHex`, it links to `prev`,
 * its actor's key is known, the signature verifies over its sign bytes.
 * @returns the stored bytes (canonical JSON with the signature) and their hash
 * @throws VerificationError `history_malformed` | `entry_hash_mismatch` | `entry_link_broken` |
 *   `unknown_signer_key` | `entry_signature_invalid`
 */
export function checkHistoryEntry(
  body: AuditEntryBody,
  signature: Uint8Array,
  entryHashHex: string,
  prev: Uint8Array,
  keyOf: VerifyHistoryOptions['keyOf'],
  where = `entry ${body.sequence}`,
): { record: Uint8Array; hash: Uint8Array } {
  let sb: Uint8Array;
  let record: Uint8Array;
  try {
    sb = auditEntrySignBytes(body);
    record = encodeAuditRecord({ body, signature });
  } catch (e) {
    return fail('history_malformed', `${where} has malformed fields`, e);
  }
  const hash = sha256(record);
  if (toHex(hash) !== entryHashHex) fail('entry_hash_mismatch', `${where}: its fields do not hash to its entryHash`);
  if (!equalBytes(body.prevHash, prev)) fail('entry_link_broken', `${where} does not link to the entry before it`);
  const pk = publicKeyOfDidKey(body.actorDid) ?? keyOf?.(body.actorDid, body.kid, body.atMs);
  if (pk === undefined) fail('unknown_signer_key', `${where}: no key for ${body.kid}`);
  if (checkSignatureShape(signature, pk!) !== 'ok' || !verify(signature, signingInput(SignTag.AuditEntry, sb), pk!))
    fail('entry_signature_invalid', `${where}: the signature does not verify under ${body.kid}`);
  return { record, hash };
}

/**
 * Verify an exported case history offline. Order: shape, then for each entry its hash, its link
 * to the previous entry, its signature, its inclusion on the judicial chain (against the export's
 * header, whose quorum is checked once), then each referenced bundle.
 * @throws VerificationError with a `HistoryRejection` reason
 */
export function verifyCaseHistory(json: unknown, opts: VerifyHistoryOptions = {}): VerifiedHistory {
  const h = json as CaseHistoryJson;
  if (
    typeof h !== 'object' ||
    h === null ||
    h.format !== 'courtbridge.case-history/1' ||
    !Array.isArray(h.entries) ||
    typeof h.caseId !== 'string' ||
    typeof h.bundles !== 'object' ||
    h.bundles === null
  ) {
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
  for (const [i, j] of h.entries.entries()) {
    const where = `entry ${i + 1}`;
    const { body, signature } = readHistoryEntry(j, i + 1, h.caseId, where);
    let inclusion: SmtProofT;
    try {
      inclusion = decodeProof(fromHex(j.inclusion, 'inclusion'), opts.hashSuites?.[h.judicialChainId] ?? 'sha256');
    } catch (e) {
      return fail('history_malformed', `${where} does not decode`, e);
    }
    const { record, hash } = checkHistoryEntry(body, signature, j.entryHash, prev, opts.keyOf, where);
    signers.add(body.kid);
    try {
      verifyRecordBundle(
        { chainId: h.judicialChainId, key: auditKey(h.caseId, body.sequence), value: record, proof: inclusion, light },
        { chainId: h.judicialChainId },
        opts,
      );
      headerChecked = true;
    } catch (e) {
      const reason = isCourtbridgeError(e) ? e.reason : '';
      if (reason === 'header_quorum_invalid' || reason === 'untrusted_validator_set')
        fail(reason, `judicial header: ${(e as Error).message}`, e);
      fail('entry_not_on_chain', `${where} is not the record on the judicial chain (${reason})`, e);
    }
    for (const ref of body.refs) {
      const hex = h.bundles[ref.bundleHash];
      if (typeof hex !== 'string')
        fail('evidence_missing', `${where} relies on bundle ${ref.bundleHash.slice(0, 16)}… which the export lacks`);
      let b: ProvenRecord;
      try {
        b = recordBundleFromHex(hex!);
      } catch (e) {
        return fail('evidence_proof_invalid', `${where}: bundle does not decode`, e);
      }
      if (recordBundleHash(b) !== ref.bundleHash)
        fail('evidence_hash_mismatch', `${where}: bundle ${ref.bundleHash.slice(0, 16)}… does not hash to its reference`);
      try {
        const ev = verifyRecordBundle(b, { chainId: ref.chainId, key: ref.key }, opts);
        if (ev.kind !== ref.kind || ev.header.height !== ref.height || toHex(ev.header.stateRoot) !== ref.stateRoot)
          throw new VerificationError('bundle_wrong_key', 'the bundle is not the one referenced');
      } catch (e) {
        fail('evidence_proof_invalid', `${where}: ${(e as Error).message}`, e);
      }
      bundlesVerified++;
    }
    prev = hash;
  }
  if (!headerChecked && h.entries.length > 0) fail('header_quorum_invalid', 'no entry was checked against the header');
  return {
    caseId: h.caseId,
    entries: h.entries.length,
    headHash: toHex(prev),
    judicialHeight: light.signedHeader.header.height,
    signers: [...signers],
    bundlesVerified,
  };
}
