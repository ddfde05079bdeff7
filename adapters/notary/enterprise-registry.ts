/**
 * The enterprise registry's rules for a court's action, over the record database: a freeze of
 * equity (股权冻结) adds its amount to `equityFrozenCents`, never past the registered capital.
 * Refusals (final, never retried): NOT_FOUND `unknown_record` (no such enterprise), INVALID_ARGUMENT
 * `invalid_target` (not a unified social credit code), FAILED_PRECONDITION `not_active` (revoked
 * or cancelled), `insufficient_equity` (more than the registered capital less what is frozen).
 */
import { encodeCanonical } from '../../src/encoding/canonical-json.js';
import { ErrorCode } from '../../src/errors.js';
import type { ActionInput } from '../sdk/definition.js';
import { parseCents, readTyped, refuse } from '../sdk/record.js';
import { type Enterprise, ENTERPRISE_RECORD, readEnterprise, USCC_PATTERN } from './enterprise-schema.js';
import type { RecordWrite } from './record-db.js';

/** `enterprise/<code>`. @throws INVALID_ARGUMENT `invalid_target` for a code that is not a USCC */
export function enterpriseKey(code: string): string {
  if (!USCC_PATTERN.test(code)) {
    throw refuse(
      'invalid_target',
      `${JSON.stringify(code).slice(0, 40)} is not a unified social credit code (18 characters)`,
      ErrorCode.InvalidArgument,
    );
  }
  return `${ENTERPRISE_RECORD.keyPrefix}${code}`;
}

/** An enterprise record's value (canonical JSON). */
export function encodeEnterprise(e: Enterprise): Uint8Array {
  return encodeCanonical(e, 'enterprise');
}

/** Decode and check an enterprise record's value. */
export function decodeEnterprise(bytes: Uint8Array, key = 'enterprise'): Enterprise {
  return readTyped(bytes, key, 'enterprise', 1, readEnterprise);
}

/** The writes of a checked `freeze` action on the enterprise `action.target`. */
export function freezeWrites(action: ActionInput, read: (key: string) => Uint8Array | null): RecordWrite[] {
  const key = enterpriseKey(action.target);
  const bytes = read(key);
  if (bytes === null) throw refuse('unknown_record', `${key} is not registered`, ErrorCode.NotFound);
  const e = decodeEnterprise(bytes, key);
  if (e.status !== 'active') throw refuse('not_active', `${key} is ${e.status}: its equity cannot be frozen`);
  const amount = parseCents(action.amount, 'amount');
  if (amount <= 0n) throw refuse('invalid_amount', 'amount: a freeze needs a positive amount', ErrorCode.InvalidArgument);
  const capital = BigInt(e.registeredCapitalCents);
  const frozen = BigInt(e.equityFrozenCents);
  if (amount > capital - frozen) {
    throw refuse(
      'insufficient_equity',
      `股权不足 / ${key}: freezing ${amount} cents exceeds the registered capital ${capital} less ${frozen} already frozen`,
    );
  }
  return [{ key, value: encodeEnterprise({ ...e, equityFrozenCents: (frozen + amount).toString() }) }];
}
