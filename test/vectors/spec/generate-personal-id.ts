import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../../../src/crypto/hash.js';
import { concatBytes, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import { normalisePersonalId, personalIdHash, type PersonalIdKind } from '../../../src/privacy/keyed-hash.js';
import { writeVector } from './vector-kit.js';

const _here = dirname(fileURLToPath(import.meta.url));
const SALT = sha256(utf8('courtbridge vector salt'));
const OTHER_SALT = sha256(utf8('courtbridge vector salt 2'));

const valid: { name: string; kind: PersonalIdKind; input: string; salt?: Uint8Array }[] = [
  { name: 'ID card, 18 characters with a correct check digit, already normal', kind: 'id-card', input: '110101199003077774' },
  { name: 'ID card with a lowercase check character x and surrounding spaces', kind: 'id-card', input: ' 11010519850712002x ' },
  { name: 'ID card with an ideographic space (U+3000) and a tab around it', kind: 'id-card', input: '\u3000110105198507120023\t' },
  { name: 'ID card, legacy 15 digits (kept as 15, not expanded to 18)', kind: 'id-card', input: '110105850712002' },
  {
    name: 'ID card whose check digit is wrong (GB 11643 gives 4, not 7): accepted, the check digit is not verified',
    kind: 'id-card',
    input: '110101199003077777',
  },
  { name: 'the same ID card under another salt: another hash', kind: 'id-card', input: '110101199003077777', salt: OTHER_SALT },
  { name: 'passport, lowercase letter uppercased', kind: 'passport', input: ' e12345678 ' },
  { name: 'passport: Unicode full uppercasing turns ß into SS before the shape check', kind: 'passport', input: 'straße1' },
  { name: 'name in Chinese', kind: 'name', input: '张伟' },
  { name: 'name: trimmed, inner whitespace runs (tab, newline, spaces) collapsed to one space', kind: 'name', input: '  Zhang \t\n Wei ' },
  { name: 'name: NFC, e + U+0301 becomes é (U+00E9)', kind: 'name', input: 'Ame\u0301lie Li' },
  { name: 'phone with +86, spaces and hyphens', kind: 'phone', input: '+86 138-0013-8000' },
  { name: 'phone with 0086 and parentheses', kind: 'phone', input: '0086 (10) 8888-6666' },
  { name: 'phone of another country keeps its +', kind: 'phone', input: '+1 (555) 010-9999' },
];

const invalid: { name: string; why: string; kind: string; input: unknown; salt?: Uint8Array }[] = [
  { name: 'salt of 15 bytes', why: 'the salt must be at least 16 bytes', kind: 'name', input: 'Li Na', salt: SALT.subarray(0, 15) },
  {
    name: 'empty salt',
    why: 'the salt must be at least 16 bytes (checked before the identifier)',
    kind: 'id-card',
    input: 'not an id',
    salt: new Uint8Array(0),
  },
  { name: 'unknown kind', why: 'kind must be id-card, passport, name or phone', kind: 'email', input: 'a@example.com' },
  {
    name: 'ID card of 17 digits',
    why: 'an ID card number is 17 digits and a digit or X, or 15 digits',
    kind: 'id-card',
    input: '11010119900307777',
  },
  { name: 'ID card of 16 digits', why: 'neither the 18- nor the 15-character form', kind: 'id-card', input: '1101011990030777' },
  { name: 'ID card with a letter inside', why: 'only the last character may be X', kind: 'id-card', input: '1101011990030A777X' },
  { name: 'legacy ID card ending in X', why: 'the 15-character form is digits only', kind: 'id-card', input: '11010585071200X' },
  { name: 'ID card with an inner space', why: 'spaces are trimmed at the ends only', kind: 'id-card', input: '110101 199003077777' },
  {
    name: 'ID card in full-width digits',
    why: 'digits are ASCII 0-9 only (no width folding)',
    kind: 'id-card',
    input: '１１０１０１１９９００３０７７７７７',
  },
  { name: 'passport of 4 characters', why: 'a passport number is 5 to 20 letters or digits', kind: 'passport', input: 'E123' },
  { name: 'passport with a hyphen', why: 'only A-Z and 0-9 after uppercasing', kind: 'passport', input: 'E-12345678' },
  { name: 'name of spaces only', why: 'a name is 1 to 200 UTF-16 code units after trimming', kind: 'name', input: ' \u3000 ' },
  { name: 'name of 201 characters', why: 'a name is at most 200 UTF-16 code units', kind: 'name', input: 'A'.repeat(201) },
  { name: 'phone with letters', why: 'a phone number is 5 to 20 digits, optionally after +', kind: 'phone', input: '138-CALL-ME' },
  { name: 'phone of 4 digits', why: 'at least 5 digits', kind: 'phone', input: '1234' },
  { name: 'phone with + inside', why: 'a + may only lead the number', kind: 'phone', input: '138+00138000' },
  { name: 'phone of 21 digits', why: 'at most 20 digits', kind: 'phone', input: '123456789012345678901' },
  { name: 'phone that is only the country prefix', why: 'nothing is left after +86 is removed', kind: 'phone', input: '+86' },
];

function reasonOf(salt: Uint8Array, kind: string, input: unknown): string {
  try {
    personalIdHash(salt, kind as PersonalIdKind, input as string);
    return 'ok';
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
}

const file = {
  structure: 'personal-id',
  title: 'Keyed hash of a personal identifier: HMAC-SHA256(alliance salt, domain || 0x00 || normalised identifier)',
  spec: 'docs/spec/personal-id.md',
  tag: null,
  layout: 'personal-id-message',
  keys: {},
  valid: valid.map(({ name, kind, input, salt = SALT }) => {
    const normalised = normalisePersonalId(kind, input);
    const domain = `courtbridge/v1/personal-id/${kind}`;
    const message = concatBytes(utf8(domain), Uint8Array.of(0), utf8(normalised));
    return {
      name,
      kind,
      input,
      fields: { domain, normalised },
      bytes: toHex(message),
      salt: toHex(salt),
      hmac: personalIdHash(salt, kind, input),
    };
  }),
  invalid: invalid.map(({ name, why, kind, input, salt = SALT }) => {
    const reason = reasonOf(salt, kind, input);
    if (reason === 'ok') throw new Error(`${name}: the product accepts it`);
    return { name, reason, why, kind, input, salt: toHex(salt) };
  }),
};

writeVector('personal-id', file);
process.stderr.write(`wrote personal-id.json: ${file.valid.length} valid, ${file.invalid.length} invalid\n`);
