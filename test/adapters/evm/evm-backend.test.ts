/**
 * The `evm` backend on a real hardhat node (started here, stopped in afterAll) with BankLedger
 * deployed by the dev helper and the adapter's own key (a file, mode 600): records proven at a
 * named block, member and absent, that verify with `verifyEvmRecordProof`; an answer it cannot
 * prove is not served; a freeze applied twice with one action id freezes once; a contract refusal
 * is final; a transaction reorganised out before its confirmations is re-sent and applies once.
 */
import { randomBytes } from 'node:crypto';
import { chmodSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BANK_ACCOUNT_LAYOUT, BANK_CHAIN_ID, BANK_EVM_LAYOUTS, readBankAccountValue } from '../../../adapters/evm/bank-schema.js';
import type { BankLedgerContract } from '../../../adapters/evm/bank-ledger.js';
import { bank } from '../../../adapters/evm/definition.js';
import { deployDevBankChain } from '../../../adapters/evm/dev-chain.js';
import { EvmBackend, evmBackendMaker, evmOrderId } from '../../../adapters/evm/evm-backend.js';
import { readEvmKeyFile, writeEvmKeyFile, type EvmKey } from '../../../adapters/evm/evm-key.js';
import { EvmRpc } from '../../../adapters/evm/rpc.js';
import { DEFAULT_ADAPTER_CONFIG } from '../../../adapters/sdk/adapter-config.js';
import type { ActionInput, EvmProvenRecord } from '../../../adapters/sdk/chain-backend.js';
import { type HardhatNodeHandle, startHardhatNode } from '../../../src/devtools/hardhat-node.js';
import { equalBytes, fromHex, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import { verifyEvmRecordProof } from '../../../src/verify/evm/evm-answer.js';

const SALT = utf8('test consortium salt, 32 bytes..');
const accountId = (n: string): Uint8Array => hmac(sha256, SALT, utf8(`bank-account:${n}`));
const ALICE = toHex(accountId('6222 0000 1111 2222'));
const BOB = toHex(accountId('6222 0000 3333 4444'));
const NEVER_OPENED = toHex(accountId('6222 0000 9999 9999'));
const keyOf = (hex: string): string => `${BANK_ACCOUNT_LAYOUT.keyPrefix}${hex}`;

let node: HardhatNodeHandle;
let rpc: EvmRpc;
let dir: string;
let key: EvmKey;
let keyFile: string;
let ledger: BankLedgerContract;
let backend: EvmBackend;

const CONFIRMATIONS = 2;

function newBackend(overrides: Partial<ConstructorParameters<typeof EvmBackend>[0]> = {}): EvmBackend {
  return new EvmBackend({
    definition: bank,
    layouts: BANK_EVM_LAYOUTS,
    rpcUrl: node.url,
    contract: ledger.address,
    key: { file: keyFile },
    confirmations: CONFIRMATIONS,
    pollIntervalMs: 25,
    finalityTimeoutMs: 20_000,
    ...overrides,
  });
}

/** Mine a block every `ms` until stopped: the chain growing under a waiting adapter. */
function miner(ms = 40): { stop(): Promise<void> } {
  let running = true;
  const loop = (async () => {
    while (running) {
      await rpc.mine();
      await new Promise((r) => setTimeout(r, ms));
    }
  })();
  return {
    stop: async () => {
      running = false;
      await loop;
    },
  };
}

async function refusal(p: Promise<unknown>): Promise<{ reason: string; code: string; details: Record<string, unknown> }> {
  try {
    await p;
  } catch (e) {
    if (isCourtbridgeError(e)) return { reason: e.reason, code: e.code, details: e.details };
    throw e;
  }
  throw new Error('expected a refusal');
}

/** What the gateway does with an answer: header hash, proof against its state root, the record. */
async function verified(pr: EvmProvenRecord): Promise<Uint8Array | null> {
  const ev = await verifyEvmRecordProof(
    { chainId: BANK_CHAIN_ID, key: pr.key, headerRlp: pr.evidence.headerRlp, proof: pr.evidence.proof },
    fromHex(ledger.address.slice(2).toLowerCase()),
    BANK_ACCOUNT_LAYOUT,
  );
  expect(equalBytes(ev.hash, pr.blockHash)).toBe(true);
  expect(Number(ev.header.number)).toBe(pr.height);
  return ev.value;
}

const freeze = (actionId: string, target: string, amount: string, kind = 'freeze'): ActionInput => ({
  actionId,
  kind,
  target,
  amount,
  court: 'did:alliance:court-1',
  caseId: '(2026) Jing 01 Zhi 7',
  orderId: `o-${actionId}`,
});

beforeAll(async () => {
  node = await startHardhatNode();
  rpc = new EvmRpc(node.url);
  dir = mkdtempSync(join(tmpdir(), 'cb-evm-backend-'));
  keyFile = join(dir, 'bank.eth.key');
  key = await writeEvmKeyFile(keyFile, randomBytes(32));
  ledger = (await deployDevBankChain(rpc, key.address)).contract;
  for (const id of [ALICE, BOB]) {
    await ledger.openAccount(fromHex(id));
    await ledger.credit(fromHex(id), 10_000n);
  }
  backend = newBackend();
  await backend.start();
});

afterAll(async () => {
  await backend?.close();
  await node?.stop();
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('the adapter key', () => {
  it('is read from a mode-600 file; the backend signs as its address', async () => {
    expect((await readEvmKeyFile(keyFile)).address).toBe(key.address);
    expect(backend.address).toBe(key.address);
  });

  it('a key file others may read is refused before it is read (key_file_permissions)', async () => {
    const loose = join(dir, 'loose.key');
    writeFileSync(loose, `0x${toHex(randomBytes(32))}\n`);
    chmodSync(loose, 0o644);
    expect((await refusal(newBackend({ key: { file: loose } }).start())).reason).toBe('key_file_permissions');
  });

  it('a file that is not a 32-byte key is refused (evm_key_invalid)', async () => {
    const bad = join(dir, 'bad.key');
    writeFileSync(bad, 'not a key\n', { mode: 0o600 });
    expect((await refusal(readEvmKeyFile(bad))).reason).toBe('evm_key_invalid');
    const zero = join(dir, 'zero.key');
    writeFileSync(zero, `${'0'.repeat(64)}\n`, { mode: 0o600 });
    expect((await refusal(readEvmKeyFile(zero))).reason).toBe('evm_key_invalid');
  });
});

describe('records proven at a named block', () => {
  it('an opened account: its value proven at that block, the proof verifies with verifyEvmRecordProof', async () => {
    const n = Number(await rpc.blockNumber());
    const pr = await backend.queryRecord(keyOf(ALICE), { kind: 'at', height: n });
    expect(pr.height).toBe(n);
    expect(pr.blockHash).toEqual(fromHex(String((await rpc.getBlockByNumber(BigInt(n)))!['hash']).slice(2)));
    expect(readBankAccountValue(pr.value!)).toEqual({ balance: 10_000n, frozen: 0n, opened: true });
    expect(await verified(pr)).toEqual(pr.value);
  });

  it('an account never opened: absent, and the absence verifies', async () => {
    const pr = await backend.queryRecord(keyOf(NEVER_OPENED), { kind: 'at', height: Number(await rpc.blockNumber()) });
    expect(pr.value).toBeNull();
    expect(await verified(pr)).toBeNull();
  });

  it('an earlier block: the state as it was then (before the credit)', async () => {
    const n = Number(await rpc.blockNumber());
    // One block per transaction (automine): ..., open BOB, credit BOB (the head): BOB opened, not yet credited, one block back.
    const pr = await backend.queryRecord(keyOf(BOB), { kind: 'at', height: n - 1 });
    expect(readBankAccountValue(pr.value!)).toEqual({ balance: 0n, frozen: 0n, opened: true });
    expect(await verified(pr)).toEqual(pr.value);
  });

  it('a relay that changes the proven value is caught by the verifier (evm_value_mismatch)', async () => {
    const pr = await backend.queryRecord(keyOf(ALICE), { kind: 'at', height: Number(await rpc.blockNumber()) });
    const forged = structuredClone(pr);
    forged.evidence.proof.storageProof[0]!.value = 1_000_000n;
    expect((await refusal(verified(forged))).reason).toBe('evm_value_mismatch');
  });

  it('a key not of the layout, an unknown prefix, a block not yet made: named refusals', async () => {
    const head = Number(await rpc.blockNumber());
    expect(await refusal(backend.queryRecord('bank_account/xyz', { kind: 'at', height: head }))).toMatchObject({
      reason: 'invalid_key',
      code: 'INVALID_ARGUMENT',
    });
    expect((await refusal(backend.queryRecord(`title/${ALICE}`, { kind: 'at', height: head }))).reason).toBe('unknown_record_type');
    expect(await refusal(backend.queryRecord(keyOf(ALICE), { kind: 'at', height: head + 1000 }))).toMatchObject({
      reason: 'unknown_height',
      code: 'NOT_FOUND',
    });
  });

  it('never serves what it cannot prove: a contract address with no contract gives evm_unprovable_answer', async () => {
    const elsewhere = newBackend({ contract: `0x${toHex(randomBytes(20))}` });
    await elsewhere.start();
    const r = await refusal(elsewhere.queryRecord(keyOf(ALICE), { kind: 'latest' }));
    expect(r).toMatchObject({ reason: 'evm_unprovable_answer', code: 'UNAVAILABLE' });
    await elsewhere.close();
  });
});

describe('actions, exactly once', () => {
  it('a freeze applied twice with one action id freezes once; the second is already_applied', async () => {
    const m = miner();
    try {
      const first = await backend.applyAction(freeze('act-freeze-1', ALICE, '2500'));
      expect(first.outcome).toBe('applied');
      expect(first.state.height).toBe(first.height);
      expect(readBankAccountValue(first.state.value!)).toMatchObject({ balance: 10_000n, frozen: 2_500n });
      expect(await verified(first.state)).toEqual(first.state.value);
      // Final: `confirmations` blocks on top, and still the chain's block at that height.
      expect(await rpc.blockNumber()).toBeGreaterThanOrEqual(BigInt(first.height! + CONFIRMATIONS));
      expect((await rpc.getBlockByNumber(BigInt(first.height!)))!['hash']).toBe(`0x${toHex(first.state.blockHash)}`);

      const second = await backend.applyAction(freeze('act-freeze-1', ALICE, '2500'));
      expect(second.outcome).toBe('already_applied');
      expect(readBankAccountValue(second.state.value!).frozen).toBe(2_500n);
      expect(await verified(second.state)).toEqual(second.state.value);
      expect((await ledger.account(fromHex(ALICE))).frozen).toBe(2_500n);
      expect(await backend.actionApplied('act-freeze-1')).toBe(true);
      expect(await backend.actionApplied('act-never-sent')).toBe(false);
    } finally {
      await m.stop();
    }
  });

  it('the order id is the action id hashed for this chain: stable, 32 bytes, and what the contract marks executed', async () => {
    const id = evmOrderId(BANK_CHAIN_ID, 'act-freeze-1');
    expect(id).toEqual(evmOrderId(BANK_CHAIN_ID, 'act-freeze-1'));
    expect(id).not.toEqual(evmOrderId('other', 'act-freeze-1'));
    const word = await rpc.call({ to: ledger.address, data: `0x${toHex(keccak_256(utf8('executed(bytes32)')).slice(0, 4))}${toHex(id)}` });
    expect(BigInt(word)).toBe(1n);
  });

  it('a contract refusal is a final refusal with the contract reason, and nothing is applied', async () => {
    const tooMuch = await refusal(backend.applyAction(freeze('act-too-much', ALICE, '1000000')));
    expect(tooMuch).toMatchObject({ reason: 'insufficient_funds', code: 'FAILED_PRECONDITION' });
    const noAccount = await refusal(backend.applyAction(freeze('act-no-account', NEVER_OPENED, '1', 'deduct')));
    expect(noAccount).toMatchObject({ reason: 'unknown_record', code: 'FAILED_PRECONDITION' });
    const notFrozen = await refusal(backend.applyAction(freeze('act-release-bob', BOB, '5', 'release')));
    expect(notFrozen).toMatchObject({ reason: 'insufficient_frozen', code: 'FAILED_PRECONDITION' });
    expect(await backend.actionApplied('act-too-much')).toBe(false);
    expect((await ledger.account(fromHex(ALICE))).frozen).toBe(2_500n);
  });

  it('a target that is not an account id, an amount missing: refused before anything is sent', async () => {
    expect(await refusal(backend.applyAction(freeze('act-bad-target', 'acc-1', '5')))).toMatchObject({
      reason: 'invalid_target',
      code: 'INVALID_ARGUMENT',
    });
    const { amount: _, ...noAmount } = freeze('act-no-amount', ALICE, '5');
    expect((await refusal(backend.applyAction(noAmount))).reason).toBe('amount_required');
  });

  it('a transaction reorganised out before its confirmations is re-sent and applies exactly once', async () => {
    const before = await ledger.account(fromHex(BOB));
    const nonceBefore = await rpc.transactionCount(key.address, 'latest');
    const snapshot = await rpc.snapshot();
    const orderId = evmOrderId(BANK_CHAIN_ID, 'act-reorg-1');
    const executedAtHead = async (): Promise<boolean> =>
      BigInt(
        await rpc.call({ to: ledger.address, data: `0x${toHex(keccak_256(utf8('executed(bytes32)')).slice(0, 4))}${toHex(orderId)}` }),
      ) === 1n;
    // No miner yet: the transaction is mined (automine) and then waits for its confirmations.
    const applying = backend.applyAction(freeze('act-reorg-1', BOB, '700'));
    const t0 = Date.now();
    while (!(await executedAtHead())) {
      if (Date.now() - t0 > 10_000) throw new Error('the action was never mined');
      await new Promise((r) => setTimeout(r, 20));
    }
    await new Promise((r) => setTimeout(r, 200)); // the backend has its receipt and waits for depth
    expect(await rpc.revert(snapshot)).toBe(true);
    expect(await executedAtHead()).toBe(false); // the execution is gone with its block
    expect(await rpc.transactionCount(key.address, 'latest')).toBe(nonceBefore); // and so is the adapter's transaction
    const m = miner();
    try {
      const effect = await applying;
      expect(effect.outcome).toBe('applied');
      // Executed again after the revert (only the backend sends it): in a block of the new branch, once.
      expect(await executedAtHead()).toBe(true);
      expect(await rpc.transactionCount(key.address, 'latest')).toBe(nonceBefore + 1n); // one transaction: the re-sent one
      expect((await rpc.getBlockByNumber(BigInt(effect.height!)))!['hash']).toBe(`0x${toHex(effect.state.blockHash)}`);
      expect(readBankAccountValue(effect.state.value!)).toMatchObject({ balance: before.balance, frozen: before.frozen + 700n });
      expect(await verified(effect.state)).toEqual(effect.state.value);
      const again = await backend.applyAction(freeze('act-reorg-1', BOB, '700'));
      expect(again.outcome).toBe('already_applied');
      expect((await ledger.account(fromHex(BOB))).frozen).toBe(before.frozen + 700n);
    } finally {
      await m.stop();
    }
  });
});

describe('the evm backend maker (bank adapter main)', () => {
  it('refuses a configuration missing one of its fields, naming the field', () => {
    const make = evmBackendMaker(BANK_EVM_LAYOUTS);
    const full = {
      ...DEFAULT_ADAPTER_CONFIG,
      evmRpcUrl: node.url,
      evmContract: ledger.address,
      evmKeyFile: keyFile,
      evmConfirmations: 2,
    };
    expect(make({ definition: bank, config: full }).kind).toBe('evm');
    for (const field of ['evmRpcUrl', 'evmContract', 'evmKeyFile', 'evmConfirmations'] as const) {
      try {
        make({ definition: bank, config: { ...full, [field]: undefined } });
        throw new Error('expected invalid_config');
      } catch (e) {
        expect(isCourtbridgeError(e) && e.reason).toBe('invalid_config');
        expect(isCourtbridgeError(e) && e.details['field']).toBe(field);
      }
    }
  });
});
