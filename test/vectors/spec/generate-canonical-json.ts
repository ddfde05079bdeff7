import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../../../src/crypto/hash.js';
import { toHex, utf8 } from '../../../src/encoding/bytes.js';
import { decodeCanonical, encodeCanonical, MAX_CANONICAL_DEPTH } from '../../../src/encoding/canonical-json.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import { writeVector } from './vector-kit.js';

const _here = dirname(fileURLToPath(import.meta.url));

/** `n` arrays nested, the innermost holding `inner` (or empty). */
const nested = (n: number, inner?: unknown): unknown => {
  let v: unknown = inner === undefined ? [] : [inner];
  for (let i = 1; i < n; i++) v = [v];
  return v;
};

const validValues: { name: string; value: unknown }[] = [
  {
    name: 'nested objects and arrays: keys sorted at every level, no whitespace',
    value: { z: [3, { y: true, b: null }], a: { d: 'x', c: [] }, m: {} },
  },
  {
    name: 'keys sorted by UTF-16 code units: U+1F600 (surrogates D83D DE00) before U+FFFF and U+E000, though its code point is larger',
    value: {
      '\uffff': 'high BMP',
      '\ud83d\ude00': 'astral',
      '\ue000': 'private use',
      a: 'ascii',
      Z: 'upper before lower',
      '': 'empty key first',
      张: 'CJK',
    },
  },
  {
    name: 'string escapes exactly as ECMAScript JSON.stringify',
    value: {
      controls: '\u0000\u0001\b\t\n\u000b\f\r\u001f',
      quoteBackslash: 'say "hi" \\ bye',
      notEscaped: '/ \u007f \u2028 \u2029 é 中 😀',
      loneSurrogate: '\ud800',
    },
  },
  {
    name: 'integers: the largest and smallest safe integers, zero, a negative',
    value: [9007199254740991, -9007199254740991, 0, -1, 1700000000000],
  },
  {
    name: 'a record value: money as a decimal string of cents, times as integer ms',
    value: { type: 'account', schema: 1, balanceCents: '12000000', frozenCents: '0', openedAtMs: 1700000000000, bank: '中国工商银行' },
  },
  { name: 'a top-level scalar string', value: 'x' },
  {
    name: `the deepest nesting accepted: ${MAX_CANONICAL_DEPTH + 1} empty arrays (the innermost at depth ${MAX_CANONICAL_DEPTH})`,
    value: nested(MAX_CANONICAL_DEPTH + 1),
  },
];

