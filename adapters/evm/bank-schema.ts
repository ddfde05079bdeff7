/**
 * The bank consortium's EVM chain as the alliance knows it: its record type, where each record
 * lives in the BankLedger contract's storage (src/verify/evm/evm-record.ts), and the court actions
 * its adapter executes. Shared by the adapter (what it answers and executes) and the gateway's
 * catalog (adapters/catalog.ts: what it verifies).
 *
 * A record is one account, keyed `bank_account/<64 hex>`: the hex is the account's bytes32 id, a
 * keyed hash of the account number (src/privacy), never the number. Its value is the contract's
 * three words (BankLedger.sol `Account`): balance, frozen (both cents, uint256) and opened (bool).
 */
import type { EvmRecordLayout } from '../../src/verify/evm/evm-record.js';
import type { ActionSpec, RecordTypeSpec } from '../sdk/definition.js';
import { SLOT_ACCOUNTS } from './bank-ledger.js';

export const BANK_CHAIN_ID = 'bank';

export const BANK_ACCOUNT: RecordTypeSpec = {
  name: 'bank_account',
  keyPrefix: 'bank_account/',
  description: 'A bank account on the consortium ledger: balance, frozen amount (cents), opened',
  indexes: [],
};

export const BANK_RECORD_TYPES: readonly RecordTypeSpec[] = [BANK_ACCOUNT];

/** BankLedger.sol: `mapping(bytes32 => Account) accounts` at slot 0; the account exists once opened (word 2). */
export const BANK_ACCOUNT_LAYOUT: EvmRecordLayout = {
  recordType: BANK_ACCOUNT.name,
  keyPrefix: BANK_ACCOUNT.keyPrefix,
  mappingSlot: SLOT_ACCOUNTS,
  words: 3,
  presenceWord: 2,
};

export const BANK_EVM_LAYOUTS: readonly EvmRecordLayout[] = [BANK_ACCOUNT_LAYOUT];

/** The contract call each court action becomes (BankLedger.sol), `ActionSpec.txType`. */
export const BANK_ACTIONS: readonly ActionSpec[] = [
  {
    kind: 'freeze',
    txType: 'BankLedger.freeze',
    amount: 'required',
    targetRecordType: BANK_ACCOUNT.name,
    description: 'Freeze exactly this amount; the contract refuses it (insufficient_funds) when less is available',
  },
  {
    kind: 'deduct',
    txType: 'BankLedger.deduct',
    amount: 'required',
    targetRecordType: BANK_ACCOUNT.name,
    description: 'Take this amount out of the frozen funds (insufficient_frozen when less is frozen)',
  },
  {
    kind: 'release',
    txType: 'BankLedger.release',
    amount: 'required',
    targetRecordType: BANK_ACCOUNT.name,
    description: 'Release this amount of the frozen funds (insufficient_frozen when less is frozen)',
  },
];

/** An account record's value (96 bytes: three words) read back. */
export interface BankAccountValue {
  balance: bigint;
  frozen: bigint;
  opened: boolean;
}

/** @throws TypeError when `value` is not three 32-byte words */
export function readBankAccountValue(value: Uint8Array): BankAccountValue {
  if (value.length !== 96) throw new TypeError(`a bank_account value is 96 bytes (three words), got ${value.length}`);
  const w = (i: number): bigint => BigInt(`0x${Buffer.from(value.subarray(i * 32, i * 32 + 32)).toString('hex')}`);
  return { balance: w(0), frozen: w(1), opened: w(2) !== 0n };
}
