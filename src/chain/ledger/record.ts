/**
 * Records on a dev-ledger chain: canonical JSON objects with a `type` and a `schema` version
 *, read field by field with every field checked where it enters (STYLE.md 8, after
 * noble's `abytes(value, length, title)`: each failure names the field).
 *
 * Contracts use `Fields` to parse tx bodies and stored values, `readRecord` / `recordWrite` to
 * move records in and out of the state, and the cents helpers for money (integer cents as
 * decimal strings, computed with bigint: never a float).
 */
import type { StateView, StateWrite } from './contract.js';
import { decodeCanonicalObject, encodeCanonical, type CanonicalObject, type CanonicalValue } from '../../encoding/canonical-json.js';
import { CourtbridgeError, ErrorCode, type Reason } from '../../errors.js';
import { PERSONAL_HASH_PATTERN } from '../../privacy/keyed-hash.js';

/** A refusal of malformed input: INVALID_ARGUMENT with reason `invalid_record`. */
export function invalidRecord(path: string, message: string): CourtbridgeError {
  return new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_record', `${path}: ${message}`);
}

/** A refusal by a business rule: FAILED_PRECONDITION (or another code) with a named reason. */
export function refuse(
  reason: Reason,
  message: string,
  code: (typeof ErrorCode)[keyof typeof ErrorCode] = ErrorCode.FailedPrecondition,
): CourtbridgeError {
  return new CourtbridgeError(code, reason, message);
}

/** Identifiers that become part of a state key: no `/` (it separates key segments), no controls. */
const ID_PATTERN = /^[^/\u0000-\u001f\u007f]{1,128}$/u;
const DID_PATTERN = /^did:[a-z0-9]+:[A-Za-z0-9._:%-]{1,200}$/;
const CENTS_PATTERN = /^(0|[1-9][0-9]{0,17})$/;
const HEX64_PATTERN = /^[0-9a-f]{64}$/;

/** Integer cents from a decimal string (at most 18 digits, so sums stay far from any limit). */
export function parseCents(value: unknown, path: string): bigint {
  if (typeof value !== 'string' || !CENTS_PATTERN.test(value))
    throw invalidRecord(path, 'expected integer cents as a decimal string without sign or leading zeros');
  return BigInt(value);
}

/** Decimal string of non-negative integer cents (refuses a negative result: never below zero). */
export function centsString(value: bigint, path = 'amountCents'): string {
  if (value < 0n) throw refuse('negative_amount', `${path} would be negative (${value})`);
  return value.toString();
}

/** Reads the fields of one object; `done()` refuses any field that was not read. */
export class Fields {
  private readonly seen = new Set<string>();
  constructor(
    readonly value: CanonicalObject,
    readonly path: string,
  ) {}

