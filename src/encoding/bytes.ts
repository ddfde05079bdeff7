/**
 * Small byte helpers and the fixed binary layout used for every signed structure.
 *
 * Layout rules (pinned by test/vectors, specified in docs/spec/README.md):
 *   u8      one byte
 *   u32     4 bytes big-endian
 *   u64     8 bytes big-endian (unsigned, from a bigint or a safe integer)
 *   bytes   u32 length, then the bytes
 *   string  u32 length, then UTF-8 bytes
 *   fixed   raw bytes of a length the structure states (e.g. a 32-byte hash), no prefix
 * Fields are written in the order the structure's documentation lists, never from a map.
 */
const enc = new TextEncoder();
const dec = new TextDecoder('utf-8', { fatal: true });

export const utf8 = (s: string): Uint8Array => enc.encode(s);
export const fromUtf8 = (b: Uint8Array): string => dec.decode(b);

export function toHex(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('hex');
}

export function fromHex(hex: string, title = 'hex'): Uint8Array {
  if (hex.length % 2 !== 0 || !/^[0-9a-fA-F]*$/.test(hex)) {
    throw new TypeError(`${title}: expected an even-length hex string`);
  }
  return new Uint8Array(Buffer.from(hex, 'hex'));
}

export function toBase64url(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('base64url');
}

export function fromBase64url(s: string, title = 'base64url'): Uint8Array {
  if (!/^[A-Za-z0-9_-]*$/.test(s)) throw new TypeError(`${title}: not base64url`);
  return new Uint8Array(Buffer.from(s, 'base64url'));
}

export function concatBytes(...parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

export function equalBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  let d = 0;
  for (let i = 0; i < a.length; i++) d |= a[i]! ^ b[i]!;
  return d === 0;
}

/** Check an input where it enters, naming the argument (noble's `abytes`). */
export function assertBytes(value: unknown, length: number | undefined, title: string): asserts value is Uint8Array {
  if (!(value instanceof Uint8Array)) throw new TypeError(`${title}: expected Uint8Array`);
  if (length !== undefined && value.length !== length) {
    throw new TypeError(`${title}: expected ${length} bytes, got ${value.length}`);
  }
}

const U64_MAX = (1n << 64n) - 1n;

/**
 * Writer for the layout above, into one growing buffer (a chunk per field showed up on the
 * query hot path: receipts and header hashes are written per answer).
 */
export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  private o = 0;
  /** `capacity`: the bytes expected, when known (a proof's layout: no regrowing and copying). */
  constructor(capacity = 256) {
    this.buf = new Uint8Array(capacity);
    this.view = new DataView(this.buf.buffer);
  }
  private room(n: number): number {
    const at = this.o;
    if (at + n > this.buf.length) {
      const grown = new Uint8Array(Math.max(this.buf.length * 2, at + n));
      grown.set(this.buf.subarray(0, at));
      this.buf = grown;
      this.view = new DataView(grown.buffer);
    }
    this.o = at + n;
    return at;
  }
  u8(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xff) throw new RangeError(`u8 out of range: ${v}`);
    const at = this.room(1); // before reading this.buf: room() may replace it
    this.buf[at] = v;
    return this;
  }
  u32(v: number): this {
    if (!Number.isInteger(v) || v < 0 || v > 0xffffffff) throw new RangeError(`u32 out of range: ${v}`);
    const at = this.room(4);
    this.view.setUint32(at, v);
    return this;
  }
  u64(v: number | bigint): this {
    if (typeof v === 'number') {
      if (!Number.isSafeInteger(v)) throw new RangeError(`u64 not a safe integer: ${v}`);
      if (v < 0) throw new RangeError(`u64 out of range: ${v}`);
      const at = this.room(8);
      this.view.setUint32(at, Math.floor(v / 0x1_0000_0000));
      this.view.setUint32(at + 4, v >>> 0);
      return this;
    }
    if (v < 0n || v > U64_MAX) throw new RangeError(`u64 out of range: ${v}`);
    const at = this.room(8);
    this.view.setBigUint64(at, v);
    return this;
  }
  fixed(b: Uint8Array, length: number, title = 'fixed'): this {
    assertBytes(b, length, title);
    const at = this.room(b.length);
    this.buf.set(b, at);
    return this;
  }
  bytes(b: Uint8Array): this {
    this.u32(b.length);
    const at = this.room(b.length);
    this.buf.set(b, at);
    return this;
  }
  string(s: string): this {
    // At most 3 bytes per UTF-16 unit; the length prefix is written once the size is known.
    const len = s.length;
    const at = this.room(4 + len * 3);
    const buf = this.buf;
    // ASCII (ids, DIDs, chain ids: most strings here) byte by byte, cheaper than TextEncoder and
    // its subarray for short strings; from the first other unit on, TextEncoder writes it all again.
    let n = 0;
    while (n < len) {
      const c = s.charCodeAt(n);
      if (c >= 0x80) break;
      buf[at + 4 + n++] = c;
    }
    if (n < len) n = enc.encodeInto(s, buf.subarray(at + 4)).written;
    this.view.setUint32(at, n);
    this.o = at + 4 + n;
    return this;
  }
  finish(): Uint8Array {
    // A full buffer is handed out as is: a later write regrows into a new one, never into it.
    if (this.o === this.buf.length) return this.buf;
    return this.buf.slice(0, this.o);
  }
}

/** Big-endian unsigned integer of `b` (scalars of the signature rules). */
export function bytesToBig(b: Uint8Array): bigint {
  let v = 0n;
  for (const x of b) v = (v << 8n) | BigInt(x);
  return v;
}

/** Reader for the same layout; every read is bounds-checked and names what it read. */
export class ByteReader {
  private o = 0;
  private readonly view: DataView;
  constructor(private readonly b: Uint8Array) {
    this.view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  }
  private need(n: number, title: string): void {
    if (this.o + n > this.b.length) throw new RangeError(`${title}: truncated (need ${n} bytes at offset ${this.o})`);
  }
  u8(title = 'u8'): number {
    this.need(1, title);
    return this.b[this.o++]!;
  }
  /** The next byte without consuming it (a tagged field decides its length by it). */
  peek(title = 'u8'): number {
    this.need(1, title);
    return this.b[this.o]!;
  }
  u32(title = 'u32'): number {
    this.need(4, title);
    const v = this.view.getUint32(this.o);
    this.o += 4;
    return v;
  }
  u64(title = 'u64'): bigint {
    this.need(8, title);
    const v = this.view.getBigUint64(this.o);
    this.o += 8;
    return v;
  }
  u64n(title = 'u64'): number {
    const v = this.u64(title);
    if (v > BigInt(Number.MAX_SAFE_INTEGER)) throw new RangeError(`${title}: exceeds 2^53`);
    return Number(v);
  }
  fixed(n: number, title = 'fixed'): Uint8Array {
    this.need(n, title);
    const v = this.b.subarray(this.o, this.o + n);
    this.o += n;
    return v;
  }
  bytes(title = 'bytes'): Uint8Array {
    return this.fixed(this.u32(title), title);
  }
  string(title = 'string'): string {
    return fromUtf8(this.bytes(title));
  }
  get done(): boolean {
    return this.o === this.b.length;
  }
  end(title = 'message'): void {
    if (!this.done) throw new RangeError(`${title}: ${this.b.length - this.o} trailing bytes`);
  }
}
