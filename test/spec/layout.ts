/**
 * An independent reading of docs/spec: the layout language of docs/spec/README.md, parsed from
 * the pages' ```layout blocks and applied to a vector's fields. It imports nothing from src/, so
 * a page that drifts from the code (or the code from the page) fails against the vectors, which
 * the code generated.
 */
import { createHash, createPublicKey, verify as nodeVerify } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as secp from '@noble/secp256k1';

export const SPEC_DIR = 'docs/spec';
export const VECTOR_DIR = 'test/vectors/spec';

/** One field of a layout: `name type [= const]`. */
export interface Field {
  name: string;
  type: Type;
  /** A constant the field always holds (the vector need not give it). */
  constant?: string;
}

export type Type =
  | { kind: 'u8' | 'u16' | 'u32' | 'u64' | 'bool' | 'bytes' | 'string' | 'raw' | 'utf8' | 'json' }
  | { kind: 'fixed'; length: number }
  | { kind: 'list' | 'opt'; of: Type }
  | { kind: 'struct'; name: string }
  | { kind: 'union'; cases: Map<number, string> };

export interface Layout {
  name: string;
  page: string;
  fields: Field[];
}

/** Every ```layout block of every page, by name (names are unique across the spec). */
export function loadLayouts(dir = SPEC_DIR): Map<string, Layout> {
  const out = new Map<string, Layout>();
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.md'))) {
    const page = join(dir, file);
    for (const layout of parseLayouts(readFileSync(page, 'utf8'), page)) {
      const seen = out.get(layout.name);
      if (seen) throw new Error(`layout ${layout.name} is defined twice: ${seen.page} and ${page}`);
      out.set(layout.name, layout);
    }
  }
  return out;
}

