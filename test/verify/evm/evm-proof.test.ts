/**
 * `eth_getProof` results (src/verify/evm/evm-proof.ts) against test/vectors/evm/proofs.json, a
 * state trie built by @ethereumjs/mpt in test/vectors/generate-evm-proofs.ts: every case proves
 * what the generator put in; every forgery (a changed node, another root, a claimed value, presence
 * or absence the proof does not back, malformed hex) is refused with its reason.
 */
import { readFileSync } from 'node:fs';
import { createMPT, createMerkleProof } from '@ethereumjs/mpt';
import { RLP } from '@ethereumjs/rlp';
import { KECCAK256_NULL, bytesToHex, hexToBytes, type PrefixedHexString } from '@ethereumjs/util';
import { describe, expect, it } from 'vitest';
import { isCourtbridgeError } from '../../../src/errors.js';
import { type EvmProofEvidence, verifyEvmProof } from '../../../src/verify/evm/evm-proof.js';
import { toRpcHex } from '../../../src/verify/evm/rpc-hex.js';

interface RpcProof {
  address: string;
  accountProof: string[];
  balance: string;
  codeHash: string;
  nonce: string;
  storageHash: string;
  storageProof: { key: string; value: string; proof: string[] }[];
}
interface Expected {
  account: { kind: 'absent' } | { kind: 'member'; nonce: string; balance: string; storageRoot: string; codeHash: string };
  storage: { slot: string; kind: 'member' | 'absent'; value?: string }[];
}
interface ProofVectors {
  source: string;
  stateRoot: string;
  cases: { name: string; rpc: RpcProof; expected: Expected }[];
}
const vectors = JSON.parse(readFileSync(new URL('../../vectors/evm/proofs.json', import.meta.url), 'utf8')) as ProofVectors;
const stateRoot = hexToBytes(vectors.stateRoot as PrefixedHexString);
const caseOf = (name: string, i = 0): RpcProof => structuredClone(vectors.cases.filter((c) => c.name === name)[i]!.rpc);

/** The reason and named field of the VerificationError the promise rejects with. */
async function refusal(p: Promise<unknown>): Promise<{ reason: string; field?: string | number | boolean }> {
  try {
    await p;
  } catch (e) {
    if (!isCourtbridgeError(e)) throw e;
    return e.details['field'] === undefined ? { reason: e.reason } : { reason: e.reason, field: e.details['field'] };
  }
  throw new Error('expected a refusal');
}

/** The evidence in the vector file's spelling, to compare with `expected`. */
function asExpected(e: EvmProofEvidence): Expected {
  const a = e.account;
  return {
    account:
      a.kind === 'absent'
        ? { kind: 'absent' }
        : {
            kind: 'member',
            nonce: `0x${a.nonce.toString(16)}`,
            balance: `0x${a.balance.toString(16)}`,
            storageRoot: toRpcHex(a.storageRoot),
            codeHash: toRpcHex(a.codeHash),
          },
    storage: e.storage.map((s) =>
      s.evidence.kind === 'absent'
        ? { slot: toRpcHex(s.slot), kind: 'absent' }
        : { slot: toRpcHex(s.slot), kind: 'member', value: `0x${s.evidence.value.toString(16)}` },
    ),
  };
}

/** Flip one byte in the middle of a hex node. */
function flipByte(node: string): string {
  const b = hexToBytes(node as PrefixedHexString);
  const i = Math.floor(b.length / 2);
  b[i] = b[i]! ^ 0x01;
  return bytesToHex(b);
}

describe('evm proof vectors', () => {
  it.each(vectors.cases.map((c, i) => [`${i} ${c.name}`, c] as const))('case %s proves what the generator put in', async (_n, c) => {
    const evidence = await verifyEvmProof(stateRoot, c.rpc);
    expect(asExpected(evidence)).toEqual(c.expected);
    expect(toRpcHex(evidence.address)).toBe(c.rpc.address);
  });

  it('covers members and absences of both accounts and slots', () => {
    const kinds = new Set(
      vectors.cases.flatMap((c) => [`account ${c.expected.account.kind}`, ...c.expected.storage.map((s) => `slot ${s.kind}`)]),
    );
    expect([...kinds].sort()).toEqual(['account absent', 'account member', 'slot absent', 'slot member']);
  });

  it('accepts an absent account reported with all-zero code and storage hashes (another client spelling)', async () => {
    const p = caseOf('nobody');
    p.codeHash = `0x${'00'.repeat(32)}`;
    p.storageHash = `0x${'00'.repeat(32)}`;
    expect((await verifyEvmProof(stateRoot, p)).account).toEqual({ kind: 'absent' });
  });
});

