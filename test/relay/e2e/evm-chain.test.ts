/**
 * An EVM partner chain end to end, every part real: a hardhat node running BankLedger, the bank
 * adapter (EvmBackend behind the SDK runtime) with its own Ethereum key, notaries following the
 * node and signing final blocks into NATS, the judicial chain's adapter for the court's orders, and
 * a gateway composed from config with the alliance registry naming the chain's contract and its
 * two-of-three notaries. A court queries an account (member and absent) and gets bundles the
 * gateway verified (Merkle-Patricia proof + notary quorum) that also verify offline; a freeze
 * order executes once and its result is proven by a later query. Each forgery an adapter could
 * try is refused by the gateway with a named reason (a tampered trie node, another contract, a
 * value the proof does not prove, a block that is not the one the notaries signed), and each
 * forgery of a bundle fails its named offline check (a notary set below threshold, a notary
 * outside the set, a tampered node).
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { type KV, type NatsConnection, type Subscription, connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLIANCE_EVM_RECORDS } from '../../../adapters/catalog.js';
import { BANK_ACCOUNT_LAYOUT, BANK_CHAIN_ID, BANK_EVM_LAYOUTS, readBankAccountValue } from '../../../adapters/evm/bank-schema.js';
import type { BankLedgerContract } from '../../../adapters/evm/bank-ledger.js';
import { bank } from '../../../adapters/evm/definition.js';
import { deployDevBankChain } from '../../../adapters/evm/dev-chain.js';
import { EvmBackend } from '../../../adapters/evm/evm-backend.js';
import { evmKeyOf } from '../../../adapters/evm/evm-key.js';
import { EvmRpc } from '../../../adapters/evm/rpc.js';
import { judicial as judicialDefinition } from '../../../adapters/judicial/definition.js';
import { DevLedgerBackend } from '../../../adapters/sdk/dev-ledger-backend.js';
import { type AdapterHandle, startAdapter } from '../../../adapters/sdk/runtime.js';
import { evmEvidenceOf } from '../../../adapters/sdk/evm-evidence.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { evmHeaderFromRlp, evmHeaderRlp } from '../../../src/verify/evm/evm-header.js';
import { evmProofFromRpc } from '../../../src/verify/evm/evm-proof.js';
import { evmStateProofToWire } from '../../../src/verify/evm/evm-wire.js';
import { replyError, replyOk } from '../../../src/bus/request.js';
import { notaryKv } from '../../../src/bus/notary-kv.js';
import { querySubject } from '../../../src/bus/subjects.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { type HardhatNodeHandle, startHardhatNode } from '../../../src/devtools/hardhat-node.js';
import { fromHex, toHex, utf8 } from '../../../src/encoding/bytes.js';
import type { JudicialOrder } from '../../../src/judicial/order.js';
import { silentLogger } from '../../../src/log.js';
import type { RunningGateway } from '../../../src/relay/gateway.js';
import { notarySigningInput } from '../../../src/verify/notary.js';
import { verifyProofBundleBytes } from '../../../src/verify/proof-bundle-verify.js';
import { decodeMessage, encodeMessage } from '../../../src/wire/codec.js';
import type { MessageInput, MessageOutput } from '../../../src/wire/messages.js';
import { type AllianceFixture, allianceFixture, FixtureDids, issueJudicialOrder, mintOrderJwt } from '../../helpers/alliance-fixture.js';
import { BankNotaries } from '../../helpers/bank-notaries.js';
import { eventually } from '../../helpers/eventually.js';
import { startJudicialAdapter } from '../../helpers/judicial-adapter.js';
import { type NatsServerHandle, startNatsServer } from '../../helpers/nats-server.js';
import { type CourtCaller, courtCaller, failure, startE2eGateway, submitActionOf, submitUntilExecuted } from './e2e-setup.js';

type Obj = Record<string, unknown>;

const accountId = (n: string): string => toHex(sha256(utf8(`courtbridge e2e bank account ${n}`)));
const ALICE = accountId('6222 0000 1111 2222');
const NEVER_OPENED = accountId('6222 0000 9999 9999');
const keyOf = (id: string): string => `${BANK_ACCOUNT_LAYOUT.keyPrefix}${id}`;

let nats: NatsServerHandle;
let node: HardhatNodeHandle;
let rpc: EvmRpc;
let ledger: BankLedgerContract;
let fx: AllianceFixture;
let judicialBackend: DevLedgerBackend;
let bankBackend: EvmBackend;
const adapters: AdapterHandle[] = [];
let notaries: BankNotaries;
let gw: RunningGateway;
let nc: NatsConnection;
let kv: KV;
let dir: string;
let mining: { stop(): Promise<void> } | undefined;
let court: CourtCaller;

/** A block every `ms` (evm_mine: one at a time, as a real chain grows). */
function miner(ms: number): { stop(): Promise<void> } {
  let running = true;
  const loop = (async () => {
    while (running) {
      await rpc.request('evm_mine', []);
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

const call = (service: string, method: string, req: object): Promise<Obj> => court.call(service, method, req);

const query = (key: string, height: object = { latest: {} }): Promise<Obj> =>
  call('QueryService', 'Query', { query: { chainId: BANK_CHAIN_ID, recordType: BANK_ACCOUNT_LAYOUT.recordType, key, height } });

/** The bundle as its protobuf bytes (what a party holds). */
const bytesOf = (bundle: Obj): Uint8Array => encodeMessage('ProofBundle', bundle as MessageInput<'ProofBundle'>);
const offline = (bundle: Obj | MessageOutput<'ProofBundle'>) =>
  verifyProofBundleBytes(bytesOf(bundle as Obj), { atMs: Date.now(), authority: fx.authority, evmRecords: ALLIANCE_EVM_RECORDS });
const failedChecks = (v: { checks: { name: string; outcome: string; reason: string }[] }): Record<string, string> =>
  Object.fromEntries(v.checks.filter((c) => c.outcome === 'failed').map((c) => [c.name, c.reason]));

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cb-evm-e2e-'));
  [nats, node] = await Promise.all([startNatsServer(), startHardhatNode()]);
  rpc = new EvmRpc(node.url);
  // The bank chain: BankLedger with the adapter's own key as operator, Alice's account opened.
  const adapterKey = evmKeyOf(randomBytes(32));
  ({ contract: ledger } = await deployDevBankChain(rpc, adapterKey.address));
  await ledger.openAccount(fromHex(ALICE));
  await ledger.credit(fromHex(ALICE), 100_000n);
  const anchorBlock = await rpc.getBlockByNumber('latest');
  judicialBackend = new DevLedgerBackend({ definition: judicialDefinition, blockIntervalMs: 20, heartbeatMs: 60_000 });
  await judicialBackend.start();
  fx = allianceFixture({
    chains: ['judicial', BANK_CHAIN_ID],
    anchors: { judicial: judicialBackend.ledger.latest() },
    evmChains: {
      [BANK_CHAIN_ID]: {
        anchor: {
          height: Number(BigInt(anchorBlock!['number'] as string)),
          headerHash: fromHex((anchorBlock!['hash'] as string).slice(2)),
        },
        contract: fromHex(ledger.address.slice(2).toLowerCase()),
        notaries: 3,
        threshold: 2,
      },
    },
  });
  nc = await connect({ servers: nats.url });
  kv = await notaryKv(nc.jetstream());
  const judicialAdapter = await startJudicialAdapter({ servers: nats.url, fx, backend: judicialBackend, announceIntervalMs: 500 });
  adapters.push(judicialAdapter.handle);
  bankBackend = new EvmBackend({
    definition: bank,
    layouts: BANK_EVM_LAYOUTS,
    rpcUrl: node.url,
    contract: ledger.address,
    key: adapterKey,
    confirmations: 2,
    pollIntervalMs: 50,
    finalityTimeoutMs: 30_000,
  });
  adapters.push(
    await startAdapter({
      servers: nats.url,
      signer: fx.adapter(BANK_CHAIN_ID),
      authority: fx.authority,
      backend: bankBackend,
      definition: bank,
      replicaId: 'bank-1',
      announceIntervalMs: 500,
      logger: silentLogger(),
      judicialTrust: judicialAdapter.trust,
      actions: { ackWaitMs: 60_000, maxDeliver: 5 },
    }),
  );
  gw = await startE2eGateway(fx, nats.url, ['judicial', BANK_CHAIN_ID]);
  court = courtCaller(fx, gw.address);
  notaries = new BankNotaries({ rpc, kv, fx, dir });
  // One notary only, for now: below the threshold of two.
  notaries.start(1);
  mining = miner(150);
}, 90_000);

afterAll(async () => {
  court?.close();
  await mining?.stop();
  await notaries?.stopAll();
  await gw?.shutdown().catch(() => undefined);
  for (const a of adapters) await a.drain().catch(() => undefined);
  await nc?.close();
  await Promise.all([nats?.stop(), node?.stop()]);
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

describe('an evm chain behind the gateway', () => {
  it('with one notary of the two needed, nothing is final: queries are refused client_not_initialised', async () => {
    await new Promise((r) => setTimeout(r, 600));
    const f = await failure(query(keyOf(ALICE)));
    expect(f.code).toBe(grpc.status.UNAVAILABLE);
    expect(f.reason).toBe('client_not_initialised');
    const list = await call('ChainService', 'ListChains', {});
    expect((list.chains as Obj[]).map((c) => c.chainId)).toContain(BANK_CHAIN_ID);
    // The second notary brings the quorum.
    notaries.start(2);
    await eventually(
      async () => expect((await call('ChainService', 'GetChainStatus', { chainId: BANK_CHAIN_ID })).status).toBe('CLIENT_STATUS_ACTIVE'),
      {
        timeoutMs: 20_000,
      },
    );
  }, 40_000);

  it("a court's query of an account: the record proven by eth_getProof at a notarized block; valid at the gateway and offline", async () => {
    const r = await eventually(() => query(keyOf(ALICE)), { timeoutMs: 20_000 });
    const b = r.bundle as Obj;
    expect(b.trustBasis).toBe('TRUST_BASIS_NOTARIZED_STATE_PROOF');
    const value = (b.record as Obj).value as Uint8Array;
    expect(readBankAccountValue(new Uint8Array(value))).toEqual({ balance: 100_000n, frozen: 0n, opened: true });
    const evm = b.evm as Obj;
    expect((evm.notarizations as Obj[]).length).toBeGreaterThanOrEqual(2);
    expect(b.proof).toBeNull();
    const v = await call('VerificationService', 'VerifyBundle', { bundle: b });
    expect(v.verdict).toBe('VERDICT_VALID');
    const off = await offline(b);
    expect(off.verdict).toBe('valid');
    expect(off.checks.find((c) => c.name === 'header_quorum')?.outcome).toBe('passed');
    expect(off.checks.find((c) => c.name === 'state_proof')?.outcome).toBe('passed');
    // Without the catalog's storage layout the proof cannot be bound to the record: indeterminate, not valid.
    const noLayout = await verifyProofBundleBytes(bytesOf(b), { atMs: Date.now(), authority: fx.authority });
    expect(noLayout.verdict).toBe('indeterminate');
  }, 40_000);

  it('an account never opened: its absence proven (the presence word is an empty slot), valid offline', async () => {
    const r = await query(keyOf(NEVER_OPENED));
    const b = r.bundle as Obj;
    expect(b.result).toBe('absence');
    expect((await offline(b)).verdict).toBe('valid');
    // Claimed as a record instead, the bundle fails: the proof proves no record.
    const forged = {
      ...b,
      result: 'record',
      absence: null,
      record: {
        chainId: BANK_CHAIN_ID,
        key: keyOf(NEVER_OPENED),
        value: new Uint8Array(96).fill(1),
        recordType: BANK_ACCOUNT_LAYOUT.recordType,
      },
    };
    expect(failedChecks(await offline(forged))).toMatchObject({ state_proof: 'evm_value_mismatch' });
  });

  it('a key that is not a bytes32 id is refused where it enters: INVALID_ARGUMENT invalid_key', async () => {
    const f = await failure(query('bank_account/not-a-hash'));
    expect(f.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(f.reason).toBe('invalid_key');
  });

  it('a forged bundle fails offline: a tampered trie node, a notary set below threshold, a notary outside the set', async () => {
    const b = decodeMessage('ProofBundle', bytesOf((await query(keyOf(ALICE))).bundle as Obj));
    const evm = b.evm!;
    // A tampered storage-proof node: the trie no longer leads to the state root.
    const storage = evm.proof!.storage.map((s, i) =>
      i === 0
        ? { ...s, proof: s.proof.map((n, j) => (j === s.proof.length - 1 ? Buffer.from(n.map((x, k) => (k === 5 ? x ^ 1 : x))) : n)) }
        : s,
    );
    const tampered = await offline({ ...b, evm: { ...evm, proof: { ...evm.proof!, storage } } });
    expect(Object.keys(failedChecks(tampered))).toContain('state_proof');
    expect(failedChecks(tampered).state_proof).toMatch(/^evm_(proof_invalid|root_mismatch)$/);
    // One notary signature: below the threshold of two.
    const below = await offline({ ...b, evm: { ...evm, notarizations: evm.notarizations.slice(0, 1) } });
    expect(failedChecks(below)).toMatchObject({ header_quorum: 'evm_notary_quorum_not_met' });
    // The court (a member, not a notary of this chain) signs the same block in place of a notary.
    const n0 = evm.notarizations[0]!;
    const rlp = new Uint8Array(evm.headerRlp);
    const signedBlock = {
      chainId: BANK_CHAIN_ID,
      height: b.stateHeight,
      blockHash: keccak_256(rlp),
      stateRoot: evmHeaderFromRlp(rlp).stateRoot,
      timeMs: b.stateTimeMs,
    };
    const outsider = { notaryDid: fx.court.did, kid: fx.court.kid, signature: fx.court.sign(notarySigningInput(signedBlock)) };
    const foreign = await offline({ ...b, evm: { ...evm, notarizations: [n0, outsider] } });
    expect(failedChecks(foreign)).toMatchObject({ header_quorum: 'evm_notary_quorum_not_met', commit_signatures: 'unknown_notary' });
  });
});

describe("a court's freeze order on the evm chain", () => {
  const order: JudicialOrder = {
    orderId: 'evm-order-1',
    court: FixtureDids.court,
    caseId: '(2026) Jing 0101 Zhi 88',
    chain: BANK_CHAIN_ID,
    actionId: 'evm-freeze-1',
    kind: 'freeze',
    target: ALICE,
    amount: '25000',
  };
  const submit = (jwt: string): Obj => submitActionOf(order, { recordType: BANK_ACCOUNT_LAYOUT.recordType, key: keyOf(ALICE) }, jwt);
  const frozenOfAlice = async (): Promise<bigint> =>
    readBankAccountValue(new Uint8Array(((await query(keyOf(ALICE))).bundle as Obj as { record: { value: Uint8Array } }).record.value))
      .frozen;

  it('executes once, its result proven by a later notarized query; a resubmission is the same action', async () => {
    await issueJudicialOrder(judicialBackend.ledger, order, { nowMs: Date.now() });
    const jwt = mintOrderJwt(fx, order, { nowMs: Date.now() });
    const { first, result } = await submitUntilExecuted(court, submit(jwt), 60_000);
    expect(result.evm).not.toBeNull();
    expect(result.header?.chainId).toBe(BANK_CHAIN_ID);
    // The account as a notarized block shows it: 25,000 of 100,000 frozen.
    await eventually(async () => expect(await frozenOfAlice()).toBe(25_000n), { timeoutMs: 30_000 });
    // The same action again: the same action, nothing executed twice.
    const again = await call('ActionService', 'SubmitAction', submit(jwt));
    expect(again.submittedAtMs).toBe(first.submittedAtMs);
    const before = await rpc.blockNumber();
    await eventually(async () => expect(await rpc.blockNumber()).toBeGreaterThan(before + 3n), { timeoutMs: 20_000 });
    expect(await frozenOfAlice()).toBe(25_000n);
  }, 120_000);
});

describe('an adapter that forges its answer is refused by the gateway, naming what is wrong', () => {
  let forger: Subscription | undefined;
  let honestBackend: EvmBackend;

  /** Answer the gateway's queries in the real adapter's place, with `forge` applied to an honest answer. */
  async function impersonate(
    forge: (r: MessageOutput<'QueryResponse'>) => Promise<MessageOutput<'QueryResponse'>> | MessageOutput<'QueryResponse'>,
  ): Promise<void> {
    forger?.unsubscribe();
    forger = nc.subscribe(querySubject(BANK_CHAIN_ID), {
      callback: (_e, m) => {
        void (async () => {
          try {
            const req = decodeMessage('QueryRequest', m.data);
            const pr = await honestBackend.queryRecord(req.key, { kind: 'at', height: req.height });
            const { evm, header } = evmEvidenceOf(BANK_CHAIN_ID, pr);
            const honest = decodeMessage(
              'QueryResponse',
              encodeMessage('QueryResponse', {
                requestId: req.requestId,
                ...(pr.value === null
                  ? { absence: { chainId: BANK_CHAIN_ID, key: pr.key, recordType: req.recordType } }
                  : { record: { chainId: BANK_CHAIN_ID, key: pr.key, value: pr.value, recordType: req.recordType } }),
                header,
                evm,
              }),
            );
            replyOk(m, encodeMessage('QueryResponse', (await forge(honest)) as MessageInput<'QueryResponse'>));
          } catch (e) {
            replyError(m, e);
          }
        })();
      },
    });
    await nc.flush();
  }

  beforeAll(async () => {
    // The real adapter leaves; a stand-in answers on its subject.
    await adapters[1]!.drain();
    honestBackend = new EvmBackend({
      definition: bank,
      layouts: BANK_EVM_LAYOUTS,
      rpcUrl: node.url,
      contract: ledger.address,
      key: evmKeyOf(randomBytes(32)),
      confirmations: 0,
    });
    await honestBackend.start();
  });
  afterAll(async () => {
    forger?.unsubscribe();
    await honestBackend?.close();
  });

  const refusedWith = async (reason: RegExp): Promise<void> => {
    const f = await failure(query(keyOf(ALICE)));
    expect(f.code).toBe(grpc.status.UNAVAILABLE);
    expect(f.reason).toMatch(reason);
  };

  it('the honest answer relayed by the stand-in is accepted (the stand-in itself changes nothing)', async () => {
    await impersonate((r) => r);
    expect(((await query(keyOf(ALICE))).bundle as Obj).trustBasis).toBe('TRUST_BASIS_NOTARIZED_STATE_PROOF');
  });

  it('a tampered trie node: evm_proof_invalid or evm_root_mismatch', async () => {
    await impersonate((r) => {
      const p = r.evm!.proof!;
      const last = p.accountProof.length - 1;
      const accountProof = p.accountProof.map((x, i) => (i === last ? Buffer.from(x.map((y, k) => (k === 3 ? y ^ 0x10 : y))) : x));
      return { ...r, evm: { ...r.evm!, proof: { ...p, accountProof } } };
    });
    await refusedWith(/^evm_(proof_invalid|root_mismatch)$/);
  });

  it('a proof of another account than the registry contract: evm_wrong_contract', async () => {
    await impersonate(async (r) => {
      const slots = r.evm!.proof!.storage.map((s) => new Uint8Array(s.slot));
      const other = evmProofFromRpc(await rpc.getProof(HARDHAT_ACCOUNT_0, slots, BigInt(r.header!.height)));
      return {
        ...r,
        evm: { ...r.evm!, proof: decodeMessage('EvmStateProof', encodeMessage('EvmStateProof', evmStateProofToWire(other))) },
      };
    });
    await refusedWith(/^evm_wrong_contract$/);
  });

  it('a balance the proof does not prove: evm_value_mismatch', async () => {
    await impersonate((r) => ({ ...r, record: { ...r.record!, value: Buffer.alloc(96, 0xff) } }));
    await refusedWith(/^evm_value_mismatch$/);
  });

  it('a block other than the one the notaries signed at that height (a reorged block): evm_block_not_notarized', async () => {
    const reorged = (r: MessageOutput<'QueryResponse'>): Uint8Array =>
      evmHeaderRlp({ ...evmHeaderFromRlp(new Uint8Array(r.evm!.headerRlp)), extraData: utf8('another fork') });
    // Named by its own hash...
    await impersonate((r) => {
      const rlp = reorged(r);
      return { ...r, header: { ...r.header!, headerHash: Buffer.from(keccak_256(rlp)) }, evm: { ...r.evm!, headerRlp: Buffer.from(rlp) } };
    });
    await refusedWith(/^evm_block_not_notarized$/);
    // ...or passed off under the notarized block's hash.
    await impersonate((r) => ({ ...r, evm: { ...r.evm!, headerRlp: Buffer.from(reorged(r)) } }));
    await refusedWith(/^evm_block_not_notarized$/);
  });
});

/** The first hardhat account: an address with no contract. */
const HARDHAT_ACCOUNT_0 = '0xf39fd6e51aad88f6f4ce6ab8827279cfffb92266';
