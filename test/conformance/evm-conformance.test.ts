/**
 * The conformance kit certifying an `evm` adapter, over a real hardhat node and a real
 * nats-server (both started here, stopped in afterAll): the bank adapter (EvmBackend in the SDK
 * runtime) on a BankLedger contract the registry names, 2 of the chain's 3 registry notaries
 * signing blocks at depth 1 into the notary bucket, a judicial dev-ledger chain (and its adapter)
 * for the test orders. The kit passes every check. An adapter answering from a contract other than
 * the registry's fails `membership`, naming `evm_wrong_contract`; with no notary running, `headers`
 * fails asking whether they are.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLIANCE_EVM_RECORDS } from '../../adapters/catalog.js';
import { BANK_ACCOUNT, BANK_CHAIN_ID, BANK_EVM_LAYOUTS } from '../../adapters/evm/bank-schema.js';
import { bank } from '../../adapters/evm/definition.js';
import { deployDevBankChain } from '../../adapters/evm/dev-chain.js';
import { EvmBackend } from '../../adapters/evm/evm-backend.js';
import { writeEvmKeyFile } from '../../adapters/evm/evm-key.js';
import { EvmRpc } from '../../adapters/evm/rpc.js';
import type { EvmProvenRecord } from '../../adapters/sdk/chain-backend.js';
import { DevLedgerBackend } from '../../adapters/sdk/dev-ledger-backend.js';
import { type AdapterHandle, startAdapter } from '../../adapters/sdk/runtime.js';
import { notaryKv } from '../../src/bus/notary-kv.js';
import { CONFORMANCE_CHECK_IDS, type ConformanceOptions, formatReport, runConformance } from '../../src/conformance/mod.js';
import { type HardhatNodeHandle, startHardhatNode } from '../../src/devtools/hardhat-node.js';
import { fromHex, toHex, utf8 } from '../../src/encoding/bytes.js';
import { allianceFixture, type AllianceFixture, FixtureDids } from '../helpers/alliance-fixture.js';
import { BankNotaries } from '../helpers/bank-notaries.js';
import { startJudicialAdapter } from '../helpers/judicial-adapter.js';
import { type NatsServerHandle, startNatsServer } from '../helpers/nats-server.js';
import { allianceKitOptions, statuses } from './kit-options.js';
import { judicialOrdersDefinition, orderDeskOf } from './judicial-orders.js';

const SALT = utf8('conformance consortium salt, 32 b');
const ALICE = toHex(hmac(sha256, SALT, utf8('bank-account:6222 0000 1111 2222')));
const ALICE_KEY = `${BANK_ACCOUNT.keyPrefix}${ALICE}`;

let node: HardhatNodeHandle;
let nats: NatsServerHandle;
let nc: NatsConnection;
let rpc: EvmRpc;
let dir: string;
let keyFile: string;
let contract: string;
let a: AllianceFixture;
let judicialBackend: DevLedgerBackend;
let judicialTrust: { chainId: string; height: number; headerHashHex: string };
let miner: ReturnType<typeof setInterval> | undefined;
let mining: Promise<unknown> = Promise.resolve();
const handles: AdapterHandle[] = [];
let notaries: BankNotaries | undefined;

/** A new block now and then, one `evm_mine` at a time (hardhat_mine of several reports skipped blocks with a zero parentHash). */
function startMining(everyMs: number): void {
  miner = setInterval(() => {
    mining = mining.then(() => rpc.request('evm_mine', [])).catch(() => undefined);
  }, everyMs);
}

/** Notaries `which` (1..3) of the bank chain sign its blocks at depth 1. */
async function startNotaries(which: readonly number[]): Promise<void> {
  notaries ??= new BankNotaries({ rpc, kv: await notaryKv(nc.jetstream()), fx: a, dir });
  for (const i of which) notaries.start(i);
}

/** A backend that ignores the height it is asked at and answers at the node's latest block (past what its notaries signed). */
class LatestOnlyBackend extends EvmBackend {
  override queryRecord(key: string): Promise<EvmProvenRecord> {
    return super.queryRecord(key, { kind: 'latest' });
  }
}

