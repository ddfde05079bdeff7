/**
 * The workflow contract of the judicial dev ledger: the operations the judicial smart contracts
 * write (ports.ts `JudicialLedger`). Deterministic (replayed from the block log): it reads only
 * the state view and the tx.
 *
 * Bodies (fixed layout):
 *   anchor.put         u32 n, n x (string key `anchor/<hex>`, bytes anchorEntry): merged into the
 *                      record, one anchor per submitter (a repeat is skipped, not refused)
 *   agreement.register | performance.report | case.file | service.record | order.issue
 *                      string key, bytes value: written once (same value again: no-op; other: refused)
 *   audit.append       string caseId, u64 sequence, bytes value: sequence 1, or the previous
 *                      sequence exists and the entry's prevHash is its entryHash (no gaps, no forks)
 */
import { ByteReader, ByteWriter, equalBytes } from '../../encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import type { ContractHandler, StateView, StateWrite } from '../../chain/ledger/contract.js';
import type { Tx } from '../../chain/ledger/transaction.js';
import { auditKey, decodeAuditRecord, GENESIS_PREV_HASH } from '../audit-log.js';
import { decodeAnchorEntry, decodeAnchorRecord, encodeAnchorRecord } from '../evidence.js';

const PREFIX: Record<string, string> = {
  'agreement.register': 'agreement/',
  'performance.report': 'performance/',
  'case.file': 'case/',
  'service.record': 'service/',
  'order.issue': 'order/',
};

const refuse = (reason: string, message: string): CourtbridgeError => new CourtbridgeError(ErrorCode.FailedPrecondition, reason, message);

export function encodeAnchorPut(items: readonly { key: string; value: Uint8Array }[]): Uint8Array {
  const w = new ByteWriter().u32(items.length);
  for (const i of items) w.string(i.key).bytes(i.value);
  return w.finish();
}

export function encodePut(key: string, value: Uint8Array): Uint8Array {
  return new ByteWriter().string(key).bytes(value).finish();
}

export function encodeAuditAppend(caseId: string, sequence: number, value: Uint8Array): Uint8Array {
  return new ByteWriter().string(caseId).u64(sequence).bytes(value).finish();
}

function applyAnchorPut(tx: Tx, state: StateView): StateWrite[] {
  const r = new ByteReader(tx.body);
  const n = r.u32('count');
  const merged = new Map<string, { entries: Uint8Array[]; submitters: Set<string> }>();
  for (let i = 0; i < n; i++) {
    const key = r.string('key');
    const entry = r.bytes('entry').slice();
    if (!/^anchor\/[0-9a-f]{64}$/.test(key)) throw refuse('anchor_key_malformed', `anchor.put: key ${key.slice(0, 80)} is not anchor/<sha256 hex>`);
    let m = merged.get(key);
    if (!m) {
      const existing = state.get(key);
      const entries = existing ? decodeAnchorRecord(existing) : [];
      m = { entries, submitters: new Set(entries.map((e) => decodeAnchorEntry(e).claim.submitterDid)) };
      merged.set(key, m);
    }
    const decoded = decodeAnchorEntry(entry);
    if (`anchor/${Buffer.from(decoded.claim.contentHash).toString('hex')}` !== key) throw refuse('anchor_key_mismatch', `anchor.put: entry ${i} names another hash than its key`);
    if (m.submitters.has(decoded.claim.submitterDid)) continue; // idempotent per (hash, submitter)
    m.submitters.add(decoded.claim.submitterDid);
    m.entries.push(entry);
  }
  r.end('anchor.put');
  return [...merged].map(([key, m]) => ({ key, value: encodeAnchorRecord(m.entries) }));
}

function applyPutOnce(tx: Tx, state: StateView): StateWrite[] {
  const r = new ByteReader(tx.body);
  const key = r.string('key');
  const value = r.bytes('value').slice();
  r.end(tx.type);
  if (!key.startsWith(PREFIX[tx.type]!)) throw refuse('record_key_malformed', `${tx.type}: key must start with ${PREFIX[tx.type]}`);
  const existing = state.get(key);
  if (existing && !equalBytes(existing, value)) throw new CourtbridgeError(ErrorCode.AlreadyExists, 'record_exists', `${key} is already written with another value`);
  return existing ? [] : [{ key, value }];
}

function applyAuditAppend(tx: Tx, state: StateView): StateWrite[] {
  const r = new ByteReader(tx.body);
  const caseId = r.string('caseId');
  const sequence = r.u64n('sequence');
  const value = r.bytes('value').slice();
  r.end('audit.append');
  const key = auditKey(caseId, sequence);
  const existing = state.get(key);
  if (existing) {
    if (equalBytes(existing, value)) return [];
    throw new CourtbridgeError(ErrorCode.AlreadyExists, 'audit_fork', `${key} already holds another entry`);
  }
  const entry = decodeAuditRecord(value);
  if (entry.body.caseId !== caseId || entry.body.sequence !== sequence) throw refuse('audit_entry_mismatch', `audit.append: the entry is for ${entry.body.caseId}#${entry.body.sequence}`);
  let prevHash: Uint8Array = GENESIS_PREV_HASH;
  if (sequence > 1) {
    const prev = state.get(auditKey(caseId, sequence - 1));
    if (!prev) throw refuse('audit_gap', `audit.append: ${caseId} has no entry ${sequence - 1}`);
    prevHash = decodeAuditRecord(prev).entryHash;
  } else if (sequence !== 1) {
    throw refuse('audit_gap', 'audit.append: sequences start at 1');
  }
  if (!equalBytes(entry.body.prevHash, prevHash)) throw refuse('audit_link_broken', `audit.append: entry ${sequence} does not link to entry ${sequence - 1}`);
  return [{ key, value }];
}

/** The handler to register on the judicial dev ledger. */
export const judicialWorkflowContract: ContractHandler = {
  types: ['anchor.put', 'audit.append', ...Object.keys(PREFIX)],
  apply(tx: Tx, state: StateView): StateWrite[] {
    if (tx.type === 'anchor.put') return applyAnchorPut(tx, state);
    if (tx.type === 'audit.append') return applyAuditAppend(tx, state);
    return applyPutOnce(tx, state);
  },
};
