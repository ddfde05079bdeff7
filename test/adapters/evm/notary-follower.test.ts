/**
 * The notary follower against a real hardhat node and a real nats-server (both started here,
 * stopped in afterAll): it signs only blocks past its depth, each signature verifies under the
 * chain's notary policy; a reorg within the depth contradicts nothing it signed; a reorg deeper
 * than the depth is refused (also by a restarted follower reading the same journal), the journal
 * unchanged; a restart republishes the same hash; a tampered header is refused, nothing signed.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type KV, type NatsConnection } from 'nats';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { type NotaryFollower, type NotaryRefusal, startNotaryFollower } from '../../../adapters/evm/notary-follower.js';
import { NotaryJournal } from '../../../adapters/evm/notary-journal.js';
import { type EvmBlockTag, EvmRpc } from '../../../adapters/evm/rpc.js';
import { decodeNotarization, type Notarization, notaryKey, notaryKv } from '../../../src/bus/notary-kv.js';
import { type HardhatNodeHandle, startHardhatNode } from '../../../src/devtools/hardhat-node.js';
import { type NatsServerHandle, startNatsServer } from '../../../src/devtools/nats-server.js';
import { equalBytes } from '../../../src/encoding/bytes.js';
import type { World } from '../../identity/fixture.js';
import { verifyNotarization } from '../../../src/verify/notary.js';
import { toRpcHex } from '../../../src/verify/evm/rpc-hex.js';
import { notaries, notaryWorld, policy, T1 } from '../../verify/notary-fixture.js';

const DEPTH = 3;
const notary = notaries['notary-a'];

let node: HardhatNodeHandle;
let nats: NatsServerHandle;
let nc: NatsConnection;
let kv: KV;
let rpc: EvmRpc;
let w: World;
let dir: string;
let accounts: string[];
const running: NotaryFollower[] = [];
const journals: NotaryJournal[] = [];

beforeAll(async () => {
  [node, nats] = await Promise.all([startHardhatNode(), startNatsServer()]);
  nc = await connect({ servers: nats.url });
  kv = await notaryKv(nc.jetstream());
  rpc = new EvmRpc(node.url);
  accounts = await rpc.accounts();
  w = await notaryWorld();
  dir = mkdtempSync(join(tmpdir(), 'courtbridge-notary-'));
});

afterEach(async () => {
  for (const f of running.splice(0)) await f.stop();
  for (const j of journals.splice(0)) j.close();
});

afterAll(async () => {
  await nc?.close();
  await Promise.all([node?.stop(), nats?.stop()]);
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

async function waitFor(what: string, cond: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await cond())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

function follow(
  chainId: string,
  journalFile: string,
  extra: { rpc?: EvmRpc; startHeight?: number } = {},
): { follower: NotaryFollower; journal: NotaryJournal; refusals: NotaryRefusal[] } {
  const journal = NotaryJournal.open(join(dir, journalFile));
  journals.push(journal);
  const refusals: NotaryRefusal[] = [];
  const follower = startNotaryFollower({
    rpc: extra.rpc ?? rpc,
    chainId,
    depth: DEPTH,
    signer: notary,
    kv,
    journal,
    pollMs: 20,
    maxBackoffMs: 100,
    ...(extra.startHeight === undefined ? {} : { startHeight: extra.startHeight }),
    onRefusal: (r) => refusals.push(r),
  });
  running.push(follower);
  return { follower, journal, refusals };
}

/** Every value the KV holds for (chain, height) by the notary, oldest first. */
async function history(chainId: string, height: number): Promise<Notarization[]> {
  const out: Notarization[] = [];
  const it = await kv.history({ key: notaryKey(chainId, height, notary.did) });
  for await (const e of it) if (e.operation === 'PUT') out.push(decodeNotarization(e.value));
  return out;
}

async function hashAt(tag: EvmBlockTag): Promise<string> {
  const b = await rpc.getBlockByNumber(tag);
  return b!['hash'] as string;
}

/**
 * Mine `n` empty blocks one `evm_mine` at a time: hardhat_mine of several blocks reserves them
 * lazily and reports the reserved ones with a zero parentHash, which is not a chain to follow.
 */
