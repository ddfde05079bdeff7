/**
 * What an `eth_getProof` proves, leaf by leaf (src/verify/evm/evm-proof.ts, trie-proof.ts), and a
 * whole record answer (evm-answer.ts `verifyEvmRecordProof`). Tries are built with @ethereumjs/mpt
 * around leaves a forger would write: an account or slot leaf that is not RLP, not an account, with
 * a short hash, a list or leading zeros where an integer belongs, or a stored zero; each is refused
 * `evm_proof_invalid` with the proof named. A proof for the empty trie padded with a node, a changed
 * node, an empty proof, an absent account claimed with fields: each refusal names what to fix.
 */
import { readFileSync } from 'node:fs';
import { createMPT, createMerkleProof } from '@ethereumjs/mpt';
import { RLP } from '@ethereumjs/rlp';
import { KECCAK256_NULL, bigIntToUnpaddedBytes, hexToBytes, type PrefixedHexString } from '@ethereumjs/util';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { describe, expect, it } from 'vitest';
import { concatBytes, utf8 } from '../../../src/encoding/bytes.js';
import { ErrorCode } from '../../../src/errors.js';
import { type EvmRecordLayout, evmRecordSlots } from '../../../src/verify/evm/evm-record.js';
import { verifyEvmRecordProof } from '../../../src/verify/evm/evm-answer.js';
import { evmHeaderFromRlp, evmHeaderFromRpc, evmHeaderRlp } from '../../../src/verify/evm/evm-header.js';
import { type EvmProofClaim, evmProofFromRpc, verifyEvmProof, verifyEvmProofClaim } from '../../../src/verify/evm/evm-proof.js';
import { toRpcHex } from '../../../src/verify/evm/rpc-hex.js';
import { EMPTY_TRIE_ROOT, verifyTrieProof } from '../../../src/verify/evm/trie-proof.js';
import { courtbridgeRejectionOf } from '../../helpers/refusal.js';

const proofs = JSON.parse(readFileSync(new URL('../../vectors/evm/proofs.json', import.meta.url), 'utf8')) as {
  stateRoot: string;
  cases: { name: string; rpc: Record<string, unknown> & { accountProof: string[]; address: string } }[];
};
const hardhat = JSON.parse(readFileSync(new URL('../../vectors/evm/hardhat.json', import.meta.url), 'utf8')) as {
  blocks: Record<string, unknown>[];
};
const vectorRoot = hexToBytes(proofs.stateRoot as PrefixedHexString);
const caseOf = (name: string) => structuredClone(proofs.cases.find((c) => c.name === name)!.rpc);
const hex = (s: string): Uint8Array => hexToBytes(s as PrefixedHexString);

const CONTRACT = new Uint8Array(20).fill(0xc7);
const CODE_HASH = keccak_256(utf8('test contract code'));
const int = (n: bigint): Uint8Array => bigIntToUnpaddedBytes(n);
const slotOf = (n: number): Uint8Array => {
  const slot = new Uint8Array(32);
  slot[31] = n;
  return slot;
};

/** A secure trie (keys hashed by the library, as Ethereum's are) holding `entries`, its root and a proof of each key. */
async function trieOf(entries: [Uint8Array, Uint8Array][]): Promise<{ root: Uint8Array; proof: (k: Uint8Array) => Promise<Uint8Array[]> }> {
  const trie = await createMPT({ useKeyHashing: true });
  for (const [k, v] of entries) await trie.put(k, v);
  return { root: trie.root(), proof: (k) => createMerkleProof(trie, k) };
}

/** A state holding CONTRACT with `leaf` as its account leaf, and a claim of it (fields as `claim`, the account proof real). */
async function stateWithLeaf(leaf: Uint8Array, claim: Partial<EvmProofClaim> = {}): Promise<{ root: Uint8Array; claim: EvmProofClaim }> {
  const filler = new Uint8Array(20).fill(0x11);
  const state = await trieOf([
    [CONTRACT, leaf],
    [filler, RLP.encode([int(1n), int(5n), EMPTY_TRIE_ROOT, KECCAK256_NULL])],
  ]);
  return {
    root: state.root,
    claim: {
      address: CONTRACT,
      nonce: 1n,
      balance: 0n,
      storageHash: EMPTY_TRIE_ROOT,
      codeHash: CODE_HASH,
      accountProof: await state.proof(CONTRACT),
      storageProof: [],
      ...claim,
    },
  };
}

/** A contract whose storage holds `slotLeaf` at slot 1 (and 9 at slot 2), its state root and a claim of slot 1. */
async function stateWithSlotLeaf(slotLeaf: Uint8Array, value = 5n): Promise<{ root: Uint8Array; claim: EvmProofClaim }> {
  const storage = await trieOf([
    [slotOf(1), slotLeaf],
    [slotOf(2), RLP.encode(int(9n))],
  ]);
  const { root, claim } = await stateWithLeaf(RLP.encode([int(1n), int(0n), storage.root, CODE_HASH]), { storageHash: storage.root });
  claim.storageProof = [{ key: slotOf(1), slot: slotOf(1), value, proof: await storage.proof(slotOf(1)) }];
  return { root, claim };
}

