/**
 * Typed protobuf encode/decode of courtbridge.v1 messages for NATS payloads (DESIGN.md
 * "Transport": queries, announcements and action bodies are protobuf; envelopes wrap them in
 * src/bus/envelope.ts's fixed layout).
 *
 * The schema is built from the embedded descriptor (schema.ts) on first use, never on import (STYLE.md 9). Input is checked
 * where it enters (STYLE.md 8): bytes that do not parse, an enum number the schema does not
 * know, or a 64-bit integer that would not survive as a JavaScript number are rejected with
 * INVALID_ARGUMENT and a named reason instead of being passed on half-read.
 *
 * @example
 * const bytes = encodeMessage('QueryRequest', { requestId: 'r1', chainId: 'credit', key: 'k', height: 7 });
 * const req = decodeMessage('QueryRequest', bytes); // req.height === 7
 */
import protobuf from 'protobufjs';

import { CourtbridgeError, ErrorCode } from '../errors.js';
import type { MessageInput, MessageName, MessageOutput } from './messages.js';
import { embeddedRoot, LOAD_OPTIONS, plainNumbersForLongs, PROTO_PACKAGE } from './schema.js';

/** Why the codec refused a message. */
export type CodecRejection =
  | 'unknown_message_type'
  | 'invalid_bytes'
  | 'malformed_message'
  | 'unsafe_integer'
  | 'unknown_enum_value'
  | 'invalid_field';

/** Scalar types that are 64 bits on the wire and numbers in JavaScript (schema.ts LOAD_OPTIONS). */
const LONG_TYPES: ReadonlySet<string> = new Set(['uint64', 'int64', 'sint64', 'fixed64', 'sfixed64']);
const UNSIGNED_LONG_TYPES: ReadonlySet<string> = new Set(['uint64', 'fixed64']);

let cachedRoot: protobuf.Root | undefined;

/** The resolved courtbridge.v1 schema, built once on first call from the embedded descriptor. */
export function wireRoot(): protobuf.Root {
  if (cachedRoot !== undefined) return cachedRoot;
  plainNumbersForLongs();
  cachedRoot = embeddedRoot();
  return cachedRoot;
}

function reject(reason: CodecRejection, message: string, type: string, cause?: unknown): CourtbridgeError {
  return new CourtbridgeError(ErrorCode.InvalidArgument, reason, message, {
    cause,
    details: { type },
  });
}

/** The protobufjs type for a short message name, checked against the schema. */
/** Resolved types by short name: a namespace lookup per encode showed up on the query hot path. */
const typeCache = new Map<string, protobuf.Type>();

export function messageType(name: string): protobuf.Type {
  const cached = typeCache.get(name);
  if (cached !== undefined) return cached;
  if (typeof name !== 'string' || name.length === 0) {
    throw reject('unknown_message_type', 'message name: expected a non-empty string', String(name));
  }
  const found = wireRoot().lookup(`${PROTO_PACKAGE}.${name}`);
  if (!(found instanceof protobuf.Type)) {
    throw reject('unknown_message_type', `${PROTO_PACKAGE}.${name} is not a message of the schema`, name);
  }
  typeCache.set(name, found);
  return found;
}

