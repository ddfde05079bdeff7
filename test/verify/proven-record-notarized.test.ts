/**
 * The proven record of the notarized kinds (src/verify/proven-record.ts): a `notary` chain's record
 * (trust basis NOTARIZED_RECORD, the notaries sign the record itself) and an `evm` chain's (trust
 * basis NOTARIZED_STATE_PROOF, the notaries sign the block, storage proofs under its state root
 * prove the value). A valid bundle shows its record (or proven absence) decoded from its bytes, at
 * its notarized version or block; a valid verdict handed over with the bytes of another bundle
 * (another value, key, version, block or contract) shows nothing. Real signatures, real receipts,
 * real Merkle-Patricia tries built here; the same bundles through `courtbridge verify` (in-process)
 * and the verification page's HTTP endpoint.
 */
import { readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createMerkleProof, createMPT } from '@ethereumjs/mpt';
import { RLP } from '@ethereumjs/rlp';
import { bigIntToUnpaddedBytes } from '@ethereumjs/util';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLIANCE_EVM_RECORDS, ALLIANCE_RECORD_LAYOUTS } from '../../adapters/catalog.js';
import { BANK_ACCOUNT_LAYOUT } from '../../adapters/evm/bank-schema.js';
import { encodeEnterprise } from '../../adapters/notary/enterprise-registry.js';
import { sha256 } from '../../src/crypto/hash.js';
import { concatBytes, fromHex, toBase64url, toHex, utf8 } from '../../src/encoding/bytes.js';
import { connectGateway, type GatewayConnection } from '../../src/client/gateway-client.js';
import { silentLogger } from '../../src/log.js';
import { createGatewayServer, type GatewayServer } from '../../src/relay/host/server.js';
import { verifyServiceHandlers } from '../../src/relay/modules/verify.js';
import { createVerificationHttpServer, type VerificationHttpServer } from '../../src/relay/http/verification-http.js';
import { nativeReceiptSigner } from '../../src/relay/receipts/root-signer.js';
import { JwtReceipts } from '../../src/relay/receipts/jwt-receipts.js';
import type { BundleVerification } from '../../src/verify/bundle-verify.js';
import { notarizedBlockOf } from '../../src/verify/evm/evm-answer.js';
import { evmHeaderFromRlp, evmHeaderFromRpc, evmHeaderRlp } from '../../src/verify/evm/evm-header.js';
import type { EvmProofClaim } from '../../src/verify/evm/evm-proof.js';
import { evmRecordSlots } from '../../src/verify/evm/evm-record.js';
import { evmProofDigest, evmStateProofToWire } from '../../src/verify/evm/evm-wire.js';
import { notarySigningInput } from '../../src/verify/notary.js';
import type { NotarizedRecord } from '../../src/verify/notary-record.js';
import { notarySignatureToWire } from '../../src/verify/notary-wire.js';
import { verifyProofBundleBytes } from '../../src/verify/proof-bundle-verify.js';
import { beijingTime, provenRecordLines, provenRecordView, type ProvenRecordView } from '../../src/verify/proven-record.js';
import { receiptDigest } from '../../src/verify/receipt-layout.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';
import type { MessageInput } from '../../src/wire/messages.js';
import { runCli } from '../helpers/cli-in-process.js';
import { allianceFixture, fixtureNotaryDid } from '../helpers/alliance-fixture.js';
import { FIXTURE_START_MS } from '../helpers/chain-fixture.js';
import { freePort } from '../helpers/nats-server.js';
import { makeNotaryBundle, notarizeRecord } from '../helpers/notary-bundle-maker.js';

const NOW = FIXTURE_START_MS + 3_600_000;
const ENTERPRISE = 'enterprise';
const BANK = 'bank';
const CONTRACT = fromHex('5fbdb2315678afecb367f032d93f642f64180aa3');
/** Another contract in the same blocks, whose storage has the same layout (anyone may deploy one). */
const IMPOSTOR = fromHex('e7f1725e7734ce288f8367e1bb143e90bb3f0512');

