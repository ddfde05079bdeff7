import { describe, expect, it } from 'vitest';
import { decodeIntakeReceipt, encodeIntakeReceipt } from '../../src/bus/intake-reply.js';
import { ByteWriter } from '../../src/encoding/bytes.js';
import { refusal } from '../helpers/refusal.js';

describe('intake receipt', () => {
  it('round-trips both outcomes', () => {
    for (const outcome of ['committed', 'already_committed'] as const) {
      const r = { outcome, height: 42, timeMs: 1_780_000_000_000 };
      expect(decodeIntakeReceipt(encodeIntakeReceipt(r))).toEqual(r);
    }
  });

  it('refuses an outcome other than 1 or 2, naming malformed_request', () => {
    const bytes = new ByteWriter().u8(3).u64(1).u64(2).finish();
    expect(refusal(() => decodeIntakeReceipt(bytes, 'collab.submit reply'))).toEqual({
      reason: 'malformed_request',
      message: 'collab.submit reply: outcome 3',
    });
  });

  it('refuses trailing or missing bytes', () => {
    const ok = encodeIntakeReceipt({ outcome: 'committed', height: 1, timeMs: 2 });
    expect(() => decodeIntakeReceipt(new Uint8Array([...ok, 0]))).toThrow('intake receipt: 1 trailing bytes');
    expect(() => decodeIntakeReceipt(ok.subarray(0, ok.length - 1))).toThrow('timeMs: truncated');
  });
});
