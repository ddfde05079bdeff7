/**
 * The filing record that circulates when a case is filed on the judicial chain (alliance
 * opinions, art. 13: case-filing information circulates to the agencies concerned). It is built
 * from the chain's own `case/<caseId>` record, so parties are the keyed hashes the chain holds,
 * never clear identifiers; the height and record key let a receiver prove it on the chain.
 * Pure: no I/O.
 */
import { decodeCanonicalObject, encodeCanonical } from '../../encoding/canonical-json.js';
import { VerificationError } from '../../errors.js';
import { caseKey } from '../../judicial/record-keys.js';
import { CASE_KINDS, PARTY_ROLES, type CaseKind, type CaseParty, type CaseRecord } from '../../judicial/records.js';

/** Cause types are the judicial chain's case kinds: a closed list, so each can be a subject token. */
export type CauseType = CaseKind;
export const CAUSE_TYPES: readonly CauseType[] = CASE_KINDS;

export interface FilingRecord {
  chainId: string;
  caseId: string;
  /** The filing court's DID. */
  court: string;
  causeType: CauseType;
  /** The cause of action as filed (e.g. 民间借贷纠纷); never a person's identifier. */
  cause: string;
  /** Keyed hashes (64 hex) of the parties, with their roles. */
  parties: CaseParty[];
  parentCaseId?: string;
  /** Block time of the filing on the judicial chain. */
  filedAtMs: number;
  /** A judicial chain height at which `recordKey` holds the case (prove it there or later). */
  height: number;
  recordKey: string;
}

const HEX64 = /^[0-9a-f]{64}$/;

export function isCauseType(v: unknown): v is CauseType {
  return typeof v === 'string' && (CAUSE_TYPES as readonly string[]).includes(v);
}

/** The filing of a case record read from the judicial chain at `height`. */
export function filingFromCase(c: CaseRecord, height: number, chainId = 'judicial'): FilingRecord {
  const f: FilingRecord = {
    chainId,
    caseId: c.caseId,
    court: c.court,
    causeType: c.kind,
    cause: c.cause,
    parties: c.parties.map((p) => ({ role: p.role, party: p.party })),
    filedAtMs: c.filedAtMs,
    height,
    recordKey: caseKey(c.caseId),
  };
  if (c.parentCaseId !== undefined) f.parentCaseId = c.parentCaseId;
  checkFiling(f);
  return f;
}

/** Canonical JSON bytes of a filing (the envelope body). */
export function encodeFiling(f: FilingRecord): Uint8Array {
  checkFiling(f);
  return encodeCanonical({ type: 'case_filing', schema: 1, ...f, parties: f.parties.map((p) => ({ ...p })) }, 'filing');
}

/** Strict decode; `filing_malformed` names the field. A party that is not a keyed hash is refused. */
export function decodeFiling(bytes: Uint8Array): FilingRecord {
  let o: Record<string, unknown>;
  try {
    o = decodeCanonicalObject(bytes, 'filing') as Record<string, unknown>;
  } catch (e) {
    throw new VerificationError('filing_malformed', `filing: ${(e as Error).message}`, { cause: e });
  }
  const bad = (field: string): never => {
    throw new VerificationError('filing_malformed', `filing.${field}: missing or of the wrong form`);
  };
  if (o['type'] !== 'case_filing' || o['schema'] !== 1) bad('type');
  const str = (k: string): string => (typeof o[k] === 'string' && (o[k] as string).length > 0 ? (o[k] as string) : bad(k));
  const int = (k: string): number => (Number.isSafeInteger(o[k]) && (o[k] as number) >= 0 ? (o[k] as number) : bad(k));
  const causeType = o['causeType'];
  if (!isCauseType(causeType)) return bad('causeType');
  if (!Array.isArray(o['parties'])) return bad('parties');
  const parties = (o['parties'] as unknown[]).map((p): CaseParty => {
    const q = p as Record<string, unknown>;
    if (typeof q !== 'object' || q === null || !(PARTY_ROLES as readonly unknown[]).includes(q['role'])) return bad('parties.role');
    if (typeof q['party'] !== 'string' || !HEX64.test(q['party'])) return bad('parties.party');
    return { role: q['role'] as CaseParty['role'], party: q['party'] };
  });
  const f: FilingRecord = {
    chainId: str('chainId'),
    caseId: str('caseId'),
    court: str('court'),
    causeType,
    cause: str('cause'),
    parties,
    filedAtMs: int('filedAtMs'),
    height: int('height'),
    recordKey: str('recordKey'),
  };
  if (o['parentCaseId'] !== undefined) f.parentCaseId = str('parentCaseId');
  const known = new Set([
    'type',
    'schema',
    'chainId',
    'caseId',
    'court',
    'causeType',
    'cause',
    'parties',
    'filedAtMs',
    'height',
    'recordKey',
    'parentCaseId',
  ]);
  for (const k of Object.keys(o)) if (!known.has(k)) bad(k);
  checkFiling(f);
  return f;
}

function checkFiling(f: FilingRecord): void {
  if (!isCauseType(f.causeType))
    throw new VerificationError('filing_malformed', `filing.causeType: ${String(f.causeType)} is not a case kind`);
  if (f.recordKey !== caseKey(f.caseId)) throw new VerificationError('filing_malformed', 'filing.recordKey: does not name the case record');
  if (f.parties.length === 0 || f.parties.some((p) => !HEX64.test(p.party)))
    throw new VerificationError('filing_malformed', 'filing.parties: every party must be a keyed hash (64 hex), never in clear');
  if (!f.court.startsWith('did:')) throw new VerificationError('filing_malformed', 'filing.court: expected a DID');
}