const fx = allianceFixture({
  chains: [ENTERPRISE, BANK],
  notaryChains: { [ENTERPRISE]: { notaries: 3, threshold: 2 } },
  evmChains: { [BANK]: { anchor: { height: 1, headerHash: new Uint8Array(32) }, contract: CONTRACT, notaries: 3, threshold: 2 } },
});
const notary = (chain: string, i: number) => fx.signers.get(fixtureNotaryDid(chain, i))!;
const receiptSigner = nativeReceiptSigner(fx.gateway.did, fx.gateway.kid, fx.privateKeys.get(fx.gateway.did)!);
const REQUESTER = fx.court.did;

const verify = (bytes: Uint8Array, registry: 'registry' | 'none' = 'registry'): Promise<BundleVerification> =>
  verifyProofBundleBytes(bytes, {
    atMs: NOW,
    evmRecords: ALLIANCE_EVM_RECORDS,
    ...(registry === 'registry' ? { authority: fx.authority } : {}),
  });
const view = (bytes: Uint8Array, v: BundleVerification): ProvenRecordView => provenRecordView(bytes, v, ALLIANCE_RECORD_LAYOUTS);

const OTHER_BYTES: ProvenRecordView = {
  shown: 'nothing',
  reason: 'verification_of_other_bytes',
  why: { zh: '核验结论不属于这份证明包', en: 'the verdict is not about these bytes' },
};
const NOT_BOUND: ProvenRecordView = {
  shown: 'nothing',
  reason: 'record_not_bound',
  why: { zh: '没有证明把该记录与区块绑定', en: 'nothing ties the record to the block' },
};
const INVALID: ProvenRecordView = {
  shown: 'nothing',
  reason: 'verdict_invalid',
  why: { zh: '证明未通过核验：不显示任何记录内容', en: 'the proof did not verify: no record is shown' },
};
const INDETERMINATE: ProvenRecordView = {
  shown: 'nothing',
  reason: 'verdict_indeterminate',
  why: { zh: '证明未能完全核验：不显示任何记录内容', en: 'the proof could not be fully checked: no record is shown' },
};

// ---------------------------------------------------------------------------------------------
// notary chain: an enterprise registry kept in a database

const USCC = '91110000600037341L';
const REP_HASH = 'ab'.repeat(32);
const enterprise = (capital: string, status: 'active' | 'revoked' = 'active'): Uint8Array =>
  encodeEnterprise({
    type: 'enterprise',
    schema: 1,
    name: '北京云栖科技有限公司',
    legalRepresentativeHash: REP_HASH,
    registeredCapitalCents: capital,
    equityFrozenCents: '250000000',
    status,
  });
const record: NotarizedRecord = {
  chainId: ENTERPRISE,
  recordType: 'enterprise',
  key: `enterprise/${USCC}`,
  result: { kind: 'record', value: enterprise('1000000000') },
  version: 4_211,
  timeMs: NOW - 5_000,
};

async function notaryBytes(r: NotarizedRecord): Promise<Uint8Array> {
  const b = await makeNotaryBundle({
    record: r,
    notarizations: [notary(ENTERPRISE, 1), notary(ENTERPRISE, 2)].map((s) => notarizeRecord(s, r)),
    receiptSigner,
    nowMs: NOW,
    requesterDid: REQUESTER,
  });
  return encodeMessage('ProofBundle', b as MessageInput<'ProofBundle'>);
}

// ---------------------------------------------------------------------------------------------
// evm chain: the bank consortium's BankLedger, state built here as a real Merkle-Patricia trie

const word = (n: bigint): Uint8Array => fromHex(n.toString(16).padStart(64, '0'));
const accountKey = (name: string): string => `${BANK_ACCOUNT_LAYOUT.keyPrefix}${toHex(sha256(utf8(`bank account ${name}`)))}`;
const ALICE = accountKey('alice');
const BOB = accountKey('bob');
const NEVER_OPENED = accountKey('never opened');
/** BankLedger's Account: balance, frozen (cents), opened. */
type Account = readonly [balance: bigint, frozen: bigint, opened: bigint];
const accountValue = (a: Account): Uint8Array => concatBytes(...a.map(word));