  /** Wrap an unknown value that must be an object. */
  static of(value: unknown, path: string): Fields {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) throw invalidRecord(path, 'expected an object');
    return new Fields(value as CanonicalObject, path);
  }

  has(name: string): boolean {
    return Object.hasOwn(this.value, name);
  }

  raw(name: string): CanonicalValue | undefined {
    this.seen.add(name);
    return this.has(name) ? this.value[name] : undefined;
  }

  private need(name: string): CanonicalValue {
    const v = this.raw(name);
    if (v === undefined) throw invalidRecord(`${this.path}.${name}`, 'is required');
    return v;
  }

  str(name: string, opts: { max?: number; pattern?: RegExp; min?: number } = {}): string {
    const v = this.need(name);
    const p = `${this.path}.${name}`;
    if (typeof v !== 'string') throw invalidRecord(p, 'expected a string');
    if (v.length < (opts.min ?? 1) || v.length > (opts.max ?? 1000))
      throw invalidRecord(p, `expected ${opts.min ?? 1} to ${opts.max ?? 1000} characters`);
    if (opts.pattern && !opts.pattern.test(v)) throw invalidRecord(p, `does not match ${opts.pattern}`);
    return v;
  }

  optStr(name: string, opts: { max?: number; pattern?: RegExp } = {}): string | undefined {
    return this.has(name) ? this.str(name, opts) : undefined;
  }

  /** An identifier used inside a state key. */
  id(name: string): string {
    return this.str(name, { pattern: ID_PATTERN, max: 128 });
  }

  did(name: string): string {
    return this.str(name, { pattern: DID_PATTERN, max: 256 });
  }

  /** A keyed personal hash (src/privacy/keyed-hash.ts): never a clear identifier. */
  personHash(name: string): string {
    return this.str(name, { pattern: PERSONAL_HASH_PATTERN, max: 64 });
  }

  hex32(name: string): string {
    return this.str(name, { pattern: HEX64_PATTERN, max: 64 });
  }

  int(name: string, opts: { min?: number; max?: number } = {}): number {
    const v = this.need(name);
    const p = `${this.path}.${name}`;
    if (typeof v !== 'number' || !Number.isSafeInteger(v)) throw invalidRecord(p, 'expected an integer');
    if (v < (opts.min ?? 0) || v > (opts.max ?? Number.MAX_SAFE_INTEGER))
      throw invalidRecord(p, `expected ${opts.min ?? 0} to ${opts.max ?? Number.MAX_SAFE_INTEGER}`);
    return v;
  }

  /** Integer cents as a decimal string, returned as the (validated) string. */
  cents(name: string): string {
    const v = this.need(name);
    parseCents(v, `${this.path}.${name}`);
    return v as string;
  }

  oneOf<T extends string>(name: string, values: readonly T[]): T {
    const v = this.need(name);
    if (typeof v !== 'string' || !(values as readonly string[]).includes(v))
      throw invalidRecord(`${this.path}.${name}`, `expected one of ${values.join(', ')}`);
    return v as T;
  }

  literal<T extends string | number>(name: string, expected: T): T {
    const v = this.need(name);
    if (v !== expected) throw invalidRecord(`${this.path}.${name}`, `expected ${JSON.stringify(expected)}`);
    return expected;
  }

  array<T>(name: string, item: (value: CanonicalValue, path: string) => T, opts: { min?: number; max?: number } = {}): T[] {
    const v = this.need(name);
    const p = `${this.path}.${name}`;
    if (!Array.isArray(v)) throw invalidRecord(p, 'expected an array');
    const arr = v as readonly CanonicalValue[];
    if (arr.length < (opts.min ?? 0) || arr.length > (opts.max ?? 1000))
      throw invalidRecord(p, `expected ${opts.min ?? 0} to ${opts.max ?? 1000} items`);
    return arr.map((x, i) => item(x, `${p}[${i}]`));
  }

  object(name: string): Fields {
    return Fields.of(this.need(name), `${this.path}.${name}`);
  }

  /** A nested object read with `read`, refusing any field `read` did not ask for. */
  nested<T>(name: string, read: (g: Fields) => T): T {
    const g = this.object(name);
    const out = read(g);
    g.done();
    return out;
  }

  /** Refuse fields this reader did not ask for (a typo or an unknown schema extension). */
  done(): void {
    for (const k of Object.keys(this.value)) {
      if (!this.seen.has(k)) throw invalidRecord(`${this.path}.${k}`, 'unknown field');
    }
  }
}

/** Item reader for arrays of strings. */
export const stringItem =
  (opts: { max?: number; pattern?: RegExp } = {}) =>
  (v: CanonicalValue, path: string): string => {
    if (typeof v !== 'string' || v.length === 0 || v.length > (opts.max ?? 1000) || (opts.pattern && !opts.pattern.test(v)))
      throw invalidRecord(path, 'expected a non-empty string of the right form');
    return v;
  };

/** Item reader for arrays of objects, parsed by `parse`. */
export const objectItem =
  <T>(parse: (f: Fields) => T) =>
  (v: CanonicalValue, path: string): T => {
    const f = Fields.of(v, path);
    const out = parse(f);
    f.done();
    return out;
  };

/** Item reader for arrays of whole records (each with its own `type` and `schema`). */
export const typedItem =
  <T>(type: string, schema: number, parse: (f: Fields) => T) =>
  (v: CanonicalValue, path: string): T => {
    const f = Fields.of(v, path);
    f.literal('type', type);
    f.literal('schema', schema);
    const out = parse(f);
    f.done();
    return out;
  };

/** Parse a canonical JSON body or value as an object with the given `type` and `schema`. */
export function readTyped<T>(bytes: Uint8Array, path: string, type: string, schema: number, parse: (f: Fields) => T): T {
  const f = new Fields(decodeCanonicalObject(bytes, path), path);
  f.literal('type', type);
  f.literal('schema', schema);
  const out = parse(f);
  f.done();
  return out;
}

/** The stored record at `key`, parsed, or `undefined` when the key is absent. */
export function readRecord<T>(state: StateView, key: string, type: string, schema: number, parse: (f: Fields) => T): T | undefined {
  const bytes = state.get(key);
  return bytes === undefined ? undefined : readTyped(bytes, key, type, schema, parse);
}

/** The stored record at `key`, or `unknown_record` (NOT_FOUND). */
export function mustRecord<T>(state: StateView, key: string, type: string, schema: number, parse: (f: Fields) => T): T {
  const r = readRecord(state, key, type, schema, parse);
  if (r === undefined) throw refuse('unknown_record', `${key} does not exist`, ErrorCode.NotFound);
  return r;
}

/** A state write of a record as canonical JSON, with its index entries. */
export function recordWrite(key: string, value: object, index: { name: string; value: string }[] = []): StateWrite {
  return index.length > 0 ? { key, value: encodeCanonical(value, key), index } : { key, value: encodeCanonical(value, key) };
}
