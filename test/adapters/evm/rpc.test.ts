/**
 * The JSON-RPC client's pure part: a contract's refusal read out of the revert data
 * (`Error(string)`, as hardhat and geth attach it), and nothing read out of anything else.
 */
import { describe, expect, it } from 'vitest';
import { errorString } from '../../../adapters/evm/rpc.js';

/** `require(false, "unknown_record")` as a hardhat 2.29 node returned it. */
const UNKNOWN_RECORD =
  '0x08c379a0' +
  '0000000000000000000000000000000000000000000000000000000000000020' +
  '000000000000000000000000000000000000000000000000000000000000000e' +
  '756e6b6e6f776e5f7265636f7264000000000000000000000000000000000000';

describe('errorString', () => {
  it('decodes an Error(string) revert', () => {
    expect(errorString(UNKNOWN_RECORD)).toBe('unknown_record');
    expect(errorString(UNKNOWN_RECORD.toUpperCase().replace('0X', '0x'))).toBe('unknown_record');
  });

  it('reads nothing out of other revert data: none, a custom error, a panic, a truncated or oversized string', () => {
    expect(errorString('0x')).toBeUndefined();
    expect(errorString(`0x12345678${'00'.repeat(32)}`)).toBeUndefined();
    expect(errorString(`0x4e487b71${'00'.repeat(31)}01`)).toBeUndefined();
    expect(errorString(UNKNOWN_RECORD.slice(0, UNKNOWN_RECORD.length - 64))).toBeUndefined();
    const huge = `0x08c379a0${(32).toString(16).padStart(64, '0')}${(1n << 40n).toString(16).padStart(64, '0')}`;
    expect(errorString(huge)).toBeUndefined();
    expect(errorString(`0x08c379a0${(64).toString(16).padStart(64, '0')}`)).toBeUndefined();
  });
});
