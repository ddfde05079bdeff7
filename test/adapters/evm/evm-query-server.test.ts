/**
 * The SDK's query server in front of the `evm` backend, over a real nats-server and a real
 * hardhat node: a record query is answered with `QueryResponse.evm` (header RLP + state proof)
 * and `header` naming the block, which a gateway verifies (`evmProofClaimFromWire`,
 * `verifyEvmRecordProof`); absence likewise; index and light-block requests, bad keys and
 * heights get error replies naming why, never silence.
 */
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { hmac } from '@noble/hashes/hmac.js';
import { sha256 } from '@noble/hashes/sha2.js';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  BANK_ACCOUNT,
  BANK_ACCOUNT_LAYOUT,
  BANK_CHAIN_ID,
  BANK_EVM_LAYOUTS,
  readBankAccountValue,
} from '../../../adapters/evm/bank-schema.js';
import { bank } from '../../../adapters/evm/definition.js';
import { deployDevBankChain } from '../../../adapters/evm/dev-chain.js';
import { EvmBackend } from '../../../adapters/evm/evm-backend.js';
import { writeEvmKeyFile } from '../../../adapters/evm/evm-key.js';
import { EvmRpc } from '../../../adapters/evm/rpc.js';
import { startQueryServer, type QueryServer } from '../../../adapters/sdk/query-server.js';
import { request } from '../../../src/bus/request.js';
import { indexSubject, lightblockSubject, querySubject } from '../../../src/bus/subjects.js';
import { type HardhatNodeHandle, startHardhatNode } from '../../../src/devtools/hardhat-node.js';
import { equalBytes, fromHex, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { silentLogger } from '../../../src/log.js';
import { verifyEvmRecordProof } from '../../../src/verify/evm/evm-answer.js';
import { evmProofClaimFromWire } from '../../../src/verify/evm/evm-wire.js';
import { decodeMessage, encodeMessage } from '../../../src/wire/codec.js';
import type { MessageInput, MessageOutput } from '../../../src/wire/messages.js';
import { type NatsServerHandle, startNatsServer } from '../../helpers/nats-server.js';
import { asyncRefusal } from '../../helpers/refusal.js';

const SALT = utf8('test consortium salt, 32 bytes..');
const ALICE = toHex(hmac(sha256, SALT, utf8('bank-account:6222 0000 1111 2222')));
const NEVER_OPENED = toHex(hmac(sha256, SALT, utf8('bank-account:6222 0000 9999 9999')));

let node: HardhatNodeHandle;
let nats: NatsServerHandle;
let nc: NatsConnection;
let dir: string;
let contract: string;
let backend: EvmBackend;
let server: QueryServer;

const deadline = (): number => Date.now() + 5_000;

async function query(req: Partial<MessageInput<'QueryRequest'>>): Promise<MessageOutput<'QueryResponse'>> {
  const body = encodeMessage('QueryRequest', {
    requestId: 'r1',
    chainId: BANK_CHAIN_ID,
    recordType: BANK_ACCOUNT.name,
    key: `${BANK_ACCOUNT.keyPrefix}${ALICE}`,
    height: 0,
    deadlineMs: deadline(),
    ...req,
  });
  return decodeMessage('QueryResponse', (await request(nc, querySubject(BANK_CHAIN_ID), body, { deadlineMs: deadline() })).data);
}

/** The gateway's check of an answer: the header hashes to the named block, the proof to its state root, the record read from it. */
async function verifiedValue(r: MessageOutput<'QueryResponse'>, key: string): Promise<Uint8Array | null> {
  const ev = await verifyEvmRecordProof(
    { chainId: BANK_CHAIN_ID, key, headerRlp: new Uint8Array(r.evm!.headerRlp), proof: evmProofClaimFromWire(r.evm!.proof) },
    fromHex(contract.slice(2).toLowerCase()),
    BANK_ACCOUNT_LAYOUT,
  );
  expect(equalBytes(ev.hash, new Uint8Array(r.header!.headerHash))).toBe(true);
  expect(Number(ev.header.number)).toBe(Number(r.header!.height));
  return ev.value;
}

beforeAll(async () => {
  [node, nats] = await Promise.all([startHardhatNode(), startNatsServer()]);
  const rpc = new EvmRpc(node.url);
  dir = mkdtempSync(join(tmpdir(), 'cb-evm-query-'));
  const keyFile = join(dir, 'bank.eth.key');
  const key = await writeEvmKeyFile(keyFile, randomBytes(32));
  const { contract: ledger } = await deployDevBankChain(rpc, key.address);
  contract = ledger.address;
  await ledger.openAccount(fromHex(ALICE));
  await ledger.credit(fromHex(ALICE), 4_200n);
  backend = new EvmBackend({
    definition: bank,
    layouts: BANK_EVM_LAYOUTS,
    rpcUrl: node.url,
    contract,
    key: { file: keyFile },
    confirmations: 0,
  });
  await backend.start();
  nc = await connect({ servers: nats.url });
  server = startQueryServer({ nc, backend, definition: bank, now: Date.now, logger: silentLogger() });
});

afterAll(async () => {
  await server?.drain();
  await nc?.close();
  await backend?.close();
  await Promise.all([node?.stop(), nats?.stop()]);
  if (dir) rmSync(dir, { recursive: true, force: true });
});

describe('record queries on an evm chain', () => {
  it('a member at the named block: QueryResponse.evm set, no SMT proof, header = the block; the gateway verifies it', async () => {
    const height = Number(await backend.rpc.blockNumber());
    const key = `${BANK_ACCOUNT.keyPrefix}${ALICE}`;
    const r = await query({ height });
    expect(r.requestId).toBe('r1');
    expect(r.proof ?? null).toBeNull();
    expect(r.evm).not.toBeNull();
    expect(r.header).toMatchObject({ chainId: BANK_CHAIN_ID, height });
    expect(toHex(keccak_256(new Uint8Array(r.evm!.headerRlp)))).toBe(toHex(new Uint8Array(r.header!.headerHash)));
    expect(r.record).toMatchObject({ chainId: BANK_CHAIN_ID, key, recordType: BANK_ACCOUNT.name });
    expect(readBankAccountValue(new Uint8Array(r.record!.value))).toEqual({ balance: 4_200n, frozen: 0n, opened: true });
    expect(await verifiedValue(r, key)).toEqual(new Uint8Array(r.record!.value));
  });

  it('an account never opened: an absence, proven', async () => {
    const key = `${BANK_ACCOUNT.keyPrefix}${NEVER_OPENED}`;
    const r = await query({ key, height: Number(await backend.rpc.blockNumber()) });
    expect(r.record ?? null).toBeNull();
    expect(r.absence).toMatchObject({ chainId: BANK_CHAIN_ID, key, recordType: BANK_ACCOUNT.name });
    expect(await verifiedValue(r, key)).toBeNull();
  });

  it('an answer whose record is swapped for another key does not verify as that key (evm_slots_mismatch)', async () => {
    const r = await query({ height: Number(await backend.rpc.blockNumber()) });
    const other = `${BANK_ACCOUNT.keyPrefix}${NEVER_OPENED}`;
    expect((await asyncRefusal(verifiedValue(r, other))).reason).toBe('evm_slots_mismatch');
  });

  it('bad keys and heights get error replies naming why', async () => {
    const head = Number(await backend.rpc.blockNumber());
    expect(await asyncRefusal(query({ key: `${BANK_ACCOUNT.keyPrefix}not-hex`, height: head }))).toMatchObject({
      reason: 'invalid_key',
      code: 'INVALID_ARGUMENT',
    });
    expect((await asyncRefusal(query({ key: `title/${ALICE}`, height: head }))).reason).toBe('key_not_of_record_type');
    expect((await asyncRefusal(query({ recordType: 'title', height: head }))).reason).toBe('unknown_record_type');
    expect(await asyncRefusal(query({ height: head + 500 }))).toMatchObject({ reason: 'unknown_height', code: 'NOT_FOUND' });
    expect((await asyncRefusal(query({ chainId: 'finance', height: head }))).reason).toBe('wrong_chain');
  });
});

describe('what an evm chain has not got', () => {
  it('an index query is refused: FAILED_PRECONDITION unsupported_for_chain_kind', async () => {
    const body = encodeMessage('IndexQueryRequest', {
      requestId: 'i1',
      chainId: BANK_CHAIN_ID,
      index: 'owner',
      indexKey: ALICE,
      recordType: BANK_ACCOUNT.name,
      height: 0,
      deadlineMs: deadline(),
      limit: 0,
    });
    expect(await asyncRefusal(request(nc, indexSubject(BANK_CHAIN_ID), body, { deadlineMs: deadline() }))).toEqual({
      reason: 'unsupported_for_chain_kind',
      code: 'FAILED_PRECONDITION',
    });
  });

  it('a light-block request is refused: FAILED_PRECONDITION unsupported_for_chain_kind', async () => {
    expect(await asyncRefusal(request(nc, lightblockSubject(BANK_CHAIN_ID), new Uint8Array(0), { deadlineMs: deadline() }))).toEqual({
      reason: 'unsupported_for_chain_kind',
      code: 'FAILED_PRECONDITION',
    });
  });
});