async function startBankAdapter(contractAddress: string, actions = true, Backend = EvmBackend): Promise<AdapterHandle> {
  const definition = actions ? bank : { ...bank, actions: [] };
  const backend = new Backend({
    definition,
    layouts: BANK_EVM_LAYOUTS,
    rpcUrl: node.url,
    contract: contractAddress,
    key: { file: keyFile },
    confirmations: 0,
    pollIntervalMs: 50,
  });
  await backend.start();
  const h = await startAdapter({
    servers: nats.url,
    signer: a.adapter(BANK_CHAIN_ID),
    authority: a.authority,
    backend,
    definition,
    replicaId: `${BANK_CHAIN_ID}-${handles.length}`,
    announceIntervalMs: 300,
    actions: { ackWaitMs: 5_000, maxDeliver: 5 },
    ...(actions ? { judicialTrust } : {}),
  });
  handles.push(h);
  return h;
}

function kitOptions(extra: Partial<ConformanceOptions> = {}): ConformanceOptions {
  return {
    chain: BANK_CHAIN_ID,
    ...allianceKitOptions(a, nc),
    evmRecords: ALLIANCE_EVM_RECORDS,
    orderDesk: orderDeskOf(() => judicialBackend.ledger),
    action: { kind: 'freeze', target: ALICE, recordType: BANK_ACCOUNT.name, amount: '100' },
    timeoutMs: 8_000,
    announceWaitMs: 3_000,
    ...extra,
  };
}

beforeAll(async () => {
  [node, nats] = await Promise.all([startHardhatNode(), startNatsServer()]);
  rpc = new EvmRpc(node.url);
  dir = mkdtempSync(join(tmpdir(), 'cb-evm-conformance-'));
  keyFile = join(dir, 'bank.eth.key');
  const key = await writeEvmKeyFile(keyFile, randomBytes(32));
  const { contract: ledger } = await deployDevBankChain(rpc, key.address);
  contract = ledger.address;
  await ledger.openAccount(fromHex(ALICE));
  await ledger.credit(fromHex(ALICE), 1_000_000n);
  const first = (await rpc.getBlockByNumber(1n))!;
  a = allianceFixture({
    chains: ['judicial', BANK_CHAIN_ID],
    evmChains: {
      [BANK_CHAIN_ID]: {
        anchor: { height: 1, headerHash: fromHex((first['hash'] as string).slice(2)) },
        contract: fromHex(contract.slice(2).toLowerCase()),
        notaries: 3,
        threshold: 2,
      },
    },
  });
  nc = await connect({ servers: nats.url });
  // The judicial chain first: the bank adapter anchors its judicial light client on it.
  judicialBackend = new DevLedgerBackend({ definition: judicialOrdersDefinition, blockIntervalMs: 20, heartbeatMs: 400 });
  const judicialAdapter = await startJudicialAdapter({
    servers: nats.url,
    fx: a,
    backend: judicialBackend,
    definition: judicialOrdersDefinition,
    announceIntervalMs: 300,
  });
  handles.push(judicialAdapter.handle);
  judicialTrust = judicialAdapter.trust;
  startMining(200);
}, 90_000);

