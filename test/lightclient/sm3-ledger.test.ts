/**
 * An SM3 chain end to end in one process: a dev ledger made with the suite its registry entry
 * names produces SM3 headers, trees and transaction roots; a light client made from the entry
 * (the suite kept in its stored state) follows it and verifies its state proofs; a client made as
 * if the entry said SHA-256 refuses the same headers (and an SM3 client refuses a SHA-256 chain),
 * with the reason the first wrong hash gives. Stored states without a suite read as SHA-256.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyCommit } from '../../src/chain/commit.js';
import { ContractRegistry, type ContractHandler } from '../../src/chain/ledger/contract.js';
import { DevLedger } from '../../src/chain/ledger/ledger.js';
import { encodeTx } from '../../src/chain/ledger/transaction.js';
import { newValidatorKeys } from '../../src/chain/ledger/validator-keys.js';
import { headerHash } from '../../src/chain/header.js';
import { validatorSetHash } from '../../src/chain/validator-set.js';
import { sm3 } from '../../src/crypto/hash-suite.js';
import { fromUtf8, utf8 } from '../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../src/errors.js';
import { LightClient } from '../../src/lightclient/light-client.js';
import { MemoryTrustedStore } from '../../src/lightclient/memory-store.js';
import { decodeClientState, decodeConsensusState, encodeClientState, encodeConsensusState } from '../../src/lightclient/state-codec.js';
import { consensusStateOf } from '../../src/lightclient/consensus-state.js';
import { merkleRoot } from '../../src/proof/binary-merkle.js';
import { SparseMerkleTree } from '../../src/proof/sparse-merkle-tree.js';
import { verifyProof } from '../../src/proof/verify.js';
import { allianceFixture } from '../helpers/alliance-fixture.js';
import { ChainFixture, FIXTURE_START_MS, fixtureValidators, forkOf } from '../helpers/chain-fixture.js';
import { witnessed } from './fixture-witness.js';

const kv: ContractHandler = {
  types: ['kv.put'],
  apply(tx) {
    const [k, v] = fromUtf8(tx.body).split('=');
    return [{ key: `kv/${k}`, value: utf8(v ?? '') }];
  },
};
const contracts = () => new ContractRegistry().register(kv);
const put = (k: string, v: string) => ({ type: 'kv.put', sender: 'did:key:test', id: `put-${k}-${v}`, body: utf8(`${k}=${v}`) });

let t = 1_700_000_000_000;
const clock = () => (t += 1_000);
const keys = newValidatorKeys(4);
const opts = (nowMs: number) => ({ trustingPeriodMs: 3_600_000, maxClockDriftMs: 10_000, nowMs });

async function failure(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
  return 'accepted';
}

/** An in-memory ledger of `suite` with a few blocks of records. */
async function ledgerOf(suite: 'sha256' | 'sm3', chainId = 'judicial'): Promise<DevLedger> {
  const l = DevLedger.open({ chainId, contracts: contracts(), clock, validatorKeys: keys, hashSuite: suite });
  for (let i = 0; i < 4; i++) {
    const done = [l.submit(put(`order-${i}`, `v${i}`)), l.submit(put(`case-${i}`, `c${i}`))];
    l.produceBlock();
    await Promise.all(done);
  }
  return l;
}

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('a dev ledger made for an SM3 chain', () => {
  it('hashes its headers, validator sets, state tree and transactions root with SM3', async () => {
    const l = await ledgerOf('sm3');
    expect(l.hashSuite).toBe('sm3');
    const tx = put('extra', 'x');
    const receipt = l.submit(tx);
    const block = l.produceBlock();
    expect((await receipt).txHash).toEqual(sm3(encodeTx(tx)));
    const h = block.light.signedHeader.header;
    const prev = l.lightBlockAt(h.height - 1).signedHeader.header;
    expect(h.prevHash).toEqual(headerHash(prev, 'sm3'));
    expect(h.txRoot).toEqual(merkleRoot([encodeTx(tx)], 'sm3'));
    expect(h.validatorsHash).toEqual(validatorSetHash(block.light.validatorSet, 'sm3'));
    expect(block.light.signedHeader.commit.headerHash).toEqual(headerHash(h, 'sm3'));
    expect(() => verifyCommit(h, block.light.signedHeader.commit, block.light.validatorSet, { hashSuite: 'sm3' })).not.toThrow();
    // The state root is the SM3 tree of every record (ledger/genesis included).
    const records = ['ledger/genesis', 'kv/extra', ...[0, 1, 2, 3].flatMap((i) => [`kv/order-${i}`, `kv/case-${i}`])];
    const tree = SparseMerkleTree.fromEntries(
      records.map((k) => ({ key: utf8(k), value: l.get(k)! })),
      'sm3',
    );
    expect(h.stateRoot).toEqual(tree.root());
    l.close();
  });

  it('a block log written under SM3 does not open under SHA-256 (corrupt_block_log), and reopens under SM3', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-sm3-ledger-'));
    dirs.push(dir);
    const l = DevLedger.open({ chainId: 'judicial', contracts: contracts(), clock, dataDir: dir, hashSuite: 'sm3' });
    void l.submit(put('a', '1'));
    l.produceBlock();
    l.produceBlock();
    const head = headerHash(l.latest().signedHeader.header, 'sm3');
    l.close();
    let reason = 'accepted';
    try {
      DevLedger.open({ chainId: 'judicial', contracts: contracts(), clock, dataDir: dir });
    } catch (e) {
      reason = isCourtbridgeError(e) ? e.reason : String(e);
    }
    expect(reason).toBe('corrupt_block_log');
    const again = DevLedger.open({ chainId: 'judicial', contracts: contracts(), clock, dataDir: dir, hashSuite: 'sm3' });
    expect(headerHash(again.latest().signedHeader.header, 'sm3')).toEqual(head);
    again.close();
  });
});

