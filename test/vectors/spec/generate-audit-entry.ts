import { fileURLToPath } from 'node:url';
import { sha256, signingInput, SignTag } from '../../../src/crypto/hash.js';
import { publicKeyOf, toHighS } from '../../../src/crypto/secp256k1.js';
import { toHex } from '../../../src/encoding/bytes.js';
import { decodeCanonicalObject } from '../../../src/encoding/canonical-json.js';
import { createSigner, type Signer } from '../../../src/identity/signer.js';
import {
  auditEntryObject,
  auditEntrySignBytes,
  auditEntryToJson,
  encodeAuditRecord,
  GENESIS_PREV_HASH,
  signAuditEntry,
  type AuditEntryBody,
  type SignedAuditEntry,
} from '../../../src/workflows/audit-log.js';
import { encode, loadLayouts } from '../../spec/layout.js';
import { inputs } from '../generate-audit-entry.js';
import { privateKeyOf, seedOf, writeVector } from './vector-kit.js';

const KEYS = [1, 2];
const ACTOR = 'did:alliance:court-bj-01';
const KID = `${ACTOR}#key-1`;

const layouts = loadLayouts();
const same = (layout: string, value: unknown, bytes: Uint8Array): void => {
  const got = encode(layouts, layout, value).toString('hex');
  if (got !== toHex(bytes)) throw new Error(`docs/spec/audit-entry.md layout ${layout} disagrees with the product`);
};

/** An entry with its stored bytes and hash recomputed for `signature` (the hash covers the signature). */
const withSignature = (body: AuditEntryBody, signature: Uint8Array): SignedAuditEntry => ({
  body,
  signature,
  entryHash: sha256(encodeAuditRecord({ body, signature })),
});