/** Storage of one contract: each account's three words at its slots (zero words are not in a trie). */
async function storageTrie(accounts: Readonly<Record<string, Account>>) {
  const trie = await createMPT();
  for (const [key, words] of Object.entries(accounts))
    for (const [i, slot] of evmRecordSlots(BANK_ACCOUNT_LAYOUT, key).entries())
      if (words[i] !== 0n) await trie.put(keccak_256(slot), RLP.encode(bigIntToUnpaddedBytes(words[i]!)));
  return trie;
}

const CODE_HASH = keccak_256(utf8('BankLedger runtime code'));

/** A block's state: the contracts' accounts in a state trie, and a proof of `key`'s slots in `address`. */
async function evmState(contracts: ReadonlyMap<Uint8Array, Readonly<Record<string, Account>>>) {
  const state = await createMPT();
  const storages = new Map<string, Awaited<ReturnType<typeof storageTrie>>>();
  for (const [address, accounts] of contracts) {
    const s = await storageTrie(accounts);
    storages.set(toHex(address), s);
    await state.put(keccak_256(address), RLP.encode([bigIntToUnpaddedBytes(1n), new Uint8Array(0), s.root(), CODE_HASH]));
  }
  return {
    root: state.root(),
    async claim(address: Uint8Array, key: string): Promise<EvmProofClaim> {
      const s = storages.get(toHex(address))!;
      const storageProof = [];
      for (const slot of evmRecordSlots(BANK_ACCOUNT_LAYOUT, key)) {
        const leaf = await s.get(keccak_256(slot));
        const value = leaf === null ? 0n : BigInt(`0x${toHex(RLP.decode(leaf) as Uint8Array) || '0'}`);
        storageProof.push({ key: slot, slot, value, proof: await createMerkleProof(s, keccak_256(slot)) });
      }
      return {
        address,
        nonce: 1n,
        balance: 0n,
        storageHash: s.root(),
        codeHash: CODE_HASH,
        accountProof: await createMerkleProof(state, keccak_256(address)),
        storageProof,
      };
    },
  };
}

const hardhat = JSON.parse(readFileSync(new URL('../vectors/evm/hardhat.json', import.meta.url), 'utf8')) as { blocks: unknown[] };

/** A real hardhat header (Prague) made the block at `number` over `stateRoot`. */
function blockRlp(number: number, stateRoot: Uint8Array): Uint8Array {
  const base = evmHeaderFromRpc(hardhat.blocks[2]);
  return evmHeaderRlp({ ...base, number: BigInt(number), stateRoot, timestamp: BigInt(Math.floor((NOW - 60_000) / 1000) + number) });
}

/** An evm bundle of `key` at the block `headerRlp`, with the proof `claim`, signed as the gateway does (query-evm.ts). */
async function evmBytes(
  headerRlp: Uint8Array,
  key: string,
  claim: EvmProofClaim,
  result: { kind: 'record'; value: Uint8Array } | { kind: 'absence' },
): Promise<Uint8Array> {
  const hash = keccak_256(headerRlp);
  const header = evmHeaderFromRlp(headerRlp);
  const block = notarizedBlockOf(BANK, header, hash);
  const sigs = [notary(BANK, 1), notary(BANK, 3)].map((s) => ({
    notaryDid: s.did,
    kid: s.kid,
    signature: s.sign(notarySigningInput(block)),
  }));
  const requestId = `req-evm-${block.height}-${key}`;
  const recordType = BANK_ACCOUNT_LAYOUT.recordType;
  const digest = receiptDigest({
    requestId,
    requesterDid: REQUESTER,
    query: { chainId: BANK, recordType, key, height: 0 },
    header: { chainId: BANK, height: block.height, hash },
    result,
    proof: { evmDigest: evmProofDigest(headerRlp, claim) },
    stateTimeMs: block.timeMs,
    trustBasis: 4,
    attestations: sigs.map((n) => ({ attesterDid: n.notaryDid, kid: n.kid, signature: n.signature })),
  });
  const jwt = await new JwtReceipts({ signer: receiptSigner, now: () => NOW }).issue(digest, REQUESTER, requestId);
  return encodeMessage('ProofBundle', {
    request: { chainId: BANK, recordType, key, height: { latest: {} } },
    requestId,
    requesterDid: REQUESTER,
    ...(result.kind === 'record'
      ? { record: { chainId: BANK, key, value: result.value, recordType } }
      : { absence: { chainId: BANK, key, recordType } }),
    evm: { headerRlp, proof: evmStateProofToWire(claim), notarizations: sigs.map(notarySignatureToWire) },
    stateHeight: block.height,
    stateTimeMs: block.timeMs,
    trustBasis: 'TRUST_BASIS_NOTARIZED_STATE_PROOF',
    receipt: { jwt },
  });
}