describe('evm proof forgeries', () => {
  it('one byte changed in the account leaf: evm_proof_invalid', async () => {
    const p = caseOf('alice');
    const last = p.accountProof.length - 1;
    p.accountProof[last] = flipByte(p.accountProof[last]!);
    expect((await refusal(verifyEvmProof(stateRoot, p))).reason).toBe('evm_proof_invalid');
  });

  it('one byte changed in an inner account node: evm_proof_invalid', async () => {
    const p = caseOf('single');
    expect(p.accountProof.length).toBeGreaterThan(2);
    p.accountProof[1] = flipByte(p.accountProof[1]!);
    expect((await refusal(verifyEvmProof(stateRoot, p))).reason).toBe('evm_proof_invalid');
  });

  it('one byte changed in a storage proof node: evm_proof_invalid', async () => {
    const p = caseOf('registry');
    const s = p.storageProof[0]!;
    s.proof[s.proof.length - 1] = flipByte(s.proof[s.proof.length - 1]!);
    expect((await refusal(verifyEvmProof(stateRoot, p))).reason).toBe('evm_proof_invalid');
  });

  it('the root node changed: it no longer hashes to the stateRoot (evm_root_mismatch)', async () => {
    const p = caseOf('alice');
    p.accountProof[0] = flipByte(p.accountProof[0]!);
    expect((await refusal(verifyEvmProof(stateRoot, p))).reason).toBe('evm_root_mismatch');
  });

  it('a leaf removed from the proof: evm_proof_invalid', async () => {
    const p = caseOf('alice');
    p.accountProof.pop();
    expect((await refusal(verifyEvmProof(stateRoot, p))).reason).toBe('evm_proof_invalid');
  });

  it('an empty account proof for a non-empty state: evm_proof_invalid', async () => {
    const p = caseOf('alice');
    p.accountProof = [];
    expect((await refusal(verifyEvmProof(stateRoot, p))).reason).toBe('evm_proof_invalid');
  });

  it('a proof checked against another root: evm_root_mismatch', async () => {
    const other = hexToBytes(`0x${'77'.repeat(32)}`);
    expect((await refusal(verifyEvmProof(other, caseOf('alice')))).reason).toBe('evm_root_mismatch');
  });

  it("a storage proof from another account's storage trie: evm_root_mismatch", async () => {
    const p = caseOf('registry');
    p.storageProof = [caseOf('single').storageProof[0]!];
    expect((await refusal(verifyEvmProof(stateRoot, p))).reason).toBe('evm_root_mismatch');
  });

  const accountClaims: [string, string, (p: RpcProof) => void][] = [
    ['balance', 'proof.balance', (p) => (p.balance = '0xde0b6b3a7640006')],
    ['nonce', 'proof.nonce', (p) => (p.nonce = '0x8')],
    ['codeHash', 'proof.codeHash', (p) => (p.codeHash = `0x${'88'.repeat(32)}`)],
    ['storageHash', 'proof.storageHash', (p) => (p.storageHash = `0x${'99'.repeat(32)}`)],
  ];
  it.each(accountClaims)('a claimed %s the proof does not prove: evm_value_mismatch', async (_n, field, claim) => {
    const p = caseOf('alice');
    claim(p);
    expect(await refusal(verifyEvmProof(stateRoot, p))).toEqual({ reason: 'evm_value_mismatch', field });
  });

  it('a claimed storage value other than the proven one: evm_value_mismatch', async () => {
    const p = caseOf('registry');
    p.storageProof[0]!.value = '0x2b';
    expect(await refusal(verifyEvmProof(stateRoot, p))).toEqual({ reason: 'evm_value_mismatch', field: 'proof.storageProof[0].value' });
  });

  it('a claimed absence (zero) of a present slot: evm_value_mismatch', async () => {
    const p = caseOf('registry');
    p.storageProof[1]!.value = '0x0';
    expect(await refusal(verifyEvmProof(stateRoot, p))).toEqual({ reason: 'evm_value_mismatch', field: 'proof.storageProof[1].value' });
  });

  it('a claimed presence of an absent slot: evm_value_mismatch', async () => {
    const p = caseOf('registry');
    const absent = p.storageProof.findIndex((s) => s.value === '0x0');
    p.storageProof[absent]!.value = '0x1';
    expect(await refusal(verifyEvmProof(stateRoot, p))).toEqual({
      reason: 'evm_value_mismatch',
      field: `proof.storageProof[${absent}].value`,
    });
  });

  it("a slot's proof passed off as another slot's: the proof does not prove the claimed value", async () => {
    const p = caseOf('registry');
    // Slot 3 (absent) asked with slot 0's proof and slot 0's value.
    const s0 = p.storageProof[0]!;
    const three = p.storageProof.findIndex((s) => s.value === '0x0');
    p.storageProof[three] = { ...p.storageProof[three]!, value: s0.value, proof: s0.proof };
    // The path to slot 3 diverges from slot 0's leaf inside the proof: it proves slot 3 empty.
    expect(await refusal(verifyEvmProof(stateRoot, p))).toEqual({
      reason: 'evm_value_mismatch',
      field: `proof.storageProof[${three}].value`,
    });
  });

  it('an absent account claimed with a balance: evm_value_mismatch', async () => {
    const p = caseOf('nobody');
    p.balance = '0x1';
    expect(await refusal(verifyEvmProof(stateRoot, p))).toEqual({ reason: 'evm_value_mismatch', field: 'proof.balance' });
  });

  it('an absent account claimed with a slot value: evm_value_mismatch', async () => {
    const p = caseOf('nobody');
    p.storageProof[0]!.value = '0x2a';
    expect(await refusal(verifyEvmProof(stateRoot, p))).toEqual({ reason: 'evm_value_mismatch', field: 'proof.storageProof[0].value' });
  });

  it("a present account claimed absent with another address's absence proof: evm_proof_invalid", async () => {
    const p = caseOf('nobody');
    p.address = caseOf('alice').address;
    expect((await refusal(verifyEvmProof(stateRoot, p))).reason).toBe('evm_proof_invalid');
  });

  it('a present account claimed absent (zero fields) with its own proof: evm_value_mismatch', async () => {
    const p = caseOf('alice');
    Object.assign(p, { nonce: '0x0', balance: '0x0', codeHash: bytesToHex(KECCAK256_NULL) });
    expect((await refusal(verifyEvmProof(stateRoot, p))).reason).toBe('evm_value_mismatch');
  });

  it('a proven leaf that is not an account: evm_proof_invalid', async () => {
    const trie = await createMPT({ useKeyHashing: true });
    const address = hexToBytes(`0x${'ab'.repeat(20)}`);
    await trie.put(address, RLP.encode([new Uint8Array([1]), new Uint8Array([2])]));
    const p = caseOf('alice');
    Object.assign(p, { address: bytesToHex(address), accountProof: (await createMerkleProof(trie, address)).map(bytesToHex) });
    expect((await refusal(verifyEvmProof(trie.root(), p))).reason).toBe('evm_proof_invalid');
  });
});

