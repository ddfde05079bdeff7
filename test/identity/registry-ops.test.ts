/**
 * The operation rules of registry updates (members and chains), each met by the forgery an
 * attacker with a quorum-approved but malformed op would try, and the state entries that put the
 * registry on the judicial chain, byte for byte as documented in registry.ts.
 */
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../src/errors.js';
import { writePublicKey } from '../../src/crypto/signature-suite.js';
import { writeChainEntry, type ChainEntry } from '../../src/identity/chain-entry.js';
import { genesisHashHex, loadGenesis } from '../../src/identity/genesis.js';
import {
  keyAtInState,
  registryStateEntries,
  registryStateFromGenesis,
  type MemberRecord,
  type RegistryState,
} from '../../src/identity/registry.js';
import type { RegistryOp } from '../../src/identity/registry-update.js';
import { applyApproved } from '../helpers/registry-next.js';
import { genesisBytes, pk, signers, T0 } from './fixture.js';

const genesisState = (): RegistryState => {
  const b = genesisBytes();
  return registryStateFromGenesis(loadGenesis(b, genesisHashHex(b)));
};

/** Apply `op` at `t` with a valid quorum (admin-a, admin-b): only the op's own rules can refuse it. */
function apply(state: RegistryState, op: RegistryOp, t: number): RegistryState {
  return applyApproved(state, op, [signers['admin-a'], signers['admin-b']], t);
}

/** `reason: message` of the refusal, or 'ok'. */
const refusal = (f: () => unknown): string => {
  try {
    f();
    return 'ok';
  } catch (e) {
    if (isCourtbridgeError(e)) return `${e.reason}: ${e.message}`;
    throw e;
  }
};

const T1 = T0 + 60_000;
const T2 = T1 + 60_000;
const T3 = T2 + 60_000;
const NEW_DID = 'did:alliance:credit-agency';
/** 33 bytes with a secp256k1 prefix, but x = 2^256 - 1 is not a field element: no point. */
const NOT_A_POINT = Uint8Array.of(0x02, ...new Array<number>(32).fill(0xff));
const court = signers['court-a'].did;

const register = (over: Partial<Extract<RegistryOp, { kind: 'register_member' }>> = {}): RegistryOp => ({
  kind: 'register_member',
  did: NEW_DID,
  org: 'Credit',
  roles: ['agency'],
  chains: ['credit'],
  keys: [{ kid: '#key-1', publicKey: pk(30) }],
  ...over,
});

const chainEntry = (chainId: string, height: number, servers = [signers['ip-adapter'].did]): ChainEntry => ({
  chainId,
  kind: 'bft-smt',
  displayName: `${chainId} chain`,
  hashSuite: 'sha256',
  signatureSuite: 'secp256k1',
  anchor: { height, headerHash: new Uint8Array(32).fill(height), validatorsHash: new Uint8Array(32).fill(0x40 + height) },
  servers,
});