// ---------------------------------------------------------------------------------------------

const notaryWorld = (async () => {
  const bytes = await notaryBytes(record);
  return { bytes, v: await verify(bytes) };
})();

describe('a notary chain bundle: the notarized record shown', () => {
  it('valid: the record decoded by its type, at its notarized version and time, the digest the notaries signed', async () => {
    const { bytes, v } = await notaryWorld;
    expect(v.verdict).toBe('valid');
    const shown = view(bytes, v);
    expect(shown).toMatchObject({
      shown: 'record',
      chainId: ENTERPRISE,
      recordType: 'enterprise',
      key: `enterprise/${USCC}`,
      typeLabel: { zh: '企业登记', en: 'Enterprise registration' },
      at: {
        chainId: ENTERPRISE,
        height: 4_211,
        headerHash: toHex(v.verifiedHeader!.headerHash),
        timeMs: record.timeMs,
        timeText: beijingTime(record.timeMs),
        of: 'notarized_version',
      },
      valueHex: toHex(enterprise('1000000000')),
    });
    if (shown.shown !== 'record' || !shown.decoded.ok) throw new Error('no decoded record');
    expect(Object.fromEntries(shown.decoded.fields.map((f) => [f.path, f.text]))).toEqual({
      name: '北京云栖科技有限公司',
      legalRepresentativeHash: REP_HASH,
      registeredCapitalCents: '10,000,000.00 元',
      equityFrozenCents: '2,500,000.00 元',
      status: '存续 (active)',
    });
    const lines = provenRecordLines(shown).join('\n');
    expect(lines).toContain('已证明的记录 Proven record: 企业登记 Enterprise registration');
    expect(lines).toContain(
      `公证版本 Notarized version: 第 4211 版 version 4211, 公证机构读取于 read by the notaries at ${beijingTime(record.timeMs)}`,
    );
    expect(lines).toContain(`公证记录摘要 Notarized record digest: ${toHex(v.verifiedHeader!.headerHash)}`);
    expect(lines).toContain('注册资本 Registered capital: 10,000,000.00 元');
    expect(lines).not.toContain('区块');
  });

  it('its proven absence shows absence, at its version', async () => {
    const absent: NotarizedRecord = { ...record, key: 'enterprise/91110000MA0000000X', result: { kind: 'absence' } };
    const bytes = await notaryBytes(absent);
    const v = await verify(bytes);
    expect(v.verdict).toBe('valid');
    const shown = view(bytes, v);
    expect(shown).toMatchObject({ shown: 'absence', key: absent.key, at: { height: 4_211, of: 'notarized_version' } });
    expect(provenRecordLines(shown).join('\n')).toContain('该记录在此版本中不存在（已证明） · the record is proven ABSENT at this version');
  });

  it.each([
    ['another value (a bigger registered capital)', { result: { kind: 'record' as const, value: enterprise('9000000000') } }],
    ['another status', { result: { kind: 'record' as const, value: enterprise('1000000000', 'revoked') } }],
    ['another key', { key: 'enterprise/91110000MA0000000X' }],
    ['another version', { version: 4_212 }],
    ['another time', { timeMs: record.timeMs + 1 }],
    ['the absence of the same key', { result: { kind: 'absence' as const } }],
  ])('the valid verdict of bundle A with the bytes of bundle B (%s), itself valid: nothing shown', async (_, change) => {
    const { v } = await notaryWorld;
    const other = await notaryBytes({ ...record, ...change });
    expect((await verify(other)).verdict).toBe('valid');
    expect(view(other, v)).toEqual(OTHER_BYTES);
  });

  it('a verdict naming another chain, a hash suite (a bft-smt verdict) or no header: nothing shown', async () => {
    const { bytes, v } = await notaryWorld;
    const vh = v.verifiedHeader!;
    expect(view(bytes, { ...v, verifiedHeader: { ...vh, chainId: 'enterprise-2' } })).toEqual(OTHER_BYTES);
    expect(view(bytes, { ...v, verifiedHeader: { ...vh, hashSuite: 'sha256' } })).toEqual(OTHER_BYTES);
    const { verifiedHeader: _, ...headless } = v;
    expect(view(bytes, headless)).toEqual(OTHER_BYTES);
    // The digest covers the version too; a verdict that names another one still disagrees with the bytes.
    expect(view(bytes, { ...v, verifiedHeader: { ...vh, height: vh.height + 1 } })).toEqual(OTHER_BYTES);
  });

  it('a valid verdict with bytes of the right kind whose statement does not read: malformed_bundle, not a crash', async () => {
    const { bytes, v } = await notaryWorld;
    const b = decodeMessage('ProofBundle', bytes);
    const versionless = encodeMessage('ProofBundle', { ...b, notary: { ...b.notary!, version: 0 } } as MessageInput<'ProofBundle'>);
    expect(view(versionless, v)).toMatchObject({ shown: 'nothing', reason: 'malformed_bundle' });
    const { evm } = await evmWorld;
    const e = decodeMessage('ProofBundle', evm.alice.bytes);
    const garbled = encodeMessage('ProofBundle', {
      ...e,
      evm: { ...e.evm!, headerRlp: new Uint8Array([1, 2, 3]) },
    } as MessageInput<'ProofBundle'>);
    expect(view(garbled, evm.alice.v)).toMatchObject({ shown: 'nothing', reason: 'malformed_bundle' });
  });

  it('invalid (one notary of two) and indeterminate (no registry) verdicts: nothing shown', async () => {
    const r = record;
    const one = encodeMessage(
      'ProofBundle',
      (await makeNotaryBundle({
        record: r,
        notarizations: [notarizeRecord(notary(ENTERPRISE, 1), r)],
        receiptSigner,
        nowMs: NOW,
        requesterDid: REQUESTER,
      })) as MessageInput<'ProofBundle'>,
    );
    const vi = await verify(one);
    expect(vi.verdict).toBe('invalid');
    expect(view(one, vi)).toEqual(INVALID);
    const { bytes } = await notaryWorld;
    const vn = await verify(bytes, 'none');
    expect(vn.verdict).toBe('indeterminate');
    expect(view(bytes, vn)).toEqual(INDETERMINATE);
  });

  it('a valid verdict whose notaries quorum did not pass binds nothing: record_not_bound', async () => {
    const { bytes, v } = await notaryWorld;
    const checks = v.checks.map((c) => (c.name === 'header_quorum' ? { ...c, outcome: 'skipped' as const, reason: 'x' } : c));
    expect(view(bytes, { ...v, checks })).toEqual(NOT_BOUND);
  });

  it('the verdict of a notary bundle does not show a bft-smt or evm reading of other bytes, nor bytes that do not decode', async () => {
    const { v } = await notaryWorld;
    const { evm } = await evmWorld;
    expect(view(evm.alice.bytes, v)).toEqual(OTHER_BYTES);
    expect(view(new Uint8Array([0xff, 0xff]), v)).toMatchObject({ shown: 'nothing', reason: 'malformed_bundle' });
  });
});