export function parseLayouts(markdown: string, page: string): Layout[] {
  const out: Layout[] = [];
  const re = /^```layout ([a-z0-9][a-z0-9-]*)\n([\s\S]*?)^```/gm;
  for (const m of markdown.matchAll(re)) {
    const fields: Field[] = [];
    for (const raw of m[2]!.split('\n')) {
      const line = raw.replace(/#.*$/, '').trim();
      if (line === '') continue;
      const fm = /^([A-Za-z_][A-Za-z0-9_]*)\s+(\S+)(?:\s*=\s*(\S+))?$/.exec(line);
      if (!fm) throw new Error(`${page} layout ${m[1]}: cannot read "${raw.trim()}"`);
      fields.push({ name: fm[1]!, type: parseType(fm[2]!, `${page} layout ${m[1]}`), ...(fm[3] === undefined ? {} : { constant: fm[3] }) });
    }
    out.push({ name: m[1]!, page, fields });
  }
  return out;
}

function parseType(s: string, where: string): Type {
  const simple = ['u8', 'u16', 'u32', 'u64', 'bool', 'bytes', 'string', 'raw', 'utf8', 'json'] as const;
  for (const k of simple) if (s === k) return { kind: k };
  let m = /^fixed(\d+)$/.exec(s);
  if (m) return { kind: 'fixed', length: Number(m[1]) };
  m = /^(list|opt)<(.+)>$/.exec(s);
  if (m) return { kind: m[1] as 'list' | 'opt', of: parseType(m[2]!, where) };
  m = /^union\{(.+)\}$/.exec(s);
  if (m) {
    const cases = new Map<number, string>();
    for (const c of m[1]!.split(',')) {
      const cm = /^(0x[0-9a-f]+|\d+)=([a-z0-9-]+)$/.exec(c.trim());
      if (!cm) throw new Error(`${where}: cannot read union case "${c}"`);
      cases.set(Number(cm[1]), cm[2]!);
    }
    return { kind: 'union', cases };
  }
  if (/^[a-z0-9][a-z0-9-]*$/.test(s)) return { kind: 'struct', name: s };
  throw new Error(`${where}: unknown type "${s}"`);
}

const hexBytes = (v: unknown, what: string): Buffer => {
  if (typeof v !== 'string' || !/^([0-9a-f]{2})*$/.test(v)) throw new Error(`${what}: expected lowercase hex, got ${JSON.stringify(v)}`);
  return Buffer.from(v, 'hex');
};

function uint(v: unknown, bits: number, what: string): bigint {
  const n = typeof v === 'number' && Number.isSafeInteger(v) ? BigInt(v) : typeof v === 'string' && /^\d+$/.test(v) ? BigInt(v) : undefined;
  if (n === undefined || n < 0n || n >= 1n << BigInt(bits)) throw new Error(`${what}: expected a u${bits}, got ${JSON.stringify(v)}`);
  return n;
}

const be = (n: bigint, bytes: number): Buffer => {
  const b = Buffer.alloc(bytes);
  for (let i = bytes - 1; i >= 0; i--, n >>= 8n) b[i] = Number(n & 0xffn);
  return b;
};

const u32 = (n: number): Buffer => be(BigInt(n), 4);

/** The bytes of `value` laid out as `layoutName` says. */
export function encode(layouts: Map<string, Layout>, layoutName: string, value: unknown, path = layoutName): Buffer {
  const layout = layouts.get(layoutName);
  if (!layout) throw new Error(`${path}: no layout named ${layoutName}`);
  if (value === null || typeof value !== 'object' || Array.isArray(value)) throw new Error(`${path}: expected an object of fields`);
  const obj = value as Record<string, unknown>;
  const known = new Set(layout.fields.map((f) => f.name));
  for (const k of Object.keys(obj)) if (!known.has(k)) throw new Error(`${path}.${k}: not a field of layout ${layoutName}`);
  const parts: Buffer[] = [];
  for (const f of layout.fields) {
    const given = obj[f.name];
    let v: unknown = given;
    if (f.constant !== undefined) {
      const c = constantValue(f.constant);
      if (given !== undefined && JSON.stringify(given) !== JSON.stringify(c)) throw new Error(`${path}.${f.name}: must be ${f.constant}`);
      v = c;
    }
    if (v === undefined && f.type.kind !== 'opt') throw new Error(`${path}.${f.name}: missing`);
    parts.push(encodeType(layouts, f.type, v, `${path}.${f.name}`));
  }
  return Buffer.concat(parts);
}

function constantValue(c: string): unknown {
  if (/^0x[0-9a-f]+$/.test(c) || /^\d+$/.test(c)) return Number(c);
  if (c === 'true' || c === 'false') return c === 'true';
  return c.replace(/^"|"$/g, '');
}

function encodeType(layouts: Map<string, Layout>, t: Type, v: unknown, path: string): Buffer {
  switch (t.kind) {
    case 'u8':
      return be(uint(v, 8, path), 1);
    case 'u16':
      return be(uint(v, 16, path), 2);
    case 'u32':
      return be(uint(v, 32, path), 4);
    case 'u64':
      return be(uint(v, 64, path), 8);
    case 'bool':
      if (typeof v !== 'boolean') throw new Error(`${path}: expected true or false`);
      return Buffer.from([v ? 1 : 0]);
    case 'bytes': {
      const b = hexBytes(v, path);
      return Buffer.concat([u32(b.length), b]);
    }
    case 'string': {
      if (typeof v !== 'string') throw new Error(`${path}: expected a string`);
      const b = Buffer.from(v, 'utf8');
      return Buffer.concat([u32(b.length), b]);
    }
    case 'raw':
      return hexBytes(v, path);
    case 'utf8':
      if (typeof v !== 'string') throw new Error(`${path}: expected a string`);
      return Buffer.from(v, 'utf8');
    case 'json':
      return Buffer.from(canonicalJson(v, path), 'utf8');
    case 'fixed': {
      const b = hexBytes(v, path);
      if (b.length !== t.length) throw new Error(`${path}: expected ${t.length} bytes, got ${b.length}`);
      return b;
    }
    case 'list': {
      if (!Array.isArray(v)) throw new Error(`${path}: expected a list`);
      return Buffer.concat([u32(v.length), ...v.map((x, i) => encodeType(layouts, t.of, x, `${path}[${i}]`))]);
    }
    case 'opt':
      return v === undefined || v === null ? Buffer.from([0]) : Buffer.concat([Buffer.from([1]), encodeType(layouts, t.of, v, path)]);
    case 'struct':
      return encode(layouts, t.name, v, path);
    case 'union': {
      const u = v as { variant?: unknown; value?: unknown } | null;
      const entry = [...t.cases].find(([, name]) => name === u?.variant);
      if (!entry) throw new Error(`${path}: expected {"variant": one of ${[...t.cases.values()].join(', ')}, "value": {...}}`);
      return Buffer.concat([Buffer.from([entry[0]]), encode(layouts, entry[1], u!.value ?? {}, `${path}<${entry[1]}>`)]);
    }
  }
}

/** docs/spec/canonical-json.md, written again here from the page. */
export function canonicalJson(v: unknown, path = 'value'): string {
  if (v === null || typeof v === 'boolean' || typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') {
    if (!Number.isSafeInteger(v) || Object.is(v, -0)) throw new Error(`${path}: ${v} has no canonical form`);
    return String(v);
  }
  if (Array.isArray(v)) return `[${v.map((x, i) => canonicalJson(x, `${path}[${i}]`)).join(',')}]`;
  if (typeof v === 'object') {
    const o = v as Record<string, unknown>;
    return `{${Object.keys(o)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson(o[k], `${path}.${k}`)}`)
      .join(',')}}`;
  }
  throw new Error(`${path}: ${typeof v} has no canonical form`);
}

export const sha256 = (b: Uint8Array): Buffer => createHash('sha256').update(b).digest();

/** docs/spec/README.md "Signing input": utf8(tag) || 0x00 || SHA-256(bytes). */
export const signingInputOf = (tag: string, bytes: Uint8Array): Buffer =>
  Buffer.concat([Buffer.from(tag, 'utf8'), Buffer.from([0]), sha256(bytes)]);

const SPKI_SECP256K1_COMPRESSED = Buffer.from('3036301006072a8648ce3d020106052b8104000a032200', 'hex');
const HALF_N = 0x7fffffffffffffffffffffffffffffff5d576e7357a4501ddfe92f46681b20a0n;

/** ECDSA-SHA256 over `message`, compact r || s, low-S only, by a compressed secp256k1 key. */
export function verifyCompact(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (signature.length !== 64 || publicKey.length !== 33) return false;
  if (BigInt(`0x${Buffer.from(signature.subarray(32)).toString('hex')}`) > HALF_N) return false;
  const key = createPublicKey({ key: Buffer.concat([SPKI_SECP256K1_COMPRESSED, publicKey]), format: 'der', type: 'spki' });
  return nodeVerify('sha256', message, { key, dsaEncoding: 'ieee-p1363' }, signature);
}

export const publicKeyOfPrivate = (privateKey: Uint8Array): Buffer => Buffer.from(secp.getPublicKey(privateKey, true));

/** A vector file of test/vectors/spec (format: docs/spec/README.md "Vectors"). */
export interface VectorFile {
  structure: string;
  title: string;
  spec: string;
  tag: string | null;
  layout: string;
  keys: Record<string, { seed?: string; privateKey: string; publicKey: string }>;
  valid: VectorCase[];
  invalid: InvalidCase[];
}

export interface VectorCase {
  name: string;
  fields: Record<string, unknown>;
  bytes: string;
  hash?: string;
  signer?: string;
  signingInput?: string;
  signature?: string;
  [extra: string]: unknown;
}

export interface InvalidCase {
  name: string;
  reason: string;
  why: string;
  [data: string]: unknown;
}

export function loadVectorFiles(dir = VECTOR_DIR): VectorFile[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.json'))
    .sort()
    .map((f) => {
      const v = JSON.parse(readFileSync(join(dir, f), 'utf8')) as VectorFile;
      if (`${v.structure}.json` !== f) throw new Error(`${dir}/${f}: structure is "${v.structure}"; the file must be named after it`);
      return v;
    });
}
