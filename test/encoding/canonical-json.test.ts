import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { canonicalJson, decodeCanonical, decodeCanonicalObject, encodeCanonical } from '../../src/encoding/canonical-json.js';
import { utf8 } from '../../src/encoding/bytes.js';

describe('canonical JSON', () => {
  it('sorts keys by UTF-16 code units, no whitespace, integers only', () => {
    expect(canonicalJson({ b: 1, a: '2', c: [true, null, { z: 0, y: -3 }] })).toBe('{"a":"2","b":1,"c":[true,null,{"y":-3,"z":0}]}');
    expect(canonicalJson({ '\u20ac': 1, '\ud83d\ude00': 2, a: 3 })).toBe('{"a":3,"€":1,"😀":2}');
    expect(canonicalJson({ s: '张伟\n"' })).toBe('{"s":"张伟\\n\\""}');
  });

  const refusedValues: [string, unknown][] = [
    ['a float', { amount: 1.5 }],
    ['an unsafe integer', { n: 2 ** 53 }],
    ['-0', { n: -0 }],
    ['NaN', { n: Number.NaN }],
    ['undefined', { n: undefined }],
    ['a bigint', { n: 1n }],
    ['a Date', { d: new Date(0) }],
    ['a Map', new Map()],
  ];
  for (const [name, v] of refusedValues) {
    it(`refuses to encode ${name}`, () => {
      expect(() => encodeCanonical(v)).toThrow(expect.objectContaining({ reason: 'non_canonical_json' }));
    });
  }

  const refusedBytes: [string, string][] = [
    ['whitespace', '{"a": 1}'],
    ['unsorted keys', '{"b":1,"a":2}'],
    ['duplicate keys', '{"a":1,"a":1}'],
    ['a float', '{"a":1.0}'],
    ['an exponent', '{"a":1e3}'],
    ['-0', '{"a":-0}'],
    ['a needless escape', '{"a":"\\u0041"}'],
    ['trailing newline', '{"a":1}\n'],
    ['not JSON', '{a:1}'],
  ];
  for (const [name, text] of refusedBytes) {
    it(`refuses to decode ${name}`, () => {
      expect(() => decodeCanonical(utf8(text))).toThrow(expect.objectContaining({ reason: 'non_canonical_json' }));
    });
  }

  it('refuses invalid UTF-8 and non-objects where an object is required', () => {
    expect(() => decodeCanonical(Uint8Array.of(0x7b, 0xff, 0x7d))).toThrow(expect.objectContaining({ reason: 'non_canonical_json' }));
    // A byte-order mark before `{}` would be a second byte form of the same value.
    expect(() => decodeCanonical(Uint8Array.of(0xef, 0xbb, 0xbf, 0x7b, 0x7d))).toThrow(
      expect.objectContaining({ reason: 'non_canonical_json' }),
    );
    expect(() => decodeCanonicalObject(utf8('[1]'))).toThrow(/expected a JSON object/);
  });

  it('round-trips any canonical value (property)', () => {
    const value = fc
      .letrec((tie) => ({
        v: fc.oneof(
          { depthSize: 'small' },
          fc.string(),
          fc.integer(),
          fc.boolean(),
          fc.constant(null),
          fc.array(tie('v'), { maxLength: 4 }),
          fc.dictionary(fc.string(), tie('v'), { maxKeys: 4 }),
        ),
      }))
      .v.filter((v) => !Object.is(v, -0));
    fc.assert(
      fc.property(value, (v) => {
        const bytes = encodeCanonical(v);
        expect(encodeCanonical(decodeCanonical(bytes))).toEqual(bytes);
      }),
      { numRuns: 300 },
    );
  });
});