describe('a light client made from the SM3 entry follows the ledger', () => {
  it('anchors at the entry, updates block by block, and verifies state proofs under SM3', async () => {
    const l = await ledgerOf('sm3');
    const anchor = l.lightBlockAt(1);
    const fx = allianceFixture({ chains: ['judicial'], anchors: { judicial: anchor }, hashSuites: { judicial: 'sm3' } });
    const entry = fx.authority.chainAt('judicial', l.latest().signedHeader.header.timeMs)!;
    expect(entry.hashSuite).toBe('sm3');
    // The client is made with the entry's suite; the anchor's hash under it is the entry's.
    expect(headerHash(anchor.signedHeader.header, entry.hashSuite)).toEqual(entry.anchor.headerHash);
    const store = new MemoryTrustedStore();
    const c = new LightClient('judicial', store);
    const now = l.latest().signedHeader.header.timeMs + 1_000;
    await c.init(anchor.signedHeader, anchor.validatorSet, undefined, { ...opts(now), hashSuite: entry.hashSuite });
    for (let h = 2; h <= l.height; h++) {
      const b = l.lightBlockAt(h);
      expect(await c.update(b.signedHeader, b.validatorSet, now)).toMatchObject({ kind: 'updated', evidence: { kind: 'sequential' } });
    }
    // A duplicate is recognised by its SM3 hash.
    expect((await c.update(l.latest().signedHeader, l.latest().validatorSet, now)).kind).toBe('duplicate');
    const root = await c.verifiedStateRoot({ kind: 'latest' }, now);
    expect(root.hashSuite).toBe('sm3');
    expect(root.headerHash).toEqual(headerHash(l.latest().signedHeader.header, 'sm3'));
    for (const key of ['kv/order-2', 'kv/absent']) {
      const p = l.prove(key);
      const ev = verifyProof(root.stateRoot, utf8(key), p.value, p.proof, root.hashSuite);
      expect(ev.kind).toBe(p.value === null ? 'absent' : 'member');
      // The same proof under SHA-256 leads nowhere.
      expect(() => verifyProof(root.stateRoot, utf8(key), p.value, p.proof)).toThrow();
    }
    // What the store holds names the suite (the client and each consensus state).
    expect((await c.clientState()).hashSuite).toBe('sm3');
    expect((await store.getConsensusState('judicial', 1))?.hashSuite).toBe('sm3');
    l.close();
  });

  it('suite confusion: the SM3 chain under a client made as if the entry said SHA-256 -> wrong_validator_set_hash', async () => {
    const l = await ledgerOf('sm3');
    const now = l.latest().signedHeader.header.timeMs + 1_000;
    const b1 = l.lightBlockAt(1);
    // The first hash a client takes is the validator set's: under SHA-256 it is not the header's.
    expect(
      await failure(new LightClient('judicial', new MemoryTrustedStore()).init(b1.signedHeader, b1.validatorSet, undefined, opts(now))),
    ).toBe('wrong_validator_set_hash');
    // A SHA-256 client of a SHA-256 chain with the same id and validators, offered the SM3 chain's next header.
    const sha = await ledgerOf('sha256');
    const c = new LightClient('judicial', new MemoryTrustedStore());
    await c.init(sha.lightBlockAt(1).signedHeader, sha.lightBlockAt(1).validatorSet, undefined, opts(now));
    expect(await failure(c.update(l.lightBlockAt(2).signedHeader, l.lightBlockAt(2).validatorSet, now))).toBe('wrong_validator_set_hash');
    l.close();
    sha.close();
  });

  it('suite confusion the other way: a SHA-256 chain under a client made from an SM3 entry -> wrong_validator_set_hash', async () => {
    const sha = await ledgerOf('sha256');
    const now = sha.latest().signedHeader.header.timeMs + 1_000;
    const b1 = sha.lightBlockAt(1);
    const init = new LightClient('judicial', new MemoryTrustedStore()).init(b1.signedHeader, b1.validatorSet, undefined, {
      ...opts(now),
      hashSuite: 'sm3',
    });
    expect(await failure(init)).toBe('wrong_validator_set_hash');
    const l = await ledgerOf('sm3');
    const c = new LightClient('judicial', new MemoryTrustedStore());
    await c.init(l.lightBlockAt(1).signedHeader, l.lightBlockAt(1).validatorSet, undefined, { ...opts(now), hashSuite: 'sm3' });
    expect(await failure(c.update(sha.lightBlockAt(2).signedHeader, sha.lightBlockAt(2).validatorSet, now))).toBe(
      'wrong_validator_set_hash',
    );
    // The commit alone (a set that does hash right under SM3 but a header whose commit names its
    // SHA-256 hash) is refused by the commit target: commit_hash_mismatch.
    const s2 = l.lightBlockAt(2);
    const relabelled = { ...s2.signedHeader, commit: { ...s2.signedHeader.commit, headerHash: headerHash(s2.signedHeader.header) } };
    expect(await failure(c.update(relabelled, s2.validatorSet, now))).toBe('commit_hash_mismatch');
    l.close();
    sha.close();
  });

  it('an unknown suite is refused at init (invalid_trust_options)', async () => {
    const l = await ledgerOf('sm3');
    const b1 = l.lightBlockAt(1);
    const init = new LightClient('judicial', new MemoryTrustedStore()).init(b1.signedHeader, b1.validatorSet, undefined, {
      ...opts(l.latest().signedHeader.header.timeMs),
      hashSuite: 'SM3' as never,
    });
    expect(await failure(init)).toBe('invalid_trust_options');
    l.close();
  });
});