export function buildVectors(): unknown {
  const court = createSigner(ACTOR, KID, privateKeyOf(1));
  let prev: Uint8Array = GENESIS_PREV_HASH;
  const entries: SignedAuditEntry[] = [];
  const valid = inputs.map((v, i) => {
    const e = signAuditEntry(court, {
      caseId: v.caseId,
      sequence: i + 1,
      atMs: v.atMs,
      event: v.event,
      actionId: v.actionId,
      detail: v.detail,
      refs: v.refs,
      prevHash: prev,
    });
    const unsigned = auditEntryObject(e.body);
    const stored = encodeAuditRecord(e);
    const storedObject = decodeCanonicalObject(stored, 'audit entry');
    same('audit-entry-stored', { entry: storedObject }, stored);
    const c = {
      name: v.name,
      fields: { entry: unsigned },
      bytes: toHex(auditEntrySignBytes(e.body)),
      signer: '1',
      signingInput: toHex(signingInput(SignTag.AuditEntry, auditEntrySignBytes(e.body)).bytes('secp256k1')),
      signature: toHex(e.signature),
      caseId: v.caseId,
      prevEntryHash: toHex(prev),
      stored: toHex(stored),
      storedObject,
      entryHash: toHex(e.entryHash),
      exportEntry: auditEntryToJson(e),
    };
    entries.push(e);
    prev = e.entryHash;
    return c;
  });

  const [first, second] = entries as [SignedAuditEntry, SignedAuditEntry];
  const caseId = first.body.caseId;
  const invalid = (
    name: string,
    reason: string,
    why: string,
    entry: Record<string, unknown>,
    prevEntryHash: Uint8Array,
    position: number,
  ) => ({
    name,
    reason,
    why,
    caseId,
    position,
    prevEntryHash: toHex(prevEntryHash),
    entry,
  });
  const resign = (body: AuditEntryBody, s: Signer = court, tag: SignTag = SignTag.AuditEntry) =>
    withSignature(body, s.sign(signingInput(tag, auditEntrySignBytes(body))));
  const other = createSigner(ACTOR, KID, privateKeyOf(2));
  return {
    structure: 'audit-entry',
    title: 'Enforcement audit entry: what the actor signs, what is stored, and entry_hash',
    spec: 'docs/spec/audit-entry.md',
    tag: SignTag.AuditEntry,
    layout: 'audit-entry-unsigned',
    keys: Object.fromEntries(
      KEYS.map((n) => [String(n), { seed: seedOf(n), privateKey: toHex(privateKeyOf(n)), publicKey: toHex(publicKeyOf(privateKeyOf(n))) }]),
    ),
    registry: { [KID]: { key: '1' } },
    valid,
    invalid: [
      invalid(
        'out of sequence',
        'sequence_gap',
        'the second entry of the history carries sequence 3',
        { ...auditEntryToJson(second), sequence: 3 },
        first.entryHash,
        2,
      ),
      invalid(
        'signature of 63 bytes',
        'history_malformed',
        'the signature must be 64 bytes (128 hex digits)',
        { ...auditEntryToJson(first), signature: toHex(first.signature).slice(0, 126) },
        GENESIS_PREV_HASH,
        1,
      ),
      invalid(
        'prevHash not hex',
        'history_malformed',
        'prevHash must be 32 bytes of hex',
        { ...auditEntryToJson(first), prevHash: 'zz' },
        GENESIS_PREV_HASH,
        1,
      ),
      invalid(
        'detail changed, entry hash left',
        'entry_hash_mismatch',
        'detail edited after signing; the stored bytes no longer hash to entryHash',
        { ...auditEntryToJson(first), detail: `${first.body.detail} (edited)` },
        GENESIS_PREV_HASH,
        1,
      ),
      invalid(
        'entry hash of the bytes without the signature',
        'entry_hash_mismatch',
        'entryHash computed over the sign bytes (no signature): it is the hash of the stored bytes, signature included',
        { ...auditEntryToJson(first), entryHash: toHex(sha256(auditEntrySignBytes(first.body))) },
        GENESIS_PREV_HASH,
        1,
      ),
      invalid(
        'link to another entry',
        'entry_link_broken',
        "the second entry (correctly signed and hashed) names 32 zero bytes, not the first entry's hash, as its prevHash",
        auditEntryToJson(resign({ ...second.body, prevHash: GENESIS_PREV_HASH })),
        first.entryHash,
        2,
      ),
      invalid(
        'a key the registry does not list',
        'unknown_signer_key',
        'the kid names no key of the actor in the registry',
        auditEntryToJson(resign({ ...first.body, kid: `${ACTOR}#key-9` }, createSigner(ACTOR, `${ACTOR}#key-9`, privateKeyOf(1)))),
        GENESIS_PREV_HASH,
        1,
      ),
      invalid(
        'signed by another key',
        'entry_signature_invalid',
        "signed by key 2 under the actor's kid, whose registry key is key 1 (entry hash recomputed)",
        auditEntryToJson(resign(first.body, other)),
        GENESIS_PREV_HASH,
        1,
      ),
      invalid(
        'high-S twin',
        'entry_signature_invalid',
        'the high-S twin of the valid signature (entry hash recomputed over it)',
        auditEntryToJson(withSignature(first.body, toHighS(first.signature))),
        GENESIS_PREV_HASH,
        1,
      ),
      invalid(
        'signed under another tag',
        'entry_signature_invalid',
        'the sign bytes signed under courtbridge/v1/action-result instead of courtbridge/v1/audit-entry',
        auditEntryToJson(resign(first.body, court, SignTag.ActionResult)),
        GENESIS_PREV_HASH,
        1,
      ),
      invalid(
        'field changed after signing, entry hash recomputed',
        'entry_signature_invalid',
        'atMs moved by 1 ms after signing and entryHash recomputed: only the signature catches it',
        auditEntryToJson(withSignature({ ...first.body, atMs: first.body.atMs + 1 }, first.signature)),
        GENESIS_PREV_HASH,
        1,
      ),
    ],
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeVector('audit-entry', buildVectors());
  console.log('wrote test/vectors/spec/audit-entry.json');
}