/** Is `name` the short name of a courtbridge.v1 message? (For type names read off the wire.) */
export function isMessageName(name: string): name is MessageName {
  try {
    messageType(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * Encodes `message` as protobuf bytes. 64-bit numbers must be non-negative safe integers for
 * unsigned fields (a larger number has already lost precision); enum names must exist.
 * @throws CourtbridgeError INVALID_ARGUMENT `unknown_message_type` | `invalid_field` | `unsafe_integer` | `unknown_enum_value`
 */
export function encodeMessage<N extends MessageName>(name: N, message: MessageInput<N>): Uint8Array {
  const type = messageType(name);
  if (typeof message !== 'object' || message === null) {
    throw reject('invalid_field', `${name}: expected an object`, name);
  }
  walk(type, message as Record<string, unknown>, name, 'encode');
  let created: protobuf.Message;
  try {
    created = type.fromObject(message as Record<string, unknown>);
  } catch (cause) {
    throw reject('invalid_field', `${name}: ${(cause as Error).message}`, name, cause);
  }
  return type.encode(created).finish();
}

/**
 * Decodes protobuf `bytes` as message `name`, with defaults filled in.
 * @throws CourtbridgeError INVALID_ARGUMENT `invalid_bytes` | `malformed_message` | `unsafe_integer` | `unknown_enum_value`
 */
export function decodeMessage<N extends MessageName>(name: N, bytes: Uint8Array): MessageOutput<N> {
  const type = messageType(name);
  if (!(bytes instanceof Uint8Array)) {
    throw reject('invalid_bytes', `${name}: bytes must be a Uint8Array`, name);
  }
  scanWire(type, bytes, 0, bytes.length, name);
  let decoded: protobuf.Message;
  try {
    decoded = type.decode(bytes);
  } catch (cause) {
    throw reject('malformed_message', `${name}: not a valid protobuf encoding (${(cause as Error).message})`, name, cause);
  }
  const object = type.toObject(decoded, LOAD_OPTIONS) as Record<string, unknown>;
  walk(type, object, name, 'decode');
  return object as MessageOutput<N>;
}

/**
 * Structural pre-scan of the protobuf wire format (protobuf encoding spec: tags, varints of at
 * most 10 bytes, fixed32/64, length-delimited fields), recursing into sub-messages. It exists
 * because protobufjs's fast path for 64-bit varints reads past the end of its buffer (or of a
 * sub-message) without a bounds check, so `28 ff ff ff` decodes as a height instead of failing.
 */
function scanWire(type: protobuf.Type, buf: Uint8Array, start: number, end: number, path: FieldPath | string): void {
  let pos = start;
  while (pos < end) {
    const tag = readVarint(buf, pos, end);
    if (tag < 0) throw malformed(type, path, tag === TRUNCATED ? 'truncated varint' : 'varint longer than 10 bytes', pos);
    const fieldNumber = Math.floor(tag / 8);
    const wireType = tag % 8;
    if (fieldNumber === 0 || fieldNumber > 0x1fffffff) throw malformed(type, path, `field number ${fieldNumber}`, pos);
    pos = varintEnd;
    switch (wireType) {
      case 0: {
        const v = readVarint(buf, pos, end);
        if (v < 0) throw malformed(type, path, v === TRUNCATED ? 'truncated varint' : 'varint longer than 10 bytes', pos);
        pos = varintEnd;
        break;
      }
      case 1:
      case 5:
        pos += wireType === 1 ? 8 : 4;
        if (pos > end) throw malformed(type, path, 'truncated fixed-width field', pos);
        break;
      case 2: {
        const length = readVarint(buf, pos, end);
        if (length < 0) throw malformed(type, path, length === TRUNCATED ? 'truncated varint' : 'varint longer than 10 bytes', pos);
        const body = varintEnd;
        if (length > end - body) throw malformed(type, path, 'length beyond the end', pos);
        const field = type.fieldsById[fieldNumber];
        if (field !== undefined && field.resolvedType instanceof protobuf.Type) {
          scanWire(field.resolvedType, buf, body, body + length, { up: path, name: field.name, index: -1 });
        }
        pos = body + length;
        break;
      }
      default:
        // 3 and 4 are proto2 groups (none in proto3), 6 and 7 do not exist.
        throw malformed(type, path, `wire type ${wireType}`, pos);
    }
  }
}

/** Why scanWire refused the bytes (a function of its own: no closure per scanned message). */
function malformed(type: protobuf.Type, path: FieldPath | string, what: string, at: number): CourtbridgeError {
  return reject('malformed_message', `${spell(path)}: not a valid protobuf encoding (${what} at byte ${at})`, type.fullName);
}

const TRUNCATED = -1;
const TOO_LONG = -2;
/** Where the varint read last by `readVarint` ends (a module slot: no object per varint). */
let varintEnd = 0;

/** The varint at `at` (an approximate number above 2^53: only lengths and tags are used), or TRUNCATED / TOO_LONG. */
function readVarint(buf: Uint8Array, at: number, end: number): number {
  let value = 0;
  let scale = 1;
  for (let i = 0; i < 10; i++) {
    if (at + i >= end) return TRUNCATED;
    const b = buf[at + i]!;
    value += (b & 0x7f) * scale;
    scale *= 128;
    if ((b & 0x80) === 0) {
      varintEnd = at + i + 1;
      return value;
    }
  }
  return TOO_LONG;
}

/** A field `walk` has to look at, and how (scalars other than these need no check). */
type CheckedField = { name: string; repeated: boolean; scalar: string } & (
  | { kind: 'message'; message: protobuf.Type }
  | { kind: 'enum'; enumType: protobuf.Enum }
  | { kind: 'long' }
  | { kind: 'bytes' }
);

/**
 * Per message type and direction, the fields worth checking: planned once, not per message
 * (query hot path). Bytes need a look only on encode (decoded bytes are bytes).
 */
const plans = { encode: new WeakMap<protobuf.Type, CheckedField[]>(), decode: new WeakMap<protobuf.Type, CheckedField[]>() };

function planOf(type: protobuf.Type, mode: 'encode' | 'decode'): CheckedField[] {
  let plan = plans[mode].get(type);
  if (plan !== undefined) return plan;
  plan = [];
  for (const field of type.fieldsArray) {
    const r = field.resolvedType;
    const base = { name: field.name, repeated: field.repeated, scalar: field.type };
    if (r instanceof protobuf.Type) plan.push({ ...base, kind: 'message', message: r });
    else if (r instanceof protobuf.Enum) plan.push({ ...base, kind: 'enum', enumType: r });
    else if (LONG_TYPES.has(field.type)) plan.push({ ...base, kind: 'long' });
    else if (field.type === 'bytes' && mode === 'encode') plan.push({ ...base, kind: 'bytes' });
  }
  plans[mode].set(type, plan);
  return plan;
}

/** Where a value sits in the message, spelled out only when something is rejected. */
interface FieldPath {
  up: FieldPath | string;
  name: string;
  index: number;
}
const spell = (p: FieldPath | string): string =>
  typeof p === 'string' ? p : `${spell(p.up)}.${p.name}${p.index >= 0 ? `[${p.index}]` : ''}`;

/**
 * Checks what protobufjs lets through silently: on decode, a 64-bit value >= 2^53 (toObject
 * would round it) and an enum number not in the schema (toObject would leave a number where
 * the types promise a name); on encode, the same for the caller's values, and sub-messages
 * that are not objects.
 */
function walk(type: protobuf.Type, object: Record<string, unknown>, path: FieldPath | string, mode: 'encode' | 'decode'): void {
  for (const f of planOf(type, mode)) {
    const value = object[f.name];
    if (value === undefined || value === null) continue;
    if (!f.repeated) {
      checkItem(type, f, value, path, -1, mode);
      continue;
    }
    if (!Array.isArray(value)) {
      throw reject('invalid_field', `${spell(path)}.${f.name}: expected an array`, type.fullName);
    }
    for (let i = 0; i < value.length; i++) checkItem(type, f, value[i], path, i, mode);
  }
}

function checkItem(
  type: protobuf.Type,
  f: CheckedField,
  item: unknown,
  path: FieldPath | string,
  index: number,
  mode: 'encode' | 'decode',
): void {
  switch (f.kind) {
    case 'message':
      if (typeof item !== 'object' || item === null || item instanceof Uint8Array) {
        throw reject('invalid_field', `${spell({ up: path, name: f.name, index })}: expected a ${f.message.name} object`, type.fullName);
      }
      walk(f.message, item as Record<string, unknown>, { up: path, name: f.name, index }, mode);
      return;
    case 'enum':
      if (!knownEnum(f.enumType, item, mode)) {
        throw reject(
          'unknown_enum_value',
          `${spell({ up: path, name: f.name, index })}: ${String(item)} is not a ${f.enumType.name} value`,
          type.fullName,
        );
      }
      return;
    case 'long':
      // Strings and Long objects carry exact values; only a JavaScript number can be imprecise.
      if (typeof item === 'number' && (!Number.isSafeInteger(item) || (UNSIGNED_LONG_TYPES.has(f.scalar) && item < 0))) {
        throw reject(
          'unsafe_integer',
          `${spell({ up: path, name: f.name, index })}: ${item} is not an exact ${f.scalar} (must be an integer below 2^53)`,
          type.fullName,
        );
      }
      return;
    case 'bytes':
      if (mode === 'encode' && !(item instanceof Uint8Array) && typeof item !== 'string') {
        throw reject(
          'invalid_field',
          `${spell({ up: path, name: f.name, index })}: expected bytes (Uint8Array or base64 string)`,
          type.fullName,
        );
      }
  }
}

function knownEnum(e: protobuf.Enum, item: unknown, mode: 'encode' | 'decode'): boolean {
  return typeof item === 'string'
    ? Object.hasOwn(e.values, item)
    : mode === 'encode' && typeof item === 'number' && e.valuesById[item] !== undefined;
}
