import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256, sha256Concat, signingInput, SignTag } from '../../../src/crypto/hash.js';
import { toHighS } from '../../../src/crypto/secp256k1.js';
import { publicKeyFor } from '../../../src/crypto/signature-suite.js';
import { concatBytes, fromUtf8, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import type { ChainEntry } from '../../../src/identity/chain-entry.js';
import { genesisHashHex, loadGenesis } from '../../../src/identity/genesis.js';
import { applyRegistryUpdate, registryStateFromGenesis, type RegistryState } from '../../../src/identity/registry.js';
import {
  approveRegistryUpdate,
  registryUpdateDigest,
  registryUpdateSignBytes,
  registryUpdateToJson,
  type Approval,
  type RegistryOp,
  type RegistryUpdate,
  type RegistryUpdateBody,
} from '../../../src/identity/registry-update.js';
import type { Signer } from '../../../src/identity/signer.js';
import { chainEntryFields, keysJson, privateKeyOf, publicKeyOfKey, seedOf, signerOf, writeVector } from './vector-kit.js';

const _here = dirname(fileURLToPath(import.meta.url));
const T0 = 1_700_000_000_000;

/** The members of the genesis and their vector keys (the identity fixture's alliance). */
const ORGS = ['admin-a', 'admin-b', 'admin-c', 'court-a', 'gateway', 'ip-adapter'] as const;
type Org = (typeof ORGS)[number];
const KEY_OF: Record<Org, number> = { 'admin-a': 1, 'admin-b': 2, 'admin-c': 3, 'court-a': 4, gateway: 5, 'ip-adapter': 6 };
const signer = (org: Org): Signer => signerOf(`did:alliance:${org}`, '#key-1', KEY_OF[org]);
const did = (org: string): string => `did:alliance:${org}`;

const genesisObject = {
  allianceId: 'courtbridge-test',
  quorum: 2,
  members: ORGS.map((o) => ({
    did: did(o),
    org: `Org ${o}`,
    roles: [o.startsWith('admin') ? 'admin' : o === 'court-a' ? 'court' : o === 'gateway' ? 'gateway' : 'adapter'],
    chains: o === 'ip-adapter' ? ['ip'] : [],
    keys: [{ kid: '#key-1', publicKeyHex: toHex(publicKeyOfKey(KEY_OF[o])), validFromMs: T0 }],
  })),
};
/** The genesis file's exact bytes (pretty JSON and a newline, as test/identity/fixture.ts writes it). */
const genesis = utf8(`${JSON.stringify(genesisObject, null, 2)}\n`);
const genesisHash = genesisHashHex(genesis);
const genesisState = registryStateFromGenesis(loadGenesis(genesis, genesisHash));

/** A 16-byte nonce as the gateway turns it into an updateId (hex), fixed for the vectors. */
const nonceId = (label: string): string => toHex(sha256(utf8(`courtbridge vector nonce ${label}`)).subarray(0, 16));

const ipEntry: ChainEntry = {
  chainId: 'ip',
  kind: 'bft-smt',
  displayName: 'Intellectual property (copyright, trademark, patent)',
  hashSuite: 'sha256',
  signatureSuite: 'secp256k1',
  anchor: { height: 7, headerHash: sha256(utf8('vector anchor header')), validatorsHash: sha256(utf8('vector anchor validators')) },
  servers: [did('ip-adapter')],
  attestation: { threshold: 1, attesters: [did('court-a')] },
  schema: {
    recordTypes: [
      { name: 'trademark', keyPrefix: 'trademark/', indexes: ['owner'] },
      { name: 'patent', keyPrefix: 'patent/', indexes: [] },
    ],
    actions: [{ kind: 'freeze', targetRecordType: 'trademark|patent' }],
  },
};
const ipEntry2: ChainEntry = {
  chainId: 'ip',
  kind: 'bft-smt',
  displayName: '知识产权链 (re-anchored)',
  hashSuite: 'sm3',
  signatureSuite: 'sm2',
  anchor: {
    height: 1200,
    headerHash: sha256(utf8('vector anchor header 1200')),
    validatorsHash: sha256(utf8('vector anchor validators 1200')),
  },
  servers: [did('ip-adapter'), did('gateway')],
};

/** An SM2 key (35 bytes) registered for court-b: its public key only, the registry signs nothing with it. */
const SM2_KEY_N = 22;
const sm2Key = publicKeyFor('sm2', privateKeyOf(SM2_KEY_N));

interface Step {
  name: string;
  updateId: string;
  effectiveAtMs: number;
  op: RegistryOp;
  approvers: Org[];
}

const steps: Step[] = [
  {
    name: 'rotate_key: court-a gains #key-2 (its #key-1 valid until the update takes effect)',
    updateId: 'rotate-court-a-1',
    effectiveAtMs: T0 + 60_000,
    op: { kind: 'rotate_key', did: did('court-a'), newKid: '#key-2', newPublicKey: publicKeyOfKey(20) },
    approvers: ['admin-a', 'admin-b'],
  },
  {
    name: 'admit_chain: chain ip with attesters and a schema',
    updateId: 'admit-ip-1',
    effectiveAtMs: T0 + 120_000,
    op: { kind: 'admit_chain', chain: ipEntry },
    approvers: ['admin-a', 'admin-b'],
  },
  {
    name: 'register_member: court-b with a secp256k1 and an SM2 key, updateId = hex(nonce) as the gateway derives it',
    updateId: nonceId('register court-b'),
    effectiveAtMs: T0 + 180_000,
    op: {
      kind: 'register_member',
      did: did('court-b'),
      org: '上海市第二中级人民法院',
      roles: ['court', 'agency'],
      chains: ['ip'],
      keys: [
        { kid: '#key-1', publicKey: publicKeyOfKey(21) },
        { kid: '#key-2', publicKey: sm2Key },
      ],
    },
    approvers: ['admin-b', 'admin-c'],
  },
  {
    name: 'change_grants: ip-adapter becomes adapter and validator of ip',
    updateId: 'grants-ip-adapter-1',
    effectiveAtMs: T0 + 240_000,
    op: { kind: 'change_grants', did: did('ip-adapter'), roles: ['adapter', 'validator'], chains: ['ip'] },
    approvers: ['admin-a', 'admin-c'],
  },
  {
    name: 'update_chain: ip re-anchored, SM3/SM2 suites, no attestation, no schema',
    updateId: nonceId('update ip'),
    effectiveAtMs: T0 + 300_000,
    op: { kind: 'update_chain', chain: ipEntry2 },
    approvers: ['admin-c', 'admin-a'],
  },
  {
    name: 'revoke_member: court-b',
    updateId: nonceId('revoke court-b'),
    effectiveAtMs: T0 + 360_000,
    op: { kind: 'revoke_member', did: did('court-b') },
    approvers: ['admin-b', 'admin-a'],
  },
  {
    name: 'remove_chain: ip, approved by all three admins',
    updateId: nonceId('remove ip'),
    effectiveAtMs: T0 + 420_000,
    op: { kind: 'remove_chain', chainId: 'ip' },
    approvers: ['admin-a', 'admin-b', 'admin-c'],
  },
];

const bodyOn = (state: RegistryState, s: Omit<Step, 'name' | 'approvers'>): RegistryUpdateBody => ({
  allianceId: state.allianceId,
  sequence: state.sequence + 1,
  prevStateHash: state.stateHash,
  updateId: s.updateId,
  effectiveAtMs: s.effectiveAtMs,
  op: s.op,
});
const approve = (body: RegistryUpdateBody, approvers: Org[]): Approval[] => approvers.map((a) => approveRegistryUpdate(body, signer(a)));

// ---- the layout form of a body (docs/spec/registry.md) ----

function opFields(op: RegistryOp): { variant: string; value: Record<string, unknown> } {
  switch (op.kind) {
    case 'register_member':
      return {
        variant: 'registry-update-register-member',
        value: {
          did: op.did,
          org: op.org,
          roles: op.roles,
          chains: op.chains,
          keys: op.keys.map((k) => ({ kid: k.kid, publicKey: toHex(k.publicKey) })),
        },
      };
    case 'rotate_key':
      return { variant: 'registry-update-rotate-key', value: { did: op.did, newKid: op.newKid, newPublicKey: toHex(op.newPublicKey) } };
    case 'revoke_member':
      return { variant: 'registry-update-revoke-member', value: { did: op.did } };
    case 'change_grants':
      return { variant: 'registry-update-change-grants', value: { did: op.did, roles: op.roles, chains: op.chains } };
    case 'admit_chain':
      return { variant: 'registry-update-admit-chain', value: { chain: chainEntryFields(op.chain) } };
    case 'update_chain':
      return { variant: 'registry-update-update-chain', value: { chain: chainEntryFields(op.chain) } };
    case 'remove_chain':
      return { variant: 'registry-update-remove-chain', value: { chainId: op.chainId } };
  }
}

const fieldsOf = (b: RegistryUpdateBody): Record<string, unknown> => ({
  allianceId: b.allianceId,
  sequence: b.sequence,
  prevStateHash: toHex(b.prevStateHash),
  updateId: b.updateId,
  effectiveAtMs: b.effectiveAtMs,
  op: opFields(b.op),
});

// ---- valid: the chain of updates ----

const states: RegistryState[] = [genesisState];
const updates: RegistryUpdate[] = [];
const valid = steps.map((s) => {
  const before = states[states.length - 1]!;
  const body = bodyOn(before, s);
  const update: RegistryUpdate = { ...body, approvals: approve(body, s.approvers) };
  const applied = applyRegistryUpdate(before, update, s.effectiveAtMs);
  states.push(applied.state);
  updates.push(update);
  const bytes = registryUpdateSignBytes(body);
  return {
    name: s.name,
    fields: fieldsOf(body),
    bytes: toHex(bytes),
    hash: toHex(registryUpdateDigest(body)),
    signer: String(KEY_OF[s.approvers[0]!]),
    signingInput: toHex(signingInput(SignTag.RegistryUpdate, bytes).bytes('secp256k1')),
    signature: toHex(update.approvals[0]!.signature),
    update: registryUpdateToJson(update),
    nowMs: s.effectiveAtMs,
    stateHashAfter: toHex(applied.state.stateHash),
  };
});

// ---- invalid: updates a registry refuses ----

/** The refusal the product gives (for the generator's own consistency check). */
function refusal(state: RegistryState, u: RegistryUpdate, nowMs: number): { reason: string; discarded: Record<string, string> } {
  try {
    applyRegistryUpdate(state, u, nowMs);
    return { reason: 'ok', discarded: {} };
  } catch (e) {
    if (!isCourtbridgeError(e)) throw e;
    const discarded: Record<string, string> = {};
    for (const [k, v] of Object.entries(e.details)) if (k.startsWith('discarded:')) discarded[k.slice('discarded:'.length)] = String(v);
    return { reason: e.reason, discarded };
  }
}

interface Bad {
  name: string;
  reason: string;
  why: string;
  /** How many valid cases are applied (in order) before it. */
  after: number;
  /** Further (valid) updates applied after those, before it. */
  before?: RegistryUpdate[];
  update: RegistryUpdate;
  nowMs?: number;
}

/** A variant of valid step `i` (re-approved by its approvers unless `approvals` is given). */
function variant(i: number, change: Partial<RegistryUpdateBody>, approvals?: (body: RegistryUpdateBody) => Approval[]): RegistryUpdate {
  const s = steps[i]!;
  const body = { ...bodyOn(states[i]!, s), ...change };
  return { ...body, approvals: approvals === undefined ? approve(body, s.approvers) : approvals(body) };
}
const first = updates[0]!;
const firstBody: RegistryUpdateBody = first;
const adminA = (b: RegistryUpdateBody): Approval => approveRegistryUpdate(b, signer('admin-a'));
const adminB = (b: RegistryUpdateBody): Approval => approveRegistryUpdate(b, signer('admin-b'));

/** A valid demotion of admin-a (after the seven updates), so that demoting one more admin leaves too few. */
const demoteA: RegistryUpdate = (() => {
  const body = bodyOn(states[7]!, {
    updateId: nonceId('demote admin-a'),
    effectiveAtMs: T0 + 480_000,
    op: { kind: 'change_grants', did: did('admin-a'), roles: ['court'], chains: [] },
  });
  return { ...body, approvals: [adminB(body), approveRegistryUpdate(body, signer('admin-c'))] };
})();
const afterDemoteA = applyRegistryUpdate(states[7]!, demoteA, demoteA.effectiveAtMs).state;

const bad: Bad[] = [
  {
    name: 'one approval for a quorum of two',
    reason: 'quorum_not_met',
    why: 'only admin-a approved; the genesis quorum is 2 distinct admins',
    after: 0,
    update: { ...first, approvals: [first.approvals[0]!] },
  },
  {
    name: 'a valid signature by a member who is not an admin',
    reason: 'not_admin',
    why: 'court-a (role court) signed the right signing input with its own key; only admins count, so one approval of two remains',
    after: 0,
    update: { ...first, approvals: [first.approvals[0]!, approveRegistryUpdate(firstBody, signer('court-a'))] },
  },
  {
    name: 'an approval by a DID the registry does not know',
    reason: 'unknown_admin',
    why: 'did:alliance:admin-x is not a member (it signed with vector key 7 under its own name)',
    after: 0,
    update: {
      ...first,
      approvals: [first.approvals[0]!, approveRegistryUpdate(firstBody, signerOf(did('admin-x'), '#key-1', 7))],
    },
  },
  {
    name: 'the same admin twice',
    reason: 'duplicate_approver',
    why: "admin-a's approval given twice counts once",
    after: 0,
    update: { ...first, approvals: [first.approvals[0]!, first.approvals[0]!] },
  },
  {
    name: 'the key named by its bare fragment',
    reason: 'kid_not_of_admin',
    why: 'an approval names its key by the full DID URL (did:alliance:admin-b#key-1); "#key-1" alone is refused although the signature is right',
    after: 0,
    update: { ...first, approvals: [first.approvals[0]!, { ...first.approvals[1]!, kid: '#key-1' }] },
  },
  {
    name: 'a signature under another tag',
    reason: 'bad_signature',
    why: 'admin-b signed the same bytes under courtbridge/v1/operator-order instead of courtbridge/v1/registry-update',
    after: 0,
    update: {
      ...first,
      approvals: [
        first.approvals[0]!,
        {
          adminDid: did('admin-b'),
          kid: `${did('admin-b')}#key-1`,
          signature: signer('admin-b').sign(signingInput(SignTag.OperatorOrder, registryUpdateSignBytes(firstBody))),
        },
      ],
    },
  },
  {
    name: "the high-S twin of admin-b's approval",
    reason: 'high_s_signature',
    why: "s replaced by n - s: plain ECDSA accepts it, the low-S rule refuses it (admin-b's approval is discarded)",
    after: 0,
    update: { ...first, approvals: [first.approvals[0]!, { ...first.approvals[1]!, signature: toHighS(first.approvals[1]!.signature) }] },
  },
  {
    name: 'a 63-byte signature',
    reason: 'bad_signature_length',
    why: "admin-b's signature lost its last byte; every signature is 64 bytes",
    after: 0,
    update: {
      ...first,
      approvals: [first.approvals[0]!, { ...first.approvals[1]!, signature: first.approvals[1]!.signature.subarray(0, 63) }],
    },
  },
  {
    name: 'r = 0',
    reason: 'signature_out_of_range',
    why: "admin-b's signature with r set to zero (r and s must be in 1..n-1)",
    after: 0,
    update: {
      ...first,
      approvals: [
        first.approvals[0]!,
        { ...first.approvals[1]!, signature: concatBytes(new Uint8Array(32), first.approvals[1]!.signature.subarray(32)) },
      ],
    },
  },
  {
    name: 'effectiveAtMs changed after approval',
    reason: 'bad_signature',
    why: 'the rotation was moved one second later after both admins approved; neither approval verifies over the changed bytes',
    after: 0,
    update: { ...first, effectiveAtMs: first.effectiveAtMs + 1_000 },
  },
  {
    name: 'the new key changed after approval',
    reason: 'bad_signature',
    why: 'op.newPublicKey swapped for vector key 8 after approval',
    after: 0,
    update: { ...first, op: { kind: 'rotate_key', did: did('court-a'), newKid: '#key-2', newPublicKey: publicKeyOfKey(8) } },
  },
  {
    name: 'another alliance',
    reason: 'wrong_alliance',
    why: 'allianceId "courtbridge-other" (approved as such) is not the genesis alliance',
    after: 0,
    update: variant(0, { allianceId: 'courtbridge-other' }),
  },
  {
    name: 'an update applied twice',
    reason: 'replayed_update',
    why: 'the first update (updateId rotate-court-a-1) offered again after it applied',
    after: 1,
    update: first,
  },
  {
    name: 'a sequence already used',
    reason: 'replayed_update',
    why: 'sequence 1 with a fresh updateId on a registry at sequence 1',
    after: 1,
    update: variant(1, { sequence: 1 }),
  },
  {
    name: 'a sequence ahead of the registry',
    reason: 'out_of_order',
    why: 'sequence 3 on a registry at sequence 1 (the next is 2)',
    after: 1,
    update: variant(1, { sequence: 3 }),
  },
  {
    name: 'prevStateHash of the genesis on a registry at sequence 1',
    reason: 'stale_state_hash',
    why: 'the update names the genesis hash; the state hash after update 1 is what it must name',
    after: 1,
    update: variant(1, { prevStateHash: states[0]!.stateHash }),
  },
  {
    name: 'backdated before the last update',
    reason: 'effective_time_regressed',
    why: 'effectiveAtMs T0+30s, before the last update (T0+60s)',
    after: 1,
    update: variant(1, { effectiveAtMs: T0 + 30_000 }),
  },
  {
    name: 'effective more than 30 s after now',
    reason: 'update_from_future',
    why: 'effectiveAtMs T0+120s offered at now = T0+89.999s (the skew allowed is 30 000 ms)',
    after: 1,
    update: updates[1]!,
    nowMs: T0 + 89_999,
  },
  {
    name: 'a chain entry with no server',
    reason: 'invalid_chain_entry',
    why: 'servers is empty; the entry is checked before the approvals are counted',
    after: 1,
    update: variant(1, { op: { kind: 'admit_chain', chain: { ...ipEntry, servers: [] } } }),
  },
  {
    name: 'a notary chain without notaries',
    reason: 'notaries_required',
    why: 'a chain of kind "notary" is final by its notaries: its entry must name them (attestation)',
    after: 1,
    update: variant(1, {
      op: {
        kind: 'admit_chain',
        chain: {
          chainId: 'land',
          kind: 'notary',
          displayName: 'Land notary records',
          hashSuite: 'sha256',
          signatureSuite: 'secp256k1',
          anchor: ipEntry.anchor,
          servers: ipEntry.servers,
        },
      },
    }),
  },
  {
    name: 'a chain admitted twice',
    reason: 'chain_exists',
    why: 'chain ip is already admitted (update 2)',
    after: 2,
    update: variant(2, { op: { kind: 'admit_chain', chain: ipEntry } }),
  },
  {
    name: 'a member registered twice',
    reason: 'member_exists',
    why: 'court-a is in the genesis',
    after: 2,
    update: variant(2, {
      op: {
        kind: 'register_member',
        did: did('court-a'),
        org: 'x',
        roles: ['court'],
        chains: [],
        keys: [{ kid: '#key-1', publicKey: publicKeyOfKey(9) }],
      },
    }),
  },
  {
    name: 'a member whose DID is not did:alliance:<org>',
    reason: 'invalid_update',
    why: 'did:alliance:Court_B has characters an organisation name may not hold',
    after: 2,
    update: variant(2, {
      op: {
        kind: 'register_member',
        did: 'did:alliance:Court_B',
        org: 'x',
        roles: ['court'],
        chains: [],
        keys: [{ kid: '#key-1', publicKey: publicKeyOfKey(9) }],
      },
    }),
  },
  {
    name: 'a new member whose first key is not #key-1',
    reason: 'bad_kid',
    why: 'keys are numbered from #key-1 in order',
    after: 2,
    update: variant(2, {
      op: {
        kind: 'register_member',
        did: did('court-c'),
        org: 'x',
        roles: ['court'],
        chains: [],
        keys: [{ kid: '#key-2', publicKey: publicKeyOfKey(9) }],
      },
    }),
  },
  {
    name: 'a rotation that skips a key number',
    reason: 'bad_kid',
    why: 'court-a holds #key-1 and #key-2; its next key is #key-3, not #key-4',
    after: 2,
    update: variant(2, { op: { kind: 'rotate_key', did: did('court-a'), newKid: '#key-4', newPublicKey: publicKeyOfKey(9) } }),
  },
  {
    name: 'grants for an unknown member',
    reason: 'unknown_member',
    why: 'did:alliance:court-z is not registered',
    after: 3,
    update: variant(3, { op: { kind: 'change_grants', did: did('court-z'), roles: ['court'], chains: [] } }),
  },
  {
    name: 'an unknown role',
    reason: 'invalid_genesis',
    why: 'role "judge" is not a role; the code names this refusal invalid_genesis (the role check is the genesis file\'s)',
    after: 3,
    update: variant(3, { op: { kind: 'change_grants', did: did('ip-adapter'), roles: ['judge' as 'court'], chains: ['ip'] } }),
  },
  {
    name: "a chain entry that changes the chain's kind",
    reason: 'invalid_update',
    why: 'ip was admitted as bft-smt; update_chain may not make it a notary chain (admit a new chain id instead)',
    after: 4,
    update: variant(4, {
      op: {
        kind: 'update_chain',
        chain: { ...ipEntry2, kind: 'notary', hashSuite: 'sha256', attestation: { threshold: 1, attesters: [did('court-a')] } },
      },
    }),
  },
  {
    name: 'updating a chain never admitted',
    reason: 'unknown_chain',
    why: 'chain land is not in the registry',
    after: 4,
    update: variant(4, { op: { kind: 'update_chain', chain: { ...ipEntry2, chainId: 'land' } } }),
  },
  {
    name: 'rotating the key of a revoked member',
    reason: 'member_revoked',
    why: 'court-b was revoked by update 6; a revoked DID never comes back',
    after: 6,
    update: variant(6, { op: { kind: 'rotate_key', did: did('court-b'), newKid: '#key-3', newPublicKey: publicKeyOfKey(9) } }),
  },
  {
    name: 'admitting again the id of a removed chain',
    reason: 'chain_exists',
    why: 'ip was removed by update 7; its id stays taken',
    after: 7,
    update: (() => {
      const body: RegistryUpdateBody = {
        ...bodyOn(states[7]!, {
          updateId: nonceId('re-admit ip'),
          effectiveAtMs: T0 + 480_000,
          op: { kind: 'admit_chain', chain: ipEntry },
        }),
      };
      return { ...body, approvals: [adminA(body), adminB(body)] };
    })(),
  },
  {
    name: 'removing a removed chain',
    reason: 'chain_removed',
    why: 'ip was removed by update 7',
    after: 7,
    update: (() => {
      const body = bodyOn(states[7]!, {
        updateId: nonceId('remove ip again'),
        effectiveAtMs: T0 + 480_000,
        op: { kind: 'remove_chain', chainId: 'ip' },
      });
      return { ...body, approvals: [adminA(body), adminB(body)] };
    })(),
  },
  {
    name: 'demoting admins below the quorum',
    reason: 'quorum_unreachable',
    why: 'after admin-a was made a court (the update in "before"), making admin-b a court too would leave one admin for a quorum of 2',
    after: 7,
    before: [demoteA],
    update: (() => {
      const body = bodyOn(afterDemoteA, {
        updateId: nonceId('demote admin-b'),
        effectiveAtMs: T0 + 540_000,
        op: { kind: 'change_grants', did: did('admin-b'), roles: ['court'], chains: [] },
      });
      return { ...body, approvals: [adminB(body), approveRegistryUpdate(body, signer('admin-c'))] };
    })(),
  },
];

const invalid = bad.map((b) => {
  let before = states[b.after]!;
  for (const u of b.before ?? []) before = applyRegistryUpdate(before, u, u.effectiveAtMs).state;
  const nowMs = b.nowMs ?? b.update.effectiveAtMs;
  const got = refusal(before, b.update, nowMs);
  const discardedReasons = Object.values(got.discarded);
  const shown = got.reason === 'quorum_not_met' && discardedReasons.length > 0 ? discardedReasons[0]! : got.reason;
  if (shown !== b.reason)
    throw new Error(`${b.name}: the product says ${got.reason} ${JSON.stringify(got.discarded)}, expected ${b.reason}`);
  return {
    name: b.name,
    reason: b.reason,
    why: b.why,
    after: b.after,
    ...(b.before === undefined ? {} : { before: b.before.map(registryUpdateToJson) }),
    update: registryUpdateToJson(b.update),
    nowMs,
    refusedWith: got.reason,
    discarded: got.discarded,
  };
});

const keys = keysJson([1, 2, 3, 4, 5, 6, 7, 8, 9, 20, 21]);

const updateFile = {
  structure: 'registry-update',
  title: 'Registry updates: the bytes admins approve, one of every operation, and the updates a registry refuses',
  spec: 'docs/spec/registry.md',
  tag: SignTag.RegistryUpdate,
  layout: 'registry-update',
  keys,
  genesis: fromUtf8(genesis),
  genesisHash,
  quorum: genesisObject.quorum,
  admins: { 'did:alliance:admin-a': '1', 'did:alliance:admin-b': '2', 'did:alliance:admin-c': '3' },
  sm2Keys: { [String(SM2_KEY_N)]: { seed: seedOf(SM2_KEY_N), privateKey: toHex(privateKeyOf(SM2_KEY_N)), publicKey: toHex(sm2Key) } },
  valid,
  invalid,
};
writeVector('registry-update', updateFile);

// ---- registry-state: the hash chain ----

const STATE_TAG = 'courtbridge/v1/registry-state';
const stateValid = updates.map((u, i) => {
  const digest = registryUpdateDigest(u);
  const fields = { domain: STATE_TAG, separator: 0, prevStateHash: toHex(states[i]!.stateHash), updateDigest: toHex(digest) };
  const bytes = concatBytes(utf8(STATE_TAG), Uint8Array.of(0), states[i]!.stateHash, digest);
  const hash = sha256(bytes);
  if (toHex(hash) !== toHex(states[i + 1]!.stateHash)) throw new Error('state hash');
  return {
    name: `state after update ${i + 1} (${u.op.kind})`,
    fields,
    bytes: toHex(bytes),
    hash: toHex(hash),
    sequence: i + 1,
    update: registryUpdateToJson(u),
  };
});

/** The update after the last valid one, approved over a prevStateHash computed the wrong way. */
function nextOn(prevStateHash: Uint8Array, label: string): RegistryUpdate {
  const last = states[states.length - 1]!;
  const body: RegistryUpdateBody = {
    allianceId: last.allianceId,
    sequence: last.sequence + 1,
    prevStateHash,
    updateId: nonceId(label),
    effectiveAtMs: T0 + 480_000,
    op: { kind: 'change_grants', did: did('court-a'), roles: ['court', 'agency'], chains: ['ip'] },
  };
  return { ...body, approvals: [adminA(body), adminB(body)] };
}
const lastDigest = registryUpdateDigest(updates[updates.length - 1]!);
const prevState = states[states.length - 2]!.stateHash;
const stateBad = [
  {
    name: 'state hash without the tag',
    why: 'prevStateHash = SHA-256(prevStateHash || digest): the tag and its 0x00 are part of the hashed bytes',
    prev: sha256Concat(prevState, lastDigest),
  },
  {
    name: 'state hash over the signing input instead of the sign bytes',
    why: 'the digest is SHA-256 of the sign bytes, not of the signing input the approvals sign',
    prev: sha256Concat(
      utf8(STATE_TAG),
      Uint8Array.of(0),
      prevState,
      sha256(signingInput(SignTag.RegistryUpdate, registryUpdateSignBytes(updates[updates.length - 1]!)).bytes('secp256k1')),
    ),
  },
  {
    name: 'state hash over the digest and the previous hash swapped',
    why: 'the previous state hash comes first, then the digest',
    prev: sha256Concat(utf8(STATE_TAG), Uint8Array.of(0), lastDigest, prevState),
  },
].map((b) => {
  const u = nextOn(b.prev, b.name);
  const got = refusal(states[states.length - 1]!, u, u.effectiveAtMs);
  if (got.reason !== 'stale_state_hash') throw new Error(`${b.name}: ${got.reason}`);
  return { name: b.name, reason: 'stale_state_hash', why: b.why, update: registryUpdateToJson(u), nowMs: u.effectiveAtMs };
});
const reserialised = utf8(JSON.stringify(genesisObject));
const genesisBad = {
  name: 'genesis hash over the re-serialised JSON',
  reason: 'genesis_hash_mismatch',
  why: 'the genesis hash is SHA-256 of the exact file bytes; the same JSON without its indentation and final newline hashes differently',
  genesisHash: genesisHashHex(reserialised),
};

const stateFile = {
  structure: 'registry-state',
  title: 'The registry state hash chain: the genesis file hash, then one tagged hash per applied update',
  spec: 'docs/spec/registry.md',
  tag: STATE_TAG,
  layout: 'registry-state',
  keys: keysJson([1, 2, 3]),
  genesis: fromUtf8(genesis),
  genesisHash,
  valid: stateValid,
  invalid: [genesisBad, ...stateBad],
};
writeVector('registry-state', stateFile);
process.stderr.write(
  `registry-update: ${valid.length} valid, ${invalid.length} invalid; registry-state: ${stateValid.length} valid, ${stateFile.invalid.length} invalid\n`,
);