// ---------------------------------------------------------------------------------------------

const ALICE_ACCOUNT: Account = [1_250_000_00n, 300_000_00n, 1n];
const BOB_ACCOUNT: Account = [88_00n, 0n, 1n];

const evmWorld = (async () => {
  // Block 40: Alice and Bob in the chain's contract; an impostor contract holds "Alice" too.
  const s40 = await evmState(
    new Map([
      [CONTRACT, { [ALICE]: ALICE_ACCOUNT, [BOB]: BOB_ACCOUNT }],
      [IMPOSTOR, { [ALICE]: [999_999_999_00n, 0n, 1n] as Account }],
    ]),
  );
  const h40 = blockRlp(40, s40.root);
  // Block 41: Alice's balance changed.
  const s41 = await evmState(new Map([[CONTRACT, { [ALICE]: [1_000n, 0n, 1n] as Account, [BOB]: BOB_ACCOUNT }]]));
  const h41 = blockRlp(41, s41.root);
  const aliceClaim = await s40.claim(CONTRACT, ALICE);
  const made = {
    alice: await evmBytes(h40, ALICE, aliceClaim, { kind: 'record', value: accountValue(ALICE_ACCOUNT) }),
    bob: await evmBytes(h40, BOB, await s40.claim(CONTRACT, BOB), { kind: 'record', value: accountValue(BOB_ACCOUNT) }),
    never: await evmBytes(h40, NEVER_OPENED, await s40.claim(CONTRACT, NEVER_OPENED), { kind: 'absence' }),
    impostor: await evmBytes(h40, ALICE, await s40.claim(IMPOSTOR, ALICE), {
      kind: 'record',
      value: accountValue([999_999_999_00n, 0n, 1n]),
    }),
    later: await evmBytes(h41, ALICE, await s41.claim(CONTRACT, ALICE), { kind: 'record', value: accountValue([1_000n, 0n, 1n]) }),
    // Alice's bytes with the value edited and the proof left as it was.
    edited: await evmBytes(h40, ALICE, aliceClaim, { kind: 'record', value: accountValue([9_000_000_00n, 0n, 1n]) }),
  };
  const evm = Object.fromEntries(
    await Promise.all(Object.entries(made).map(async ([k, bytes]) => [k, { bytes, v: await verify(bytes) }] as const)),
  ) as Record<keyof typeof made, { bytes: Uint8Array; v: BundleVerification }>;
  return { evm, h40, h41 };
})();

