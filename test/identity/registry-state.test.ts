/**
 * Registry state from genesis and its time queries, at the exact millisecond edges an attacker
 * would aim for: a chain removed at t asked at t-1/t/t+1, an anchor not yet in force, a key
 * before its validFrom or at its rotation/revocation instant, a kid of another member, a
 * chain-scoped role asked for a chain it was never granted.
 */
import { describe, expect, it, vi } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { concatBytes, toHex, utf8 } from '../../src/encoding/bytes.js';
import type { Role } from '../../src/identity/authority.js';
import type { Genesis } from '../../src/identity/genesis.js';
import {
  activeChains,
  anchorsInState,
  applyRegistryUpdate,
  chainAtInState,
  keyAtInState,
  mayActInState,
  registryStateEntries,
  registryStateFromGenesis,
  type RegistryState,
} from '../../src/identity/registry.js';
import { registryUpdateSignBytes, type RegistryOp } from '../../src/identity/registry-update.js';
import { allianceFixture, fixtureChainEntry, FixtureDids, type AllianceFixture } from '../helpers/alliance-fixture.js';
import { ChainFixture, fixtureValidators } from '../helpers/chain-fixture.js';
import { approvedBy, fixtureAdmins, nextUpdateBody } from '../helpers/registry-next.js';

const chain = new ChainFixture('ip', fixtureValidators(4));
chain.advanceTo(5);
const T = 1_800_000_000_000;

function apply(fx: AllianceFixture, state: RegistryState, op: RegistryOp, t: number, applyUpdate = applyRegistryUpdate): RegistryState {
  return applyUpdate(state, approvedBy(nextUpdateBody(state, op, t), fixtureAdmins(fx)), t).state;
}

/** registry.js evaluated inside the test: its load-time tables (the state tag, the chain-scoped roles) are what is checked. */
async function freshRegistry(): Promise<typeof import('../../src/identity/registry.js')> {
  vi.resetModules();
  return import('../../src/identity/registry.js');
}

describe('chains over time', () => {
  // Genesis chains in non-sorted order ('ip' before 'credit') so activeChains must sort.
  const fx = allianceFixture({ chains: ['ip', 'credit'], anchors: { ip: chain.at(1), credit: chain.at(2) } });
  const s1 = apply(fx, fx.state, { kind: 'update_chain', chain: fixtureChainEntry('ip', chain.at(5)) }, T);
  const s2 = apply(fx, s1, { kind: 'remove_chain', chainId: 'ip' }, T + 10);
  const heights = (s: RegistryState, t: number): number[] => anchorsInState(s, 'ip', t).map((a) => a.height);

  it('a re-anchor is not in force before its effective time (no anchor from the future)', () => {
    expect(heights(s1, T - 1)).toEqual([1]);
    expect(heights(s1, T)).toEqual([1, 5]);
    expect(chainAtInState(s1, 'ip', T - 1)?.anchor.height).toBe(1);
    expect(chainAtInState(s1, 'ip', T)?.anchor.height).toBe(5);
  });

  it('a chain removed at t has no anchors and no entry from t on, and keeps them at t-1', () => {
    expect(heights(s2, T + 9)).toEqual([1, 5]);
    expect(heights(s2, T + 10)).toEqual([]);
    expect(heights(s2, T + 11)).toEqual([]);
    expect(chainAtInState(s2, 'ip', T + 9)?.anchor.height).toBe(5);
    expect(chainAtInState(s2, 'ip', T + 10)).toBeUndefined();
    expect(chainAtInState(s2, 'ip', T + 11)).toBeUndefined();
  });

  it('an unknown chain id has no anchors and no entry', () => {
    expect(anchorsInState(s2, 'nope', T)).toEqual([]);
    expect(chainAtInState(s2, 'nope', T)).toBeUndefined();
  });

  it('activeChains: the latest entry of each chain not removed, sorted by id', () => {
    expect(activeChains(fx.state).map((e) => [e.chainId, e.anchor.height])).toEqual([
      ['credit', 2],
      ['ip', 1],
    ]);
    expect(activeChains(s1).map((e) => [e.chainId, e.anchor.height])).toEqual([
      ['credit', 2],
      ['ip', 5],
    ]);
    expect(activeChains(s2).map((e) => e.chainId)).toEqual(['credit']);
  });
});

