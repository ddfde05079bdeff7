/**
 * The BankLedger contract on a real hardhat node (started here, stopped in afterAll), every record
 * read back as a block header whose hash is checked and an `eth_getProof` answer verified against
 * that header's stateRoot (src/verify/evm): an account (member), an account never opened (absent),
 * an order's executed flag; an order executes once; a reorganised block makes the old proof fail;
 * a value changed after the node answered is refused.
 */
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  accountSlots,
  BankLedgerContract,
  executedSlot,
  operatorSlot,
  provenAccount,
  provenExecuted,
  provenSlot,
} from '../../../adapters/evm/bank-ledger.js';
import { EvmRpc } from '../../../adapters/evm/rpc.js';
import { freePort } from '../../../src/devtools/nats-server.js';
import { type HardhatNodeHandle, processAlive, startHardhatNode } from '../../../src/devtools/hardhat-node.js';
import { utf8 } from '../../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import { type EvmHeader, verifyEvmHeaderHash } from '../../../src/verify/evm/evm-header.js';
import { type EvmProofEvidence, verifyEvmProof } from '../../../src/verify/evm/evm-proof.js';
import { toRpcHex } from '../../../src/verify/evm/rpc-hex.js';

/** Account ids are keyed hashes of the bank's account number (the consortium's salt), never the number. */
const SALT = utf8('test consortium salt, 32 bytes..');
const accountId = (accountNumber: string): Uint8Array => hmac(sha256, SALT, utf8(`bank-account:${accountNumber}`));
const orderId = (name: string): Uint8Array => keccak_256(utf8(`order:${name}`));

const ALICE = accountId('6222 0000 1111 2222');
const NEVER_OPENED = accountId('6222 0000 9999 9999');

let node: HardhatNodeHandle;
let rpc: EvmRpc;
let ledger: BankLedgerContract;
let startMs = 0;

async function reasonOf(p: Promise<unknown> | (() => unknown)): Promise<{ reason: string; details: Record<string, unknown> }> {
  try {
    await (typeof p === 'function' ? p() : p);
  } catch (e) {
    if (isCourtbridgeError(e)) return { reason: e.reason, details: e.details };
    throw e;
  }
  throw new Error('expected a refusal');
}

/** The block at `number`, its hash checked: the header a notary would sign. */
async function headerAt(number: bigint): Promise<{ header: EvmHeader; hash: Uint8Array }> {
  const block = await rpc.getBlockByNumber(number);
  expect(block).not.toBeNull();
  return verifyEvmHeaderHash(block);
}

/** Header at `number` and a proof fetched for it, verified against its stateRoot. */
async function provenAt(number: bigint, fetchProof: (n: bigint) => Promise<Record<string, unknown>>): Promise<EvmProofEvidence> {
  const { header } = await headerAt(number);
  return verifyEvmProof(header.stateRoot, await fetchProof(header.number));
}

beforeAll(async () => {
  const t0 = performance.now();
  node = await startHardhatNode();
  startMs = performance.now() - t0;
  rpc = new EvmRpc(node.url);
  const [owner] = await rpc.accounts();
  ledger = (await BankLedgerContract.deploy(rpc, owner!)).contract;
  await ledger.openAccount(ALICE);
  await ledger.credit(ALICE, 10_000n);
});

afterAll(async () => {
  await node.stop();
  // Nothing left behind: neither the node nor anything in its process group.
  expect(processAlive(node.pid)).toBe(false);
  expect(processAlive(-node.pid)).toBe(false);
});

