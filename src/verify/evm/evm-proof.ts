/**
 * An `eth_getProof` result (EIP-1186) checked against a block's stateRoot: the account proof in
 * the state trie (key keccak256(address), value RLP([nonce, balance, storageRoot, codeHash])) and
 * each storage proof in that account's storage trie (key keccak256(pad32(slot)), value
 * RLP(value without leading zeros); a zero slot is not in the trie). Pure but async: the trie walk
 * of @ethereumjs/mpt is.
 *
 * What the result claims (balance, nonce, hashes, slot values) is only accepted when the proof
 * proves exactly it: a claim the proof does not back is `evm_value_mismatch`, the forgery of a
 * gateway or adapter that passes on a real proof with a value of its own.
 */
import { RLP } from '@ethereumjs/rlp';
import { KECCAK256_NULL, bytesToBigInt, setLengthLeft } from '@ethereumjs/util';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { equalBytes } from '../../encoding/bytes.js';
import { VerificationError } from '../../errors.js';
import { rpcArray, rpcData, rpcObject, rpcQuantity, toRpcHex } from './rpc-hex.js';
import { EMPTY_TRIE_ROOT, verifyTrieProof } from './trie-proof.js';

/** A path in a hex trie of 32-byte keys has at most 64 branch nodes and a leaf; more is not a proof. */
export const MAX_PROOF_NODES = 65;
/** Slots asked in one `eth_getProof` call; a bound on the work one result can ask for. */
export const MAX_STORAGE_PROOFS = 256;
const ZERO_HASH = new Uint8Array(32);

/** One storage proof as the result gives it, checked for shape. */
export interface EvmStorageClaim {
  /** The slot as the result names it (1 to 32 bytes). */
  key: Uint8Array;
  /** The slot left-padded to 32 bytes: keccak256 of it is the trie key. */
  slot: Uint8Array;
  value: bigint;
  proof: Uint8Array[];
}

/** An `eth_getProof` result, checked for shape (nothing in it is proven yet). */
export interface EvmProofClaim {
  address: Uint8Array;
  nonce: bigint;
  balance: bigint;
  storageHash: Uint8Array;
  codeHash: Uint8Array;
  accountProof: Uint8Array[];
  storageProof: EvmStorageClaim[];
}

/** What a storage proof proves about a slot: its value, or that it holds none (reads as zero). */
export type EvmSlotEvidence = { kind: 'member'; value: bigint } | { kind: 'absent' };

/** What the account proof proves: the account's fields, or that there is no account at the address. */
export type EvmAccountEvidence =
  | { kind: 'member'; nonce: bigint; balance: bigint; storageRoot: Uint8Array; codeHash: Uint8Array }
  | { kind: 'absent' };

/** The verified content of one `eth_getProof` result, against `stateRoot`. */
export interface EvmProofEvidence {
  stateRoot: Uint8Array;
  address: Uint8Array;
  account: EvmAccountEvidence;
  storage: { slot: Uint8Array; evidence: EvmSlotEvidence }[];
}

const M = 'evm_proof_malformed';

function proofNodes(value: unknown, field: string): Uint8Array[] {
  return rpcArray(value, field, M, MAX_PROOF_NODES).map((node, i) => rpcData(node, `${field}[${i}]`, M));
}

/** The slot key: 1 to 32 bytes of DATA (clients echo the key as it was asked; ask with 32 bytes). */
function slotKey(value: unknown, field: string): Uint8Array {
  const key = rpcData(value, field, M);
  if (key.length === 0 || key.length > 32) {
    throw new VerificationError(M, `${field} is ${key.length} bytes, expected 1 to 32; ask for storage keys as 32-byte hex`, {
      details: { field },
    });
  }
  return key;
}

/** An `eth_getProof` result, every field checked for shape where it enters. */
export function evmProofFromRpc(json: unknown): EvmProofClaim {
  const j = rpcObject(json, 'proof', M);
  const storage = rpcArray(j['storageProof'], 'proof.storageProof', M, MAX_STORAGE_PROOFS);
  return {
    address: rpcData(j['address'], 'proof.address', M, 20),
    nonce: rpcQuantity(j['nonce'], 'proof.nonce', M),
    balance: rpcQuantity(j['balance'], 'proof.balance', M),
    storageHash: rpcData(j['storageHash'], 'proof.storageHash', M, 32),
    codeHash: rpcData(j['codeHash'], 'proof.codeHash', M, 32),
    accountProof: proofNodes(j['accountProof'], 'proof.accountProof'),
    storageProof: storage.map((entry, i) => {
      const field = `proof.storageProof[${i}]`;
      const s = rpcObject(entry, field, M);
      const key = slotKey(s['key'], `${field}.key`);
      return {
        key,
        slot: setLengthLeft(key, 32),
        value: rpcQuantity(s['value'], `${field}.value`, M),
        proof: proofNodes(s['proof'], `${field}.proof`),
      };
    }),
  };
}

function mismatch(field: string, claimed: string, proven: string): VerificationError {
  return new VerificationError(
    'evm_value_mismatch',
    `${field} is claimed as ${claimed} but the proof proves ${proven}; the result was altered after the node produced it, do not use it`,
    { details: { field } },
  );
}

function invalidLeaf(what: string, why: string): VerificationError {
  return new VerificationError('evm_proof_invalid', `${what} proves a leaf that ${why}; it is not a well-formed Ethereum trie`, {
    details: { proof: what },
  });
}

/** An RLP integer as a trie holds it: big-endian, no leading zero bytes. */
function trieInteger(b: unknown, what: string, field: string): bigint {
  if (!(b instanceof Uint8Array)) throw invalidLeaf(what, `has a list where the ${field} should be`);
  if (b[0] === 0) throw invalidLeaf(what, `has a ${field} with leading zero bytes`);
  // No bytes read as 0n: bytesToBigInt handles the empty string itself.
  return bytesToBigInt(b);
}

