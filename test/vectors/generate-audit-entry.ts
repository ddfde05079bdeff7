/**
 * Writes test/vectors/audit-entry.json: enforcement audit entries (src/workflows/audit-log.ts)
 * under fixed keys: the sign bytes (canonical JSON of the judicial AuditEntry without its
 * signature), the signing input and digest, the signature, the stored bytes (the `audit.append`
 * body) and the entry hash the next entry links to. Two linked entries of one case.
 *
 * Run: npx tsx test/vectors/generate-audit-entry.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sha256, signingInput, SignTag } from '../../src/crypto/hash.js';
import { publicKeyOf } from '../../src/crypto/secp256k1.js';
import { fromHex, toHex, utf8 } from '../../src/encoding/bytes.js';
import { createSigner } from '../../src/identity/signer.js';
import {
  auditEntrySignBytes,
  encodeAuditRecord,
  GENESIS_PREV_HASH,
  signAuditEntry,
  type AuditEntryBody,
  type ProofRef,
} from '../../src/workflows/audit-log.js';

export interface AuditVectorInput {
  name: string;
  keyIndex: number;
  actorDid: string;
  kid: string;
  caseId: string;
  atMs: number;
  event: string;
  actionId: string;
  detail: string;
  refs: ProofRef[];
}

const CASE = '(2024)京0101民初777号';
export const inputs: AuditVectorInput[] = [
  {
    name: 'first entry: agreement registered',
    keyIndex: 1,
    actorDid: 'did:alliance:court-bj-01',
    kid: 'did:alliance:court-bj-01#key-1',
    caseId: CASE,
    atMs: 1_750_000_000_000,
    event: 'agreement_registered',
    actionId: '',
    detail: 'court-confirmed agreement with 1 obligation(s), total 800000000 cents',
    refs: [
      {
        chainId: 'judicial',
        key: `agreement/${CASE}`,
        height: 12,
        kind: 'member',
        stateRoot: toHex(sha256(utf8('root 12'))),
        bundleHash: toHex(sha256(utf8('bundle 1'))),
      },
    ],
  },
  {
    name: 'second entry: action executed, linked to the first',
    keyIndex: 1,
    actorDid: 'did:alliance:court-bj-01',
    kid: 'did:alliance:court-bj-01#key-1',
    caseId: CASE,
    atMs: 1_750_086_400_000,
    event: 'action_executed',
    actionId: 'act-0123456789abcdef',
    detail: 'finance account/6222020200112345678: freeze 500000 cents (covers 500000)',
    refs: [
      {
        chainId: 'finance',
        key: 'account/6222020200112345678',
        height: 40,
        kind: 'member',
        stateRoot: toHex(sha256(utf8('root 40'))),
        bundleHash: toHex(sha256(utf8('bundle 2'))),
      },
      {
        chainId: 'credit',
        key: 'debtor/abc',
        height: 7,
        kind: 'absent',
        stateRoot: toHex(sha256(utf8('root 7'))),
        bundleHash: toHex(sha256(utf8('bundle 3'))),
      },
    ],
  },
];

export function buildVectors(): unknown {
  let prev: Uint8Array = GENESIS_PREV_HASH;
  return {
    description:
      "Enforcement audit entries (src/workflows/audit-log.ts header): signBytes = canonical JSON of the judicial AuditEntry without signature; signature = compact low-S ECDSA-SHA256 (RFC 6979) over signingInput(SignTag.AuditEntry, signBytes); stored = canonical JSON with signature (base64url); entryHash = sha256(stored); the next entry's prevEntryHash is it.",
    privateKeyRule: 'sha256(utf8("courtbridge vector key " + keyIndex))',
    vectors: inputs.map((v, i) => {
      const sk = sha256(utf8(`courtbridge vector key ${v.keyIndex}`));
      const signer = createSigner(v.actorDid, v.kid, sk);
      const e = signAuditEntry(signer, {
        caseId: v.caseId,
        sequence: i + 1,
        atMs: v.atMs,
        event: v.event,
        actionId: v.actionId,
        detail: v.detail,
        refs: v.refs,
        prevHash: prev,
      });
      const body: AuditEntryBody = e.body;
      const out = {
        ...v,
        sequence: i + 1,
        publicKeyHex: toHex(publicKeyOf(sk)),
        prevHashHex: toHex(prev),
        signBytesHex: toHex(auditEntrySignBytes(body)),
        signingInputHex: toHex(signingInput(SignTag.AuditEntry, auditEntrySignBytes(body)).bytes('secp256k1')),
        signingDigestHex: toHex(sha256(signingInput(SignTag.AuditEntry, auditEntrySignBytes(body)).bytes('secp256k1'))),
        signatureHex: toHex(e.signature),
        storedHex: toHex(encodeAuditRecord(e)),
        entryHashHex: toHex(e.entryHash),
      };
      prev = fromHex(out.entryHashHex);
      return out;
    }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('./audit-entry.json', import.meta.url), `${JSON.stringify(buildVectors(), null, 2)}\n`);
  console.log('wrote test/vectors/audit-entry.json');
}
