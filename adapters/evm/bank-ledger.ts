/**
 * The BankLedger contract (contracts/BankLedger.sol) from TypeScript: its calls ABI-encoded, the
 * storage slot of each record (what to ask `eth_getProof` for), and the records read back out of
 * a verified proof (src/verify/evm `verifyEvmProof`).
 *
 * ABI encoding by hand: every argument and return value of this contract is a static 32-byte word
 * (bytes32, uint256, bool, address), so a call is the 4-byte selector followed by one word per
 * argument, and no general ABI library is needed.
 */
import { setLengthLeft } from '@ethereumjs/util';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { concatBytes, equalBytes, fromHex, toHex, utf8 } from '../../src/encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';
import type { EvmProofEvidence } from '../../src/verify/evm/evm-proof.js';
import { toRpcHex } from '../../src/verify/evm/rpc-hex.js';
import { loadBankLedgerArtifact } from './compile.js';
import type { EvmBlockTag, EvmReceipt, EvmRpc } from './rpc.js';

/** Storage slots of the contract's state variables (BankLedger.sol's layout comment). */
export const SLOT_ACCOUNTS = 0n;
export const SLOT_EXECUTED = 1n;
export const SLOT_OPERATORS = 2n;

const MAX_UINT256 = (1n << 256n) - 1n;

/** An account as the contract holds it; a never-opened account reads as all zero. */
export interface BankAccount {
  opened: boolean;
  /** Cents. */
  balance: bigint;
  /** Cents, at most the balance. */
  frozen: bigint;
}

/** The slots of one account's fields. */
export interface AccountSlots {
  balance: Uint8Array;
  frozen: Uint8Array;
  opened: Uint8Array;
}

function invalid(message: string): CourtbridgeError {
  return new CourtbridgeError(ErrorCode.InvalidArgument, 'evm_invalid_argument', message);
}

/** A uint256 as one 32-byte big-endian word. */
export function uint256Word(n: bigint): Uint8Array {
  if (n < 0n || n > MAX_UINT256) throw invalid(`${n} is not a uint256 (0 to 2^256-1)`);
  return fromHex(n.toString(16).padStart(64, '0'));
}

/** A bytes32 argument: exactly 32 bytes (an account id or order id). */
export function bytes32Word(b: Uint8Array, what: string): Uint8Array {
  if (b.length !== 32) throw invalid(`${what} is ${b.length} bytes; it must be exactly 32 (a keyed hash or an order digest)`);
  return b;
}

/** An address (20 bytes, 0x-hex) left-padded to a word. */
export function addressWord(address: string): Uint8Array {
  if (!/^0x[0-9a-fA-F]{40}$/.test(address)) throw invalid(`${address} is not a 0x-prefixed 20-byte address`);
  return setLengthLeft(fromHex(address.slice(2)), 32);
}

/** The 4-byte function selector: the first bytes of keccak256 of the canonical signature. */
export function selector(signature: string): Uint8Array {
  return keccak_256(utf8(signature)).slice(0, 4);
}

const call = (signature: string, ...words: Uint8Array[]): string => toRpcHex(concatBytes(selector(signature), ...words));

export const encodeSetOperator = (operator: string, allowed: boolean): string =>
  call('setOperator(address,bool)', addressWord(operator), uint256Word(allowed ? 1n : 0n));
export const encodeOpenAccount = (accountId: Uint8Array): string => call('openAccount(bytes32)', bytes32Word(accountId, 'accountId'));
export const encodeCredit = (accountId: Uint8Array, amount: bigint): string =>
  call('credit(bytes32,uint256)', bytes32Word(accountId, 'accountId'), uint256Word(amount));

/** The three court-ordered actions; each order id executes at most once. */
export type OrderKind = 'freeze' | 'deduct' | 'release';
export const encodeOrder = (kind: OrderKind, accountId: Uint8Array, amount: bigint, orderId: Uint8Array): string =>
  call(`${kind}(bytes32,uint256,bytes32)`, bytes32Word(accountId, 'accountId'), uint256Word(amount), bytes32Word(orderId, 'orderId'));

export const encodeAccountsGetter = (accountId: Uint8Array): string => call('accounts(bytes32)', bytes32Word(accountId, 'accountId'));
export const encodeExecutedGetter = (orderId: Uint8Array): string => call('executed(bytes32)', bytes32Word(orderId, 'orderId'));

/** The slot of `mapping[key]` for a mapping at `slot`: keccak256(key . uint256(slot)) (Solidity's layout). */
export function mappingSlot(key: Uint8Array, slot: bigint): Uint8Array {
  return keccak_256(concatBytes(bytes32Word(key, 'mapping key'), uint256Word(slot)));
}

/** `slot + i` as a 32-byte word (a struct's i-th field after its base slot). */
function slotPlus(base: Uint8Array, i: bigint): Uint8Array {
  return uint256Word((BigInt(`0x${toHex(base)}`) + i) & MAX_UINT256);
}

/** The slots of an account's balance, frozen amount and opened flag: keccak256(accountId . 0) + 0, 1, 2. */
export function accountSlots(accountId: Uint8Array): AccountSlots {
  const base = mappingSlot(accountId, SLOT_ACCOUNTS);
  return { balance: base, frozen: slotPlus(base, 1n), opened: slotPlus(base, 2n) };
}

/** The slot of an order's executed flag: keccak256(orderId . 1). */
export function executedSlot(orderId: Uint8Array): Uint8Array {
  return mappingSlot(orderId, SLOT_EXECUTED);
}

