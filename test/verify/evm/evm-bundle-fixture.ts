/**
 * Bundles of an `evm` chain made in-process, as a node, its notaries and a gateway make them and as
 * a forger would, with no node running: a state trie built by @ethereumjs/mpt holding the bank
 * chain's BankLedger contract (adapters/evm/bank-schema.ts layout) and whatever other accounts the
 * test names, a block header over its root, `eth_getProof`-shaped proofs of any account and slots,
 * the notaries' signatures over the block (notarizedBlockOf, as the notary follower signs) and a
 * JWT receipt over the subject the gateway's query-evm.ts commits to (evmReceiptSubject,
 * evmEvidenceOf). Real signatures throughout; the verifier under test decides.
 */
import { createMPT, createMerkleProof, type MerklePatriciaTrie } from '@ethereumjs/mpt';
import { RLP } from '@ethereumjs/rlp';
import { KECCAK256_NULL, KECCAK256_RLP_ARRAY, bigIntToUnpaddedBytes, createAccount } from '@ethereumjs/util';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { BANK_ACCOUNT_LAYOUT, BANK_CHAIN_ID } from '../../../adapters/evm/bank-schema.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { concatBytes, toHex, utf8 } from '../../../src/encoding/bytes.js';
import type { Signer } from '../../../src/identity/signer.js';
import { JwtReceipts } from '../../../src/relay/receipts/jwt-receipts.js';
import type { ReceiptSigner } from '../../../src/relay/receipts/root-signer.js';
import { evmEvidenceOf, evmReceiptSubject } from '../../../src/relay/modules/query-evm.js';
import { notarizedBlockOf } from '../../../src/verify/evm/evm-answer.js';
import { type EvmHeader, evmHeaderRlp } from '../../../src/verify/evm/evm-header.js';
import type { EvmProofClaim } from '../../../src/verify/evm/evm-proof.js';
import { evmRecordSlots } from '../../../src/verify/evm/evm-record.js';
import { evmProofDigest, evmStateProofToWire } from '../../../src/verify/evm/evm-wire.js';
import { EMPTY_TRIE_ROOT } from '../../../src/verify/evm/trie-proof.js';
import { type NotarizedBlock, type NotarySignature, notarySigningInput } from '../../../src/verify/notary.js';
import { receiptDigest } from '../../../src/verify/receipt-layout.js';
import { decodeMessage, encodeMessage } from '../../../src/wire/codec.js';
import type { MessageOutput } from '../../../src/wire/messages.js';

export const EVM_CHAIN = BANK_CHAIN_ID;
export const LAYOUT = BANK_ACCOUNT_LAYOUT;

/** A 20-byte address named by `label` (keccak256 of it, the last 20 bytes, like a CREATE address looks). */
export const addressOf = (label: string): Uint8Array => keccak_256(utf8(label)).slice(12);

/** A bank account's record key: the layout's prefix and the bytes32 id (a keyed hash of the account number). */
export const accountKey = (accountNumber: string): string =>
  `${LAYOUT.keyPrefix}${toHex(sha256(utf8(`courtbridge bank account ${accountNumber}`)))}`;

const word = (n: bigint): Uint8Array => bigIntToUnpaddedBytes(n);
const word32 = (n: bigint): Uint8Array => {
  const out = new Uint8Array(32);
  const b = word(n);
  out.set(b, 32 - b.length);
  return out;
};

/** An account record's value: its three words (balance, frozen, opened), 96 bytes. */
export function accountValue(balance: bigint, frozen: bigint, opened = true): Uint8Array {
  return concatBytes(word32(balance), word32(frozen), word32(opened ? 1n : 0n));
}

/** What a contract's storage holds: account records by key, as [balance, frozen, opened]. */
export type Accounts = Readonly<Record<string, readonly [balance: bigint, frozen: bigint, opened: boolean]>>;

/** A world state: the trie's root and `eth_getProof` of any address and slots in it. */
export interface EvmState {
  root: Uint8Array;
  prove(address: Uint8Array, slots: readonly Uint8Array[]): Promise<EvmProofClaim>;
}

/**
 * A state trie with a contract at each address of `contracts`, its storage holding the records
 * of `accounts` laid out by LAYOUT (zero words are not stored, as in Ethereum).
 */
