/**
 * The MediationService row rule (src/workflows/gateway/case-rows.ts): a court sees the cases it
 * registered, an admin every case; another court is refused `not_case_court`.
 */
import { describe, expect, it } from 'vitest';
import { assertSeesCase, courtScopeOf } from '../../src/workflows/gateway/case-rows.js';

const court = { caller: { did: 'did:alliance:court-a' }, roles: ['court' as const] };
const other = { caller: { did: 'did:alliance:court-b' }, roles: ['court' as const] };
const admin = { caller: { did: 'did:alliance:admin-1' }, roles: ['admin' as const] };

describe('case rows', () => {
  it('a court lists its own cases, an admin every case', () => {
    expect(courtScopeOf(court)).toBe('did:alliance:court-a');
    expect(courtScopeOf(admin)).toBeUndefined();
  });

  it('a court sees its own case; another court is refused not_case_court, whatever it claims; an admin sees it', () => {
    expect(() => assertSeesCase(court, 'C-1', 'did:alliance:court-a')).not.toThrow();
    expect(() => assertSeesCase(admin, 'C-1', 'did:alliance:court-a')).not.toThrow();
    expect(() => assertSeesCase(other, 'C-1', 'did:alliance:court-a')).toThrow(
      expect.objectContaining({ code: 'PERMISSION_DENIED', reason: 'not_case_court' }),
    );
  });
});