describe('an evm chain bundle: the record its storage proves', () => {
  it('valid: the account as the storage proves it, at its block (height, keccak256 of the header RLP, block time)', async () => {
    const { evm, h40 } = await evmWorld;
    const { bytes, v } = evm.alice;
    expect(v.checks.filter((c) => c.outcome === 'failed')).toEqual([]);
    expect(v.verdict).toBe('valid');
    const timeMs = evmHeaderFromRlp(h40).timestamp * 1000n;
    const shown = view(bytes, v);
    expect(shown).toMatchObject({
      shown: 'record',
      chainId: BANK,
      recordType: 'bank_account',
      key: ALICE,
      at: { chainId: BANK, height: 40, headerHash: toHex(keccak_256(h40)), timeMs: Number(timeMs), timeText: beijingTime(Number(timeMs)) },
      valueHex: toHex(accountValue(ALICE_ACCOUNT)),
    });
    if (shown.shown !== 'record') throw new Error('no record');
    expect(shown.at.of).toBeUndefined();
    // The catalog has no display layout for bank accounts: the proven words are shown as hex, and why.
    expect(shown.decoded).toMatchObject({ ok: false, why: { zh: expect.stringContaining('未知的记录类型') } });
    const lines = provenRecordLines(shown).join('\n');
    expect(lines).toContain(`区块 Block: 高度 height 40, ${beijingTime(Number(timeMs))}`);
    expect(lines).toContain(`区块哈希 Header hash: ${toHex(keccak_256(h40))}`);
  });

  it('its proven absence (an account never opened) shows absence', async () => {
    const { evm } = await evmWorld;
    expect(evm.never.v.verdict).toBe('valid');
    expect(view(evm.never.bytes, evm.never.v)).toMatchObject({ shown: 'absence', key: NEVER_OPENED, at: { height: 40 } });
  });

  it.each([
    ['another key under the same block (Bob)', 'bob', 'valid'],
    ['the same key in another contract of the same block', 'impostor', 'invalid'],
    ['the same key at another block', 'later', 'valid'],
    ['the value edited, the proof kept', 'edited', 'invalid'],
    ['the absence of another key under the same block', 'never', 'valid'],
  ] as const)('the valid verdict of Alice with the bytes of %s: nothing shown', async (_, which, itsOwn) => {
    const { evm } = await evmWorld;
    expect(evm[which].v.verdict).toBe(itsOwn);
    expect(view(evm[which].bytes, evm.alice.v)).toEqual(OTHER_BYTES);
  });

  it('a verdict naming another height or chain, a hash suite, no header, or no proven answer: nothing shown', async () => {
    const { evm } = await evmWorld;
    const { bytes, v } = evm.alice;
    const vh = v.verifiedHeader!;
    expect(view(bytes, { ...v, verifiedHeader: { ...vh, height: 41 } })).toEqual(OTHER_BYTES);
    expect(view(bytes, { ...v, verifiedHeader: { ...vh, chainId: 'bank-2' } })).toEqual(OTHER_BYTES);
    expect(view(bytes, { ...v, verifiedHeader: { ...vh, hashSuite: 'sha256' } })).toEqual(OTHER_BYTES);
    const { verifiedHeader: _, ...headless } = v;
    expect(view(bytes, headless)).toEqual(OTHER_BYTES);
    const { provenAnswer: __, ...unnamed } = v;
    expect(view(bytes, unnamed)).toEqual(OTHER_BYTES);
  });

  it('a valid verdict whose state proof did not pass binds nothing: record_not_bound', async () => {
    const { evm } = await evmWorld;
    const { bytes, v } = evm.alice;
    const checks = v.checks.map((c) => (c.name === 'state_proof' ? { ...c, outcome: 'skipped' as const, reason: 'x' } : c));
    expect(view(bytes, { ...v, checks })).toEqual(NOT_BOUND);
  });

  it('invalid and indeterminate verdicts (no registry; no storage layout) show nothing', async () => {
    const { evm } = await evmWorld;
    expect(view(evm.impostor.bytes, evm.impostor.v)).toEqual(INVALID);
    const vn = await verify(evm.alice.bytes, 'none');
    expect(vn.verdict).toBe('indeterminate');
    expect(view(evm.alice.bytes, vn)).toEqual(INDETERMINATE);
    const vl = await verifyProofBundleBytes(evm.alice.bytes, { atMs: NOW, authority: fx.authority });
    expect(vl.verdict).toBe('indeterminate');
    expect(view(evm.alice.bytes, vl)).toEqual(INDETERMINATE);
  });
});