export async function evmState(contracts: ReadonlyArray<{ address: Uint8Array; accounts: Accounts }>): Promise<EvmState> {
  const state = await createMPT({ useKeyHashing: true });
  const storages = new Map<string, { trie: MerklePatriciaTrie; values: Map<string, bigint> }>();
  const codeHash = keccak_256(utf8('BankLedger runtime code'));
  for (const c of contracts) {
    const trie = await createMPT({ useKeyHashing: true });
    const values = new Map<string, bigint>();
    for (const [key, words] of Object.entries(c.accounts)) {
      const slots = evmRecordSlots(LAYOUT, key);
      const ws = [words[0], words[1], words[2] ? 1n : 0n];
      for (const [i, slot] of slots.entries()) {
        const v = ws[i]!;
        if (v === 0n) continue;
        await trie.put(slot, RLP.encode(word(v)));
        values.set(toHex(slot), v);
      }
    }
    const account = createAccount({ nonce: 1n, balance: 0n, storageRoot: trie.root(), codeHash });
    await state.put(c.address, account.serialize());
    storages.set(toHex(c.address), { trie, values });
  }
  return {
    root: state.root(),
    async prove(address, slots) {
      const accountProof = await createMerkleProof(state, address);
      const s = storages.get(toHex(address));
      if (s === undefined) {
        // No account here: the client's answer for an absent account, its storage the empty trie.
        return {
          address,
          nonce: 0n,
          balance: 0n,
          storageHash: EMPTY_TRIE_ROOT,
          codeHash: KECCAK256_NULL,
          accountProof,
          storageProof: slots.map((slot) => ({ key: slot, slot, value: 0n, proof: [] })),
        };
      }
      const storageProof = [];
      for (const slot of slots)
        storageProof.push({ key: slot, slot, value: s.values.get(toHex(slot)) ?? 0n, proof: await createMerkleProof(s.trie, slot) });
      return { address, nonce: 1n, balance: 0n, storageHash: s.trie.root(), codeHash, accountProof, storageProof };
    },
  };
}

/** A block header over `stateRoot` at `number`, `timestamp` (seconds). */
export function evmHeader(stateRoot: Uint8Array, number: bigint, timestamp: bigint): EvmHeader {
  return {
    parentHash: keccak_256(utf8(`bank block ${number - 1n}`)),
    ommersHash: KECCAK256_RLP_ARRAY,
    beneficiary: new Uint8Array(20),
    stateRoot,
    transactionsRoot: EMPTY_TRIE_ROOT,
    receiptsRoot: EMPTY_TRIE_ROOT,
    logsBloom: new Uint8Array(256),
    difficulty: 0n,
    number,
    gasLimit: 30_000_000n,
    gasUsed: 0n,
    timestamp,
    extraData: new Uint8Array(0),
    mixHash: new Uint8Array(32),
    nonce: new Uint8Array(8),
    baseFeePerGas: 7n,
  };
}

/** The block the chain's notaries sign for `header` (what the notary follower signs). */
export function evmBlockOf(header: EvmHeader, chainId: string = EVM_CHAIN): NotarizedBlock {
  const rlp = evmHeaderRlp(header);
  return notarizedBlockOf(chainId, header, keccak_256(rlp));
}

export function notarizeBlock(signer: Signer, block: NotarizedBlock): NotarySignature {
  return { notaryDid: signer.did, kid: signer.kid, signature: signer.sign(notarySigningInput(block)) };
}

export interface MakeEvmBundleOptions {
  header: EvmHeader;
  /** The `eth_getProof` answer the bundle carries. */
  proof: EvmProofClaim;
  /** The record asked and answered. */
  key: string;
  /** What the bundle states: a record's value, or its absence. */
  result: { kind: 'record'; value: Uint8Array } | { kind: 'absence' };
  notarizations: readonly NotarySignature[];
  receiptSigner: ReceiptSigner;
  nowMs: number;
  /** The height asked; 0 (latest) unless told. */
  askedHeight?: number;
  chainId?: string;
  requesterDid?: string;
}

/**
 * A decoded evm bundle as the gateway's answerEvm (src/relay/modules/query.ts) assembles it: the
 * answer, `evmEvidenceOf` and a JWT receipt over `evmReceiptSubject`, signed by `receiptSigner`.
 */
export async function makeEvmBundle(o: MakeEvmBundleOptions): Promise<MessageOutput<'ProofBundle'>> {
  const chainId = o.chainId ?? EVM_CHAIN;
  const requestId = `req-evm-${o.header.number}-${o.key.slice(-8)}`;
  const requesterDid = o.requesterDid ?? 'did:alliance:court-bj-01';
  const headerRlp = evmHeaderRlp(o.header);
  const block = evmBlockOf(o.header, chainId);
  const q = { chainId, recordType: LAYOUT.recordType, key: o.key, height: o.askedHeight ?? 0 };
  const wireProof = decodeMessage('EvmStateProof', encodeMessage('EvmStateProof', evmStateProofToWire(o.proof)));
  const v = {
    final: { block, signatures: [...o.notarizations] },
    result: o.result,
    evidence: { headerRlp, proof: wireProof },
    digest: evmProofDigest(headerRlp, o.proof),
  };
  const a = { requestId, requesterDid };
  const digest = receiptDigest(evmReceiptSubject(q, v, a));
  const jwt = await new JwtReceipts({ signer: o.receiptSigner, now: () => o.nowMs }).issue(digest, requesterDid, requestId);
  return decodeMessage(
    'ProofBundle',
    encodeMessage('ProofBundle', {
      request: { chainId, recordType: q.recordType, key: q.key, height: q.height === 0 ? { latest: {} } : { at: q.height } },
      requestId,
      requesterDid,
      ...(o.result.kind === 'record'
        ? { record: { chainId, key: o.key, value: o.result.value, recordType: q.recordType } }
        : { absence: { chainId, key: o.key, recordType: q.recordType } }),
      evm: evmEvidenceOf(v),
      receipt: { jwt },
      stateHeight: block.height,
      stateTimeMs: block.timeMs,
      trustBasis: 'TRUST_BASIS_NOTARIZED_STATE_PROOF',
    }),
  );
}