describe('skipping and witnesses under SM3', () => {
  const A = fixtureValidators(4);
  const B = fixtureValidators(4, { from: 3 });
  const chain = new ChainFixture('judicial', A, undefined, undefined, 'sm3');
  chain.next();
  chain.next({ nextValidators: B });
  chain.advanceTo(9);
  const NOW = FIXTURE_START_MS + 120_000;

  it('skips across a set change (1/3 trusting rule under SM3), confirmed by a witness comparing SM3 hashes', async () => {
    const c = new LightClient('judicial', new MemoryTrustedStore());
    await c.init(chain.at(1).signedHeader, chain.at(1).validatorSet, undefined, { ...opts(NOW), hashSuite: 'sm3' });
    const out = await c.update(chain.at(9).signedHeader, chain.at(9).validatorSet, NOW, witnessed(chain));
    expect(out).toMatchObject({ kind: 'updated', evidence: { kind: 'skipping' }, witnesses: ['did:alliance:witness-adapter'] });
  });

  it('a witness holding another SM3-signed header at that height freezes the client with the pair as evidence', async () => {
    const c = new LightClient('judicial', new MemoryTrustedStore());
    await c.init(chain.at(1).signedHeader, chain.at(1).validatorSet, undefined, { ...opts(NOW), hashSuite: 'sm3' });
    const fork = forkOf(chain.at(9), { txRoot: new Uint8Array(32).fill(7) }, chain.at(9).validators, 'sm3');
    const witness = async () => [{ kind: 'block' as const, witness: 'did:alliance:witness-adapter', block: fork }];
    const out = await c.update(chain.at(9).signedHeader, chain.at(9).validatorSet, NOW, { witness });
    expect(out).toMatchObject({ kind: 'frozen', frozen: { misbehaviour: { kind: 'fork_detected' } } });
    // The frozen state (evidence included) reads back from the store under its suite.
    expect((await c.clientState()).hashSuite).toBe('sm3');
  });
});