const ACCOUNT = `the account proof of ${toRpcHex(CONTRACT)}`;
const SLOT1 = `the storage proof of slot ${toRpcHex(slotOf(1))}`;

describe('account leaves that are not an account', () => {
  it('a leaf that is not RLP: evm_proof_invalid naming the account proof, the decoder error kept as cause', async () => {
    const { root, claim } = await stateWithLeaf(new Uint8Array([0x01, 0x02]));
    const e = await courtbridgeRejectionOf(verifyEvmProofClaim(root, claim));
    expect(e).toMatchObject({
      reason: 'evm_proof_invalid',
      code: ErrorCode.InvalidArgument,
      message: `${ACCOUNT} proves a leaf that is not RLP`,
    });
    expect(e.details).toEqual({ proof: ACCOUNT });
    expect(e.cause).toBeInstanceOf(Error);
  });

  const A = [int(1n), int(0n), EMPTY_TRIE_ROOT, CODE_HASH] as const;
  const notAccount = 'is not an account [nonce, balance, storageRoot, codeHash]';
  const shapes: [string, unknown, string][] = [
    ['a 4-byte string, not a list', new Uint8Array([1, 2, 3, 4]), notAccount],
    ['three fields (no codeHash)', A.slice(0, 3), notAccount],
    ['five fields (one appended)', [...A, int(7n)], notAccount],
    ['a 31-byte storageRoot', [A[0], A[1], EMPTY_TRIE_ROOT.subarray(1), A[3]], 'has no 32-byte storageRoot'],
    ['a list as storageRoot', [A[0], A[1], [EMPTY_TRIE_ROOT], A[3]], 'has no 32-byte storageRoot'],
    ['a 31-byte codeHash', [A[0], A[1], A[2], CODE_HASH.subarray(1)], 'has no 32-byte codeHash'],
    ['a list as codeHash', [A[0], A[1], A[2], [CODE_HASH]], 'has no 32-byte codeHash'],
    ['a list as nonce', [[int(1n)], A[1], A[2], A[3]], 'has a list where the nonce should be'],
    ['a list as balance', [A[0], [int(1n)], A[2], A[3]], 'has a list where the balance should be'],
    ['a nonce with a leading zero byte', [new Uint8Array([0, 1]), A[1], A[2], A[3]], 'has a nonce with leading zero bytes'],
    ['a balance of one zero byte', [A[0], new Uint8Array([0]), A[2], A[3]], 'has a balance with leading zero bytes'],
  ];
  it.each(shapes)('%s: evm_proof_invalid saying what the leaf has', async (_n, items, why) => {
    const { root, claim } = await stateWithLeaf(RLP.encode(items as Uint8Array[]));
    const e = await courtbridgeRejectionOf(verifyEvmProofClaim(root, claim));
    expect(e).toMatchObject({
      reason: 'evm_proof_invalid',
      message: `${ACCOUNT} proves a leaf that ${why}; it is not a well-formed Ethereum trie`,
    });
    expect(e.details).toEqual({ proof: ACCOUNT });
  });

  it('the same state with a well-formed leaf proves the account (the builder is sound)', async () => {
    const { root, claim } = await stateWithLeaf(RLP.encode([...A]));
    expect((await verifyEvmProofClaim(root, claim)).account).toEqual({
      kind: 'member',
      nonce: 1n,
      balance: 0n,
      storageRoot: EMPTY_TRIE_ROOT,
      codeHash: CODE_HASH,
    });
  });
});

