import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../../../src/crypto/hash.js';
import { publicKeyFor } from '../../../src/crypto/signature-suite.js';
import { toBase64url, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { type ChainEntry, chainEntryToJson } from '../../../src/identity/chain-entry.js';
import { genesisHashHex, loadGenesis } from '../../../src/identity/genesis.js';
import { applyRegistryUpdate, registryStateEntries, registryStateFromGenesis, type RegistryState } from '../../../src/identity/registry.js';
import { approveRegistryUpdate, type RegistryOp, type RegistryUpdateBody } from '../../../src/identity/registry-update.js';
import { chainEntryFields, privateKeyOf, publicKeyOfKey, signerOf, writeVector } from './vector-kit.js';

const _here = dirname(fileURLToPath(import.meta.url));
const T0 = 1_700_000_000_000;
const did = (org: string): string => `did:alliance:${org}`;
const ALLIANCE = 'courtbridge-test';

const ORGS = { 'admin-a': 1, 'admin-b': 2, 'court-a': 4, 'ip-adapter': 6, 'court-b': 7 } as const;
type Org = keyof typeof ORGS;
const ROLES: Record<Org, string[]> = {
  'admin-a': ['admin'],
  'admin-b': ['admin'],
  'court-a': ['court'],
  'ip-adapter': ['adapter'],
  'court-b': ['court', 'agency'],
};

const ipEntry: ChainEntry = {
  chainId: 'ip',
  kind: 'bft-smt',
  displayName: 'Intellectual property',
  hashSuite: 'sha256',
  signatureSuite: 'secp256k1',
  anchor: { height: 7, headerHash: sha256(utf8('vector anchor header')), validatorsHash: sha256(utf8('vector anchor validators')) },
  servers: [did('ip-adapter')],
  schema: {
    recordTypes: [{ name: 'trademark', keyPrefix: 'trademark/', indexes: ['owner'] }],
    actions: [{ kind: 'freeze', targetRecordType: 'trademark' }],
  },
};
const ipEntry2: ChainEntry = {
  ...ipEntry,
  displayName: '知识产权链',
  hashSuite: 'sm3',
  signatureSuite: 'sm2',
  anchor: {
    height: 1200,
    headerHash: sha256(utf8('vector anchor header 1200')),
    validatorsHash: sha256(utf8('vector anchor validators 1200')),
  },
  servers: [did('ip-adapter'), did('court-a')],
};
const propertyEntry: ChainEntry = {
  chainId: 'property',
  kind: 'notary',
  displayName: '不动产登记',
  hashSuite: 'sha256',
  signatureSuite: 'secp256k1',
  anchor: { height: 1, headerHash: sha256(utf8('vector property anchor')), validatorsHash: new Uint8Array(32) },
  servers: [did('ip-adapter')],
  attestation: { threshold: 1, attesters: [did('court-a')] },
};
const creditEntry: ChainEntry = {
  chainId: 'credit',
  kind: 'notary',
  displayName: 'Credit reporting',
  hashSuite: 'sha256',
  signatureSuite: 'secp256k1',
  anchor: { height: 42, headerHash: sha256(utf8('vector credit anchor')), validatorsHash: new Uint8Array(32) },
  servers: [did('court-b')],
  attestation: { threshold: 2, attesters: [did('court-a'), did('court-b')] },
};

const genesisOf = (allianceId: string): Uint8Array =>
  utf8(
    `${JSON.stringify(
      {
        allianceId,
        quorum: 2,
        members: (Object.keys(ORGS) as Org[]).map((o) => ({
          did: did(o),
          org: o === 'court-b' ? '上海市第二中级人民法院' : `Org ${o}`,
          roles: ROLES[o],
          chains: o === 'ip-adapter' ? ['ip'] : [],
          keys: [
            { kid: '#key-1', publicKeyHex: toHex(publicKeyOfKey(ORGS[o])), validFromMs: T0 },
            // court-b also holds an SM2 key (35 bytes): the member layout's other key form.
            ...(o === 'court-b' ? [{ kid: '#key-2', publicKeyHex: toHex(publicKeyFor('sm2', privateKeyOf(22))), validFromMs: T0 }] : []),
          ],
        })),
        chains: [ipEntry, propertyEntry].map(chainEntryToJson),
      },
      null,
      2,
    )}\n`,
  );
const stateOf = (allianceId: string): RegistryState => {
  const g = genesisOf(allianceId);
  return registryStateFromGenesis(loadGenesis(g, genesisHashHex(g)));
};

const ops: Array<[number, RegistryOp]> = [
  [60_000, { kind: 'rotate_key', did: did('court-a'), newKid: '#key-2', newPublicKey: publicKeyOfKey(20) }],
  [120_000, { kind: 'admit_chain', chain: creditEntry }],
  [180_000, { kind: 'change_grants', did: did('ip-adapter'), roles: ['adapter', 'validator'], chains: ['ip', 'property'] }],
  [240_000, { kind: 'update_chain', chain: ipEntry2 }],
  [300_000, { kind: 'revoke_member', did: did('court-b') }],
  [360_000, { kind: 'remove_chain', chainId: 'property' }],
];
const genesisState = stateOf(ALLIANCE);
let state = genesisState;
for (const [dt, op] of ops) {
  const body: RegistryUpdateBody = {
    allianceId: state.allianceId,
    sequence: state.sequence + 1,
    prevStateHash: state.stateHash,
    updateId: `registry-entry-${state.sequence + 1}`,
    effectiveAtMs: T0 + dt,
    op,
  };
  const approvals = (['admin-a', 'admin-b'] as const).map((a) => approveRegistryUpdate(body, signerOf(did(a), '#key-1', ORGS[a])));
  state = applyRegistryUpdate(state, { ...body, approvals }, T0 + dt).state;
}
const finalEntries = registryStateEntries(state);
const genesisEntries = registryStateEntries(genesisState);
const entryAt = (es: typeof finalEntries, key: string): Uint8Array => {
  const e = es.find((x) => x.key === key);
  if (!e) throw new Error(`no entry ${key}`);
  return e.value;
};
const prefix = `registry/${ALLIANCE}`;
const headKey = `${prefix}/head`;
const memberKey = (o: Org): string => `${prefix}/member/${did(o)}`;
const chainKey = (id: string): string => `${prefix}/chain/${id}`;

// ---- the layout form of the values (docs/spec/records.md) ----

const headFields = (s: RegistryState): Record<string, unknown> => ({
  allianceId: s.allianceId,
  quorum: s.quorum,
  sequence: s.sequence,
  stateHash: toHex(s.stateHash),
  genesisHash: toHex(s.genesisHash),
});
const memberFields = (s: RegistryState, o: Org): Record<string, unknown> => {
  const m = s.members.get(did(o))!;
  return {
    did: m.did,
    org: m.org,
    status: m.status === 'active' ? 1 : 2,
    registeredAtMs: m.registeredAtMs,
    revokedAtMs: m.revokedAtMs ?? 0,
    keys: m.keys.map((k) => ({ kid: k.kid, publicKey: toHex(k.publicKey), validFromMs: k.validFromMs, validUntilMs: k.validUntilMs ?? 0 })),
    grants: m.grants.map((g) => ({ fromMs: g.fromMs, roles: [...g.roles], chains: [...g.chains] })),
  };
};
const chainFields = (s: RegistryState, id: string): Record<string, unknown> => {
  const c = s.chains.get(id)!;
  return { removedAtMs: c.removedAtMs ?? 0, versions: c.versions.map((v) => ({ fromMs: v.fromMs, entry: chainEntryFields(v.entry) })) };
};

const validCase = (name: string, key: string, fields: Record<string, unknown>, value: Uint8Array, extra: Record<string, unknown> = {}) => ({
  name,
  key,
  fields,
  bytes: toHex(value),
  value: toBase64url(value),
  ...extra,
});
const put = (...es: Array<{ key: string; value: Uint8Array | string }>) =>
  es.map((e) => ({ key: e.key, value: typeof e.value === 'string' ? e.value : toBase64url(e.value) }));
const stored = (...es: Array<{ key: string; value: Uint8Array }>) => es.map((e) => ({ key: e.key, value: toHex(e.value) }));

const finalHead = entryAt(finalEntries, headKey);
const courtA = entryAt(finalEntries, memberKey('court-a'));
const ip = entryAt(finalEntries, chainKey('ip'));
const swap = (es: typeof finalEntries, key: string, value: Uint8Array) => es.map((e) => (e.key === key ? { key, value } : e));

const files = {
  head: {
    layout: 'records-registry-head',
    title: 'The alliance registry head on the judicial chain (registry/<allianceId>/head)',
    valid: [
      validCase('the genesis head (sequence 0)', headKey, headFields(genesisState), entryAt(genesisEntries, headKey)),
      validCase('the head after six updates, put on top of the genesis head', headKey, headFields(state), finalHead, {
        stored: stored({ key: headKey, value: entryAt(genesisEntries, headKey) }),
      }),
      validCase(
        'the head within registryStateEntries whole output (head, chains, members) in one put',
        headKey,
        headFields(state),
        finalHead,
        { entries: put(...finalEntries) },
      ),
    ],
    invalid: [
      {
        name: 'another alliance head under this alliance key',
        reason: 'registry_key_mismatch',
        why: "the head's allianceId (other-alliance) is not the key's (courtbridge-test)",
        entries: put({ key: headKey, value: entryAt(registryStateEntries(stateOf('other-alliance')), 'registry/other-alliance/head') }),
      },
      {
        name: 'rollback: the genesis head over the stored head of sequence 6',
        reason: 'registry_rollback',
        why: "the put head's sequence (0) is below the stored head's (6)",
        stored: stored({ key: headKey, value: finalHead }),
        entries: put({ key: headKey, value: entryAt(genesisEntries, headKey) }),
      },
      {
        name: 'a whole put whose head rolls back is refused whole',
        reason: 'registry_rollback',
        why: 'one entry of the tx (the genesis head) is refused, so no entry of it is stored',
        stored: stored({ key: headKey, value: finalHead }),
        entries: put(...genesisEntries),
      },
      {
        name: 'truncated head',
        reason: 'invalid_record',
        why: 'the value ends inside the sequence field (allianceId and quorum only, then 3 bytes)',
        entries: put({ key: headKey, value: finalHead.subarray(0, 4 + ALLIANCE.length + 4 + 3) }),
      },
      {
        name: 'padded base64url value',
        reason: 'invalid_record',
        why: 'the value text ends in "=": the value must be unpadded base64url',
        entries: put({ key: headKey, value: `${toBase64url(finalHead)}=` }),
      },
      {
        name: 'standard base64 value',
        reason: 'invalid_record',
        why: 'the value text uses "+" and "/" (standard base64), not base64url',
        entries: put({ key: headKey, value: Buffer.from(finalHead).toString('base64').replace(/=+$/, '') }),
      },
      {
        name: 'a key of no registry entry form',
        reason: 'invalid_record',
        why: 'registry/<allianceId>/heads is neither head, member/<did> nor chain/<chainId>',
        entries: put({ key: `${headKey}s`, value: finalHead }),
      },
    ],
  },
  member: {
    layout: 'records-registry-member',
    title: 'An alliance member on the judicial chain (registry/<allianceId>/member/<did>)',
    valid: [
      validCase(
        'admin-a: one key, one grant, as in the genesis',
        memberKey('admin-a'),
        memberFields(state, 'admin-a'),
        entryAt(finalEntries, memberKey('admin-a')),
      ),
      validCase('court-a: #key-1 closed by a rotation, #key-2 open-ended', memberKey('court-a'), memberFields(state, 'court-a'), courtA),
      validCase(
        'ip-adapter: two grants (changed roles and chains)',
        memberKey('ip-adapter'),
        memberFields(state, 'ip-adapter'),
        entryAt(finalEntries, memberKey('ip-adapter')),
      ),
      validCase(
        'court-b: revoked, with a secp256k1 and an SM2 key',
        memberKey('court-b'),
        memberFields(state, 'court-b'),
        entryAt(finalEntries, memberKey('court-b')),
      ),
    ],
    invalid: [
      {
        name: "court-a's value under court-b's key",
        reason: 'registry_key_mismatch',
        why: "the value's did (did:alliance:court-a) is not the key's (did:alliance:court-b)",
        entries: put({ key: memberKey('court-b'), value: courtA }),
      },
      {
        name: 'a whole put with one member under another key',
        reason: 'registry_key_mismatch',
        why: "registryStateEntries' output with court-b's value replaced by court-a's: the whole tx is refused",
        entries: put(...swap(finalEntries, memberKey('court-b'), courtA)),
      },
      {
        name: 'member value cut inside its did',
        reason: 'invalid_record',
        why: "the did's length says 20 bytes, 10 follow",
        entries: put({ key: memberKey('court-a'), value: courtA.subarray(0, 14) }),
      },
      {
        name: 'member key without a DID',
        reason: 'invalid_record',
        why: 'the key after member/ must start with did:',
        entries: put({ key: `${prefix}/member/court-a`, value: courtA }),
      },
    ],
  },
  chain: {
    layout: 'records-registry-chain',
    title: 'An admitted chain on the judicial chain (registry/<allianceId>/chain/<chainId>)',
    valid: [
      validCase(
        'ip: admitted in the genesis with a schema, re-anchored on SM3/SM2 (two versions)',
        chainKey('ip'),
        chainFields(state, 'ip'),
        ip,
      ),
      validCase(
        'credit: a notary chain admitted by an update, two notaries',
        chainKey('credit'),
        chainFields(state, 'credit'),
        entryAt(finalEntries, chainKey('credit')),
      ),
      validCase(
        'property: a notary chain of the genesis, removed',
        chainKey('property'),
        chainFields(state, 'property'),
        entryAt(finalEntries, chainKey('property')),
      ),
    ],
    invalid: [
      {
        name: "ip's value under credit's key",
        reason: 'registry_key_mismatch',
        why: "the value's entries name chain ip, the key names credit",
        entries: put({ key: chainKey('credit'), value: ip }),
      },
      {
        name: 'a whole put with one chain under another key',
        reason: 'registry_key_mismatch',
        why: "registryStateEntries' output with property's value replaced by ip's: the whole tx is refused",
        entries: put(...swap(finalEntries, chainKey('property'), ip)),
      },
      {
        name: 'chain value one byte short',
        reason: 'invalid_record',
        why: "the last version's entry ends early (its schema flag is missing)",
        entries: put({ key: chainKey('ip'), value: ip.subarray(0, ip.length - 1) }),
      },
      {
        name: 'chain value with a trailing byte',
        reason: 'invalid_record',
        why: 'a chain value is read whole: nothing may follow the last version',
        entries: put({ key: chainKey('ip'), value: Uint8Array.from([...ip, 0]) }),
      },
      {
        name: 'chain key with an upper-case chain id',
        reason: 'invalid_record',
        why: 'a chain id is [a-z0-9][a-z0-9-]{0,62}',
        entries: put({ key: `${prefix}/chain/IP`, value: ip }),
      },
    ],
  },
};

for (const [part, f] of Object.entries(files)) {
  const structure = `registry-entry-${part}`;
  const file = {
    structure,
    title: f.title,
    spec: 'docs/spec/records.md',
    tag: null,
    layout: f.layout,
    keys: {},
    valid: f.valid,
    invalid: f.invalid,
  };
  writeVector(structure, file);
}
