/**
 * Canonical JSON: the byte form of every record value on every chain.
 *
 * Rules (a strict subset of RFC 8785, JSON Canonicalization Scheme):
 * - object keys sorted by UTF-16 code units (RFC 8785 §3.2.3), no duplicate keys;
 * - no whitespace (§3.2.1); strings escaped as ECMAScript `JSON.stringify` does (§3.2.2.2);
 * - numbers are safe integers only (|n| <= 2^53 - 1, no `-0`, no fraction, no exponent):
 *   money never travels as a number, it is integer cents in a decimal string (`"12000000"`),
 *   so no float rounding can make two nodes disagree on a state root;
 * - `undefined`, functions, bigint, NaN and Infinity are refused, never silently dropped;
 * - UTF-8 bytes out.
 * Decoding is strict: the bytes must be exactly the canonical encoding of what they parse to
 * (so a record has one byte form, and one state-root leaf).
 */
import { utf8 } from './bytes.js';
import { CourtbridgeError, ErrorCode } from '../errors.js';

/** A value canonical JSON can carry. */
export type CanonicalValue = string | number | boolean | null | readonly CanonicalValue[] | CanonicalObject;
export interface CanonicalObject {
  readonly [key: string]: CanonicalValue;
}

/**
 * Strict UTF-8 that keeps a leading byte-order mark as U+FEFF (which JSON.parse then refuses):
 * the default decoder drops it, which would give every value a second byte form.
 */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** At most this deep (records are shallow; this bounds recursion on hostile input). */
export const MAX_CANONICAL_DEPTH = 32;

function invalid(title: string, message: string): CourtbridgeError {
  return new CourtbridgeError(ErrorCode.InvalidArgument, 'non_canonical_json', `${title}: ${message}`);
}

/**
 * Where a value sits, spelled only when something is refused (records hold arrays of a thousand
 * claims; building every element's path as a string cost more than encoding it).
 */
type Path = string | { readonly up: Path; readonly key: string | number };

function spell(p: Path): string {
  if (typeof p === 'string') return p;
  return typeof p.key === 'number' ? `${spell(p.up)}[${p.key}]` : `${spell(p.up)}.${p.key}`;
}

function write(value: unknown, path: Path, depth: number): string {
  if (depth > MAX_CANONICAL_DEPTH) throw invalid(spell(path), `nested deeper than ${MAX_CANONICAL_DEPTH}`);
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'number') {
    if (!Number.isSafeInteger(value)) throw invalid(spell(path), `${value} is not a safe integer (amounts go as decimal strings of cents)`);
    if (Object.is(value, -0)) throw invalid(spell(path), '-0 is not canonical');
    return String(value);
  }
  if (Array.isArray(value)) {
    let out = '[';
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out += ',';
      out += write(value[i], { up: path, key: i }, depth + 1);
    }
    return `${out}]`;
  }
  const proto = typeof value === 'object' ? Object.getPrototypeOf(value) : undefined;
  if (proto === Object.prototype || proto === null) {
    const obj = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, as RFC 8785 §3.2.3 requires.
    const keys = Object.keys(obj).sort();
    let out = '{';
    for (let i = 0; i < keys.length; i++) {
      const k = keys[i]!;
      if (i > 0) out += ',';
      out += `${JSON.stringify(k)}:${write(obj[k], { up: path, key: k }, depth + 1)}`;
    }
    return `${out}}`;
  }
  throw invalid(
    spell(path),
    `a ${value === undefined ? 'undefined' : typeof value === 'object' ? 'non-plain object' : typeof value} value has no canonical JSON form`,
  );
}

/**
 * The canonical JSON text of `value`. Throws `non_canonical_json` (INVALID_ARGUMENT) naming the
 * offending path when the value has no canonical form.
 * @example canonicalJson({ b: 1, a: '2' }) === '{"a":"2","b":1}'
 */
export function canonicalJson(value: unknown, title = 'value'): string {
  return write(value, title, 0);
}

/** UTF-8 bytes of `canonicalJson(value)`. */
export function encodeCanonical(value: unknown, title = 'value'): Uint8Array {
  return utf8(canonicalJson(value, title));
}

/**
 * Parse canonical JSON bytes strictly: invalid UTF-8, invalid JSON, whitespace, unsorted or
 * duplicate keys, non-integer numbers and any other non-canonical spelling are refused with
 * `non_canonical_json`.
 */
export function decodeCanonical(bytes: Uint8Array, title = 'value'): CanonicalValue {
  if (!(bytes instanceof Uint8Array)) throw invalid(title, 'expected Uint8Array');
  let text: string;
  let parsed: unknown;
  try {
    text = strictUtf8.decode(bytes);
    parsed = JSON.parse(text);
  } catch (cause) {
    throw new CourtbridgeError(ErrorCode.InvalidArgument, 'non_canonical_json', `${title}: not UTF-8 JSON`, { cause });
  }
  // Re-encoding catches every non-canonical spelling at once (key order, duplicates, whitespace,
  // escapes, 1.0 / 1e3 / -0, unsafe integers): only the canonical bytes round-trip.
  if (canonicalJson(parsed, title) !== text) throw invalid(title, 'bytes are not in canonical form');
  return parsed as CanonicalValue;
}

/** Decode canonical bytes that must hold a JSON object (every record value and tx body is one). */
export function decodeCanonicalObject(bytes: Uint8Array, title = 'value'): CanonicalObject {
  const v = decodeCanonical(bytes, title);
  if (v === null || typeof v !== 'object' || Array.isArray(v)) throw invalid(title, 'expected a JSON object');
  return v as CanonicalObject;
}