// ---------------------------------------------------------------------------------------------

describe('what a person is shown for a valid notarized bundle, at the CLI, the page and VerifyBundle', () => {
  let dir: string;
  let page: VerificationHttpServer;
  let url: string;
  let grpc: GatewayServer;
  let conn: GatewayConnection;
  beforeAll(async () => {
    grpc = createGatewayServer({
      handlers: {
        VerificationService: verifyServiceHandlers({
          authority: fx.authority,
          now: () => NOW,
          recordLayouts: ALLIANCE_RECORD_LAYOUTS,
          evmRecords: ALLIANCE_EVM_RECORDS,
        }),
      },
    });
    const port = (await grpc.start(`127.0.0.1:${await freePort()}`)).port;
    conn = connectGateway({ address: `127.0.0.1:${port}`, timeoutMs: 10_000 });
    dir = await mkdtemp(join(tmpdir(), 'cb-proven-notarized-'));
    await writeFile(join(dir, 'genesis.json'), fx.genesisBytes);
    page = createVerificationHttpServer({
      verifyBundle: (bytes) => verify(bytes),
      verifyEvidence: () => Promise.reject(new Error('not used here')),
      recordLayouts: ALLIANCE_RECORD_LAYOUTS,
      logger: silentLogger(),
    });
    url = (await page.listen(0, '127.0.0.1')).url;
  });
  afterAll(async () => {
    conn?.close();
    await grpc?.shutdown(1000);
    await page?.close();
    await rm(dir, { recursive: true, force: true });
  });

  const file = async (name: string, bytes: Uint8Array): Promise<string> => {
    await writeFile(join(dir, name), JSON.stringify({ format: 'courtbridge.v1.ProofBundle', protobuf: toBase64url(bytes) }));
    return name;
  };
  const cliVerify = async (name: string, json = false) =>
    runCli(
      [
        'verify',
        name,
        '--genesis',
        'genesis.json',
        '--genesis-hash',
        toHex(fx.loaded.hash),
        '--at',
        String(NOW),
        ...(json ? ['--json'] : []),
      ],
      dir,
    );

  it('`courtbridge verify` prints the notarized record, zh-CN first, at its version', async () => {
    const { bytes, v } = await notaryWorld;
    const name = await file('enterprise.json', bytes);
    const r = await cliVerify(name);
    expect(r.err).toBe('');
    expect(r.code).toBe(0);
    expect(r.out).toContain('有效 VALID');
    expect(r.out).toContain('已证明的记录 Proven record: 企业登记 Enterprise registration');
    expect(r.out).toContain(`公证版本 Notarized version: 第 4211 版 version 4211`);
    expect(r.out).toContain(`公证记录摘要 Notarized record digest: ${toHex(v.verifiedHeader!.headerHash)}`);
    expect(r.out).toContain('企业名称 Name: 北京云栖科技有限公司');
    expect(r.out).toContain('登记状态 Status: 存续 (active)');
    expect(r.out).not.toContain('证明包无法解码');
    const j = JSON.parse((await cliVerify(name, true)).out) as { verdict: string; provenRecord: { shown: string } };
    expect(j).toMatchObject({ verdict: 'valid', provenRecord: { shown: 'record' } });
  });

  it('`courtbridge verify` prints the evm record at its block (as hex: no display layout for bank accounts)', async () => {
    const { evm, h40 } = await evmWorld;
    const r = await cliVerify(await file('alice.json', evm.alice.bytes));
    expect(r.code).toBe(0);
    expect(r.out).toContain('有效 VALID');
    expect(r.out).toContain(`区块哈希 Header hash: ${toHex(keccak_256(h40))}`);
    expect(r.out).toContain(`记录值（未解码，十六进制） Value (undecoded, hex): ${toHex(accountValue(ALICE_ACCOUNT))}`);
  });

  it('the page serves the notarized record and the evm record decoded from the verified bytes', async () => {
    const { bytes } = await notaryWorld;
    const post = async (b: Uint8Array) =>
      (await (
        await fetch(`${url}api/v1/verify-bundle`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ format: 'courtbridge.v1.ProofBundle', protobuf: toBase64url(b) }),
        })
      ).json()) as { verdict: string; provenRecord: ProvenRecordView };
    const n = await post(bytes);
    expect(n).toMatchObject({
      verdict: 'valid',
      provenRecord: { shown: 'record', key: `enterprise/${USCC}`, at: { height: 4_211, of: 'notarized_version' }, decoded: { ok: true } },
    });
    const { evm } = await evmWorld;
    expect(await post(evm.alice.bytes)).toMatchObject({
      verdict: 'valid',
      provenRecord: { shown: 'record', key: ALICE, at: { height: 40 }, valueHex: toHex(accountValue(ALICE_ACCOUNT)) },
    });
    expect(await post(evm.never.bytes)).toMatchObject({ verdict: 'valid', provenRecord: { shown: 'absence', key: NEVER_OPENED } });
  });

  it('VerifyBundle (gRPC) answers proven_record with the notarized record and the evm record', async () => {
    const call = (bytes: Uint8Array) =>
      conn.unary(conn.client('VerificationService'), 'verifyBundle', {
        bundle: decodeMessage('ProofBundle', bytes) as unknown as MessageInput<'ProofBundle'>,
        atMs: 0,
      });
    const { bytes, v } = await notaryWorld;
    const n = await call(bytes);
    expect(n.verdict).toBe('VERDICT_VALID');
    expect(n.provenRecord).toMatchObject({
      shown: 'PROVEN_SHOWN_RECORD',
      chainId: ENTERPRISE,
      key: `enterprise/${USCC}`,
      typeLabel: { zhCn: '企业登记', en: 'Enterprise registration' },
      provenAt: { chainId: ENTERPRISE, height: 4_211 },
    });
    expect(toHex(n.provenRecord!.provenAt!.headerHash)).toBe(toHex(v.verifiedHeader!.headerHash));
    expect(n.provenRecord!.fields.find((f) => f.path === 'registeredCapitalCents')?.text).toBe('10,000,000.00 元');
    const { evm } = await evmWorld;
    const e = await call(evm.alice.bytes);
    expect(e.verdict).toBe('VERDICT_VALID');
    expect(e.provenRecord).toMatchObject({ shown: 'PROVEN_SHOWN_RECORD', chainId: BANK, key: ALICE, provenAt: { height: 40 } });
    expect(toHex(e.provenRecord!.value)).toBe(toHex(accountValue(ALICE_ACCOUNT)));
  });
});
