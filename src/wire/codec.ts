/**
 * Typed protobuf encode/decode of courtbridge.v1 messages for NATS payloads (DESIGN.md
 * "Transport": queries, announcements and action bodies are protobuf; envelopes wrap them in
 * src/bus/envelope.ts's fixed layout).
 *
 * The schema is read from proto/ on first use, never on import (STYLE.md 9). Input is checked
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
import { findProtoDir, LOAD_OPTIONS, PROTO_PACKAGE, protoFiles } from './schema.js';

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

/**
 * The resolved courtbridge.v1 schema, loaded once on first call.
 * @param protoDir directory holding `courtbridge/v1/*.proto`; found by walking up when omitted
 */
export function wireRoot(protoDir?: string): protobuf.Root {
  if (cachedRoot !== undefined && protoDir === undefined) return cachedRoot;
  const dir = protoDir ?? findProtoDir();
  const root = new protobuf.Root();
  root.resolvePath = (_origin: string, target: string) => (target.startsWith('/') ? target : `${dir}/${target}`);
  root.loadSync(protoFiles(dir), { keepCase: LOAD_OPTIONS.keepCase });
  root.resolveAll();
  if (protoDir === undefined) cachedRoot = root;
  return root;
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
function scanWire(type: protobuf.Type, buf: Uint8Array, start: number, end: number, path: string): void {
  const malformed = (what: string, at: number) =>
    reject('malformed_message', `${path}: not a valid protobuf encoding (${what} at byte ${at})`, type.fullName);
  const varint = (at: number): { value: number; next: number } => {
    let value = 0;
    let scale = 1;
    for (let i = 0; i < 10; i++) {
      if (at + i >= end) throw malformed('truncated varint', at);
      const b = buf[at + i] as number;
      value += (b & 0x7f) * scale;
      scale *= 128;
      if ((b & 0x80) === 0) return { value, next: at + i + 1 };
    }
    throw malformed('varint longer than 10 bytes', at);
  };
  let pos = start;
  while (pos < end) {
    const tag = varint(pos);
    const fieldNumber = Math.floor(tag.value / 8);
    const wireType = tag.value % 8;
    if (fieldNumber === 0 || fieldNumber > 0x1fffffff) throw malformed(`field number ${fieldNumber}`, pos);
    pos = tag.next;
    switch (wireType) {
      case 0:
        pos = varint(pos).next;
        break;
      case 1:
      case 5:
        pos += wireType === 1 ? 8 : 4;
        if (pos > end) throw malformed('truncated fixed-width field', pos);
        break;
      case 2: {
        const length = varint(pos);
        if (length.value > end - length.next) throw malformed('length beyond the end', pos);
        const field = type.fieldsById[fieldNumber];
        if (field !== undefined && field.resolvedType instanceof protobuf.Type) {
          scanWire(field.resolvedType, buf, length.next, length.next + length.value, `${path}.${field.name}`);
        }
        pos = length.next + length.value;
        break;
      }
      default:
        // 3 and 4 are proto2 groups (none in proto3), 6 and 7 do not exist.
        throw malformed(`wire type ${wireType}`, pos);
    }
  }
}

/**
 * Checks what protobufjs lets through silently: on decode, a 64-bit value >= 2^53 (toObject
 * would round it) and an enum number not in the schema (toObject would leave a number where
 * the types promise a name); on encode, the same for the caller's values, and sub-messages
 * that are not objects.
 */
function walk(type: protobuf.Type, object: Record<string, unknown>, path: string, mode: 'encode' | 'decode'): void {
  for (const field of type.fieldsArray) {
    const value = object[field.name];
    if (value === undefined || value === null) continue;
    if (field.repeated && !Array.isArray(value)) {
      throw reject('invalid_field', `${path}.${field.name}: expected an array`, type.fullName);
    }
    const items: unknown[] = field.repeated ? (value as unknown[]) : [value];
    items.forEach((item, i) => {
      const at = field.repeated ? `${path}.${field.name}[${i}]` : `${path}.${field.name}`;
      const resolved = field.resolvedType;
      if (resolved instanceof protobuf.Type) {
        if (typeof item !== 'object' || item === null || item instanceof Uint8Array) {
          throw reject('invalid_field', `${at}: expected a ${resolved.name} object`, type.fullName);
        }
        walk(resolved, item as Record<string, unknown>, at, mode);
      } else if (resolved instanceof protobuf.Enum) {
        checkEnum(resolved, item, at, mode, type);
      } else if (LONG_TYPES.has(field.type)) {
        checkLong(field.type, item, at, type);
      } else if (field.type === 'bytes' && mode === 'encode' && !(item instanceof Uint8Array) && typeof item !== 'string') {
        throw reject('invalid_field', `${at}: expected bytes (Uint8Array or base64 string)`, type.fullName);
      }
    });
  }
}

// `owner` rather than its fullName: that getter walks the namespace chain, and was evaluated for
// every 64-bit and enum field of every message on the query hot path, though needed only to reject.
function checkEnum(e: protobuf.Enum, item: unknown, at: string, mode: 'encode' | 'decode', owner: protobuf.Type): void {
  const known =
    typeof item === 'string'
      ? Object.prototype.hasOwnProperty.call(e.values, item)
      : mode === 'encode' && typeof item === 'number' && e.valuesById[item] !== undefined;
  if (!known) {
    throw reject('unknown_enum_value', `${at}: ${String(item)} is not a ${e.name} value`, owner.fullName);
  }
}

function checkLong(scalar: string, item: unknown, at: string, owner: protobuf.Type): void {
  // Strings and Long objects carry exact values; only a JavaScript number can be imprecise.
  if (typeof item !== 'number') return;
  if (!Number.isSafeInteger(item) || (UNSIGNED_LONG_TYPES.has(scalar) && item < 0)) {
    throw reject('unsafe_integer', `${at}: ${item} is not an exact ${scalar} (must be an integer below 2^53)`, owner.fullName);
  }
}
