/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015) as the market chain accepts them:
 * the shared pattern (adapters/notary/enterprise-schema.ts `USCC_PATTERN`), a valid check character
 * (GB 32100-2015 §4.3: weights 3^i mod 31 over the 31-character alphabet), and never a string that
 * reads as a resident ID number (GB 11643-1999, 17 digits and a check character): an enterprise
 * holder's id is printed whole, so a person's ID number in clear must not pass as one.
 */
import { USCC_PATTERN } from '../notary/enterprise-schema.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ID_WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const ID_CHECK = '10X98765432';

/** The check character of the first 17 characters of a USCC. */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += ALPHABET.indexOf(first17[i]!) * WEIGHTS[i]!;
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** Whether `s` is a GB 11643 resident ID number (its check character holds). */
export function isResidentIdNumber(s: string): boolean {
  if (!/^[0-9]{17}[0-9X]$/.test(s)) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(s[i]) * ID_WEIGHTS[i]!;
  return ID_CHECK[sum % 11] === s[17];
}

/** A USCC with a valid check character that does not read as a resident ID number. */
export function isUscc(s: string): boolean {
  return USCC_PATTERN.test(s) && usccCheckChar(s.slice(0, 17)) === s[17] && !isResidentIdNumber(s);
}

/** A party's id: a keyed person hash (64 lowercase hex) or a USCC. */
export function isPartyId(s: string): boolean {
  return /^[0-9a-f]{64}$/.test(s) || isUscc(s);
}
