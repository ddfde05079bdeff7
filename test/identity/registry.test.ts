import { mkdtemp, rm, writeFile, appendFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { isCourtbridgeError } from '../../src/errors.js';
import { toHighS } from '../../src/crypto/secp256k1.js';
import { AllianceRegistry } from '../../src/identity/alliance-registry.js';
import { genesisHashHex, loadGenesis } from '../../src/identity/genesis.js';
import { applyRegistryUpdate, registryStateEntries } from '../../src/identity/registry.js';
import { FileRegistryStore } from '../../src/identity/registry-file-store.js';
import { MemoryRegistryStore } from '../../src/identity/registry-store.js';
import { registryUpdateFromJson, registryUpdateToJson, type RegistryUpdate } from '../../src/identity/registry-update.js';
import { utf8 } from '../../src/encoding/bytes.js';
import { genesisBytes, genesisObject, pk, signerOf, signers, T0, world } from './fixture.js';

const reasonOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
  return 'ok';
};

describe('genesis', () => {
  it('loads when the pin matches the exact bytes', () => {
    const b = genesisBytes();
    expect(loadGenesis(b, genesisHashHex(b)).genesis.quorum).toBe(2);
  });
  it('rejects a genesis whose hash is not the pinned one (even a whitespace change)', () => {
    const b = genesisBytes();
    const other = utf8(JSON.stringify(genesisObject()));
    expect(reasonOf(() => loadGenesis(other, genesisHashHex(b)))).toBe('genesis_hash_mismatch');
    expect(() => loadGenesis(other, genesisHashHex(b))).toThrow(/does not match the pinned hash/);
  });
  const bad: Array<{ name: string; malleate: (g: ReturnType<typeof genesisObject>) => void }> = [
    { name: 'quorum above admin count', malleate: (g) => (g.quorum = 4) },
    { name: 'quorum zero', malleate: (g) => (g.quorum = 0) },
    { name: 'duplicate member', malleate: (g) => g.members.push(g.members[0]!) },
    { name: 'bad did', malleate: (g) => (g.members[0]!.did = 'did:web:x') },
    { name: 'unknown role', malleate: (g) => ((g.members[0]!.roles as string[]) = ['king']) },
    { name: 'kid out of sequence', malleate: (g) => (g.members[0]!.keys[0]!.kid = '#key-2') },
    { name: 'bad public key', malleate: (g) => (g.members[0]!.keys[0]!.publicKeyHex = `02${'ff'.repeat(32)}`) },
  ];
  for (const c of bad) {
    it(`rejects invalid genesis: ${c.name}`, () => {
      const g = genesisObject();
      c.malleate(g);
      const b = utf8(JSON.stringify(g));
      expect(reasonOf(() => loadGenesis(b, genesisHashHex(b)))).toBe('invalid_genesis');
    });
  }
});