describe('evm proof malformed input', () => {
  const bad: [string, (p: RpcProof) => void, string][] = [
    ['a 19-byte address', (p) => (p.address = `0x${'ab'.repeat(19)}`), 'proof.address'],
    ['an odd-length address', (p) => (p.address = `0x${'a'.repeat(41)}`), 'proof.address'],
    ['a non-hex balance', (p) => (p.balance = '0xzz'), 'proof.balance'],
    ['a nonce with a leading zero', (p) => (p.nonce = '0x07'), 'proof.nonce'],
    ['a short storageHash', (p) => (p.storageHash = '0x1234'), 'proof.storageHash'],
    ['an odd-length account proof node', (p) => (p.accountProof[0] = `${p.accountProof[0]!}0`), 'proof.accountProof[0]'],
    ['a non-hex account proof node', (p) => (p.accountProof[1] = '0xnothex'), 'proof.accountProof[1]'],
    ['an account proof longer than any path', (p) => (p.accountProof = Array.from({ length: 66 }, () => '0x80')), 'proof.accountProof'],
    ['a 33-byte slot key', (p) => (p.storageProof[0]!.key = `0x${'01'.repeat(33)}`), 'proof.storageProof[0].key'],
    ['an empty slot key', (p) => (p.storageProof[0]!.key = '0x'), 'proof.storageProof[0].key'],
    ['an odd-length slot key', (p) => (p.storageProof[0]!.key = '0x0'), 'proof.storageProof[0].key'],
    ['a slot value that is not a quantity', (p) => (p.storageProof[0]!.value = '0x002a'), 'proof.storageProof[0].value'],
    ['a storage proof node that is not hex', (p) => (p.storageProof[0]!.proof[0] = 'f8'), 'proof.storageProof[0].proof[0]'],
    ['a storage proof that is not an array', (p) => ((p as unknown as Record<string, unknown>)['storageProof'] = {}), 'proof.storageProof'],
    ['a missing codeHash', (p) => delete (p as Partial<RpcProof>).codeHash, 'proof.codeHash'],
  ];
  it.each(bad)('%s: evm_proof_malformed naming the field', async (_n, malform, field) => {
    const p = caseOf('registry');
    malform(p);
    expect(await refusal(verifyEvmProof(stateRoot, p))).toEqual({ reason: 'evm_proof_malformed', field });
  });

  it('a result that is not an object: evm_proof_malformed', async () => {
    expect((await refusal(verifyEvmProof(stateRoot, 'proof'))).reason).toBe('evm_proof_malformed');
  });
});
