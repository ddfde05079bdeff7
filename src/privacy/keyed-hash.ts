/**
 * Keyed hashes of personal identifiers (DESIGN.md "Conventions": ID-card numbers, names and
 * phone numbers never go on a chain or over the wire in clear; PIPL art. 51 "de-identification").
 *
 * `personalIdHash(salt, kind, value)` =
 *   hex(HMAC-SHA256(salt, utf8("courtbridge/v1/personal-id/" + kind) || 0x00 || utf8(normalise(kind, value))))
 *
 * The salt is alliance-wide and secret, so a hash cannot be reversed by enumerating the (small)
 * space of ID numbers; the `kind` prefix separates domains, so a name never collides with an ID
 * number that happens to be spelled alike. Normalisation makes the same person hash alike
 * whichever agency typed the identifier.
 */
import { concatBytes, toHex, utf8 } from '../encoding/bytes.js';
import { hmacSha256 } from '../crypto/hash.js';
import { CourtbridgeError, ErrorCode } from '../errors.js';

/** What an identifier is. */
export type PersonalIdKind = 'id-card' | 'passport' | 'name' | 'phone';
export const PERSONAL_ID_KINDS: readonly PersonalIdKind[] = ['id-card', 'passport', 'name', 'phone'];

/** A salt shorter than this could be brute-forced together with the identifier space. */
export const MIN_SALT_BYTES = 16;

/** 64 lowercase hex characters: the shape every `*Hash` field on a chain must have. */
export const PERSONAL_HASH_PATTERN = /^[0-9a-f]{64}$/;

function invalidId(kind: string, message: string): CourtbridgeError {
  return new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_personal_id', `${kind}: ${message}`);
}

/**
 * Normalise an identifier before hashing:
 * - `id-card`: trim, uppercase (the check character `x` -> `X`); 18 characters (17 digits then a
 *   digit or X, GB 11643-1999) or the 15-digit legacy form. The check digit is not enforced:
 *   registries hold legacy and mistyped numbers that must still match themselves.
 * - `passport`: trim, uppercase, 5 to 20 letters/digits.
 * - `name`: Unicode NFC, trim, inner whitespace runs collapsed to one space.
 * - `phone`: spaces, hyphens and parentheses removed, a `+86` / `0086` country prefix removed.
 */
export function normalisePersonalId(kind: PersonalIdKind, value: string): string {
  if (typeof value !== 'string') throw invalidId(kind, 'expected a string');
  switch (kind) {
    case 'id-card': {
      const v = value.trim().toUpperCase();
      if (!/^(\d{17}[\dX]|\d{15})$/.test(v)) throw invalidId(kind, 'expected 18 characters (17 digits and a digit or X) or 15 digits');
      return v;
    }
    case 'passport': {
      const v = value.trim().toUpperCase();
      if (!/^[A-Z0-9]{5,20}$/.test(v)) throw invalidId(kind, 'expected 5 to 20 letters or digits');
      return v;
    }
    case 'name': {
      const v = value.normalize('NFC').trim().replace(/\s+/g, ' ');
      if (v.length === 0 || v.length > 200) throw invalidId(kind, 'expected 1 to 200 characters');
      return v;
    }
    case 'phone': {
      const v = value.replace(/[\s\-()]/g, '').replace(/^(\+86|0086)/, '');
      if (!/^\+?\d{5,20}$/.test(v)) throw invalidId(kind, 'expected 5 to 20 digits');
      return v;
    }
    default:
      throw invalidId(String(kind), `unknown kind (expected one of ${PERSONAL_ID_KINDS.join(', ')})`);
  }
}

/**
 * The keyed hash of a personal identifier, as 64 lowercase hex characters.
 * @example personalIdHash(salt, 'id-card', ' 11010119900307777x ') === personalIdHash(salt, 'id-card', '11010119900307777X')
 */
export function personalIdHash(salt: Uint8Array, kind: PersonalIdKind, value: string): string {
  if (!(salt instanceof Uint8Array) || salt.length < MIN_SALT_BYTES) {
    throw new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_salt', `salt: expected at least ${MIN_SALT_BYTES} bytes`);
  }
  const normalised = normalisePersonalId(kind, value);
  const data = concatBytes(utf8(`courtbridge/v1/personal-id/${kind}`), Uint8Array.of(0), utf8(normalised));
  return toHex(hmacSha256(salt, data));
}

/** Is `value` shaped like a personal hash (never a clear identifier)? */
export function isPersonalHash(value: unknown): value is string {
  return typeof value === 'string' && PERSONAL_HASH_PATTERN.test(value);
}
