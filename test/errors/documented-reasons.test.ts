/**
 * The refusal reasons README.md and docs/api.md name are real reasons: each is in `Reason` (the
 * typed list below does not compile otherwise), and the list is exactly what the docs name, so a
 * reason renamed in code or in the docs fails here. The docs give examples, not a table of every
 * reason: the full set is the layers' unions (`<layer>/reasons.ts`).
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CourtbridgeError, ErrorCode, VerificationError, type Reason } from '../../src/errors.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const STATUS = Object.values(ErrorCode).join('|');

/** Every reason the docs name for a refusal, typed: a reason missing from `Reason` fails to typecheck. */
const DOCUMENTED: readonly Reason[] = [
  'chain_removed',
  'expired',
  'gateway_overloaded',
  'judicial_record_mismatch',
  'limit_invalid',
  'member_revoked',
  'missing_token',
  'nats_auth_failed',
  'no_policy',
  'not_a_member',
  'out_of_role',
  'receipt_not_recipient',
  'revoked_issuer',
  'unknown_action',
  'unknown_issuer',
  'unknown_service',
  'workflows_unavailable',
];

/** Reasons a doc names for a refusal: after or before a status name, and in the README's "Refusals" paragraph. */
function namedReasons(md: string): Set<string> {
  const found = new Set<string>();
  for (const m of md.matchAll(new RegExp(`(?:${STATUS}):? \`([a-z][a-z_]*)\``, 'g'))) found.add(m[1]!);
  for (const m of md.matchAll(new RegExp(`\`([a-z][a-z_]*)\` \\((?:${STATUS})\\)`, 'g'))) found.add(m[1]!);
  const refusals = md.split(/\n\s*\n/).filter((p) => p.startsWith('Refusals, each with its reason'));
  for (const p of refusals) for (const m of p.matchAll(/`([a-z][a-z_]*)`/g)) found.add(m[1]!);
  return found;
}

describe('documented reasons', () => {
  it('README.md and docs/api.md name exactly the reasons listed here, each a Reason', () => {
    const docs = ['README.md', join('docs', 'api.md')].map((f) => readFileSync(join(ROOT, f), 'utf8'));
    const named = new Set(docs.flatMap((md) => [...namedReasons(md)]));
    expect([...named].sort()).toEqual([...DOCUMENTED].sort());
  });

  it('an error carries its typed reason unchanged', () => {
    const e = new VerificationError('high_s_signature', 'signature s is in the upper half: re-sign with low s');
    expect(e.reason).toBe('high_s_signature');
    expect(e.code).toBe(ErrorCode.InvalidArgument);
    // @ts-expect-error a misspelled reason does not typecheck
    expect(new CourtbridgeError(ErrorCode.Internal, 'high_s_signatur', 'misspelled').reason).toBe('high_s_signatur');
  });
});
