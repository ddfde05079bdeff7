/**
 * One map of several chains' record layouts (src/verify/record-layout.ts `recordLayoutsOf`): each
 * layout once under its record type, one layout object shared by two chains kept once, and two
 * different layouts for one record type refused naming that type.
 */
import { describe, expect, it } from 'vitest';

import { CourtbridgeError, ErrorCode } from '../../src/errors.js';
import { label, recordLayoutsOf, type RecordLayout } from '../../src/verify/record-layout.js';

const layoutOf = (recordType: string, valueType = recordType): RecordLayout => ({
  recordType,
  valueType,
  schema: 1,
  label: { zh: '记录', en: 'Record' },
  fields: { name: label('名称', 'Name') },
});

describe('recordLayoutsOf', () => {
  it('maps each record type to its layout', () => {
    const title = layoutOf('title');
    const dishonest = layoutOf('dishonest', 'dishonest_listing');
    const m = recordLayoutsOf([[title], [dishonest]]);
    expect([...m.keys()]).toEqual(['title', 'dishonest']);
    expect(m.get('title')).toBe(title);
    expect(m.get('dishonest')).toBe(dishonest);
    expect(recordLayoutsOf([]).size).toBe(0);
  });

  it('keeps one layout object two chains share once', () => {
    const shared = layoutOf('enterprise');
    const title = layoutOf('title');
    const m = recordLayoutsOf([[shared, title], [shared]]);
    expect(m.size).toBe(2);
    expect(m.get('enterprise')).toBe(shared);
  });

  it('refuses two different layouts for one record type: duplicate_record_layout naming the type', () => {
    const a = layoutOf('title');
    const b = { ...a };
    let e: unknown;
    try {
      recordLayoutsOf([[layoutOf('dishonest'), a], [b]]);
    } catch (x) {
      e = x;
    }
    expect(e).toBeInstanceOf(CourtbridgeError);
    expect(e).toMatchObject({
      code: ErrorCode.InvalidArgument,
      reason: 'duplicate_record_layout',
      message: 'record type title has two layouts; give each record type one',
    });
  });
});
