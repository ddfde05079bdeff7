/**
 * The checked-in BankLedger artifact is what its source compiles to (solc-js, in process): a
 * source edited without `npx tsx adapters/evm/compile.ts` fails here.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SOURCE_URL, compileBankLedger, loadBankLedgerArtifact } from '../../../adapters/evm/compile.js';

const loadSource = (): string => readFileSync(SOURCE_URL, 'utf8');

describe('BankLedger artifact', () => {
  it('recompiling the source gives the checked-in bytecode and ABI', () => {
    const fresh = compileBankLedger();
    const checkedIn = loadBankLedgerArtifact();
    expect(fresh.bytecode).toBe(checkedIn.bytecode);
    expect(fresh.deployedBytecode).toBe(checkedIn.deployedBytecode);
    expect(fresh.abi).toEqual(checkedIn.abi);
    expect(fresh.settings).toEqual(checkedIn.settings);
  });

  it('a changed source gives other bytecode (the check can fail)', () => {
    const source = compileBankLedger().bytecode;
    const edited = compileBankLedger(
      loadSource().replace(
        'require(a.balance - a.frozen >= amount, "insufficient_funds");',
        'require(a.balance >= amount, "insufficient_funds");',
      ),
    );
    expect(edited.bytecode).not.toBe(source);
  });

  it('a source that does not compile is refused with the compiler message', () => {
    expect(() => compileBankLedger('pragma solidity 0.8.28; contract BankLedger { function f( }')).toThrow(/does not compile/);
  });
});