describe('registry updates', () => {
  const T1 = T0 + 60_000;
  const newKey = pk(20);
  const rotate = { kind: 'rotate_key' as const, did: signers['court-a'].did, newKid: '#key-2', newPublicKey: newKey };

  const cases: Array<{
    name: string;
    malleate: (u: RegistryUpdate, w: Awaited<ReturnType<typeof world>>) => RegistryUpdate;
    reason: string;
  }> = [
    { name: 'valid quorum', malleate: (u) => u, reason: 'ok' },
    { name: 'one approval only', malleate: (u) => ({ ...u, approvals: u.approvals.slice(0, 1) }), reason: 'quorum_not_met' },
    { name: 'duplicate approvals', malleate: (u) => ({ ...u, approvals: [u.approvals[0]!, u.approvals[0]!] }), reason: 'quorum_not_met' },
    {
      name: 'non-admin approver',
      malleate: (_u, w) => w.update(rotate, T1, [signers['admin-a'], signers['court-a']]),
      reason: 'quorum_not_met',
    },
    {
      name: 'high-S approval',
      malleate: (u) => ({ ...u, approvals: [u.approvals[0]!, { ...u.approvals[1]!, signature: toHighS(u.approvals[1]!.signature) }] }),
      reason: 'quorum_not_met',
    },
    {
      name: 'signature by another key',
      malleate: (u) => ({ ...u, approvals: [u.approvals[0]!, { ...u.approvals[1]!, signature: u.approvals[0]!.signature }] }),
      reason: 'quorum_not_met',
    },
    {
      name: 'short signature',
      malleate: (u) => ({
        ...u,
        approvals: [u.approvals[0]!, { ...u.approvals[1]!, signature: u.approvals[1]!.signature.subarray(0, 63) }],
      }),
      reason: 'quorum_not_met',
    },
    { name: 'tampered op after approval', malleate: (u) => ({ ...u, op: { ...rotate, newPublicKey: pk(21) } }), reason: 'quorum_not_met' },
    { name: 'wrong alliance', malleate: (u) => ({ ...u, allianceId: 'other' }), reason: 'wrong_alliance' },
    { name: 'sequence skipped', malleate: (u) => ({ ...u, sequence: 2 }), reason: 'out_of_order' },
    { name: 'stale state hash', malleate: (u) => ({ ...u, prevStateHash: new Uint8Array(32) }), reason: 'stale_state_hash' },
    { name: 'from the future', malleate: (_u, w) => w.update(rotate, T1 + 3_600_000), reason: 'update_from_future' },
    { name: 'kid not next', malleate: (_u, w) => w.update({ ...rotate, newKid: '#key-3' }, T1), reason: 'bad_kid' },
    { name: 'unknown member', malleate: (_u, w) => w.update({ ...rotate, did: 'did:alliance:nobody' }, T1), reason: 'unknown_member' },
    {
      name: 're-register existing',
      malleate: (_u, w) =>
        w.update(
          {
            kind: 'register_member',
            did: signers['court-a'].did,
            org: 'x',
            roles: ['court'],
            chains: [],
            keys: [{ kid: '#key-1', publicKey: newKey }],
          },
          T1,
        ),
      reason: 'member_exists',
    },
    {
      name: 'revoking one admin of three',
      malleate: (_u, w) => w.update({ kind: 'revoke_member', did: signers['admin-c'].did }, T1),
      reason: 'ok',
    },
  ];
  for (const c of cases) {
    it(`${c.name} -> ${c.reason}`, async () => {
      const w = await world();
      const u = c.malleate(w.update(rotate, T1), w);
      expect(reasonOf(() => applyRegistryUpdate(w.registry.state, u, T1))).toBe(c.reason);
    });
  }

  it('counts a revoked admin for nothing, and refuses to leave fewer admins than the quorum', async () => {
    const w = await world();
    await w.registry.submit(w.update({ kind: 'revoke_member', did: signers['admin-c'].did }, T1), T1);
    const u = w.update(rotate, T1 + 1000, [signers['admin-a'], signers['admin-c']]);
    const err = (() => {
      try {
        applyRegistryUpdate(w.registry.state, u, T1 + 1000);
      } catch (e) {
        return e;
      }
    })();
    expect(isCourtbridgeError(err) && err.reason).toBe('quorum_not_met');
    expect(isCourtbridgeError(err) && err.details[`discarded:${signers['admin-c'].did}`]).toBe('revoked_admin');
    const last = w.update({ kind: 'revoke_member', did: signers['admin-b'].did }, T1 + 1000);
    expect(reasonOf(() => applyRegistryUpdate(w.registry.state, last, T1 + 1000))).toBe('quorum_unreachable');
  });

  it('applies exactly once: a replayed update and an old sequence are rejected', async () => {
    const w = await world();
    const u = w.update(rotate, T1);
    const applied = await w.registry.submit(u, T1);
    expect(applied.approvedBy).toEqual([signers['admin-a'].did, signers['admin-b'].did]);
    expect(reasonOf(() => applyRegistryUpdate(w.registry.state, u, T1))).toBe('replayed_update');
    expect(reasonOf(() => applyRegistryUpdate(w.registry.state, { ...u, updateId: 'fresh' }, T1))).toBe('replayed_update');
    const back = w.update({ kind: 'revoke_member', did: signers['gateway'].did }, T1 - 1);
    expect(reasonOf(() => applyRegistryUpdate(w.registry.state, back, T1))).toBe('effective_time_regressed');
  });

  it('rotation: old key valid before, new key after; revocation ends every key at once', async () => {
    const w = await world();
    const court = signers['court-a'].did;
    await w.registry.submit(w.update(rotate, T1), T1);
    expect(w.authority.keyAt(court, `${court}#key-1`, T1 - 1).ok).toBe(true);
    expect(w.authority.keyAt(court, `${court}#key-1`, T1)).toMatchObject({ ok: false, reason: 'key_not_valid_at_time' });
    expect(w.authority.keyAt(court, '#key-2', T1)).toMatchObject({ ok: true, kid: `${court}#key-2` });
    expect(w.authority.keyAt(court, '#key-2', T1 - 1)).toMatchObject({ ok: false, reason: 'key_not_valid_at_time' });
    const T2 = T1 + 60_000;
    await w.registry.submit(w.update({ kind: 'revoke_member', did: court }, T2), T2);
    expect(w.authority.keyAt(court, '#key-2', T2 - 1).ok).toBe(true);
    expect(w.authority.keyAt(court, '#key-2', T2)).toMatchObject({ ok: false, reason: 'revoked' });
    expect(w.authority.mayAct(court, 'court', undefined, T2)).toMatchObject({ ok: false, reason: 'revoked' });
    expect(reasonOf(() => applyRegistryUpdate(w.registry.state, w.update(rotate, T2), T2))).toBe('member_revoked');
  });

  it('mayAct: roles, chain scope, grants over time, did:key holds no role', async () => {
    const w = await world();
    const ip = signers['ip-adapter'].did;
    expect(w.authority.mayAct(ip, 'adapter', 'ip', T0).ok).toBe(true);
    expect(w.authority.mayAct(ip, 'adapter', 'credit', T0)).toMatchObject({ ok: false, reason: 'chain_not_allowed' });
    expect(w.authority.mayAct(ip, 'adapter', undefined, T0)).toMatchObject({ ok: false, reason: 'chain_not_allowed' });
    expect(w.authority.mayAct(ip, 'court', undefined, T0)).toMatchObject({ ok: false, reason: 'out_of_role' });
    expect(w.authority.mayAct(ip, 'adapter', 'ip', T0 - 1)).toMatchObject({ ok: false, reason: 'out_of_role' });
    await w.registry.submit(w.update({ kind: 'change_grants', did: ip, roles: ['adapter'], chains: ['ip', 'credit'] }, T1), T1);
    expect(w.authority.mayAct(ip, 'adapter', 'credit', T1).ok).toBe(true);
    expect(w.authority.mayAct(ip, 'adapter', 'credit', T1 - 1).ok).toBe(false);
    expect(w.authority.mayAct('did:alliance:nobody', 'court', undefined, T1)).toMatchObject({ ok: false, reason: 'unknown_did' });
    expect(w.authority.mayAct('did:key:zQ3shokFTS3brHcDQrn82RUDfCZESWL1ZdCEJwekUDPQiYBme', 'court', undefined, T1)).toMatchObject({
      ok: false,
      reason: 'out_of_role',
    });
  });

  it('registers a new member who can then act', async () => {
    const w = await world();
    const did = 'did:alliance:credit-agency';
    await w.registry.submit(
      w.update(
        {
          kind: 'register_member',
          did,
          org: 'Credit',
          roles: ['agency'],
          chains: ['credit'],
          keys: [{ kid: '#key-1', publicKey: pk(30) }],
        },
        T1,
      ),
      T1,
    );
    expect(w.authority.keyAt(did, `${did}#key-1`, T1).ok).toBe(true);
    expect(w.authority.keyAt(did, `${did}#key-1`, T1 - 1)).toMatchObject({ reason: 'key_not_valid_at_time' });
    expect(w.authority.mayAct(did, 'agency', 'credit', T1).ok).toBe(true);
    const entries = registryStateEntries(w.registry.state);
    expect(entries.map((e) => e.key)).toContain(`registry/courtbridge-test/member/${did}`);
    expect(entries[0]!.key).toBe('registry/courtbridge-test/head');
    expect([...entries.map((e) => e.key)].sort()).toEqual(entries.map((e) => e.key));
  });

  it('JSON form round-trips and rejects malformed input naming the field', async () => {
    const w = await world();
    const u = w.update(rotate, T1);
    const back = registryUpdateFromJson(JSON.parse(JSON.stringify(registryUpdateToJson(u))));
    expect(applyRegistryUpdate(w.registry.state, back, T1).approvedBy.length).toBe(2);
    const j = registryUpdateToJson(u) as unknown as Record<string, unknown>;
    expect(() => registryUpdateFromJson({ ...j, sequence: -1 })).toThrow(/sequence/);
  });
});

