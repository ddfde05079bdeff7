/**
 * Writes test/vectors/receipt.json: gateway receipts (src/verify/receipt-layout.ts) under fixed
 * keys, so a verifier in another language can match them byte for byte: each receipt's sparse
 * Merkle proof (a real proof of the subject's own key, from a small state tree whose root is
 * given as stateRootHex), its layout,
 * digest (sha256(signingInput("courtbridge/v1/receipt", layout))) and RFC 6962 leaf hash; then one
 * batch of them as src/relay/receipts/batch-receipts.ts closes it: the Merkle root, every leaf's
 * audit path, the root signing input (signingInput("courtbridge/v1/receipt-batch", root || u64
 * leaf_count || u64 signed_at_ms)) and the gateway's compact low-S RFC 6979 signature over it.
 *
 * Run: npx tsx test/vectors/generate-receipt.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

import { sha256 } from '../../src/crypto/hash.js';
import { publicKeyOf, sign } from '../../src/crypto/secp256k1.js';
import { fromHex, toHex, utf8 } from '../../src/encoding/bytes.js';
import { allAuditPaths, leafHash } from '../../src/proof/binary-merkle.js';
import { encodeProof } from '../../src/proof/proof-codec.js';
import { SparseMerkleTree } from '../../src/proof/sparse-merkle-tree.js';
import type { SmtProof } from '../../src/proof/smt-proof.js';
import { attestationSigningInput } from '../../src/verify/attestations.js';
import { batchRootSigningInput, receiptDigest, receiptLayout, type ReceiptSubject } from '../../src/verify/receipt-layout.js';

/** The private key of vector key `n`: sha256("courtbridge vector key n"). */
export const vectorKey = (n: number): Uint8Array => sha256(utf8(`courtbridge vector key ${n}`));

/** A receipt subject as JSON (bytes as lowercase hex). */
export interface ReceiptSubjectJson {
  requestId: string;
  requesterDid: string;
  query: { chainId: string; recordType: string; key: string; height: number };
  header: { chainId: string; height: number; hashHex: string };
  result: { kind: 'record'; valueHex: string } | { kind: 'absence' };
  proof: { kind: 'member' | 'absent'; siblingsHex: string[]; leaf?: { keyHashHex: string; valueHashHex: string } } | null;
  stateTimeMs: number;
  trustBasis: 1 | 2 | 3;
  attestations: { attesterDid: string; kid: string; signatureHex: string }[];
}

/** JSON -> core types (the test uses the same function). */
export function subjectFromJson(j: ReceiptSubjectJson): ReceiptSubject {
  let proof: SmtProof | undefined;
  if (j.proof !== null) {
    proof = { kind: j.proof.kind, siblings: j.proof.siblingsHex.map((x) => fromHex(x)) };
    if (j.proof.leaf !== undefined)
      proof.leaf = { keyHash: fromHex(j.proof.leaf.keyHashHex), valueHash: fromHex(j.proof.leaf.valueHashHex) };
  }
  return {
    requestId: j.requestId,
    requesterDid: j.requesterDid,
    query: j.query,
    header: { chainId: j.header.chainId, height: j.header.height, hash: fromHex(j.header.hashHex) },
    result: j.result.kind === 'record' ? { kind: 'record', value: fromHex(j.result.valueHex) } : { kind: 'absence' },
    proof,
    stateTimeMs: j.stateTimeMs,
    trustBasis: j.trustBasis,
    attestations: j.attestations.map((a) => ({ attesterDid: a.attesterDid, kid: a.kid, signature: fromHex(a.signatureHex) })),
  };
}

const h = (s: string): string => toHex(sha256(utf8(s)));
const COURT = 'did:alliance:court-bj-01';
/**
 * `subject` with the attestations of `attesters` (DID URL of the key, vector key number): each
 * signs the subject's answer (docs/spec/attestation.md) with its own key, so no two attesters
 * share a signature value.
 */
