import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256, signingInput, SignTag } from '../../../src/crypto/hash.js';
import { toHighS } from '../../../src/crypto/secp256k1.js';
import { fromUtf8, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { AllianceAuthority } from '../../../src/identity/alliance-authority.js';
import { genesisHashHex, loadGenesis } from '../../../src/identity/genesis.js';
import { registryStateFromGenesis } from '../../../src/identity/registry.js';
import type { Signer } from '../../../src/identity/signer.js';
import {
  attestationLayout,
  attestationSigningInput,
  verifyAttestations,
  type AttestationInput,
  type AttestationPolicy,
  type AttestedResult,
} from '../../../src/verify/attestations.js';
import { keysJson, publicKeyOfKey, signerOf, writeVector } from './vector-kit.js';

const _here = dirname(fileURLToPath(import.meta.url));
const T0 = 1_750_000_000_000;
const AT = T0 + 3_600_000;

/** Members and their vector keys: three agencies that attest, a court that does not, an admin. */
const MEMBERS = [
  { org: 'agency-bank', n: 31, roles: ['agency'], chains: ['finance'], validFromMs: T0 },
  { org: 'agency-bank-2', n: 32, roles: ['agency'], chains: ['finance'], validFromMs: T0 },
  { org: 'agency-lawyers', n: 33, roles: ['agency'], chains: ['finance', 'lawyer'], validFromMs: T0 },
  { org: 'court-bj-01', n: 34, roles: ['court'], chains: [], validFromMs: T0 },
  { org: 'admin-a', n: 35, roles: ['admin'], chains: [], validFromMs: T0 },
] as const;
const did = (org: string): string => `did:alliance:${org}`;
const memberSigner = (org: string, n: number): Signer => signerOf(did(org), '#key-1', n);
const [bank, bank2, lawyers, court] = MEMBERS.map((m) => memberSigner(m.org, m.n)) as [Signer, Signer, Signer, Signer];

const genesis = utf8(
  `${JSON.stringify(
    {
      allianceId: 'courtbridge-test',
      quorum: 1,
      members: MEMBERS.map((m) => ({
        did: did(m.org),
        org: m.org,
        roles: m.roles,
        chains: m.chains,
        keys: [{ kid: '#key-1', publicKeyHex: toHex(publicKeyOfKey(m.n)), validFromMs: m.validFromMs }],
      })),
    },
    null,
    2,
  )}\n`,
);
const genesisHash = genesisHashHex(genesis);
const state = registryStateFromGenesis(loadGenesis(genesis, genesisHash));
const authority = new AllianceAuthority(() => state);

/** The chain's attestation policy as its registry entry would give it. */
const POLICY: AttestationPolicy = { threshold: 1, attesters: [did('agency-bank'), did('agency-bank-2'), did('agency-lawyers')] };

const RECORD: AttestedResult = {
  chainId: 'finance',
  recordType: 'account',
  key: 'account/6222020200112345678',
  result: { kind: 'record', value: utf8('{"balance":"100000"}') },
};
const ABSENCE: AttestedResult = {
  chainId: 'lawyer',
  recordType: 'qualification',
  key: 'lawyer/11010200099999',
  result: { kind: 'absence' },
};

const resultJson = (r: AttestedResult): Record<string, unknown> => ({
  chainId: r.chainId,
  recordType: r.recordType,
  key: r.key,
  result: r.result.kind === 'record' ? { kind: 'record', valueHex: toHex(r.result.value) } : { kind: 'absence' },
});
const fieldsOf = (r: AttestedResult): Record<string, unknown> => ({
  chainId: r.chainId,
  recordType: r.recordType,
  key: r.key,
  resultKind: r.result.kind === 'record' ? 1 : 2,
  valueHash: toHex(r.result.kind === 'record' ? sha256(r.result.value) : new Uint8Array(32)),
});
const attest = (s: Signer, r: AttestedResult, kid = s.kid): AttestationInput => ({
  attesterDid: s.did,
  kid,
  signature: s.sign(attestationSigningInput(r)),
});
const attJson = (a: AttestationInput): Record<string, string> => ({
  attesterDid: a.attesterDid,
  kid: a.kid,
  signature: toHex(a.signature),
});

/** The verdict: 'ok' when the quorum is met, else the first ignored attestation's reason, else the quorum's. */
function verdict(r: AttestedResult, atts: AttestationInput[], policy: AttestationPolicy, atMs: number): string {
  const v = verifyAttestations(r, atts, policy, authority, atMs);
  if (v.kind === 'met') return 'ok';
  return v.ignored[0]?.reason ?? 'attestation_quorum_not_met';
}

const valid = [
  { name: 'agency-bank attests a record', keyN: 31, s: bank, r: RECORD, kid: bank.kid },
  { name: 'agency-bank-2 attests the same record (another key, another signature)', keyN: 32, s: bank2, r: RECORD, kid: bank2.kid },
  { name: "agency-lawyers attests an absence, naming its key by the fragment '#key-1'", keyN: 33, s: lawyers, r: ABSENCE, kid: '#key-1' },
].map((c) => {
  const a = attest(c.s, c.r, c.kid);
  const bytes = attestationLayout(c.r);
  if (verdict(c.r, [a], POLICY, AT) !== 'ok') throw new Error(`${c.name}: not counted`);
  return {
    name: c.name,
    fields: fieldsOf(c.r),
    bytes: toHex(bytes),
    hash: toHex(sha256(bytes)),
    signer: String(c.keyN),
    signingInput: toHex(attestationSigningInput(c.r).bytes('secp256k1')),
    signature: toHex(a.signature),
    answer: resultJson(c.r),
    attestations: [attJson(a)],
  };
});
const signatures = new Set(valid.map((v) => v.signature));
if (signatures.size !== valid.length) throw new Error('one signature value for two attesters');

const good = attest(bank, RECORD);
const bad: Array<{
  name: string;
  reason: string;
  why: string;
  answer: AttestedResult;
  attestations: AttestationInput[];
  policy?: AttestationPolicy;
  atMs?: number;
}> = [
  {
    name: "agency-bank-2 presenting agency-bank's signature",
    reason: 'bad_attestation_signature',
    why: "the attestation names agency-bank-2 and its key, but the signature is agency-bank's",
    answer: RECORD,
    attestations: [{ ...good, attesterDid: bank2.did, kid: bank2.kid }],
  },
  {
    name: 'the value changed after signing',
    reason: 'bad_attestation_signature',
    why: 'the record value is {"balance":"999999"}; agency-bank signed the hash of {"balance":"100000"}',
    answer: { ...RECORD, result: { kind: 'record', value: utf8('{"balance":"999999"}') } },
    attestations: [good],
  },
  {
    name: 'a record attestation presented for an absence',
    reason: 'bad_attestation_signature',
    why: 'the answer says absent (kind 2, zero hash); the signature covers the record (kind 1)',
    answer: { ...RECORD, result: { kind: 'absence' } },
    attestations: [good],
  },
  {
    name: 'another key of the record',
    reason: 'bad_attestation_signature',
    why: 'the answer is for account/6222020200112345679, the attestation for ...678',
    answer: { ...RECORD, key: 'account/6222020200112345679' },
    attestations: [good],
  },
  {
    name: 'the high-S twin',
    reason: 'bad_attestation_signature',
    why: 's replaced by n - s: plain ECDSA accepts it, the low-S rule refuses it',
    answer: RECORD,
    attestations: [{ ...good, signature: toHighS(good.signature) }],
  },
  {
    name: 'a signature under another tag',
    reason: 'bad_attestation_signature',
    why: 'agency-bank signed the same bytes under courtbridge/v1/notary-record',
    answer: RECORD,
    attestations: [{ ...good, signature: bank.sign(signingInput(SignTag.NotaryRecord, attestationLayout(RECORD))) }],
  },
  {
    name: 'a member who is not one of the chain’s attesters',
    reason: 'unknown_attester',
    why: "court-bj-01 signed correctly with its registered key, but the chain's policy does not list it",
    answer: RECORD,
    attestations: [attest(court, RECORD)],
  },
  {
    name: 'the same attester twice',
    reason: 'duplicate_attester',
    why: "agency-bank's attestation counted once; threshold 2 is not reached by repeating it",
    answer: RECORD,
    attestations: [good, good],
    policy: { ...POLICY, threshold: 2 },
  },
  {
    name: 'a key the attester does not hold',
    reason: 'attester_key_unknown',
    why: 'agency-bank holds #key-1 only; the attestation names #key-2',
    answer: RECORD,
    attestations: [{ ...good, kid: `${bank.did}#key-2` }],
  },
  {
    name: 'another DID’s key',
    reason: 'attester_key_unknown',
    why: "the kid names agency-bank-2's key on agency-bank's attestation",
    answer: RECORD,
    attestations: [{ ...good, kid: bank2.kid }],
  },
  {
    name: 'a state time before the key was valid',
    reason: 'attester_key_unknown',
    why: 'the answer reflects state at T0 - 1 ms; agency-bank’s key is valid from T0',
    answer: RECORD,
    attestations: [good],
    atMs: T0 - 1,
  },
  {
    name: 'one valid attestation where two are needed',
    reason: 'attestation_quorum_not_met',
    why: "agency-bank's attestation counts, but the policy asks for 2 of the 3 attesters",
    answer: RECORD,
    attestations: [good],
    policy: { ...POLICY, threshold: 2 },
  },
];

const invalid = bad.map((b) => {
  const got = verdict(b.answer, b.attestations, b.policy ?? POLICY, b.atMs ?? AT);
  if (got !== b.reason) throw new Error(`${b.name}: the product says ${got}, expected ${b.reason}`);
  const v = verifyAttestations(b.answer, b.attestations, b.policy ?? POLICY, authority, b.atMs ?? AT);
  return {
    name: b.name,
    reason: b.reason,
    why: b.why,
    answer: resultJson(b.answer),
    attestations: b.attestations.map(attJson),
    ...(b.policy === undefined ? {} : { policy: b.policy }),
    ...(b.atMs === undefined ? {} : { atMs: b.atMs }),
    counted: v.counted,
    ignored: v.ignored,
  };
});

const keys = keysJson(MEMBERS.map((m) => m.n));

writeVector('attestation', {
  structure: 'attestation',
  title: "Agency attestations over a chain's answer, each by the attester's own key",
  spec: 'docs/spec/attestation.md',
  tag: SignTag.Attestation,
  layout: 'attestation',
  keys,
  genesis: fromUtf8(genesis),
  genesisHash,
  attesterKeys: Object.fromEntries(MEMBERS.slice(0, 3).map((m) => [did(m.org), String(m.n)])),
  policy: POLICY,
  atMs: AT,
  valid,
  invalid,
});
process.stderr.write(`attestation: ${valid.length} valid, ${invalid.length} invalid\n`);