describe('member ops: forged keys and grants', () => {
  it('register_member: a member without a key is refused', () => {
    expect(refusal(() => apply(genesisState(), register({ keys: [] }), T1))).toBe(
      'invalid_update: registry update: register_member needs a key',
    );
  });

  it('register_member: the first key must be #key-1, then #key-2, in order', () => {
    expect(refusal(() => apply(genesisState(), register({ keys: [{ kid: '#key-2', publicKey: pk(30) }] }), T1))).toMatch(/^bad_kid: /);
    const swapped = register({
      keys: [
        { kid: '#key-2', publicKey: pk(30) },
        { kid: '#key-1', publicKey: pk(31) },
      ],
    });
    expect(refusal(() => apply(genesisState(), swapped, T1))).toMatch(/^bad_kid: .*expected #key-1/);
    const two = register({
      keys: [
        { kid: '#key-1', publicKey: pk(30) },
        { kid: '#key-2', publicKey: pk(31) },
      ],
    });
    expect(refusal(() => apply(genesisState(), two, T1))).toBe('ok');
  });

  it('register_member and rotate_key: a key that is not a point on its curve is refused, naming the kid', () => {
    const bad = 'invalid_update: registry update: #key-1: not a secp256k1 or SM2 key on its curve';
    expect(refusal(() => apply(genesisState(), register({ keys: [{ kid: '#key-1', publicKey: NOT_A_POINT }] }), T1))).toBe(bad);
    const rotate: RegistryOp = { kind: 'rotate_key', did: court, newKid: '#key-2', newPublicKey: NOT_A_POINT };
    expect(refusal(() => apply(genesisState(), rotate, T1))).toBe(bad.replace('#key-1', '#key-2'));
  });

  it('rotate_key: the new kid must be the next index (no reuse of #key-1)', () => {
    const reuse: RegistryOp = { kind: 'rotate_key', did: court, newKid: '#key-1', newPublicKey: pk(21) };
    expect(refusal(() => apply(genesisState(), reuse, T1))).toBe('bad_kid: registry update: key id #key-1, expected #key-2');
  });

  it('register_member and change_grants: an unknown role or bad chain name is refused, naming the op field', () => {
    const s = genesisState();
    expect(refusal(() => apply(s, register({ roles: ['king' as never] }), T1))).toMatch(/^invalid_genesis: .*op\.roles: unknown role king/);
    expect(refusal(() => apply(s, register({ chains: ['Bad/Chain'] }), T1))).toMatch(/^invalid_genesis: .*op\.chains: bad chain name/);
    const grants = (roles: string[], chains: string[]): RegistryOp => ({
      kind: 'change_grants',
      did: court,
      roles: roles as never,
      chains,
    });
    expect(refusal(() => apply(s, grants(['king'], []), T1))).toMatch(/^invalid_genesis: .*op\.roles: unknown role king/);
    expect(refusal(() => apply(s, grants(['court'], ['Bad/Chain']), T1))).toMatch(/^invalid_genesis: .*op\.chains: bad chain name/);
  });

  it('a registered member is active, with its key from the effective time', () => {
    const s = apply(genesisState(), register(), T1);
    expect(s.members.get(NEW_DID)).toMatchObject({ status: 'active', registeredAtMs: T1, revokedAtMs: undefined });
    expect(keyAtInState(s, NEW_DID, '#key-1', T1).ok).toBe(true);
  });

  it('a second rotation leaves the end of the first-retired key where it was', () => {
    const s1 = apply(genesisState(), { kind: 'rotate_key', did: court, newKid: '#key-2', newPublicKey: pk(21) }, T1);
    const s2 = apply(s1, { kind: 'rotate_key', did: court, newKid: '#key-3', newPublicKey: pk(22) }, T2);
    // A signature by the retired #key-1 dated between the rotations must stay refused.
    expect(keyAtInState(s2, court, '#key-1', T1 + 1)).toMatchObject({ ok: false, reason: 'key_not_valid_at_time' });
    expect(s2.members.get(court)!.keys.map((k) => k.validUntilMs)).toEqual([T1, T2, undefined]);
  });

  it('a revoked member cannot be rotated, re-granted or revoked again', () => {
    const s = apply(genesisState(), { kind: 'revoke_member', did: court }, T1);
    const ops: RegistryOp[] = [
      { kind: 'rotate_key', did: court, newKid: '#key-2', newPublicKey: pk(21) },
      { kind: 'change_grants', did: court, roles: ['court'], chains: [] },
      { kind: 'revoke_member', did: court },
    ];
    for (const op of ops) expect(refusal(() => apply(s, op, T2))).toMatch(/^member_revoked: /);
  });
});

describe('chain ops: re-admission and updates of removed chains', () => {
  it('an admitted chain cannot be admitted again; a removed one neither, nor updated or removed again', () => {
    const s1 = apply(genesisState(), { kind: 'admit_chain', chain: chainEntry('ip', 1) }, T1);
    expect(refusal(() => apply(s1, { kind: 'admit_chain', chain: chainEntry('ip', 2) }, T2))).toMatch(/^chain_exists: .*already admitted/);
    const s2 = apply(s1, { kind: 'remove_chain', chainId: 'ip' }, T2);
    expect(refusal(() => apply(s2, { kind: 'admit_chain', chain: chainEntry('ip', 2) }, T3))).toMatch(
      /^chain_exists: .*used by a removed chain/,
    );
    expect(refusal(() => apply(s2, { kind: 'update_chain', chain: chainEntry('ip', 3) }, T3))).toMatch(/^chain_removed: /);
    expect(refusal(() => apply(s2, { kind: 'remove_chain', chainId: 'ip' }, T3))).toMatch(/^chain_removed: /);
  });

  it('a malformed entry is refused naming the op field', () => {
    const s1 = apply(genesisState(), { kind: 'admit_chain', chain: chainEntry('ip', 1) }, T1);
    expect(refusal(() => apply(genesisState(), { kind: 'admit_chain', chain: chainEntry('ip', 1, []) }, T1))).toMatch(
      /^invalid_chain_entry: chain entry op\.chain\.servers: /,
    );
    expect(refusal(() => apply(s1, { kind: 'update_chain', chain: chainEntry('ip', 2, []) }, T2))).toMatch(
      /^invalid_chain_entry: chain entry op\.chain\.servers: /,
    );
  });
});

describe('registryStateEntries', () => {
  const u64 = (v: number): ByteWriter => new ByteWriter().u64(v);

  /** The member value written from the layout documented in registry.ts. */
  function memberValue(m: MemberRecord, status: 1 | 2): Uint8Array {
    const w = new ByteWriter()
      .string(m.did)
      .string(m.org)
      .u8(status)
      .u64(m.registeredAtMs)
      .u64(m.revokedAtMs ?? 0)
      .u32(m.keys.length);
    for (const k of m.keys)
      writePublicKey(w.string(k.kid), k.publicKey)
        .u64(k.validFromMs)
        .u64(k.validUntilMs ?? 0);
    w.u32(m.grants.length);
    for (const g of m.grants) {
      w.u64(g.fromMs).u32(g.roles.length);
      for (const r of g.roles) w.string(r);
      w.u32(g.chains.length);
      for (const c of g.chains) w.string(c);
    }
    return w.finish();
  }

  it('writes the head, every chain ever admitted and every member, as documented', () => {
    let s = genesisState();
    s = apply(s, { kind: 'admit_chain', chain: chainEntry('ip', 1) }, T1);
    s = apply(s, { kind: 'admit_chain', chain: chainEntry('credit', 2) }, T1 + 1);
    s = apply(s, { kind: 'update_chain', chain: chainEntry('ip', 5) }, T1 + 2);
    s = apply(s, { kind: 'remove_chain', chainId: 'credit' }, T1 + 3);
    s = apply(s, { kind: 'change_grants', did: court, roles: ['court'], chains: ['ip'] }, T2);
    s = apply(s, { kind: 'rotate_key', did: court, newKid: '#key-2', newPublicKey: pk(21) }, T2 + 1);
    s = apply(s, { kind: 'revoke_member', did: signers.gateway.did }, T3);
    const got = new Map(registryStateEntries(s).map((e) => [e.key, e.value]));
    const p = 'registry/courtbridge-test';

    const head = new ByteWriter().string(s.allianceId).u32(2).u64(7).fixed(s.stateHash, 32).fixed(s.genesisHash, 32).finish();
    expect(got.get(`${p}/head`)).toEqual(head);

    const ip = u64(0).u32(2);
    writeChainEntry(ip.u64(T1), chainEntry('ip', 1));
    writeChainEntry(ip.u64(T1 + 2), chainEntry('ip', 5));
    expect(got.get(`${p}/chain/ip`)).toEqual(ip.finish());
    // A removed chain stays on the chain, with the time it was removed.
    const credit = u64(T1 + 3).u32(1);
    writeChainEntry(credit.u64(T1 + 1), chainEntry('credit', 2));
    expect(got.get(`${p}/chain/credit`)).toEqual(credit.finish());

    for (const m of s.members.values())
      expect(got.get(`${p}/member/${m.did}`), m.did).toEqual(memberValue(m, m.status === 'active' ? 1 : 2));
    // Spot the fields the forgeries would change: status byte, revocation, both grants, both keys.
    const gw = s.members.get(signers.gateway.did)!;
    expect(gw).toMatchObject({ status: 'revoked', revokedAtMs: T3 });
    expect(got.get(`${p}/member/${gw.did}`)![4 + gw.did.length + 4 + gw.org.length]).toBe(2);
    const c = s.members.get(court)!;
    expect(got.get(`${p}/member/${court}`)![4 + court.length + 4 + c.org.length]).toBe(1);
    expect(c.grants).toHaveLength(2);
    expect(c.keys).toHaveLength(2);
    expect(got.size).toBe(1 + 2 + 6);
    const keys = registryStateEntries(s).map((e) => e.key);
    expect(keys).toEqual([...keys].sort());
  });
});
