/**
 * ByteWriter writes one growing buffer; these pin it to the layout rules field by field
 * (src/encoding/bytes.ts header) against a plain reference, over random field sequences.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ByteReader, ByteWriter } from '../../src/encoding/bytes.js';

type Field =
  | { k: 'u8'; v: number }
  | { k: 'u32'; v: number }
  | { k: 'u64'; v: number | bigint }
  | { k: 'bytes'; v: Uint8Array }
  | { k: 'string'; v: string }
  | { k: 'fixed'; v: Uint8Array };

/** The layout written the obvious way: one array per field, concatenated. */
function reference(fields: Field[]): Uint8Array {
  const out: number[] = [];
  const be = (v: bigint, n: number) => {
    for (let i = n - 1; i >= 0; i--) out.push(Number((v >> BigInt(8 * i)) & 0xffn));
  };
  for (const f of fields) {
    if (f.k === 'u8') out.push(f.v);
    else if (f.k === 'u32') be(BigInt(f.v), 4);
    else if (f.k === 'u64') be(BigInt(f.v), 8);
    else if (f.k === 'fixed') out.push(...f.v);
    else {
      const b = f.k === 'string' ? new TextEncoder().encode(f.v) : f.v;
      be(BigInt(b.length), 4);
      out.push(...b);
    }
  }
  return Uint8Array.from(out);
}

const field: fc.Arbitrary<Field> = fc.oneof(
  fc.integer({ min: 0, max: 0xff }).map((v) => ({ k: 'u8' as const, v })),
  fc.integer({ min: 0, max: 0xffffffff }).map((v) => ({ k: 'u32' as const, v })),
  fc.oneof(fc.maxSafeNat(), fc.bigInt({ min: 0n, max: (1n << 64n) - 1n })).map((v) => ({ k: 'u64' as const, v })),
  fc.uint8Array({ maxLength: 600 }).map((v) => ({ k: 'bytes' as const, v })),
  fc.uint8Array({ minLength: 32, maxLength: 32 }).map((v) => ({ k: 'fixed' as const, v })),
  // full Unicode, lone surrogates included (written as U+FFFD, as TextEncoder does)
  fc.oneof(fc.string({ unit: 'binary', maxLength: 300 }), fc.string({ maxLength: 300 })).map((v) => ({ k: 'string' as const, v })),
);

function write(fields: Field[]): Uint8Array {
  const w = new ByteWriter();
  for (const f of fields) {
    if (f.k === 'fixed') w.fixed(f.v, 32);
    else if (f.k === 'bytes') w.bytes(f.v);
    else if (f.k === 'string') w.string(f.v);
    else if (f.k === 'u64') w.u64(f.v);
    else w[f.k](f.v);
  }
  return w.finish();
}

describe('ByteWriter', () => {
  it('writes exactly the reference layout for any sequence of fields', () => {
    fc.assert(
      fc.property(fc.array(field, { maxLength: 40 }), (fields) => {
        expect(write(fields)).toEqual(reference(fields));
      }),
      { numRuns: 500 },
    );
  });

  it('reads back what it wrote', () => {
    const w = new ByteWriter()
      .u8(7)
      .u32(0xdeadbeef)
      .u64(2 ** 53 - 1)
      .u64(2n ** 64n - 1n)
      .string('法院 ⚖️')
      .bytes(new Uint8Array(1000).fill(3));
    const r = new ByteReader(w.finish());
    expect(r.u8()).toBe(7);
    expect(r.u32()).toBe(0xdeadbeef);
    expect(r.u64()).toBe(2n ** 53n - 1n);
    expect(r.u64()).toBe(2n ** 64n - 1n);
    expect(r.string()).toBe('法院 ⚖️');
    expect(r.bytes()).toEqual(new Uint8Array(1000).fill(3));
    r.end();
  });

  it('copies what it is given: a caller changing its array afterwards changes nothing written', () => {
    const b = new Uint8Array(32).fill(1);
    const w = new ByteWriter().fixed(b, 32).bytes(b);
    b.fill(9);
    expect(w.finish()).toEqual(
      reference([
        { k: 'fixed', v: new Uint8Array(32).fill(1) },
        { k: 'bytes', v: new Uint8Array(32).fill(1) },
      ]),
    );
  });

  it('refuses values outside each field type', () => {
    expect(() => new ByteWriter().u8(256)).toThrow(/u8 out of range/);
    expect(() => new ByteWriter().u8(1.5)).toThrow(/u8 out of range/);
    expect(() => new ByteWriter().u32(-1)).toThrow(/u32 out of range/);
    expect(() => new ByteWriter().u32(2 ** 32)).toThrow(/u32 out of range/);
    expect(() => new ByteWriter().u64(-1)).toThrow(/u64 out of range/);
    expect(() => new ByteWriter().u64(2 ** 53)).toThrow(/not a safe integer/);
    expect(() => new ByteWriter().u64(-1n)).toThrow(/u64 out of range/);
    expect(() => new ByteWriter().u64(2n ** 64n)).toThrow(/u64 out of range/);
    expect(() => new ByteWriter().fixed(new Uint8Array(31), 32, 'hash')).toThrow(/hash: expected 32 bytes, got 31/);
  });

  it('hands out a buffer written full, and a later write never reaches into it', () => {
    const w = new ByteWriter(5).u8(1).u32(0x02030405);
    const first = w.finish();
    expect([...first]).toEqual([1, 2, 3, 4, 5]);
    w.u8(9);
    expect([...first]).toEqual([1, 2, 3, 4, 5]);
    expect([...w.finish()]).toEqual([1, 2, 3, 4, 5, 9]);
    // Not full: a copy of what was written.
    expect([...new ByteWriter(8).u8(7).finish()]).toEqual([7]);
  });
});