describe('storage leaves that are not a slot value', () => {
  it('a leaf that is not RLP: evm_proof_invalid naming the storage proof, the decoder error kept as cause', async () => {
    const { root, claim } = await stateWithSlotLeaf(new Uint8Array([0x81, 0x05]));
    const e = await courtbridgeRejectionOf(verifyEvmProofClaim(root, claim));
    expect(e).toMatchObject({ reason: 'evm_proof_invalid', message: `${SLOT1} proves a leaf that is not RLP` });
    expect(e.details).toEqual({ proof: SLOT1 });
    expect(e.cause).toBeInstanceOf(Error);
  });

  // The stored zero is claimed as 0: refused for the leaf itself, not for a claim it would contradict.
  const shapes: [string, Uint8Array, bigint, string][] = [
    ['a list', RLP.encode([int(5n)]), 5n, 'has a list where the value should be'],
    ['a value with a leading zero byte', RLP.encode(new Uint8Array([0, 5])), 5n, 'has a value with leading zero bytes'],
    ['a stored zero (the empty string)', RLP.encode(new Uint8Array()), 0n, 'holds zero, which a storage trie never stores'],
  ];
  it.each(shapes)('%s: evm_proof_invalid saying what the leaf holds', async (_n, leaf, claimed, why) => {
    const { root, claim } = await stateWithSlotLeaf(leaf, claimed);
    const e = await courtbridgeRejectionOf(verifyEvmProofClaim(root, claim));
    expect(e).toMatchObject({
      reason: 'evm_proof_invalid',
      message: `${SLOT1} proves a leaf that ${why}; it is not a well-formed Ethereum trie`,
    });
    expect(e.details).toEqual({ proof: SLOT1 });
  });

  it('the same storage with a well-formed leaf proves the value (the builder is sound)', async () => {
    const { root, claim } = await stateWithSlotLeaf(RLP.encode(int(5n)));
    expect((await verifyEvmProofClaim(root, claim)).storage).toEqual([{ slot: slotOf(1), evidence: { kind: 'member', value: 5n } }]);
  });
});

describe('an absent account claimed with fields', () => {
  const claims: [string, string, string, string][] = [
    ['a nonce', 'nonce', '0x1', 'proof.nonce is claimed as 1'],
    ['a code hash', 'codeHash', `0x${'88'.repeat(32)}`, `proof.codeHash is claimed as 0x${'88'.repeat(32)}`],
    ['a storage hash', 'storageHash', `0x${'99'.repeat(32)}`, `proof.storageHash is claimed as 0x${'99'.repeat(32)}`],
  ];
  it.each(claims)('%s: evm_value_mismatch naming the field, proven: no account', async (_n, field, value, claimed) => {
    const p = { ...caseOf('nobody'), [field]: value };
    const e = await courtbridgeRejectionOf(verifyEvmProof(vectorRoot, p));
    expect(e).toMatchObject({
      reason: 'evm_value_mismatch',
      message: `${claimed} but the proof proves no account at this address; the result was altered after the node produced it, do not use it`,
    });
    expect(e.details).toEqual({ field: `proof.${field}` });
  });

  it('reported with the empty code hash and storage root, as geth does: absent', async () => {
    expect((await verifyEvmProof(vectorRoot, caseOf('nobody'))).account).toEqual({ kind: 'absent' });
  });
});

describe('a result that is not an object', () => {
  it("is refused evm_proof_malformed naming 'proof'", async () => {
    const e = await courtbridgeRejectionOf(verifyEvmProof(vectorRoot, 'proof'));
    expect(e).toMatchObject({
      reason: 'evm_proof_malformed',
      message: 'proof is missing or not an object; send the value exactly as the JSON-RPC node returned it',
    });
    expect(e.details).toEqual({ field: 'proof' });
  });
});

describe('trie proofs', () => {
  const alice = caseOf('alice');
  const path = keccak_256(hex(alice.address));
  const nodes = alice.accountProof.map(hex);
  const WHAT = 'the test proof';

  it('the real path yields the leaf', async () => {
    const leaf = await verifyTrieProof(vectorRoot, path, nodes, WHAT);
    expect(leaf).toEqual(RLP.encode([int(7n), int(10n ** 18n + 5n), EMPTY_TRIE_ROOT, KECCAK256_NULL]));
  });

  it('no nodes for a root that is not the empty trie: evm_proof_invalid naming the proof and the root', async () => {
    const e = await courtbridgeRejectionOf(verifyTrieProof(vectorRoot, path, [], WHAT));
    expect(e).toMatchObject({
      reason: 'evm_proof_invalid',
      message: `${WHAT} has no nodes but its root ${proofs.stateRoot} is not the empty trie's; ask the node for the proof again`,
    });
    expect(e.details).toEqual({ proof: WHAT });
  });

  it('a first node of another trie: evm_root_mismatch naming the proof', async () => {
    const other = new Uint8Array(32).fill(0x77);
    const e = await courtbridgeRejectionOf(verifyTrieProof(other, path, nodes, WHAT));
    expect(e.reason).toBe('evm_root_mismatch');
    expect(e.message).toContain(`${WHAT} starts at node ${proofs.stateRoot}, not at the root ${toRpcHex(other)}`);
    expect(e.details).toEqual({ proof: WHAT });
  });

  it('an inner node changed: evm_proof_invalid naming the proof, the library error kept as cause', async () => {
    const changed = nodes.map((n, i) => (i === 1 ? n.map((b, j) => (j === n.length >> 1 ? b ^ 1 : b)) : n));
    const e = await courtbridgeRejectionOf(verifyTrieProof(vectorRoot, path, changed, WHAT));
    expect(e).toMatchObject({
      reason: 'evm_proof_invalid',
      message: `${WHAT} does not hold together: a node was changed, is missing or is not a trie node`,
    });
    expect(e.details).toEqual({ proof: WHAT });
    expect(e.cause).toBeInstanceOf(Error);
  });

  it('the empty trie: no nodes or its one node 0x80 prove absence; 0x80 padded with another node does not hold together', async () => {
    expect(await verifyTrieProof(EMPTY_TRIE_ROOT, path, [], WHAT)).toBeNull();
    expect(await verifyTrieProof(EMPTY_TRIE_ROOT, path, [new Uint8Array([0x80])], WHAT)).toBeNull();
    const padded = [new Uint8Array([0x80]), nodes[nodes.length - 1]!];
    const e = await courtbridgeRejectionOf(verifyTrieProof(EMPTY_TRIE_ROOT, path, padded, WHAT));
    expect(e).toMatchObject({ reason: 'evm_proof_invalid', message: expect.stringContaining(`${WHAT} does not hold together`) });
  });
});