function attested(subject: ReceiptSubjectJson, attesters: { kid: string; keyN: number }[]): ReceiptSubjectJson {
  const answer = attestationSigningInput({
    chainId: subject.query.chainId,
    recordType: subject.query.recordType,
    key: subject.query.key,
    result: subject.result.kind === 'record' ? { kind: 'record', value: fromHex(subject.result.valueHex) } : { kind: 'absence' },
  });
  return {
    ...subject,
    attestations: attesters.map((a) => ({
      attesterDid: a.kid.slice(0, a.kid.indexOf('#')),
      kid: a.kid,
      signatureHex: toHex(sign(answer, vectorKey(a.keyN))),
    })),
  };
}

/** The state root each proof is against (by request id): the root of the tree it was proven from. */
export const stateRoots = new Map<string, string>();

type ProofShape = 'member' | 'empty-slot' | 'occupied';

/**
 * `subject` with a sparse Merkle proof of its own key (utf8 of `query.key`) from a small state
 * tree: the record itself (for a record) and filler records of the same type, as many as it takes
 * for the proof to have `shape` (absence by an empty slot, or by another key's occupying leaf).
 */
function proven(shape: ProofShape, subject: ReceiptSubjectJson): ReceiptSubjectJson {
  const key = utf8(subject.query.key);
  for (let fillers = 1; fillers < 64; fillers++) {
    const entries = Array.from({ length: fillers }, (_, i) => ({
      key: utf8(`${subject.query.recordType}/filler-${i}`),
      value: utf8(`{"filler":${i}}`),
    }));
    if (subject.result.kind === 'record') entries.push({ key, value: fromHex(subject.result.valueHex) });
    const tree = SparseMerkleTree.fromEntries(entries);
    const p = tree.prove(key);
    const got: ProofShape = p.kind === 'member' ? 'member' : p.leaf === undefined ? 'empty-slot' : 'occupied';
    if (got !== shape || p.siblings.length < 2) continue;
    stateRoots.set(subject.requestId, toHex(tree.root()));
    return {
      ...subject,
      proof: {
        kind: p.kind,
        siblingsHex: p.siblings.map(toHex),
        ...(p.leaf === undefined ? {} : { leaf: { keyHashHex: toHex(p.leaf.keyHash), valueHashHex: toHex(p.leaf.valueHash) } }),
      },
    };
  }
  throw new Error(`no small tree gives ${subject.query.key} a ${shape} proof`);
}

export const subjects: { name: string; subject: ReceiptSubjectJson }[] = [
  {
    name: 'record proven by a header (membership proof)',
    subject: proven('member', {
      requestId: 'req-0001',
      requesterDid: COURT,
      query: { chainId: 'property', recordType: 'title', key: 'title/京(2019)东城区不动产权第0031415号', height: 0 },
      header: { chainId: 'property', height: 42, hashHex: h('property header 42') },
      result: { kind: 'record', valueHex: toHex(utf8('{"titleNo":"京(2019)东城区不动产权第0031415号","owner":"136225f9"}')) },
      proof: null,
      stateTimeMs: 1_750_000_000_000,
      trustBasis: 1,
      attestations: [],
    }),
  },
  {
    name: 'proven absence at a fixed height (empty slot)',
    subject: proven('empty-slot', {
      requestId: 'req-0002',
      requesterDid: COURT,
      query: { chainId: 'credit', recordType: 'dishonest', key: `dishonest/${h('debtor')}`, height: 7 },
      header: { chainId: 'credit', height: 7, hashHex: h('credit header 7') },
      result: { kind: 'absence' },
      proof: null,
      stateTimeMs: 1_750_000_001_000,
      trustBasis: 1,
      attestations: [],
    }),
  },
  {
    name: 'absence shown by another occupying leaf',
    subject: proven('occupied', {
      requestId: 'req-0003',
      requesterDid: 'did:alliance:gateway-1',
      query: { chainId: 'credit', recordType: 'dishonest', key: `dishonest/${h('other')}`, height: 0 },
      header: { chainId: 'credit', height: 8, hashHex: h('credit header 8') },
      result: { kind: 'absence' },
      proof: null,
      stateTimeMs: 1_750_000_002_000,
      trustBasis: 1,
      attestations: [],
    }),
  },
  {
    name: 'record vouched for by attestations only (no proof)',
    subject: attested(
      {
        requestId: 'req-0004',
        requesterDid: COURT,
        query: { chainId: 'lawyer', recordType: 'qualification', key: 'lawyer/11010200012345', height: 0 },
        header: { chainId: 'lawyer', height: 3, hashHex: h('lawyer header 3') },
        result: { kind: 'record', valueHex: toHex(utf8('{"status":"practising"}')) },
        proof: null,
        stateTimeMs: 1_750_000_003_000,
        trustBasis: 2,
        attestations: [],
      },
      [{ kid: 'did:alliance:agency-lawyers#key-1', keyN: 3 }],
    ),
  },
  {
    name: 'record with proof and attestations (both)',
    subject: attested(
      proven('member', {
        requestId: 'req-0005',
        requesterDid: COURT,
        query: { chainId: 'finance', recordType: 'account', key: 'account/6222020200112345678', height: 40 },
        header: { chainId: 'finance', height: 40, hashHex: h('finance header 40') },
        result: { kind: 'record', valueHex: toHex(utf8('{"balance":"100000"}')) },
        proof: null,
        stateTimeMs: 1_750_000_004_000,
        trustBasis: 3,
        attestations: [],
      }),
      [
        { kid: 'did:alliance:agency-bank#key-1', keyN: 4 },
        { kid: 'did:alliance:agency-bank-2#key-2', keyN: 5 },
      ],
    ),
  },
];