const invalidTexts: { name: string; why: string; bytes: Uint8Array }[] = [
  { name: 'whitespace after a colon', why: 'canonical JSON has no whitespace outside strings', bytes: utf8('{"a": 1}') },
  { name: 'trailing newline', why: 'a newline after the value is whitespace', bytes: utf8('{"a":1}\n') },
  { name: 'unsorted keys', why: 'keys must be in ascending UTF-16 code unit order', bytes: utf8('{"b":1,"a":2}') },
  {
    name: 'keys in code-point order instead of UTF-16 order',
    why: 'U+FFFF sorts after U+1F600 (surrogate D83D) in UTF-16 order',
    bytes: utf8('{"\uffff":1,"\ud83d\ude00":2}'),
  },
  { name: 'duplicate key', why: 'a key may appear once', bytes: utf8('{"a":1,"a":1}') },
  { name: 'fraction 1.0', why: 'numbers are integers written without a fraction', bytes: utf8('{"a":1.0}') },
  { name: 'exponent 1e3', why: 'numbers are written without an exponent', bytes: utf8('{"a":1e3}') },
  { name: 'negative zero', why: '-0 is not canonical (0 is)', bytes: utf8('{"a":-0}') },
  { name: 'a non-integer', why: 'only integers are allowed', bytes: utf8('[0.5]') },
  { name: 'unsafe integer 2^53', why: 'integers must lie within ±(2^53 − 1)', bytes: utf8('[9007199254740992]') },
  { name: 'escaped solidus', why: 'JSON.stringify writes / literally, never \\/', bytes: utf8('["\\/"]') },
  { name: 'needless \\u escape', why: 'A must be written literally, not \\u0041', bytes: utf8('["\\u0041"]') },
  { name: 'uppercase hex in an escape', why: 'a lone surrogate is escaped with lowercase hex (\\ud800)', bytes: utf8('["\\uD800"]') },
  { name: 'control character escaped as \\u0009', why: 'a tab is written \\t', bytes: utf8('["\\u0009"]') },
  {
    name: 'raw control character in a string',
    why: 'U+0001 must be escaped as \\u0001 (and raw it is not JSON)',
    bytes: Uint8Array.of(0x22, 0x01, 0x22),
  },
  { name: 'U+2028 escaped', why: 'JSON.stringify writes U+2028 as its UTF-8 bytes, never \\u2028', bytes: utf8('["\\u2028"]') },
  { name: 'invalid UTF-8', why: 'the byte 0xff never occurs in UTF-8', bytes: Uint8Array.of(0x5b, 0x22, 0xff, 0x22, 0x5d) },
  {
    name: 'UTF-8 encoded surrogate',
    why: 'ED A0 80 (a surrogate written as UTF-8) is not valid UTF-8; a lone surrogate is written as the escape \\ud800',
    bytes: Uint8Array.of(0x22, 0xed, 0xa0, 0x80, 0x22),
  },
  { name: 'overlong UTF-8', why: 'C0 AF is an overlong form of "/", not valid UTF-8', bytes: Uint8Array.of(0x22, 0xc0, 0xaf, 0x22) },
  {
    name: 'byte-order mark',
    why: 'a UTF-8 BOM (EF BB BF) before the value is not part of canonical JSON',
    bytes: Uint8Array.of(0xef, 0xbb, 0xbf, 0x7b, 0x7d),
  },
  {
    name: `nested too deep: a scalar at depth ${MAX_CANONICAL_DEPTH + 1}`,
    why: `no value may sit inside more than ${MAX_CANONICAL_DEPTH} arrays or objects`,
    bytes: utf8(JSON.stringify(nested(MAX_CANONICAL_DEPTH + 1, 0))),
  },
  {
    name: `nested too deep: ${MAX_CANONICAL_DEPTH + 2} empty arrays`,
    why: `the innermost array sits at depth ${MAX_CANONICAL_DEPTH + 1}`,
    bytes: utf8(JSON.stringify(nested(MAX_CANONICAL_DEPTH + 2))),
  },
  { name: 'not JSON', why: 'a bare word is not a JSON value', bytes: utf8('tru') },
  { name: 'empty input', why: 'no bytes are no JSON value', bytes: new Uint8Array(0) },
];

function reasonOf(bytes: Uint8Array): string {
  try {
    decodeCanonical(bytes);
    return 'ok';
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
}

const file = {
  structure: 'canonical-json',
  title: 'Canonical JSON: the one byte form of every JSON value (record values, tx bodies, signed JSON)',
  spec: 'docs/spec/canonical-json.md',
  tag: null,
  layout: 'canonical-json',
  keys: {},
  valid: validValues.map(({ name, value }) => {
    const bytes = encodeCanonical(value);
    if (reasonOf(bytes) !== 'ok') throw new Error(`${name}: the product refuses its own encoding`);
    return { name, fields: { value }, bytes: toHex(bytes), hash: toHex(sha256(bytes)) };
  }),
  invalid: invalidTexts.map(({ name, why, bytes }) => {
    const reason = reasonOf(bytes);
    if (reason === 'ok') throw new Error(`${name}: the product accepts it`);
    return { name, reason, why, bytes: toHex(bytes) };
  }),
};

writeVector('canonical-json', file);
process.stderr.write(`wrote canonical-json.json: ${file.valid.length} valid, ${file.invalid.length} invalid\n`);