/** The slot of an operator flag: keccak256(pad32(address) . 2). */
export function operatorSlot(address: string): Uint8Array {
  return mappingSlot(addressWord(address), SLOT_OPERATORS);
}

function incomplete(message: string): CourtbridgeError {
  return new CourtbridgeError(ErrorCode.InvalidArgument, 'evm_proof_incomplete', message);
}

/**
 * The value a verified proof proves for `slot` of `contract` (an absent slot reads as zero).
 * Refused when the proof is of another address or does not cover the slot: the evidence proves
 * only what it names.
 */
export function provenSlot(evidence: EvmProofEvidence, contract: string, slot: Uint8Array): bigint {
  if (!equalBytes(evidence.address, fromHex(contract.slice(2).toLowerCase()))) {
    throw incomplete(`the proof is of ${toRpcHex(evidence.address)}, not of the ledger contract ${contract}; ask for the contract's proof`);
  }
  if (evidence.account.kind === 'absent') {
    throw incomplete(`the proof shows no account at ${contract} in this state; the ledger contract is not deployed there`);
  }
  const entry = evidence.storage.find((s) => equalBytes(s.slot, slot));
  if (entry === undefined) throw incomplete(`the proof does not cover slot ${toRpcHex(slot)}; ask eth_getProof for it`);
  return entry.evidence.kind === 'member' ? entry.evidence.value : 0n;
}

/** The account a verified proof proves (all three of its slots must be in the proof). */
export function provenAccount(evidence: EvmProofEvidence, contract: string, accountId: Uint8Array): BankAccount {
  const slots = accountSlots(accountId);
  return {
    balance: provenSlot(evidence, contract, slots.balance),
    frozen: provenSlot(evidence, contract, slots.frozen),
    opened: provenSlot(evidence, contract, slots.opened) !== 0n,
  };
}

/** Whether a verified proof proves the order executed. */
export function provenExecuted(evidence: EvmProofEvidence, contract: string, orderId: Uint8Array): boolean {
  return provenSlot(evidence, contract, executedSlot(orderId)) !== 0n;
}

/** The 32-byte words of ABI return data. */
function words(data: string, count: number): bigint[] {
  const hex = data.slice(2);
  if (hex.length !== count * 64) {
    throw new CourtbridgeError(ErrorCode.Unavailable, 'evm_rpc_malformed', `expected ${count} ABI words, got ${hex.length / 2} bytes`);
  }
  return Array.from({ length: count }, (_, i) => BigInt(`0x${hex.slice(i * 64, (i + 1) * 64)}`));
}

/**
 * The deployed contract, driven through a node's JSON-RPC. Transactions go out with
 * `eth_sendTransaction` from `from`, an account the node holds unlocked: a test chain's. A production
 * partner signs its own transactions and sends them with `sendRawTransaction` (rpc.ts).
 */
export class BankLedgerContract {
  constructor(
    readonly rpc: EvmRpc,
    readonly address: string,
    readonly from: string,
  ) {}

  /** Deploy the checked-in artifact from `from`; the contract at the receipt's address. */
  static async deploy(rpc: EvmRpc, from: string): Promise<{ contract: BankLedgerContract; receipt: EvmReceipt }> {
    const receipt = await rpc.sendAndConfirm({ from, data: loadBankLedgerArtifact().bytecode });
    if (receipt.contractAddress === null) {
      throw new CourtbridgeError(
        ErrorCode.Internal,
        'evm_tx_failed',
        `deploying BankLedger (${receipt.transactionHash}) created no contract`,
      );
    }
    return { contract: new BankLedgerContract(rpc, receipt.contractAddress, from), receipt };
  }

  private send(data: string): Promise<EvmReceipt> {
    return this.rpc.sendAndConfirm({ from: this.from, to: this.address, data });
  }

  setOperator(operator: string, allowed: boolean): Promise<EvmReceipt> {
    return this.send(encodeSetOperator(operator, allowed));
  }

  openAccount(accountId: Uint8Array): Promise<EvmReceipt> {
    return this.send(encodeOpenAccount(accountId));
  }

  credit(accountId: Uint8Array, amount: bigint): Promise<EvmReceipt> {
    return this.send(encodeCredit(accountId, amount));
  }

  /** Execute a court order; a second execution of `orderId` reverts (`evm_execution_reverted`, `order_replayed`). */
  order(kind: OrderKind, accountId: Uint8Array, amount: bigint, orderId: Uint8Array): Promise<EvmReceipt> {
    return this.send(encodeOrder(kind, accountId, amount, orderId));
  }

  /** The account through `eth_call` (unproven: for the adapter's own use, never as evidence). */
  async account(accountId: Uint8Array, tag: EvmBlockTag = 'latest'): Promise<BankAccount> {
    const [balance, frozen, opened] = words(await this.rpc.call({ to: this.address, data: encodeAccountsGetter(accountId) }, tag), 3);
    return { balance: balance!, frozen: frozen!, opened: opened !== 0n };
  }

  /** The `eth_getProof` answer for the account's slots at `tag`, unverified. */
  accountProof(accountId: Uint8Array, tag: EvmBlockTag): Promise<Record<string, unknown>> {
    const s = accountSlots(accountId);
    return this.rpc.getProof(this.address, [s.balance, s.frozen, s.opened], tag);
  }

  /** The `eth_getProof` answer for an order's executed flag at `tag`, unverified. */
  executedProof(orderId: Uint8Array, tag: EvmBlockTag): Promise<Record<string, unknown>> {
    return this.rpc.getProof(this.address, [executedSlot(orderId)], tag);
  }
}
