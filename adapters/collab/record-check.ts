/**
 * Re-checking a proven collab record (a bundle's value) from the registry alone: every signed
 * statement it keeps verifies under the key its signer held when it signed (statement.ts), and says
 * what the record says (the sender, receiver, case, evidence and times of a transfer; the owner of
 * evidence; who accessed it, when and why). What a verifier does after `courtbridge verify` accepted
 * the bundle: the proof fixes the bytes, this names who stands behind them. Pure: no clock, no I/O.
 */
import type { Authority } from '../../src/identity/authority.js';
import { readTyped } from '../../src/chain/ledger/record.js';
import { decodeCanonicalObject } from '../../src/encoding/canonical-json.js';
import { readAccess, readEvidence, readTransfer, type SignedStatement } from './schema.js';
import { checkStatementSignature, type StatementVerdict } from './statement.js';

export type RecordCheck =
  | { ok: true; signers: Array<{ did: string; kid: string; atMs: number; type: string }> }
  | { ok: false; reason: 'statement_mismatch' | Exclude<StatementVerdict, { ok: true }>['reason']; message: string };

const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);

/** The claims of `record` each statement must match, as [what, statement value, record value]. */
function mismatch(pairs: Array<[string, unknown, unknown]>): string | undefined {
  for (const [what, inStatement, inRecord] of pairs) {
    const eq = Array.isArray(inStatement) && Array.isArray(inRecord) ? same(inStatement, inRecord) : inStatement === inRecord;
    if (!eq) return `${what}: the statement says ${JSON.stringify(inStatement)}, the record ${JSON.stringify(inRecord)}`;
  }
  return undefined;
}

/**
 * Check the statements kept in the collab record `value` (canonical JSON of a `transfer`, `evidence`
 * or `access` record) against `authority` (the alliance registry).
 * @throws CourtbridgeError `invalid_record` when the value is no collab record
 */
export function checkRecordStatements(value: Uint8Array, authority: Authority): RecordCheck {
  const type = decodeCanonicalObject(value, 'record').type;
  const statements: SignedStatement[] = [];
  let diff: string | undefined;
  if (type === 'transfer') {
    const t = readTyped(value, 'transfer', 'transfer', 1, readTransfer);
    const s = t.sent.statement;
    if (s.type !== 'transfer') return { ok: false, reason: 'statement_mismatch', message: 'sent: not a transfer statement' };
    statements.push(t.sent);
    diff = mismatch([
      ['transferId', s.transferId, t.transferId],
      ['sender', s.signer, t.sender],
      ['senderRole', s.role, t.senderRole],
      ['receiver', s.receiver, t.receiver],
      ['caseRef', s.caseRef, t.caseRef],
      ['evidence', s.evidence, t.evidence],
      ['sentAtMs', s.atMs, t.sentAtMs],
    ]);
    if (diff === undefined && t.answer !== undefined) {
      const a = t.answer.statement;
      statements.push(t.answer);
      const answered = a.type === 'transfer_accept' ? 'accepted' : a.type === 'transfer_return' ? 'returned' : `(${a.type})`;
      diff = mismatch([
        ['answer', answered, t.status],
        ['answer.transferId', 'transferId' in a ? a.transferId : undefined, t.transferId],
        ['answer.signer', a.signer, t.receiver],
      ]);
    }
  } else if (type === 'evidence') {
    const e = readTyped(value, 'evidence', 'evidence', 1, readEvidence);
    const s = e.shared.statement;
    statements.push(e.shared);
    diff =
      s.type !== 'evidence_share'
        ? 'shared: not an evidence_share statement'
        : (mismatch([
            ['sha256', s.sha256, e.sha256],
            ['owner', s.signer, e.owner],
          ]) ??
          (s.sharedWith.every((d) => e.sharedWith.includes(d))
            ? undefined
            : 'sharedWith: the record drops an organ the owner shared with'));
  } else if (type === 'access') {
    const a = readTyped(value, 'access', 'access', 1, readAccess);
    const s = a.signed.statement;
    statements.push(a.signed);
    diff =
      s.type !== 'evidence_access'
        ? 'signed: not an evidence_access statement'
        : mismatch([
            ['sha256', s.sha256, a.sha256],
            ['accessor', s.signer, a.accessor],
            ['purpose', s.purpose, a.purpose],
            ['atMs', s.atMs, a.atMs],
          ]);
  } else {
    return { ok: false, reason: 'statement_mismatch', message: `${String(type)} is not a collab record type` };
  }
  if (diff !== undefined) return { ok: false, reason: 'statement_mismatch', message: diff };
  const signers: Array<{ did: string; kid: string; atMs: number; type: string }> = [];
  for (const signed of statements) {
    const v = checkStatementSignature(signed, authority);
    if (!v.ok) return v;
    signers.push({ did: v.did, kid: v.kid, atMs: v.keyValidAtMs, type: signed.statement.type });
  }
  return { ok: true, signers };
}
