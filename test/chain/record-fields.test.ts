import { describe, expect, it } from 'vitest';
import { Fields } from '../../src/chain/ledger/record.js';
import { refusal } from '../helpers/refusal.js';

describe('Fields.nested', () => {
  const read = (value: object) =>
    new Fields(value as never, 'rec').nested('approval', (g) => ({ atMs: g.int('atMs'), limitCents: g.cents('limitCents') }));

  it('reads a nested object with its reader', () => {
    expect(read({ approval: { atMs: 5, limitCents: '100' } })).toEqual({ atMs: 5, limitCents: '100' });
  });

  it('refuses a field the reader did not ask for, naming its path', () => {
    const r = refusal(() => read({ approval: { atMs: 5, limitCents: '100', extra: 1 } }));
    expect(r.reason).toBe('invalid_record');
    expect(r.message).toContain('rec.approval.extra');
  });

  it('refuses a nested value that is not an object', () => {
    const r = refusal(() => read({ approval: [1] }));
    expect(r.reason).toBe('invalid_record');
    expect(r.message).toContain('rec.approval');
  });
});