async function mine(n: number): Promise<void> {
  for (let i = 0; i < n; i++) await rpc.request('evm_mine', []);
}

const latest = async (): Promise<number> => Number(await rpc.blockNumber());

/** A block of its own: a transfer of `value` wei (automine: one block per transaction). */
const transfer = (value: bigint): Promise<unknown> => rpc.sendAndConfirm({ from: accounts[0]!, to: accounts[1]!, value });

describe('notary follower', () => {
  it('signs only blocks past its depth; each signature verifies under the chain notary policy; a restart republishes', async () => {
    await mine(10);
    const start = (await latest()) - 8;
    const { follower, refusals } = follow('depth-evm', 'depth.jsonl', { startHeight: start });
    const top = await latest();
    await waitFor('signing up to latest - depth', () => follower.lastSigned() === top - DEPTH);
    for (let h = start; h <= top; h++) {
      const values = await history('depth-evm', h);
      if (h > top - DEPTH) {
        expect(values, `height ${h} is within the depth`).toEqual([]);
        continue;
      }
      expect(values).toHaveLength(1);
      const n = values[0]!;
      expect(toRpcHex(n.block.blockHash)).toBe(await hashAt(BigInt(h)));
      expect(n.block).toMatchObject({ chainId: 'depth-evm', height: h });
      const verdict = verifyNotarization(n.block, [n.signature], { ...policy, threshold: 1 }, w.authority, T1 + 1_000);
      expect(verdict.kind).toBe('met');
      // An outsider's policy does not count this notary.
      const other = { threshold: 1, notaries: [notaries['notary-x'].did] };
      expect(verifyNotarization(n.block, [n.signature], other, w.authority, T1 + 1_000).kind).toBe('not_met');
    }
    await follower.stop();
    expect(refusals).toEqual([]);

    // A new follower on the same journal signs its top again (the same hash: allowed) and goes on.
    const journalText = readFileSync(join(dir, 'depth.jsonl'), 'utf8');
    const again = follow('depth-evm', 'depth.jsonl');
    await waitFor('the restart republishing', async () => (await history('depth-evm', top - DEPTH)).length === 2);
    const [first, second] = await history('depth-evm', top - DEPTH);
    expect(equalBytes(first!.block.blockHash, second!.block.blockHash)).toBe(true);
    expect(readFileSync(join(dir, 'depth.jsonl'), 'utf8')).toBe(journalText);
    await mine(2);
    await waitFor('signing on after the restart', () => again.follower.lastSigned() === top - DEPTH + 2);
    expect(again.refusals).toEqual([]);
  });

  it('a reorg within the depth contradicts nothing signed; the new canonical blocks are signed', async () => {
    const { follower, refusals } = follow('shallow-evm', 'shallow.jsonl');
    await mine(1);
    const base = await latest();
    await waitFor('caught up', () => follower.lastSigned() === base - DEPTH);

    const snap = await rpc.snapshot();
    await transfer(1n);
    await transfer(2n);
    const old = [await hashAt(BigInt(base + 1)), await hashAt(BigInt(base + 2))];
    // Give the follower time to (wrongly) sign what is within the depth.
    await new Promise((r) => setTimeout(r, 200));
    expect(follower.lastSigned()).toBe(base + 2 - DEPTH);
    expect(await rpc.revert(snap)).toBe(true);
    await transfer(3n);
    await transfer(4n);
    const fresh = [await hashAt(BigInt(base + 1)), await hashAt(BigInt(base + 2))];
    expect(fresh[0]).not.toBe(old[0]);
    expect(fresh[1]).not.toBe(old[1]);
    await mine(DEPTH);
    await waitFor('signing past the reorganised blocks', () => follower.lastSigned() === base + 2);

    for (const [i, h] of [base + 1, base + 2].entries()) {
      const values = await history('shallow-evm', h);
      expect(values).toHaveLength(1);
      expect(toRpcHex(values[0]!.block.blockHash)).toBe(fresh[i]);
    }
    expect(refusals).toEqual([]);
    expect(follower.halted()).toBeUndefined();
  });

  it('a reorg deeper than the depth is refused, the journal unchanged, also after a restart', async () => {
    const { follower, refusals } = follow('deep-evm', 'deep.jsonl');
    await mine(1);
    const base = await latest();
    await waitFor('caught up', () => follower.lastSigned() === base - DEPTH);
    const snap = await rpc.snapshot();
    await transfer(5n);
    await transfer(6n);
    await mine(DEPTH);
    await waitFor('signing the blocks that will be reorganised', () => follower.lastSigned() === base + 2);
    const signed = [await hashAt(BigInt(base + 1)), await hashAt(BigInt(base + 2))];
    const journalText = readFileSync(join(dir, 'deep.jsonl'), 'utf8');

    expect(await rpc.revert(snap)).toBe(true);
    await transfer(7n);
    await transfer(8n);
    await mine(DEPTH + 2);
    await waitFor('the refusal', () => follower.halted() !== undefined);
    const halt = follower.halted()!;
    expect(halt).toMatchObject({ chainId: 'deep-evm', height: base + 3, halted: true });
    expect(halt.error.reason).toBe('evm_parent_hash_mismatch');
    expect(halt.error.message).toContain(signed[1]);
    expect(refusals).toEqual([halt]);
    expect(follower.lastSigned()).toBe(base + 2);
    expect(readFileSync(join(dir, 'deep.jsonl'), 'utf8')).toBe(journalText);
    await follower.stop();

    // A new follower on the same journal refuses the block now at the height it signed.
    const again = follow('deep-evm', 'deep.jsonl');
    await waitFor('the restarted refusal', () => again.follower.halted() !== undefined);
    const r = again.follower.halted()!;
    expect(r.error.reason).toBe('notary_refuses_conflicting_block');
    expect(r.height).toBe(base + 2);
    expect(r.error.details).toMatchObject({ signed: signed[1], offered: await hashAt(BigInt(base + 2)) });
    expect(again.follower.lastSigned()).toBeUndefined();
    expect(readFileSync(join(dir, 'deep.jsonl'), 'utf8')).toBe(journalText);
    // What the KV holds at the reorganised heights is still only what was signed first.
    for (const [i, h] of [base + 1, base + 2].entries()) {
      const values = await history('deep-evm', h);
      expect(values.map((v) => toRpcHex(v.block.blockHash))).toEqual([signed[i]]);
    }

    // The operator's resume: above everything signed, journaled, and not linked to the old fork.
    await again.follower.stop();
    const resumeAt = base + 4;
    const resumed = follow('deep-evm', 'deep.jsonl', { startHeight: resumeAt });
    await waitFor('signing after the resume', () => resumed.follower.lastSigned() === resumeAt);
    expect(resumed.refusals).toEqual([]);
    expect(resumed.journal.resumedAt('deep-evm', resumeAt)).toBe(true);
    expect(await history('deep-evm', base + 3)).toEqual([]);
  });

  it('refuses a header whose fields do not hash to its hash and signs nothing', async () => {
    /** A node (or a proxy in front of it) that changes the state root of every block it serves. */
    class TamperingRpc extends EvmRpc {
      override async getBlockByNumber(tag: EvmBlockTag): Promise<Record<string, unknown> | null> {
        const b = await super.getBlockByNumber(tag);
        return b === null ? null : { ...b, stateRoot: `0x${'ab'.repeat(32)}` };
      }
    }
    await mine(DEPTH + 2);
    const start = (await latest()) - DEPTH;
    const { follower, journal, refusals } = follow('tampered-evm', 'tampered.jsonl', { rpc: new TamperingRpc(node.url) });
    await waitFor('two refusals (retried)', () => refusals.length >= 2);
    expect(refusals[0]!.error.reason).toBe('evm_header_hash_mismatch');
    expect(refusals[0]).toMatchObject({ height: start, halted: false });
    expect(follower.halted()).toBeUndefined();
    expect(follower.lastSigned()).toBeUndefined();
    expect(journal.top('tampered-evm')).toBeUndefined();
    expect(readFileSync(join(dir, 'tampered.jsonl'), 'utf8')).toBe('');
    expect(await history('tampered-evm', start)).toEqual([]);
  });
});