describe('stored states', () => {
  it('SHA-256 states are stored exactly as before (no suite field); states without one read as SHA-256', async () => {
    const sha = await ledgerOf('sha256');
    const now = sha.latest().signedHeader.header.timeMs + 1_000;
    const c = new LightClient('judicial', new MemoryTrustedStore());
    const st = await c.init(sha.lightBlockAt(1).signedHeader, sha.lightBlockAt(1).validatorSet, undefined, opts(now));
    const text = encodeClientState(st);
    expect(JSON.parse(text)).not.toHaveProperty('hashSuite');
    expect(decodeClientState(text).hashSuite).toBeUndefined();
    const cs = consensusStateOf(sha.lightBlockAt(1));
    const csText = encodeConsensusState(cs);
    expect(JSON.parse(csText)).not.toHaveProperty('hashSuite');
    expect(decodeConsensusState(csText).headerHash).toEqual(headerHash(sha.lightBlockAt(1).signedHeader.header));
    sha.close();
  });

  it("SM3 states keep their suite, and the consensus state's header hash is recomputed under it", async () => {
    const l = await ledgerOf('sm3');
    const b = l.lightBlockAt(2);
    const cs = consensusStateOf(b, undefined, 'sm3');
    const back = decodeConsensusState(encodeConsensusState(cs));
    expect(back.hashSuite).toBe('sm3');
    expect(back.headerHash).toEqual(headerHash(b.signedHeader.header, 'sm3'));
    // The same stored light block without its suite field reads as SHA-256 (a state stored before suites).
    const old = JSON.parse(encodeConsensusState(cs)) as Record<string, unknown>;
    delete old.hashSuite;
    expect(decodeConsensusState(JSON.stringify(old)).headerHash).toEqual(headerHash(b.signedHeader.header));
    const client = JSON.parse(encodeClientState({ ...baseClient, hashSuite: 'sm3' })) as Record<string, unknown>;
    expect(client.hashSuite).toBe('sm3');
    expect(decodeClientState(JSON.stringify(client)).hashSuite).toBe('sm3');
    l.close();
  });

  it('a stored suite that is not one is corrupt_trusted_store, not a guess', () => {
    const client = { ...(JSON.parse(encodeClientState(baseClient)) as Record<string, unknown>), hashSuite: 'sm2' };
    expect(reason(() => decodeClientState(JSON.stringify(client)))).toBe('corrupt_trusted_store');
  });
});

const baseClient = {
  chainId: 'judicial',
  trustingPeriodMs: 3_600_000,
  maxClockDriftMs: 10_000,
  trustLevel: { numerator: 1, denominator: 3 },
  status: 'active' as const,
  latestHeight: 1,
};
const reason = (f: () => unknown): string => {
  try {
    f();
    return 'accepted';
  } catch (e) {
    return isCourtbridgeError(e) ? e.reason : String(e);
  }
};