describe('registry stores', () => {
  it('file store: replays updates on reopen, to the same state hash', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'cb-registry-'));
    try {
      const bytes = genesisBytes();
      await writeFile(join(dir, 'genesis.json'), bytes);
      const pin = genesisHashHex(bytes);
      const reg = await AllianceRegistry.open(new FileRegistryStore(dir), pin, T0);
      const mem = await (await import('./fixture.js')).world();
      const u1 = mem.update({ kind: 'rotate_key', did: signers['gateway'].did, newKid: '#key-2', newPublicKey: pk(40) }, T0 + 1000);
      await mem.registry.submit(u1, T0 + 1000);
      await reg.submit(u1, T0 + 1000);
      const u2 = mem.update({ kind: 'revoke_member', did: signers['court-a'].did }, T0 + 2000);
      await reg.submit(u2, T0 + 2000);
      const again = await AllianceRegistry.open(new FileRegistryStore(dir), pin, T0 + 5000);
      expect(again.state.sequence).toBe(2);
      expect(again.state.stateHash).toEqual(reg.state.stateHash);
      expect(again.state.members.get(signers['court-a'].did)!.status).toBe('revoked');
      await expect(AllianceRegistry.open(new FileRegistryStore(dir), '00'.repeat(32), T0)).rejects.toMatchObject({
        reason: 'genesis_hash_mismatch',
      });
      await appendFile(join(dir, 'updates.jsonl'), '{"not":"an update"}\n');
      await expect(AllianceRegistry.open(new FileRegistryStore(dir), pin, T0)).rejects.toMatchObject({ reason: 'corrupt_registry_store' });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('memory store: an update stored out of order fails the replay with its reason', async () => {
    const w = await world();
    const u1 = w.update({ kind: 'revoke_member', did: signers['gateway'].did }, T0 + 1000);
    await w.registry.submit(u1, T0 + 1000);
    const u2 = w.update({ kind: 'revoke_member', did: signers['court-a'].did }, T0 + 2000);
    const store = new MemoryRegistryStore(genesisBytes());
    await store.append(u2);
    await store.append(u1);
    await expect(AllianceRegistry.open(store, genesisHashHex(genesisBytes()), T0 + 5000)).rejects.toMatchObject({ reason: 'out_of_order' });
    expect(signerOf('x', 1).did).toBe('did:alliance:x');
  });
});
