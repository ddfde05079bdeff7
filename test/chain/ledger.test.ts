import { mkdtempSync, rmSync, statSync, truncateSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { DevLedger, LedgerTx } from '../../src/chain/ledger/ledger.js';
import { ContractRegistry, type ContractHandler } from '../../src/chain/ledger/contract.js';
import { verifyCommit } from '../../src/chain/commit.js';
import { headerHash } from '../../src/chain/header.js';
import { encodeValidatorSet, newValidatorSet, validatorSetHash } from '../../src/chain/validator-set.js';
import { verifyProof } from '../../src/proof/verify.js';
import { fromUtf8, toHex, utf8 } from '../../src/encoding/bytes.js';
import { CourtbridgeError, ErrorCode, foreignReason } from '../../src/errors.js';
import { newValidatorKeys } from '../../src/chain/ledger/validator-keys.js';

/** A tiny key-value contract: `kv.put` body = "key=value", `kv.del` body = "key". */
const kv: ContractHandler = {
  types: ['kv.put', 'kv.del'],
  apply(tx, state) {
    const body = fromUtf8(tx.body);
    if (tx.type === 'kv.del') return [{ key: `kv/${body}`, value: null }];
    const [k, v] = body.split('=');
    if (!k || v === undefined) throw new CourtbridgeError(ErrorCode.InvalidArgument, foreignReason('bad_body'), 'expected key=value');
    if (state.get(`kv/${k}`) !== undefined && v === 'immutable')
      throw new CourtbridgeError(ErrorCode.FailedPrecondition, foreignReason('exists'), 'exists');
    return [{ key: `kv/${k}`, value: utf8(v), index: [{ name: 'first', value: v.slice(0, 1) }] }];
  },
};
const contracts = () => new ContractRegistry().register(kv);
const put = (k: string, v: string, id = `put-${k}-${v}`) => ({ type: 'kv.put', sender: 'did:key:test', id, body: utf8(`${k}=${v}`) });

const dirs: string[] = [];
const tmp = () => {
  const d = mkdtempSync(join(tmpdir(), 'cb-ledger-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

let t = 1_700_000_000_000;
const clock = () => (t += 1000);

describe('dev ledger', () => {
  it('tells onIndexed listeners of records newly filed under an index entry, once their block committed; not of rewrites nor replays', async () => {
    const dir = tmp();
    const l = DevLedger.open({ chainId: 'test-kv', contracts: contracts(), clock, dataDir: dir });
    const seen: unknown[] = [];
    const stop = l.onIndexed((e) => seen.push(e));
    void l.submit(put('alice', 'apple'));
    const b = l.produceBlock();
    expect(seen).toEqual([{ index: 'first', value: 'a', key: 'kv/alice', height: b.light.signedHeader.header.height }]);
    // Rewritten under the same entry: not new. Moved to another entry: new there.
    void l.submit(put('alice', 'avocado'));
    l.produceBlock();
    expect(seen.length).toBe(1);
    void l.submit(put('alice', 'tomato'));
    l.produceBlock();
    expect(seen.at(-1)).toMatchObject({ value: 't', key: 'kv/alice' });
    stop();
    l.close();
    // A restart replays the log without telling anyone; the next new entry is told once.
    const again = DevLedger.open({ chainId: 'test-kv', contracts: contracts(), clock, dataDir: dir });
    const after: unknown[] = [];
    again.onIndexed((e) => after.push(e));
    void again.submit(put('bob', 'banana'));
    again.produceBlock();
    expect(after).toEqual([expect.objectContaining({ value: 'b', key: 'kv/bob' })]);
    again.close();
  });

  it('commits txs in signed, linked blocks whose proofs verify (membership and absence)', async () => {
    const l = DevLedger.open({ chainId: 'test-kv', contracts: contracts(), clock });
    const r1 = l.submit(put('alice', 'apple'));
    const r2 = l.submit(put('bob', 'banana'));
    l.produceBlock();
    expect((await r1).height).toBe(2);
    expect((await r2).index).toBe(1);
    const p = l.prove('kv/alice');
    expect(fromUtf8(p.value!)).toBe('apple');
    const { header, commit } = p.light.signedHeader;
    expect(verifyCommit(header, commit, p.light.validatorSet).signedPower * 3).toBeGreaterThan(2 * 40);
    expect(verifyProof(header.stateRoot, utf8('kv/alice'), p.value, p.proof).kind).toBe('member');
    const absent = l.prove('kv/carol');
    expect(absent.value).toBeNull();
    expect(verifyProof(header.stateRoot, utf8('kv/carol'), null, absent.proof).kind).toBe('absent');
    expect(() => verifyProof(header.stateRoot, utf8('kv/alice'), utf8('pear'), p.proof)).toThrow();
    expect(headerHash(l.lightBlockAt(1).signedHeader.header)).toEqual(header.prevHash);
    expect(l.lookup('first', 'a')).toEqual(['kv/alice']);
    // An update re-files the record: the old index entry no longer finds it.
    void l.submit(put('alice', 'avocado-then-zucchini'.slice(8)));
    l.produceBlock();
    expect(l.lookup('first', 'a')).toEqual([]);
    expect(l.lookup('first', 't')).toEqual(['kv/alice']);
  });

  it('refuses a tx its contract rejects or whose id was used, and keeps the others', async () => {
    const l = DevLedger.open({ chainId: 'test-kv', contracts: contracts(), clock });
    const bad = l.submit({ type: 'kv.put', sender: 'did:key:test', id: 'x1', body: utf8('novalue') });
    const unknown = l.submit({ type: 'nope', sender: 'did:key:test', id: 'x2', body: utf8('') });
    const good = l.submit(put('a', '1', 'x3'));
    const dup = l.submit(put('a', '2', 'x3'));
    l.produceBlock();
    await expect(bad).rejects.toMatchObject({ reason: 'bad_body' });
    await expect(unknown).rejects.toMatchObject({ reason: 'unknown_tx_type' });
    await expect(dup).rejects.toMatchObject({ reason: 'duplicate_tx' });
    expect((await good).height).toBe(2);
    expect(fromUtf8(l.get('kv/a')!)).toBe('1');
  });

  it('survives a restart: same height, state root and proofs (from the stored state, and rebuilt from the log)', async () => {
    const dir = tmp();
    const l = DevLedger.open({ chainId: 'test-kv', contracts: contracts(), dataDir: dir, clock });
    for (let i = 0; i < 7; i++) {
      void l.submit(put(`k${i}`, `v${i}`));
      l.produceBlock();
    }
    void l.submit({ type: 'kv.del', sender: 'did:key:test', id: 'del-k0', body: utf8('k0') });
    l.produceBlock();
    const before = { height: l.height, root: toHex(l.latest().signedHeader.header.stateRoot), proof: l.prove('kv/k3') };
    l.close();
    expect(statSync(join(dir, 'blocks.log')).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'validator-keys.json')).mode & 0o777).toBe(0o600);
    for (const rebuild of [false, true]) {
      const again = DevLedger.open({ chainId: 'test-kv', contracts: contracts(), dataDir: dir, clock, rebuild });
      expect(again.height).toBe(before.height);
      expect(toHex(again.latest().signedHeader.header.stateRoot)).toBe(before.root);
      expect(again.prove('kv/k3').proof).toEqual(before.proof.proof);
      expect(again.get('kv/k0')).toBeUndefined();
      expect(again.hasTx('del-k0')).toBe(true);
      again.stop();
    }
    const again = DevLedger.open({ chainId: 'test-kv', contracts: contracts(), dataDir: dir, clock });
    const r = again.submit(put('k9', 'v9'));
    again.produceBlock();
    expect((await r).height).toBe(before.height + 1);
    again.close();
  });

  it('refuses to start on a truncated or corrupted log, with a clear message', () => {
    const dir = tmp();
    const l = DevLedger.open({ chainId: 'test-kv', contracts: contracts(), dataDir: dir, clock });
    void l.submit(put('a', '1'));
    l.produceBlock();
    l.close();
    const file = join(dir, 'blocks.log');
    const good = readFileSync(file);
    truncateSync(file, good.length - 5);
    expect(() => DevLedger.open({ chainId: 'test-kv', contracts: contracts(), dataDir: dir, clock })).toThrow(
      /truncated.*refusing to start/,
    );
    const flipped = Buffer.from(good);
    flipped[flipped.length - 100]! ^= 0xff;
    writeFileSync(file, flipped);
    expect(() => DevLedger.open({ chainId: 'test-kv', contracts: contracts(), dataDir: dir, clock })).toThrow(
      expect.objectContaining({ reason: 'corrupt_block_log', code: 'FAILED_PRECONDITION' }),
    );
  });

  it('changes its validator set by transaction, effective at the next height', async () => {
    const pool = newValidatorKeys(6);
    const l = DevLedger.open({ chainId: 'test-kv', contracts: contracts(), clock, validatorKeys: pool.slice(0, 4) });
    const next = newValidatorSet(pool.slice(2, 6).map((k) => ({ did: k.did, publicKey: k.publicKey, power: 5 })));
    // Keys outside the pool are refused.
    const refused = l.submit({ type: LedgerTx.SetValidators, sender: 'did:key:admin', id: 'vs-0', body: encodeValidatorSet(next) });
    l.produceBlock();
    await expect(refused).rejects.toMatchObject({ reason: 'unknown_validator_key' });

    const l2 = DevLedger.open({ chainId: 'test-kv2', contracts: contracts(), clock, validatorKeys: pool });
    const first = l2.validatorSet;
    void l2.submit({ type: LedgerTx.SetValidators, sender: 'did:key:admin', id: 'vs-1', body: encodeValidatorSet(next) });
    const b = l2.produceBlock();
    expect(b.light.signedHeader.header.validatorsHash).toEqual(validatorSetHash(first));
    expect(b.light.signedHeader.header.nextValidatorsHash).toEqual(validatorSetHash(next));
    const b3 = l2.produceBlock();
    expect(b3.light.signedHeader.header.validatorsHash).toEqual(validatorSetHash(next));
    expect(verifyCommit(b3.light.signedHeader.header, b3.light.signedHeader.commit, next).counted).toHaveLength(3);
  });
});