describe('state from genesis', () => {
  it('members start active, registered and granted from their earliest key', () => {
    const fx = allianceFixture({ chains: ['ip'] });
    const genesis: Genesis = structuredClone(fx.genesis);
    const court = genesis.members.find((m) => m.did === FixtureDids.court)!;
    const pkHex = court.keys[0]!.publicKeyHex;
    // #key-1 from T+100, #key-2 from T: the member exists from T.
    court.keys = [
      { kid: '#key-1', publicKeyHex: pkHex, validFromMs: T + 100 },
      { kid: '#key-2', publicKeyHex: pkHex, validFromMs: T },
    ];
    const s = registryStateFromGenesis({ genesis, hash: fx.loaded.hash });
    const m = s.members.get(FixtureDids.court)!;
    expect(m.status).toBe('active');
    expect(m.registeredAtMs).toBe(T);
    expect(m.grants).toEqual([{ fromMs: T, roles: ['court'], chains: [] }]);
    expect(mayActInState(s, FixtureDids.court, 'court', undefined, T).ok).toBe(true);
    expect(mayActInState(s, FixtureDids.court, 'court', undefined, T - 1).ok).toBe(false);
    // The on-chain encoding says active (status byte 1).
    const entry = registryStateEntries(s).find((e) => e.key.endsWith(`/member/${FixtureDids.court}`))!;
    const didLen = utf8(FixtureDids.court).length;
    const orgLen = utf8(m.org).length;
    // string = u32 length + bytes (ByteWriter), then u8 status.
    expect(entry.value[4 + didLen + 4 + orgLen]).toBe(1);
    // Each key from its own validFrom, not the member's.
    expect(keyAtInState(s, FixtureDids.court, `${FixtureDids.court}#key-1`, T + 99)).toMatchObject({ reason: 'key_not_valid_at_time' });
    expect(keyAtInState(s, FixtureDids.court, `${FixtureDids.court}#key-1`, T + 100).ok).toBe(true);
    expect(keyAtInState(s, FixtureDids.court, `${FixtureDids.court}#key-2`, T).ok).toBe(true);
  });

  it('the state hash after an update is sha256("courtbridge/v1/registry-state" || 0x00 || prev || sha256(signBytes))', async () => {
    const fx = allianceFixture({ chains: ['ip'] });
    const op: RegistryOp = { kind: 'revoke_member', did: FixtureDids.agency };
    const b = nextUpdateBody(fx.state, op, T);
    const s = apply(fx, fx.state, op, T, (await freshRegistry()).applyRegistryUpdate);
    const expected = sha256(
      concatBytes(utf8('courtbridge/v1/registry-state'), Uint8Array.of(0), fx.state.stateHash, sha256(registryUpdateSignBytes(b))),
    );
    expect(toHex(s.stateHash)).toBe(toHex(expected));
  });
});

describe('chain-scoped roles', () => {
  const scoped: Role[] = ['adapter', 'validator', 'agency', 'procuratorate', 'police', 'justice'];
  const did = (r: Role): string => `did:alliance:scoped-${r}`;
  const fx = allianceFixture({ chains: ['ip'], extraMembers: scoped.map((r) => ({ did: did(r), roles: [r], chains: ['ip'] })) });

  it.each(scoped)('%s acts only for the chains of its grant', async (role) => {
    const { mayActInState } = await freshRegistry();
    expect(mayActInState(fx.state, did(role), role, 'ip', T).ok).toBe(true);
    // 'credit' is not admitted in the registry: only the grant decides.
    expect(mayActInState(fx.state, did(role), role, 'credit', T)).toMatchObject({ ok: false, reason: 'chain_not_allowed' });
    expect(mayActInState(fx.state, did(role), role, undefined, T)).toMatchObject({ ok: false, reason: 'chain_not_allowed' });
  });

  it('a role not chain-scoped is not limited by chains', () => {
    expect(mayActInState(fx.state, FixtureDids.court, 'court', 'credit', T).ok).toBe(true);
  });
});

describe('keys at the edges of rotation and revocation', () => {
  const fx = allianceFixture({ chains: ['ip'] });
  const court = FixtureDids.court;
  const newPk = fx.signers.get(FixtureDids.gateway)!.publicKey;
  const rotated = apply(fx, fx.state, { kind: 'rotate_key', did: court, newKid: '#key-2', newPublicKey: newPk }, T);
  const revoked = apply(fx, rotated, { kind: 'revoke_member', did: court }, T + 10);
  const key = (s: RegistryState, kid: string, t: number): string => {
    const v = keyAtInState(s, court, kid, t);
    return v.ok ? `ok ${v.kid}` : v.reason;
  };

  it('the old key until the rotation instant, the new one from it', () => {
    expect(key(rotated, `${court}#key-1`, T - 1)).toBe(`ok ${court}#key-1`);
    expect(key(rotated, `${court}#key-1`, T)).toBe('key_not_valid_at_time');
    expect(key(rotated, `${court}#key-2`, T - 1)).toBe('key_not_valid_at_time');
    expect(key(rotated, `${court}#key-2`, T)).toBe(`ok ${court}#key-2`);
    expect(key(rotated, '#key-2', T)).toBe(`ok ${court}#key-2`);
  });

  it('no key of a member revoked at t from t on; before t the key in force then', () => {
    expect(key(revoked, `${court}#key-2`, T + 9)).toBe(`ok ${court}#key-2`);
    expect(key(revoked, `${court}#key-2`, T + 10)).toBe('revoked');
    expect(key(revoked, `${court}#key-1`, T + 10)).toBe('revoked');
    expect(key(revoked, `${court}#key-1`, T - 1)).toBe(`ok ${court}#key-1`);
  });

  it('a kid of another member, or a key never registered, is unknown', () => {
    expect(key(fx.state, `${FixtureDids.gateway}#key-1`, T)).toBe('unknown_key');
    expect(key(fx.state, `${court}#key-2`, T)).toBe('unknown_key');
    expect(keyAtInState(fx.state, 'did:alliance:nobody', 'did:alliance:nobody#key-1', T)).toMatchObject({ reason: 'unknown_did' });
  });
});