describe('verifyEvmRecordProof', () => {
  const layout: EvmRecordLayout = { recordType: 'test_record', keyPrefix: 'test_record/', mappingSlot: 4n, words: 2, presenceWord: 1 };
  const KEY = `test_record/${'3c'.repeat(32)}`;
  const word = (n: bigint): Uint8Array => hex(`0x${n.toString(16).padStart(64, '0')}`);

  /** A block whose state holds CONTRACT with the record's words set to `values` (0: not stored), and the answer for it. */
  async function answerOf(values: bigint[]) {
    const slots = evmRecordSlots(layout, KEY);
    const storage = await trieOf(
      slots.flatMap((s, i): [Uint8Array, Uint8Array][] => (values[i] === 0n ? [] : [[s, RLP.encode(int(values[i]!))]])),
    );
    const { root, claim } = await stateWithLeaf(RLP.encode([int(1n), int(0n), storage.root, CODE_HASH]), { storageHash: storage.root });
    claim.storageProof = await Promise.all(
      slots.map(async (slot, i) => ({ key: slot, slot, value: values[i]!, proof: await storage.proof(slot) })),
    );
    const header = { ...evmHeaderFromRpc(hardhat.blocks[2]), stateRoot: root };
    const headerRlp = evmHeaderRlp(header);
    return { header, headerRlp, claim, answer: { chainId: 'bank-evm', key: KEY, headerRlp, proof: claim } };
  }

  it("proves the record's words at the header's state root, with the header, its hash and the block a notary signs", async () => {
    const { header, headerRlp, claim, answer } = await answerOf([7n, 0x100n]);
    const e = await verifyEvmRecordProof(answer, CONTRACT, layout);
    const hash = keccak_256(headerRlp);
    expect(e.header).toEqual(header);
    expect(e.header).toEqual(evmHeaderFromRlp(headerRlp));
    expect(e.hash).toEqual(hash);
    expect(e.notarized).toEqual({
      chainId: 'bank-evm',
      height: 3,
      blockHash: hash,
      stateRoot: header.stateRoot,
      timeMs: Number(header.timestamp) * 1000,
    });
    expect(e.value).toEqual(concatBytes(word(7n), word(0x100n)));
    expect(e.proof).toEqual(await verifyEvmProofClaim(header.stateRoot, claim));
    expect(e.proof.storage.map((s) => s.evidence)).toEqual([
      { kind: 'member', value: 7n },
      { kind: 'member', value: 0x100n },
    ]);
  });

  it('a record whose presence word is not stored is absent (null)', async () => {
    const { answer } = await answerOf([7n, 0n]);
    expect((await verifyEvmRecordProof(answer, CONTRACT, layout)).value).toBeNull();
  });

  it('a claimed word the proof does not back: evm_value_mismatch naming the slot', async () => {
    const { answer } = await answerOf([7n, 0x100n]);
    answer.proof.storageProof[0]!.value = 8n;
    const e = await courtbridgeRejectionOf(verifyEvmRecordProof(answer, CONTRACT, layout));
    expect(e).toMatchObject({ reason: 'evm_value_mismatch', details: { field: 'proof.storageProof[0].value' } });
  });

  it('the rpc form of the same answer reads the same (evmProofFromRpc and the binary claim agree)', async () => {
    const { claim } = await answerOf([7n, 0x100n]);
    const rpc = {
      address: toRpcHex(claim.address),
      nonce: '0x1',
      balance: '0x0',
      storageHash: toRpcHex(claim.storageHash),
      codeHash: toRpcHex(claim.codeHash),
      accountProof: claim.accountProof.map(toRpcHex),
      storageProof: claim.storageProof.map((s) => ({
        key: toRpcHex(s.key),
        value: `0x${s.value.toString(16)}`,
        proof: s.proof.map(toRpcHex),
      })),
    };
    expect(evmProofFromRpc(rpc)).toEqual(claim);
  });
});