describe('hardhat node', () => {
  it('answers on loopback with its chain id, started within the readiness bound', async () => {
    expect(node.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(await rpc.chainId()).toBe(BigInt(node.chainId));
    expect(processAlive(node.pid)).toBe(true);
    expect(startMs).toBeLessThan(30_000);
    console.log(`hardhat node ready in ${Math.round(startMs)} ms`);
  });
});

describe('BankLedger records proven against a verified header', () => {
  it('an opened, credited account: its three slots proven as members, equal to what eth_call reads', async () => {
    const n = await rpc.blockNumber();
    const evidence = await provenAt(n, (h) => ledger.accountProof(ALICE, h));
    expect(evidence.account.kind).toBe('member');
    const s = accountSlots(ALICE);
    const bySlot = (slot: Uint8Array) => evidence.storage.find((e) => toRpcHex(e.slot) === toRpcHex(slot))?.evidence;
    expect(bySlot(s.balance)).toEqual({ kind: 'member', value: 10_000n });
    expect(bySlot(s.opened)).toEqual({ kind: 'member', value: 1n });
    // Nothing frozen yet: a zero slot is not in the trie, a proven absence.
    expect(bySlot(s.frozen)).toEqual({ kind: 'absent' });
    const proven = provenAccount(evidence, ledger.address, ALICE);
    expect(proven).toEqual({ opened: true, balance: 10_000n, frozen: 0n });
    expect(await ledger.account(ALICE, n)).toEqual(proven);
  });

  it('an account never opened: every slot proven absent', async () => {
    const evidence = await provenAt(await rpc.blockNumber(), (h) => ledger.accountProof(NEVER_OPENED, h));
    expect(evidence.storage.map((e) => e.evidence.kind)).toEqual(['absent', 'absent', 'absent']);
    expect(provenAccount(evidence, ledger.address, NEVER_OPENED)).toEqual({ opened: false, balance: 0n, frozen: 0n });
  });

  it('the deployer is an operator (slot keccak256(pad32(address) . 2))', async () => {
    const evidence = await provenAt(await rpc.blockNumber(), (h) => rpc.getProof(ledger.address, [operatorSlot(ledger.from)], h));
    expect(provenSlot(evidence, ledger.address, operatorSlot(ledger.from))).toBe(1n);
  });

  it('a freeze order: executed flag absent before, member after, the frozen amount proven', async () => {
    const order = orderId('freeze-1');
    const before = await rpc.blockNumber();
    const receipt = await ledger.order('freeze', ALICE, 2_500n, order);
    expect(receipt.blockNumber).toBe(before + 1n);

    const was = await provenAt(before, (h) => ledger.executedProof(order, h));
    expect(was.storage[0]!.evidence).toEqual({ kind: 'absent' });
    expect(provenExecuted(was, ledger.address, order)).toBe(false);

    const now = await provenAt(receipt.blockNumber, (h) => ledger.executedProof(order, h));
    expect(now.storage[0]!.evidence).toEqual({ kind: 'member', value: 1n });
    expect(provenExecuted(now, ledger.address, order)).toBe(true);

    const account = await provenAt(receipt.blockNumber, (h) => ledger.accountProof(ALICE, h));
    expect(provenAccount(account, ledger.address, ALICE)).toEqual({ opened: true, balance: 10_000n, frozen: 2_500n });
  });

  it('the same order id a second time reverts (order_replayed) and the proven state is unchanged', async () => {
    const order = orderId('freeze-1');
    const n = await rpc.blockNumber();
    const before = provenAccount(await provenAt(n, (h) => ledger.accountProof(ALICE, h)), ledger.address, ALICE);

    const refusal = await reasonOf(ledger.order('freeze', ALICE, 100n, order));
    expect(refusal.reason).toBe('evm_execution_reverted');
    expect(refusal.details['revertReason']).toBe('order_replayed');

    // hardhat mines the reverted transaction (status 0, gas charged to the sender): a block more,
    // and the contract's state in it unchanged.
    const m = await rpc.blockNumber();
    expect(m).toBe(n + 1n);
    const after = await provenAt(m, (h) => ledger.accountProof(ALICE, h));
    expect(provenAccount(after, ledger.address, ALICE)).toEqual(before);
    expect(before.frozen).toBe(2_500n);
  });

  it('orders beyond what is available are refused: freeze over the unfrozen balance, deduct or release over the frozen', async () => {
    expect((await reasonOf(ledger.order('freeze', ALICE, 7_501n, orderId('too-much')))).details['revertReason']).toBe('insufficient_funds');
    expect((await reasonOf(ledger.order('deduct', ALICE, 2_501n, orderId('too-much')))).details['revertReason']).toBe(
      'insufficient_frozen',
    );
    expect((await reasonOf(ledger.order('release', ALICE, 2_501n, orderId('too-much')))).details['revertReason']).toBe(
      'insufficient_frozen',
    );
    expect((await reasonOf(ledger.order('freeze', NEVER_OPENED, 1n, orderId('nobody')))).details['revertReason']).toBe('unknown_record');
    // A refused order is not used up: it was never executed.
    const evidence = await provenAt(await rpc.blockNumber(), (h) => ledger.executedProof(orderId('too-much'), h));
    expect(provenExecuted(evidence, ledger.address, orderId('too-much'))).toBe(false);
  });

  it('deduct takes from the frozen funds, release unfreezes; each proven', async () => {
    const d = await ledger.order('deduct', ALICE, 1_000n, orderId('deduct-1'));
    const afterDeduct = await provenAt(d.blockNumber, (h) => ledger.accountProof(ALICE, h));
    expect(provenAccount(afterDeduct, ledger.address, ALICE)).toEqual({ opened: true, balance: 9_000n, frozen: 1_500n });
    const r = await ledger.order('release', ALICE, 1_500n, orderId('release-1'));
    const afterRelease = await provenAt(r.blockNumber, (h) => ledger.accountProof(ALICE, h));
    expect(provenAccount(afterRelease, ledger.address, ALICE)).toEqual({ opened: true, balance: 9_000n, frozen: 0n });
  });

  it('only an operator may order: another account is refused (not_operator)', async () => {
    const [, stranger] = await rpc.accounts();
    const asStranger = new BankLedgerContract(rpc, ledger.address, stranger!);
    expect((await reasonOf(asStranger.order('freeze', ALICE, 1n, orderId('stranger')))).details['revertReason']).toBe('not_operator');
  });
});

describe('a reorganised block', () => {
  it('the proof read at a height before the reorg does not verify against the new block at that height', async () => {
    const order = orderId('reorg-freeze');
    const snapshot = await rpc.snapshot();
    await ledger.order('freeze', ALICE, 500n, order);
    await rpc.mine();
    const height = await rpc.blockNumber();
    const old = await headerAt(height);
    const oldProof = await ledger.executedProof(order, height);
    expect(provenExecuted(await verifyEvmProof(old.header.stateRoot, oldProof), ledger.address, order)).toBe(true);

    expect(await rpc.revert(snapshot)).toBe(true);
    expect(await rpc.blockNumber()).toBe(height - 2n);
    await rpc.mine(2n);
    const replaced = await headerAt(height);
    expect(replaced.header.number).toBe(height);
    expect(toRpcHex(replaced.hash)).not.toBe(toRpcHex(old.hash));

    // The old proof against the block now at that height: its first node is not the new state root.
    expect((await reasonOf(verifyEvmProof(replaced.header.stateRoot, oldProof))).reason).toBe('evm_root_mismatch');
    // On the new branch the order never ran.
    const now = await verifyEvmProof(replaced.header.stateRoot, await ledger.executedProof(order, height));
    expect(provenExecuted(now, ledger.address, order)).toBe(false);
  });
});

describe('forgery', () => {
  it('a claimed balance other than the proven one is refused (evm_value_mismatch)', async () => {
    const n = await rpc.blockNumber();
    const { header } = await headerAt(n);
    const proof = await ledger.accountProof(ALICE, n);
    const storage = proof['storageProof'] as { key: string; value: string }[];
    expect(storage[0]!.value).toBe('0x2328'); // 9000 cents
    const forged = { ...proof, storageProof: [{ ...storage[0], value: '0x5f5e100' }, ...storage.slice(1)] };
    const refusal = await reasonOf(verifyEvmProof(header.stateRoot, forged));
    expect(refusal.reason).toBe('evm_value_mismatch');
    expect(refusal.details['field']).toBe('proof.storageProof[0].value');
  });

  it('a header with a changed stateRoot is refused (evm_header_hash_mismatch)', async () => {
    const block = await rpc.getBlockByNumber('latest');
    const forged = { ...block, stateRoot: toRpcHex(new Uint8Array(32).fill(7)) };
    expect((await reasonOf(() => verifyEvmHeaderHash(forged))).reason).toBe('evm_header_hash_mismatch');
  });

  it('a verified proof proves only what it names: another address or a slot not asked for is refused (evm_proof_incomplete)', async () => {
    const n = await rpc.blockNumber();
    const evidence = await provenAt(n, (h) => ledger.accountProof(ALICE, h));
    expect((await reasonOf(() => provenExecuted(evidence, ledger.address, orderId('freeze-1')))).reason).toBe('evm_proof_incomplete');
    expect((await reasonOf(() => provenAccount(evidence, ledger.from, ALICE))).reason).toBe('evm_proof_incomplete');
    // A proof of the order's slot at the wrong contract address: no account there.
    const elsewhere = await provenAt(n, (h) => rpc.getProof(`0x${'ab'.repeat(20)}`, [executedSlot(orderId('freeze-1'))], h));
    expect((await reasonOf(() => provenExecuted(elsewhere, `0x${'ab'.repeat(20)}`, orderId('freeze-1')))).reason).toBe(
      'evm_proof_incomplete',
    );
  });
});

describe('JSON-RPC errors', () => {
  it('an unknown method is evm_rpc_error; a closed port is evm_rpc_unavailable', async () => {
    expect((await reasonOf(rpc.request('eth_noSuchMethod', []))).reason).toBe('evm_rpc_error');
    const closed = new EvmRpc(`http://127.0.0.1:${await freePort()}`, { timeoutMs: 2000 });
    expect((await reasonOf(closed.chainId())).reason).toBe('evm_rpc_unavailable');
  });

  it('an argument out of its ABI type is refused before anything is sent (evm_invalid_argument)', async () => {
    expect((await reasonOf(() => ledger.credit(ALICE, -1n))).reason).toBe('evm_invalid_argument');
    expect((await reasonOf(() => ledger.openAccount(new Uint8Array(31)))).reason).toBe('evm_invalid_argument');
  });
});