export const BATCH = {
  gatewayKeyIndex: 1,
  gatewayDid: 'did:alliance:gateway-1',
  kid: 'did:alliance:gateway-1#key-1',
  signedAtMs: 1_750_000_005_000,
} as const;

export function buildVectors(): unknown {
  const receipts = subjects.map(({ name, subject }) => {
    const s = subjectFromJson(subject);
    const digest = receiptDigest(s);
    return {
      name,
      subject,
      proofBytesHex: s.proof === undefined || 'evmDigest' in s.proof ? '' : toHex(encodeProof(s.proof)),
      /** The state root the proof verifies against for the subject's own key (the header's root); empty when no proof. */
      stateRootHex: stateRoots.get(subject.requestId) ?? '',
      layoutHex: toHex(receiptLayout(s)),
      digestHex: toHex(digest),
      leafHashHex: toHex(leafHash(digest)),
    };
  });
  const { root, paths } = allAuditPaths(receipts.map((r) => fromHex(r.leafHashHex)));
  const input = batchRootSigningInput(root, receipts.length, BATCH.signedAtMs);
  const sk = vectorKey(BATCH.gatewayKeyIndex);
  return {
    description:
      'Gateway receipts (src/verify/receipt-layout.ts header). layout = the fixed receipt layout; digest = sha256(signingInput("courtbridge/v1/receipt", layout)) where signingInput(tag, data) = utf8(tag) || 0x00 || sha256(data); leafHash = RFC 6962 sha256(0x00 || digest); the batch root is RFC 6962 over the leaf hashes in order (src/proof/binary-merkle.ts), each leaf with its audit path; each proof proves the key of its own subject (utf8 of query.key) against stateRootHex; rootSigningInput = signingInput("courtbridge/v1/receipt-batch", root || u64 BE leaf_count || u64 BE signed_at_ms); rootSignature = compact low-S ECDSA-SHA256 (RFC 6979) over rootSigningInput by the gateway key.',
    privateKeyRule: 'sha256(utf8("courtbridge vector key " + keyIndex))',
    receipts,
    batch: {
      ...BATCH,
      publicKeyHex: toHex(publicKeyOf(sk)),
      leafCount: receipts.length,
      rootHex: toHex(root),
      paths: paths.map((p, i) => ({ leafIndex: i, pathHex: p.map(toHex) })),
      rootSigningInputHex: toHex(input.bytes('secp256k1')),
      rootSignatureHex: toHex(sign(input, sk)),
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('./receipt.json', import.meta.url), `${JSON.stringify(buildVectors(), null, 2)}\n`);
  console.log('wrote test/vectors/receipt.json');
}