afterAll(async () => {
  if (miner !== undefined) clearInterval(miner);
  await mining;
  await notaries?.stopAll();
  for (const h of handles.reverse()) await h.drain().catch(() => undefined);
  await nc?.close();
  await Promise.all([node?.stop(), nats?.stop()]);
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('the kit certifies an evm adapter by its registry kind', () => {
  it('no notary running: headers fails asking whether they are; membership fails the same way', async () => {
    const report = await runConformance(
      kitOptions({
        only: ['headers', 'membership'],
        timeoutMs: 1_500,
        probeKeys: [ALICE_KEY],
        adapterDid: FixtureDids.adapter(BANK_CHAIN_ID),
      }),
    );
    const s = statuses(report);
    expect(s).toEqual({ headers: 'fail', membership: 'fail' });
    for (const c of report.checks) expect(c.detail).toContain('are its notaries running?');
  }, 30_000);

  it('the bank adapter with 2 of its 3 notaries signing passes every check', async () => {
    await startNotaries([1, 2]);
    const h = await startBankAdapter(contract);
    const report = await runConformance(kitOptions());
    const text = formatReport(report);
    expect(report.checks.map((c) => c.id)).toEqual([...CONFORMANCE_CHECK_IDS]);
    expect(
      report.checks.filter((c) => c.status !== 'pass'),
      text,
    ).toEqual([]);
    expect(report.passed, text).toBe(true);
    expect(report.adapterDid).toBe(FixtureDids.adapter(BANK_CHAIN_ID));
    const detail = (id: string): string => report.checks.find((c) => c.id === id)!.detail;
    // Final by the registry notaries, which the detail names.
    expect(detail('headers')).toMatch(/^block \d+ \(0x[0-9a-f]{64}\) is final: signed by /);
    expect(detail('headers')).toMatch(/bank-notary-[12].*bank-notary-[12]/);
    expect(detail('headers')).toContain('threshold 2 of the registry');
    expect(detail('membership')).toContain(ALICE_KEY);
    expect(detail('non_membership')).toContain('bank_account');
    // index and lightblock requests are refused with a reply saying the chain kind has none.
    expect(detail('error_replies')).toContain(
      'index: well-formed, on a chain without indexes -> FAILED_PRECONDITION unsupported_for_chain_kind',
    );
    expect(detail('error_replies')).toContain(
      'lightblock: latest, on a chain without light blocks -> FAILED_PRECONDITION unsupported_for_chain_kind',
    );
    expect(detail('error_replies')).toContain('query: key not a bytes32 id -> INVALID_ARGUMENT invalid_key');
    expect(detail('exactly_once')).toContain('its block final by the registry notaries');
    expect(detail('order_forged_refused')).toMatch(/order_/);
    expect(detail('order_replayed_refused')).toContain('order_replayed');
    await h.drain();
  }, 180_000);

  it('an adapter answering from another contract than the registry names fails membership: evm_wrong_contract', async () => {
    // A second BankLedger holding the same account: the adapter proves it honestly, from the wrong contract.
    const key = await writeEvmKeyFile(join(dir, 'rogue.eth.key'), randomBytes(32));
    const { contract: rogue } = await deployDevBankChain(rpc, key.address);
    await rogue.openAccount(fromHex(ALICE));
    await rogue.credit(fromHex(ALICE), 1_000_000n);
    // The adapter answers at the newest notarized block: wait until that block holds the rogue contract.
    await notaries!.waitSigned(Number(await rpc.blockNumber()), [1, 2]);
    const h = await startBankAdapter(rogue.address, false);
    const report = await runConformance(
      kitOptions({ only: ['announce', 'headers', 'membership', 'non_membership'], probeKeys: [ALICE_KEY] }),
    );
    const s = statuses(report);
    const text = formatReport(report);
    expect(s, text).toEqual({ announce: 'pass', headers: 'pass', membership: 'fail', non_membership: 'fail' });
    const membership = report.checks.find((c) => c.id === 'membership')!;
    expect(membership.detail).toContain('evm_wrong_contract');
    expect(membership.detail).toContain(contract.toLowerCase());
    expect(membership.evidence?.['reason']).toBe('evm_wrong_contract');
    expect(report.passed).toBe(false);
    await h.drain();
  }, 60_000);

  it('an adapter answering at a block its notaries have not made final fails membership: evm_block_not_notarized', async () => {
    const h = await startBankAdapter(contract, false, LatestOnlyBackend);
    const report = await runConformance(
      kitOptions({ only: ['membership'], probeKeys: [ALICE_KEY], adapterDid: FixtureDids.adapter(BANK_CHAIN_ID) }),
    );
    const membership = report.checks.find((c) => c.id === 'membership')!;
    expect(membership.status, formatReport(report)).toBe('fail');
    expect(membership.detail).toMatch(/rests on block \d+ 0x[0-9a-f]{64}, not on the block its notaries made final at \d+/);
    expect(membership.evidence?.['reason']).toBe('evm_block_not_notarized');
    await h.drain();
  }, 60_000);
});
