/**
 * The disk ledger's state store across restarts: a ledger killed with SIGKILL while writing
 * blocks reopens with every block it reported committed, and the state roots reproduce; a store
 * whose root does not match the logged header is refused; proofs at an older height verify
 * against that height's header; a pruned height is refused.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ContractRegistry, type ContractHandler } from '../../src/chain/ledger/contract.js';
import { DevLedger } from '../../src/chain/ledger/ledger.js';
import { StateStore } from '../../src/chain/ledger/state-store.js';
import { fromUtf8, toHex, utf8 } from '../../src/encoding/bytes.js';
import { verifyProof } from '../../src/proof/verify.js';

const kv: ContractHandler = {
  types: ['kv.put', 'kv.del'],
  apply(tx) {
    const body = fromUtf8(tx.body);
    if (tx.type === 'kv.del') return [{ key: `kv/${body}`, value: null }];
    const [k, v] = body.split('=');
    return [{ key: `kv/${k}`, value: utf8(v!), index: [{ name: 'first', value: v!.slice(0, 1) }] }];
  },
};
const contracts = () => new ContractRegistry().register(kv);
const put = (k: string, v: string) => ({ type: 'kv.put', sender: 'did:key:test', id: `put-${k}-${v}`, body: utf8(`${k}=${v}`) });

const dirs: string[] = [];
const tmp = (): string => {
  const d = mkdtempSync(join(tmpdir(), 'cb-ledger-state-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

let t = 1_700_000_000_000;
const clock = () => (t += 1000);

describe('disk ledger state', () => {
  it('loses nothing committed when killed with SIGKILL mid-writing; the state roots reproduce', async () => {
    const dir = tmp();
    const script = resolve(import.meta.dirname, 'fixtures', 'ledger-writer.ts');
    const child = spawn(process.execPath, ['--import', 'tsx', script, dir], { stdio: ['ignore', 'pipe', 'pipe'] });
    const reported: { height: number; root: string; key: string }[] = [];
    let buf = '';
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => {
      stderr += d.toString();
    });
    await new Promise<void>((done, fail) => {
      child.on('exit', () => fail(new Error(`writer exited early: ${stderr}`)));
      child.stdout.on('data', (d: Buffer) => {
        buf += d.toString();
        const lines = buf.split('\n');
        buf = lines.pop()!;
        for (const line of lines) {
          const [h, root, key] = line.split(' ');
          reported.push({ height: Number(h), root: root!, key: key! });
        }
        // Kill it mid-stream, once it has written a few dozen blocks.
        if (reported.length >= 40) {
          child.removeAllListeners('exit');
          child.on('exit', () => done());
          child.kill('SIGKILL');
        }
      });
    });
    const ledger = DevLedger.open({ chainId: 'test-kill', contracts: contracts(), dataDir: dir, clock });
    try {
      const last = reported.at(-1)!;
      expect(ledger.height).toBeGreaterThanOrEqual(last.height);
      for (const r of reported) {
        expect(toHex(ledger.lightBlockAt(r.height).signedHeader.header.stateRoot)).toBe(r.root);
        expect(ledger.get(`kv/${r.key}`)).toBeDefined();
      }
      const p = ledger.prove(`kv/${last.key}`);
      verifyProof(p.light.signedHeader.header.stateRoot, utf8(`kv/${last.key}`), p.value, p.proof);
      // It goes on from there.
      void ledger.submit(put('after', 'kill'));
      const b = ledger.produceBlock();
      expect(b.light.signedHeader.header.height).toBe(ledger.height);
    } finally {
      ledger.close();
    }
    // And reopens again without replaying anything (the store is at the log's tip).
    const again = DevLedger.open({ chainId: 'test-kill', contracts: contracts(), dataDir: dir, clock });
    expect(fromUtf8(again.get('kv/after')!)).toBe('kill');
    again.close();
  }, 60_000);

  it('replays only the blocks the store has not seen, and refuses a store whose root is not the logged one', () => {
    const dir = tmp();
    const l = DevLedger.open({ chainId: 'test-kv', contracts: contracts(), dataDir: dir, clock });
    for (let i = 0; i < 5; i++) {
      void l.submit(put(`k${i}`, `v${i}`));
      l.produceBlock();
    }
    const root = toHex(l.latest().signedHeader.header.stateRoot);
    const height = l.height;
    l.close();

    // Tamper: write one more version into the store that the log does not have.
    const store = StateStore.open(join(dir, 'state'));
    store.update([{ key: utf8('kv/forged'), value: utf8('x') }]);
    store.close();
    expect(() => DevLedger.open({ chainId: 'test-kv', contracts: contracts(), dataDir: dir, clock })).toThrow(
      expect.objectContaining({ reason: 'corrupt_state_store', code: 'FAILED_PRECONDITION' }),
    );
    // A rebuild from the log recovers.
    const rebuilt = DevLedger.open({ chainId: 'test-kv', contracts: contracts(), dataDir: dir, clock, rebuild: true });
    expect(rebuilt.height).toBe(height);
    expect(toHex(rebuilt.latest().signedHeader.header.stateRoot)).toBe(root);
    expect(rebuilt.get('kv/forged')).toBeUndefined();
    rebuilt.close();
  });

  it('refuses a store whose root at its height differs from the logged header', () => {
    const dir = tmp();
    const l = DevLedger.open({ chainId: 'test-kv', contracts: contracts(), dataDir: dir, clock });
    void l.submit(put('a', '1'));
    l.produceBlock();
    l.close();
    // A store of another state at the same height: rebuilt by hand over the same versions.
    rmSync(join(dir, 'state'), { recursive: true, force: true });
    const store = StateStore.open(join(dir, 'state'));
    store.update([{ key: utf8('ledger/genesis'), value: utf8('forged') }]);
    store.update([{ key: utf8('kv/a'), value: utf8('2') }]);
    store.close();
    expect(() => DevLedger.open({ chainId: 'test-kv', contracts: contracts(), dataDir: dir, clock })).toThrow(
      /state store is at height 2 with a state root that is not the logged header's; refusing to start/,
    );
  });

  it("proves at an older height against that height's header, and refuses a pruned height", () => {
    const dir = tmp();
    const l = DevLedger.open({ chainId: 'test-kv', contracts: contracts(), dataDir: dir, clock, retainHeights: 50 });
    for (let i = 0; i < 120; i++) {
      void l.submit(put('doc', `rev${i}`));
      if (i % 3 === 0) void l.submit({ type: 'kv.del', sender: 'did:key:test', id: `del-${i}`, body: utf8('doc') });
      l.produceBlock();
    }
    const h = 100;
    const old = l.prove('kv/doc', h);
    expect(old.light.signedHeader.header.height).toBe(h);
    // In block h the put came after a delete of the same key at i = h - 2 (not a multiple of 3... checked by the proof).
    const root = old.light.signedHeader.header.stateRoot;
    expect(verifyProof(root, utf8('kv/doc'), old.value, old.proof).kind).toBe(old.value === null ? 'absent' : 'member');
    expect(toHex(root)).not.toBe(toHex(l.latest().signedHeader.header.stateRoot));
    // A proof at h does not verify against the latest header.
    expect(() => verifyProof(l.latest().signedHeader.header.stateRoot, utf8('kv/doc'), old.value, old.proof)).toThrow();
    expect(() => l.prove('kv/doc', 10)).toThrow(expect.objectContaining({ reason: 'version_pruned', code: 'FAILED_PRECONDITION' }));
    expect(() => l.prove('kv/doc', 500)).toThrow(expect.objectContaining({ reason: 'unknown_height' }));
    l.close();
  });
});
