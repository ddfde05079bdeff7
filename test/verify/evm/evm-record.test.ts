/**
 * A record of an evm chain is one entry of a Solidity mapping in the registry contract
 * (src/verify/evm/evm-record.ts): its slots follow from its key alone (the same slots solc lays
 * out, checked against BankLedger's own layout), and a proof proves the record only when it is of
 * the registry's contract and covers exactly those slots in order.
 */
import { describe, expect, it } from 'vitest';
import { accountSlots } from '../../../adapters/evm/bank-ledger.js';
import { BANK_ACCOUNT_LAYOUT, readBankAccountValue } from '../../../adapters/evm/bank-schema.js';
import { fromHex, toHex } from '../../../src/encoding/bytes.js';
import type { EvmProofEvidence } from '../../../src/verify/evm/evm-proof.js';
import { checkEvmRecordLayout, evmRecordSlots, evmRecordValue } from '../../../src/verify/evm/evm-record.js';
import { reasonOf } from '../../helpers/reason-of.js';

const ID = '5a'.repeat(32);
const KEY = `bank_account/${ID}`;
const CONTRACT = new Uint8Array(20).fill(0xcb);
const slots = evmRecordSlots(BANK_ACCOUNT_LAYOUT, KEY);

const evidence = (values: (bigint | null)[], more: Partial<EvmProofEvidence> = {}): EvmProofEvidence => ({
  stateRoot: new Uint8Array(32),
  address: CONTRACT,
  account: { kind: 'member', nonce: 1n, balance: 0n, storageRoot: new Uint8Array(32), codeHash: new Uint8Array(32) },
  storage: values.map((value, i) => ({
    slot: slots[i]!,
    evidence: value === null ? { kind: 'absent' as const } : { kind: 'member' as const, value },
  })),
  ...more,
});

describe('evm record layout', () => {
  it("derives the slots solc lays a bank account's fields at", () => {
    const s = accountSlots(fromHex(ID));
    expect(slots.map(toHex)).toEqual([s.balance, s.frozen, s.opened].map(toHex));
  });

  it('reads an opened account as its three words, and an unopened one as absent', () => {
    const value = evmRecordValue(BANK_ACCOUNT_LAYOUT, CONTRACT, KEY, evidence([1_000n, 250n, 1n]));
    expect(readBankAccountValue(value!)).toEqual({ balance: 1_000n, frozen: 250n, opened: true });
    expect(evmRecordValue(BANK_ACCOUNT_LAYOUT, CONTRACT, KEY, evidence([null, null, null]))).toBeNull();
    // Balance left over without the opened flag is still no account: presence is the layout's word.
    expect(evmRecordValue(BANK_ACCOUNT_LAYOUT, CONTRACT, KEY, evidence([5n, null, null]))).toBeNull();
  });

  it('a proof of another contract, of no contract, or of other slots proves nothing about the record', () => {
    const read = (e: EvmProofEvidence, key = KEY) => reasonOf(() => evmRecordValue(BANK_ACCOUNT_LAYOUT, CONTRACT, key, e));
    expect(read(evidence([1n, 0n, 1n], { address: new Uint8Array(20).fill(0xcc) }))).toBe('evm_wrong_contract');
    expect(read(evidence([1n, 0n, 1n], { account: { kind: 'absent' } }))).toBe('evm_contract_absent');
    // another account's slots, the slots out of order, one slot missing
    expect(read(evidence([1n, 0n, 1n]), `bank_account/${'5b'.repeat(32)}`)).toBe('evm_slots_mismatch');
    const e = evidence([1n, 0n, 1n]);
    expect(read({ ...e, storage: [e.storage[1]!, e.storage[0]!, e.storage[2]!] })).toBe('evm_slots_mismatch');
    expect(read({ ...e, storage: e.storage.slice(0, 2) })).toBe('evm_slots_mismatch');
  });

  it('refuses keys that do not name a bytes32 id, and layouts that cannot describe a record', () => {
    for (const key of ['bank_account/xyz', `bank_account/${ID.toUpperCase()}`, `account/${ID}`, `bank_account/${ID}00`]) {
      expect(reasonOf(() => evmRecordSlots(BANK_ACCOUNT_LAYOUT, key))).toBe('evm_key_malformed');
    }
    expect(() => checkEvmRecordLayout({ ...BANK_ACCOUNT_LAYOUT, words: 0 })).toThrow(TypeError);
    expect(() => checkEvmRecordLayout({ ...BANK_ACCOUNT_LAYOUT, presenceWord: 3 })).toThrow(TypeError);
    expect(checkEvmRecordLayout(BANK_ACCOUNT_LAYOUT)).toBe(BANK_ACCOUNT_LAYOUT);
  });
});