/** Decode a state-trie leaf: RLP([nonce, balance, storageRoot, codeHash]). */
function decodeAccount(leaf: Uint8Array, what: string): Extract<EvmAccountEvidence, { kind: 'member' }> {
  let items: unknown;
  try {
    items = RLP.decode(leaf);
  } catch (cause) {
    throw new VerificationError('evm_proof_invalid', `${what} proves a leaf that is not RLP`, { cause, details: { proof: what } });
  }
  if (!Array.isArray(items) || items.length !== 4) throw invalidLeaf(what, 'is not an account [nonce, balance, storageRoot, codeHash]');
  const [nonce, balance, storageRoot, codeHash] = items as unknown[];
  if (!(storageRoot instanceof Uint8Array) || storageRoot.length !== 32) throw invalidLeaf(what, 'has no 32-byte storageRoot');
  if (!(codeHash instanceof Uint8Array) || codeHash.length !== 32) throw invalidLeaf(what, 'has no 32-byte codeHash');
  return {
    kind: 'member',
    nonce: trieInteger(nonce, what, 'nonce'),
    balance: trieInteger(balance, what, 'balance'),
    storageRoot,
    codeHash,
  };
}

/** Decode a storage-trie leaf: RLP(value), a non-zero integer (zero slots are deleted from the trie). */
function decodeSlotValue(leaf: Uint8Array, what: string): bigint {
  let item: unknown;
  try {
    item = RLP.decode(leaf);
  } catch (cause) {
    throw new VerificationError('evm_proof_invalid', `${what} proves a leaf that is not RLP`, { cause, details: { proof: what } });
  }
  const value = trieInteger(item, what, 'value');
  if (value === 0n) throw invalidLeaf(what, 'holds zero, which a storage trie never stores');
  return value;
}

/** The account the proof proves, after the claimed fields are checked against it. */
async function verifyAccount(stateRoot: Uint8Array, claim: EvmProofClaim): Promise<EvmAccountEvidence> {
  const what = `the account proof of ${toRpcHex(claim.address)}`;
  const leaf = await verifyTrieProof(stateRoot, keccak_256(claim.address), claim.accountProof, what);
  if (leaf === null) {
    // No account: clients report it as zero nonce and balance, with the empty code hash and the
    // empty storage root (or all zeros for either); anything else claims an account that is not there.
    if (claim.nonce !== 0n) throw mismatch('proof.nonce', claim.nonce.toString(), 'no account at this address');
    if (claim.balance !== 0n) throw mismatch('proof.balance', claim.balance.toString(), 'no account at this address');
    if (!equalBytes(claim.codeHash, KECCAK256_NULL) && !equalBytes(claim.codeHash, ZERO_HASH)) {
      throw mismatch('proof.codeHash', toRpcHex(claim.codeHash), 'no account at this address');
    }
    if (!equalBytes(claim.storageHash, EMPTY_TRIE_ROOT) && !equalBytes(claim.storageHash, ZERO_HASH)) {
      throw mismatch('proof.storageHash', toRpcHex(claim.storageHash), 'no account at this address');
    }
    return { kind: 'absent' };
  }
  const account = decodeAccount(leaf, what);
  if (claim.nonce !== account.nonce) throw mismatch('proof.nonce', claim.nonce.toString(), account.nonce.toString());
  if (claim.balance !== account.balance) throw mismatch('proof.balance', claim.balance.toString(), account.balance.toString());
  if (!equalBytes(claim.storageHash, account.storageRoot)) {
    throw mismatch('proof.storageHash', toRpcHex(claim.storageHash), toRpcHex(account.storageRoot));
  }
  if (!equalBytes(claim.codeHash, account.codeHash)) throw mismatch('proof.codeHash', toRpcHex(claim.codeHash), toRpcHex(account.codeHash));
  return account;
}

/**
 * Verify an `eth_getProof` result against a header's stateRoot: the account (or its absence) and
 * every storage slot (its value, or its absence, which reads as zero). Storage proofs are checked
 * against the proven storage root (the empty trie for an absent account), never the claimed one.
 */
export async function verifyEvmProof(stateRoot: Uint8Array, json: unknown): Promise<EvmProofEvidence> {
  return verifyEvmProofClaim(stateRoot, evmProofFromRpc(json));
}

/** verifyEvmProof for a result already checked for shape (a bundle's binary form, evm-wire.ts). */
export async function verifyEvmProofClaim(stateRoot: Uint8Array, claim: EvmProofClaim): Promise<EvmProofEvidence> {
  const account = await verifyAccount(stateRoot, claim);
  const storageRoot = account.kind === 'member' ? account.storageRoot : EMPTY_TRIE_ROOT;
  const storage: EvmProofEvidence['storage'] = [];
  for (const [i, s] of claim.storageProof.entries()) {
    const field = `proof.storageProof[${i}].value`;
    const what = `the storage proof of slot ${toRpcHex(s.slot)}`;
    const leaf = await verifyTrieProof(storageRoot, keccak_256(s.slot), s.proof, what);
    if (leaf === null) {
      if (s.value !== 0n) throw mismatch(field, s.value.toString(), 'the slot is empty (zero)');
      storage.push({ slot: s.slot, evidence: { kind: 'absent' } });
      continue;
    }
    const value = decodeSlotValue(leaf, what);
    if (s.value !== value) throw mismatch(field, s.value.toString(), value.toString());
    storage.push({ slot: s.slot, evidence: { kind: 'member', value } });
  }
  return { stateRoot, address: claim.address, account, storage };
}
