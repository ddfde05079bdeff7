/**
 * The disk-backed versioned state tree against the in-memory `SparseMerkleTree`: the same record
 * sets (random inserts, overwrites, deletes, both hash suites) give the same roots and the same
 * proofs byte for byte, every proof verifies, proofs at an older version verify against that
 * version's root, and a pruned version is refused.
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { open as openLmdb } from 'lmdb';
import { StateStore } from '../../src/chain/ledger/state-store.js';
import type { HashSuite } from '../../src/crypto/hash-suite.js';
import { fromUtf8, toHex, utf8 } from '../../src/encoding/bytes.js';
import { encodeProof } from '../../src/proof/proof-codec.js';
import { SparseMerkleTree, type SmtChange } from '../../src/proof/sparse-merkle-tree.js';
import { verifyProof } from '../../src/proof/verify.js';
import { isCourtbridgeError } from '../../src/errors.js';

const dirs: string[] = [];
const stores: StateStore[] = [];
function tempStore(suite: HashSuite): StateStore {
  const dir = mkdtempSync(join(tmpdir(), 'cb-state-'));
  dirs.push(dir);
  const s = StateStore.open(dir, { hashSuite: suite });
  stores.push(s);
  return s;
}
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** Deterministic PRNG (mulberry32), so a failure reproduces. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const proofHex = (p: ReturnType<SparseMerkleTree['prove']>): string => toHex(encodeProof(p));

describe.each(['sha256', 'sm3'] as const)('versioned state store (%s)', (suite) => {
  it('gives the same roots and byte-identical proofs as SparseMerkleTree over random batches', () => {
    const rand = rng(suite === 'sha256' ? 1 : 2);
    const mem = new SparseMerkleTree(16, suite);
    const store = tempStore(suite);
    const live = new Map<string, Uint8Array>();
    const roots: { version: number; root: Uint8Array; snapshot: Map<string, Uint8Array> }[] = [];
    for (let v = 1; v <= 30; v++) {
      const batch: SmtChange[] = [];
      const n = 1 + Math.floor(rand() * (v % 7 === 0 ? 400 : 40));
      for (let i = 0; i < n; i++) {
        const r = rand();
        const keys = [...live.keys()];
        if (r < 0.25 && keys.length > 0) {
          batch.push({ key: utf8(keys[Math.floor(rand() * keys.length)]!), value: null });
        } else if (r < 0.45 && keys.length > 0) {
          batch.push({ key: utf8(keys[Math.floor(rand() * keys.length)]!), value: utf8(`v${v}.${i}.${rand()}`) });
        } else if (r < 0.5) {
          batch.push({ key: utf8(`absent/${rand()}`), value: null });
        } else {
          batch.push({ key: utf8(`case/${Math.floor(rand() * 1e9)}`), value: utf8(`value ${v} ${i}`) });
        }
      }
      for (const c of batch) {
        const k = Buffer.from(c.key).toString();
        if (c.value === null) live.delete(k);
        else live.set(k, c.value);
      }
      const expected = mem.update(batch);
      const got = store.update(batch);
      expect(toHex(got)).toBe(toHex(expected));
      expect(store.size()).toBe(mem.size);
      roots.push({ version: v, root: got, snapshot: new Map(live) });
      // Every live key and some absent ones: same proof bytes, and the proof verifies.
      const probe = [...live.keys()].slice(0, 40).concat(['absent/x', 'case/none', `k${v}`]);
      for (const k of probe) {
        const key = utf8(k);
        const p = store.prove(key);
        expect(proofHex(p)).toBe(proofHex(mem.prove(key)));
        const value = live.get(k) ?? null;
        expect(verifyProof(got, key, value, p, suite).kind).toBe(value === null ? 'absent' : 'member');
        expect(store.get(key)).toEqual(value ?? undefined);
      }
    }
    // Proofs at older versions verify against those versions' roots.
    for (const { version, root, snapshot } of roots.filter((_, i) => i % 5 === 0)) {
      expect(toHex(store.root(version))).toBe(toHex(root));
      for (const k of [...snapshot.keys()].slice(0, 10).concat(['absent/old'])) {
        const key = utf8(k);
        const value = snapshot.get(k) ?? null;
        expect(verifyProof(root, key, value, store.prove(key, version), suite).kind).toBe(value === null ? 'absent' : 'member');
        expect(store.get(key, version)).toEqual(value ?? undefined);
      }
    }
  });

  it('reaches the empty root when every record is deleted, and builds a big batch like fromEntries', () => {
    const store = tempStore(suite);
    const entries = Array.from({ length: 3000 }, (_, i) => ({ key: utf8(`rec/${i}`), value: utf8(`v${i}`) }));
    const root = store.update(entries);
    expect(toHex(root)).toBe(toHex(SparseMerkleTree.fromEntries(entries, suite).root()));
    const empty = store.update(entries.map((e) => ({ key: e.key, value: null })));
    expect(toHex(empty)).toBe(toHex(new SparseMerkleTree(16, suite).root()));
    expect(store.size()).toBe(0);
    expect(store.prove(utf8('rec/1'))).toEqual({ kind: 'absent', siblings: [] });
    // A single record sits at the root (depth 0) and moves down when a second arrives.
    store.update([{ key: utf8('one'), value: utf8('1') }]);
    const mem = SparseMerkleTree.fromEntries([{ key: utf8('one'), value: utf8('1') }], suite);
    expect(toHex(store.root())).toBe(toHex(mem.root()));
    store.update([{ key: utf8('two'), value: utf8('2') }]);
    mem.update([{ key: utf8('two'), value: utf8('2') }]);
    expect(toHex(store.root())).toBe(toHex(mem.root()));
    expect(proofHex(store.prove(utf8('one')))).toBe(proofHex(mem.prove(utf8('one'))));
  });
});

describe('versioned state store: ordering of one version', () => {
  it('keys whose hashes share their first 32 bits, each changed several times: the last change wins, roots as SparseMerkleTree', () => {
    // Two keys whose SHA-256 agree on the first 4 bytes (found by search, ~1 pair per 10^5 keys).
    const seen = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let i = 0; pair === undefined; i++) {
      const k = `collide/${i}`;
      const p = createHash('sha256').update(k).digest().readUInt32BE(0);
      const other = seen.get(p);
      if (other !== undefined) pair = [other, k];
      else seen.set(p, k);
    }
    const [a, b] = pair;
    const changes: SmtChange[] = [
      { key: utf8(b), value: utf8('b1') },
      ...Array.from({ length: 300 }, (_, i) => ({ key: utf8(`filler/${i}`), value: utf8(`f${i}`) })),
      { key: utf8(a), value: utf8('a1') },
      { key: utf8(b), value: utf8('b2') },
      { key: utf8(a), value: null },
      { key: utf8(a), value: utf8('a3') },
    ];
    const store = tempStore('sha256');
    store.update(changes);
    const mem = new SparseMerkleTree(16, 'sha256');
    mem.update(changes);
    expect(toHex(store.root())).toBe(toHex(mem.root()));
    expect(fromUtf8(store.get(utf8(a))!)).toBe('a3');
    expect(fromUtf8(store.get(utf8(b))!)).toBe('b2');
    for (const k of [a, b, 'filler/7']) expect(proofHex(store.prove(utf8(k)))).toBe(proofHex(mem.prove(utf8(k))));
  });
});

describe('versioned state store: retention', () => {
  it('prunes old versions: the retained ones still prove, a pruned one is refused', () => {
    const store = tempStore('sha256');
    const rand = rng(7);
    const keys = Array.from({ length: 500 }, (_, i) => `k/${i}`);
    const snapshots: Map<string, Uint8Array>[] = [];
    const live = new Map<string, Uint8Array>();
    for (let v = 1; v <= 20; v++) {
      const batch = keys.filter(() => rand() < 0.3).map((k) => ({ key: utf8(k), value: rand() < 0.1 ? null : utf8(`${k}@${v}`) }));
      for (const c of batch) {
        const k = Buffer.from(c.key).toString();
        if (c.value === null) live.delete(k);
        else live.set(k, c.value);
      }
      store.update(batch);
      snapshots.push(new Map(live));
    }
    const rootsBefore = Array.from({ length: 20 }, (_, i) => store.root(i + 1));
    const deleted = store.prune(15);
    expect(deleted).toBeGreaterThan(0);
    for (let v = 15; v <= 20; v++) {
      expect(toHex(store.root(v))).toBe(toHex(rootsBefore[v - 1]!));
      for (const k of keys.slice(0, 100)) {
        const value = snapshots[v - 1]!.get(k) ?? null;
        verifyProof(rootsBefore[v - 1]!, utf8(k), value, store.prove(utf8(k), v));
      }
    }
    let err: unknown;
    try {
      store.prove(utf8('k/1'), 14);
    } catch (e) {
      err = e;
    }
    expect(isCourtbridgeError(err) && err.reason).toBe('version_pruned');
    expect(String(err)).toMatch(/version 14 was pruned.*oldest retained is 15/);
    expect(() => store.root(21)).toThrow(/no version 21/);
    // Pruning everything but the latest leaves exactly what the latest reaches.
    store.prune(20);
    const fresh = SparseMerkleTree.fromEntries([...snapshots[19]!].map(([k, v]) => ({ key: utf8(k), value: v })));
    expect(toHex(store.root())).toBe(toHex(fresh.root()));
    for (const k of keys) expect(proofHex(store.prove(utf8(k)))).toBe(proofHex(fresh.prove(utf8(k))));
    // Nothing unreachable stays behind: a store holding only the latest record set, written at once, has the same records.
    const once = tempStore('sha256');
    once.update([...snapshots[19]!].map(([k, v]) => ({ key: utf8(k), value: v })));
    expect(store.counts()).toEqual({ ...once.counts(), staleLists: 0 });
    expect(store.counts().values).toBe(snapshots[19]!.size);
  });

  it('refuses a store of an older record layout, naming the rebuild', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-state-'));
    dirs.push(dir);
    const s = StateStore.open(dir, { hashSuite: 'sha256' });
    s.update([{ key: utf8('a'), value: utf8('b') }]);
    s.close();
    const env = openLmdb({ path: dir, maxDbs: 16 });
    env.openDB({ name: 'meta', encoding: 'binary' }).removeSync('format');
    void env.close();
    expect(() => StateStore.open(dir, { hashSuite: 'sha256' })).toThrow(
      expect.objectContaining({ reason: 'corrupt_state_store', message: expect.stringMatching(/store format 0.*rebuild/) }),
    );
  });

  it('refuses to open a store under the other hash suite', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-state-'));
    dirs.push(dir);
    const s = StateStore.open(dir, { hashSuite: 'sha256' });
    s.update([{ key: utf8('a'), value: utf8('b') }]);
    s.close();
    expect(() => StateStore.open(dir, { hashSuite: 'sm3' })).toThrow(/written under sha256, not sm3/);
  });
});
