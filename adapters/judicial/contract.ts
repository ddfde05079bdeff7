/**
 * Judicial chain contracts (for the judicial smart contracts). Courts and
 * the gateway's workflows write here through their own txs; no adapter action targets this
 * chain. Rules (each refusal names its reason):
 * - case: filed once (`record_exists`); status only moves forward, a closed case never reopens
 *   (`invalid_transition`).
 * - agreement: its case exists (`unknown_case`) and belongs to the same court (`court_mismatch`);
 *   every debtor and creditor is a listed party (`unknown_party`); obligations start unpaid.
 * - performance report: pays one obligation, never beyond what is owed (`overpayment`); the
 *   agreement becomes `performed` when every obligation is paid.
 * - anchors (signed batches, up to 10,000 anchors per tx; layout src/judicial/anchor-batch.ts):
 *   each batch is stored once (`anchor-batch/<batchId>`), each new hash as a 45-byte pointer into
 *   it (`anchor/<hash>`). A batch whose leaves do not hash to its signed root is refused
 *   (`anchor_root_mismatch`), the same hash twice in one batch is `duplicate_anchor`; a hash
 *   already anchored keeps its first record (the first anchoring time is the evidence) and the
 *   batch lists it under `anchoredEarlier`; a batch already on chain (a replay) changes nothing.
 *   The submitter's signature was verified by the gateway and is stored with the batch.
 * - service: recorded once; the receipt is added once (`already_received`).
 * - order: its case exists, is not closed (`case_closed`), same court; it expires after the
 *   block time (`already_expired`); issuedAtMs is the block time.
 * - termination (终结本次执行 / 恢复执行, `termination/<enforcementCaseId>`): the case is an enforcement
 *   case (`not_enforcement`) of the same court (`court_mismatch`), not closed (`case_closed`), with a
 *   debt still owed (`invalid_amount`); round 1 first, then one more after each resumption
 *   (`termination_round`); a terminated enforcement is not terminated again (`already_terminated`)
 *   and resumes once, naming its round (`not_terminated`, `termination_round`). While terminated,
 *   only orders that give something back (release, delist, unrestrict) are issued (`case_terminated`).
 * - audit: entries append in sequence (`audit_gap`) and link to the previous entry's hash
 *   (`audit_fork`); the stored bytes are the submitted canonical bytes.
 * - registry: `registry.put` stores the entries of `registryStateEntries()` (src/identity/registry.ts),
 *   head, members and chains, under `registry/<allianceId>/...` as given, after checking them: a
 *   value is canonical unpadded base64url (`invalid_record`); a head names its key's alliance and
 *   a member its key's DID (`registry_key_mismatch`); a chain value decodes whole and every
 *   version's entry is the keyed chain's (`registry_key_mismatch`, `invalid_record` when it does
 *   not decode); the head's sequence never goes back (`registry_rollback`). Head and member values
 *   are read only up to those fields; the rest is stored unread.
 */
import type { ContractHandler, StateView, StateWrite } from '../../src/chain/ledger/contract.js';
import type { Tx } from '../../src/chain/ledger/transaction.js';
import { ByteReader, fromBase64url, toBase64url, toHex } from '../../src/encoding/bytes.js';
import { CHAIN_ID_RE, readChainEntry } from '../../src/identity/chain-entry.js';
import {
  anchorBatchKey,
  anchorFieldsOf,
  batchIdOf,
  batchRootMatches,
  decodeAnchorBatch,
  encodeAnchorPointer,
  encodeStoredBatch,
  metadataProblem,
  type AnchorBatch,
} from '../../src/judicial/anchor-batch.js';
import { ErrorCode } from '../../src/errors.js';
import { Fields, invalidRecord, mustRecord, objectItem, readRecord, readTyped, recordWrite, refuse, stringItem } from '../sdk/record.js';
import { AUDIT_GENESIS_HASH, auditEntryHash } from '../../src/judicial/audit-link.js';
import {
  agreementKey,
  anchorKey,
  auditHeadKey,
  auditKey,
  caseKey,
  orderKey,
  performanceKey,
  serviceKey,
  servedDocumentKey,
  terminationKey,
} from '../../src/judicial/record-keys.js';
import { JudicialTx, MAX_ANCHORS_PER_TX, MAX_BATCHES_PER_TX } from '../../src/judicial/tx.js';
import {
  CASE_KINDS,
  CASE_STATUSES,
  PARTY_ROLES,
  readAgreement,
  readAuditEntry,
  readAuditHead,
  readCase,
  readOrder,
  readService,
  readServedDocument,
  readServiceRequest,
  readTermination,
  RELEASING_ORDER_KINDS,
  RESUME_REASONS,
  SIG_PATTERN,
  type AgreementRecord,
  type CaseRecord,
  type ServiceRecord,
  type TerminationRecord,
} from '../../src/judicial/records.js';

const HEX64 = /^[0-9a-f]{64}$/;
const DID = /^did:[a-z0-9]+:[A-Za-z0-9._:%-]{1,200}$/;

function loadCase(state: StateView, caseId: string): CaseRecord {
  const c = readRecord(state, caseKey(caseId), 'case', 1, readCase);
  if (!c) throw refuse('unknown_case', `case ${caseId} is not on the judicial chain`, ErrorCode.NotFound);
  return c;
}

const writeCase = (c: CaseRecord): StateWrite =>
  recordWrite(caseKey(c.caseId), c, [{ name: 'court', value: c.court }, ...c.parties.map((p) => ({ name: 'party', value: p.party }))]);
const writeAgreement = (a: AgreementRecord): StateWrite =>
  recordWrite(agreementKey(a.agreementId), a, [
    { name: 'case', value: a.caseId },
    ...[...new Set(a.obligations.map((o) => o.debtor))].map((d) => ({ name: 'debtor', value: d })),
  ]);
const writeService = (s: ServiceRecord): StateWrite => recordWrite(serviceKey(s.serviceId), s, [{ name: 'case', value: s.caseId }]);

function caseFile(tx: Tx, state: StateView, timeMs: number): StateWrite[] {
  const c = readTyped(tx.body, 'case_file', 'case_file', 1, (f): CaseRecord => {
    const caseId = f.id('caseId');
    const parent = f.has('parentCaseId') ? f.id('parentCaseId') : undefined;
    return {
      type: 'case',
      schema: 1,
      caseId,
      court: f.did('court'),
      kind: f.oneOf('kind', CASE_KINDS),
      cause: f.str('cause', { max: 200 }),
      parties: f.array(
        'parties',
        objectItem((p) => ({ role: p.oneOf('role', PARTY_ROLES), party: p.personHash('party') })),
        { min: 1, max: 50 },
      ),
      status: 'filed',
      ...(parent === undefined ? {} : { parentCaseId: parent }),
      filedAtMs: timeMs,
      updatedAtMs: timeMs,
    };
  });
  if (state.get(caseKey(c.caseId)) !== undefined)
    throw refuse('record_exists', `case ${c.caseId} is already filed`, ErrorCode.AlreadyExists);
  if (c.parentCaseId !== undefined) loadCase(state, c.parentCaseId);
  return [writeCase(c)];
}

function caseStatus(tx: Tx, state: StateView, timeMs: number): StateWrite[] {
  const b = readTyped(tx.body, 'case_status', 'case_status', 1, (f) => ({
    caseId: f.id('caseId'),
    status: f.oneOf('status', CASE_STATUSES),
  }));
  const c = loadCase(state, b.caseId);
  if (CASE_STATUSES.indexOf(b.status) <= CASE_STATUSES.indexOf(c.status))
    throw refuse('invalid_transition', `case ${c.caseId} cannot go from ${c.status} to ${b.status}`);
  return [writeCase({ ...c, status: b.status, updatedAtMs: timeMs })];
}

function agreementRegister(tx: Tx, state: StateView, timeMs: number): StateWrite[] {
  const a = readTyped(
    tx.body,
    'agreement_register',
    'agreement_register',
    1,
    (f): AgreementRecord => ({
      type: 'agreement',
      schema: 1,
      agreementId: f.id('agreementId'),
      caseId: f.id('caseId'),
      kind: f.oneOf('kind', ['mediation', 'judgment'] as const),
      court: f.did('court'),
      parties: f.array('parties', stringItem({ pattern: HEX64 }), { min: 2, max: 50 }),
      obligations: f.array(
        'obligations',
        objectItem((o) => ({
          debtor: o.personHash('debtor'),
          creditor: o.personHash('creditor'),
          amountCents: o.cents('amountCents'),
          paidCents: '0',
          deadlineMs: o.int('deadlineMs'),
        })),
        { min: 1, max: 100 },
      ),
      status: 'effective',
      effectiveAtMs: timeMs,
    }),
  );
  if (state.get(agreementKey(a.agreementId)) !== undefined)
    throw refuse('record_exists', `agreement ${a.agreementId} already exists`, ErrorCode.AlreadyExists);
  const c = loadCase(state, a.caseId);
  if (c.court !== a.court)
    throw refuse('court_mismatch', `case ${c.caseId} belongs to ${c.court}, not ${a.court}`, ErrorCode.PermissionDenied);
  for (const o of a.obligations) {
    if (!a.parties.includes(o.debtor) || !a.parties.includes(o.creditor))
      throw refuse('unknown_party', 'every debtor and creditor must be a party to the agreement', ErrorCode.InvalidArgument);
    if (o.debtor === o.creditor) throw refuse('invalid_record', 'a debtor cannot owe themself', ErrorCode.InvalidArgument);
    if (o.amountCents === '0') throw refuse('invalid_amount', 'an obligation of 0 cents', ErrorCode.InvalidArgument);
  }
  return [writeAgreement(a)];
}

function performanceReport(tx: Tx, state: StateView, timeMs: number): StateWrite[] {
  const r = readTyped(tx.body, 'performance_report', 'performance_report', 1, (f) => {
    const base = {
      agreementId: f.id('agreementId'),
      reportId: f.id('reportId'),
      obligationIndex: f.int('obligationIndex', { max: 99 }),
      amountCents: f.cents('amountCents'),
      reportedBy: f.did('reportedBy'),
    };
    const ev = f.has('evidenceHash') ? f.hex32('evidenceHash') : undefined;
    return {
      type: 'performance_report' as const,
      schema: 1 as const,
      ...base,
      ...(ev === undefined ? {} : { evidenceHash: ev }),
      reportedAtMs: timeMs,
    };
  });
  const key = performanceKey(r.agreementId, r.reportId);
  if (state.get(key) !== undefined) throw refuse('record_exists', `report ${r.reportId} already exists`, ErrorCode.AlreadyExists);
  const a = mustRecord(state, agreementKey(r.agreementId), 'agreement', 1, readAgreement);
  const o = a.obligations[r.obligationIndex];
  if (!o)
    throw refuse('unknown_obligation', `agreement ${a.agreementId} has no obligation ${r.obligationIndex}`, ErrorCode.InvalidArgument);
  const paid = BigInt(o.paidCents) + BigInt(r.amountCents);
  if (r.amountCents === '0') throw refuse('invalid_amount', 'a payment of 0 cents', ErrorCode.InvalidArgument);
  if (paid > BigInt(o.amountCents))
    throw refuse(
      'overpayment',
      `obligation ${r.obligationIndex} owes ${BigInt(o.amountCents) - BigInt(o.paidCents)} cents, ${r.amountCents} reported`,
    );
  const obligations = a.obligations.map((x, i) => (i === r.obligationIndex ? { ...x, paidCents: paid.toString() } : x));
  const status = obligations.every((x) => x.paidCents === x.amountCents) ? 'performed' : 'effective';
  return [recordWrite(key, r, [{ name: 'case', value: a.caseId }]), writeAgreement({ ...a, obligations, status })];
}

function anchorPut(tx: Tx, state: StateView, ctx: { timeMs: number; height: number }): StateWrite[] {
  const encoded = readTyped(tx.body, 'anchor_batch', 'anchor_batch', 2, (f) =>
    f.array('batches', stringItem({ max: 4 * 1024 * 1024, pattern: /^[A-Za-z0-9_-]+$/ }), { min: 1, max: MAX_BATCHES_PER_TX }),
  );
  const seenBatches = new Set<string>();
  const anchoredNow = new Set<string>();
  const writes: StateWrite[] = [];
  let total = 0;
  for (const [n, b64] of encoded.entries()) {
    const bytes = fromBase64url(b64, `batches[${n}]`);
    let batch: AnchorBatch;
    try {
      batch = decodeAnchorBatch(bytes);
    } catch (e) {
      if (e instanceof RangeError) throw invalidRecord(`anchor_batch.batches[${n}]`, e.message);
      throw e;
    }
    total += batch.claim.size;
    if (total > MAX_ANCHORS_PER_TX)
      throw refuse('batch_size_invalid', `more than ${MAX_ANCHORS_PER_TX} anchors in one tx`, ErrorCode.InvalidArgument);
    if (!DID.test(batch.claim.submitterDid) || !batch.claim.kid.startsWith(`${batch.claim.submitterDid}#`))
      throw invalidRecord(`anchor_batch.batches[${n}]`, 'claim: expected a DID and a key of it');
    for (const m of batch.metadata) {
      const p = metadataProblem(m);
      if (p) throw refuse(p.reason, `batches[${n}].metadata: ${p.message}`, ErrorCode.InvalidArgument);
    }
    // The chain holds only batches whose leaves are the ones signed: a party recomputes the root.
    if (!batchRootMatches(batch))
      throw refuse('anchor_root_mismatch', `batches[${n}]: the leaves do not hash to the signed root`, ErrorCode.InvalidArgument);
    const batchIdBytes = batchIdOf(batch.claim);
    const key = anchorBatchKey(toHex(batchIdBytes));
    // A batch already on chain (a replay) changes nothing: its first anchoring stands.
    if (seenBatches.has(key) || state.get(key) !== undefined) continue;
    seenBatches.add(key);
    const inBatch = new Set<string>();
    const earlier: number[] = [];
    const fields = batch.metadata.map(anchorFieldsOf);
    for (let i = 0; i < batch.hashes.length; i++) {
      const hex = toHex(batch.hashes[i]!);
      if (inBatch.has(hex)) throw refuse('duplicate_anchor', `hash ${hex} appears twice in one batch`, ErrorCode.InvalidArgument);
      inBatch.add(hex);
      const k = anchorKey(hex);
      // First anchoring stands, also against an earlier batch of this tx.
      if (state.get(k) !== undefined || anchoredNow.has(hex)) {
        earlier.push(i);
        continue;
      }
      anchoredNow.add(hex);
      const caseId = fields[batch.metaIndex[i]!]!.caseId;
      writes.push({
        key: k,
        value: encodeAnchorPointer({ batchId: batchIdBytes, index: i, anchoredAtMs: ctx.timeMs }),
        ...(caseId === undefined ? {} : { index: [{ name: 'case', value: caseId }] }),
      });
    }
    writes.push({ key, value: encodeStoredBatch(bytes, ctx.timeMs, ctx.height, earlier) });
  }
  return writes;
}

function serviceRecord(tx: Tx, state: StateView, timeMs: number): StateWrite[] {
  const s = readTyped(
    tx.body,
    'service_record',
    'service_record',
    1,
    (f): ServiceRecord => ({
      ...readServiceRequest(f),
      servedAtMs: timeMs,
      receipt: { status: 'pending' },
    }),
  );
  if (state.get(serviceKey(s.serviceId)) !== undefined)
    throw refuse('record_exists', `service ${s.serviceId} already recorded`, ErrorCode.AlreadyExists);
  const c = loadCase(state, s.caseId);
  if (c.court !== s.court) throw refuse('court_mismatch', `case ${c.caseId} belongs to ${c.court}`, ErrorCode.PermissionDenied);
  // The document's index: its file finds every service of it (FindServiceByDocument, the page).
  const docKey = servedDocumentKey(s.documentHash);
  const doc = readRecord(state, docKey, 'served_document', 1, readServedDocument);
  const serviceIds = [...(doc?.serviceIds ?? []), s.serviceId].sort();
  return [writeService(s), recordWrite(docKey, { type: 'served_document', schema: 1, documentHash: s.documentHash, serviceIds })];
}

function serviceReceipt(tx: Tx, state: StateView, timeMs: number): StateWrite[] {
  const b = readTyped(tx.body, 'service_receipt', 'service_receipt', 1, (f) => ({
    serviceId: f.id('serviceId'),
    signer: f.str('signer', { max: 300 }),
    signature: f.str('signature', { pattern: SIG_PATTERN }),
  }));
  const s = mustRecord(state, serviceKey(b.serviceId), 'service', 1, readService);
  if (s.receipt.status === 'received') throw refuse('already_received', `service ${s.serviceId} already has its receipt`);
  return [writeService({ ...s, receipt: { status: 'received', receivedAtMs: timeMs, signer: b.signer, signature: b.signature } })];
}

function orderIssue(tx: Tx, state: StateView, timeMs: number): StateWrite[] {
  const o = readTyped(tx.body, 'order_issue', 'order_issue', 1, (f) => {
    // The body is an order without `issuedAtMs`: the chain stamps its block time.
    if (f.has('issuedAtMs')) throw invalidRecord(`${f.path}.issuedAtMs`, 'set by the chain (block time), not by the submitter');
    const inner = new Fields({ ...f.value, issuedAtMs: timeMs }, f.path);
    inner.raw('type');
    inner.raw('schema');
    const order = readOrder(inner);
    inner.done();
    for (const k of Object.keys(f.value)) f.raw(k);
    return order;
  });
  if (o.amount !== undefined && o.amount !== (o.amountCents ?? ''))
    throw refuse('invalid_record', `order ${o.orderId}: amount ${o.amount} differs from amountCents`, ErrorCode.InvalidArgument);
  if (o.chain === 'judicial') throw refuse('invalid_record', 'an enforcement order targets a partner chain', ErrorCode.InvalidArgument);
  if (state.get(orderKey(o.orderId)) !== undefined)
    throw refuse('record_exists', `order ${o.orderId} already issued`, ErrorCode.AlreadyExists);
  const c = loadCase(state, o.caseId);
  if (c.court !== o.court)
    throw refuse('court_mismatch', `case ${c.caseId} belongs to ${c.court}, not ${o.court}`, ErrorCode.PermissionDenied);
  if (c.status === 'closed') throw refuse('case_closed', `case ${c.caseId} is closed`);
  if (!RELEASING_ORDER_KINDS.has(o.kind) && loadTermination(state, c.caseId)?.status === 'terminated')
    throw refuse(
      'case_terminated',
      `执行案件 ${c.caseId} 已终结本次执行，恢复执行前不能签发 ${o.kind} 裁定 / the enforcement of ${c.caseId} is terminated; record its resumption (termination.resume) before ordering ${o.kind}`,
    );
  if (o.expiresAtMs <= timeMs)
    throw refuse(
      'already_expired',
      `order ${o.orderId} expires at ${o.expiresAtMs}, before the block time ${timeMs}`,
      ErrorCode.InvalidArgument,
    );
  return [recordWrite(orderKey(o.orderId), o, [{ name: 'case', value: o.caseId }])];
}

const loadTermination = (state: StateView, caseId: string): TerminationRecord | undefined =>
  readRecord(state, terminationKey(caseId), 'termination', 1, readTermination);
const writeTermination = (t: TerminationRecord): StateWrite =>
  recordWrite(terminationKey(t.caseId), t, [{ name: 'case', value: t.caseId }]);

/** The enforcement case a termination tx names, checked: filed, an enforcement, same court, open. */
function terminableCase(state: StateView, caseId: string, court: string): CaseRecord {
  const c = loadCase(state, caseId);
  if (c.kind !== 'enforcement') throw refuse('not_enforcement', `case ${caseId} is a ${c.kind} case, not an enforcement case`);
  if (c.court !== court) throw refuse('court_mismatch', `case ${caseId} belongs to ${c.court}, not ${court}`, ErrorCode.PermissionDenied);
  if (c.status === 'closed') throw refuse('case_closed', `case ${caseId} is closed`);
  return c;
}

function terminationRecord(tx: Tx, state: StateView, timeMs: number): StateWrite[] {
  const b = readTyped(tx.body, 'termination_record', 'termination_record', 1, (f) => ({
    caseId: f.id('caseId'),
    court: f.did('court'),
    round: f.int('round', { min: 1 }),
    outstandingCents: f.cents('outstandingCents'),
  }));
  terminableCase(state, b.caseId, b.court);
  if (b.outstandingCents === '0')
    throw refuse('invalid_amount', 'an enforcement with nothing owed is closed, not terminated', ErrorCode.InvalidArgument);
  const prev = loadTermination(state, b.caseId);
  if (prev?.status === 'terminated')
    throw refuse('already_terminated', `the enforcement of ${b.caseId} is already terminated (round ${prev.round})`);
  const expected = (prev?.round ?? 0) + 1;
  if (b.round !== expected)
    throw refuse('termination_round', `case ${b.caseId}: the next termination is round ${expected}, got ${b.round}`);
  return [writeTermination({ type: 'termination', schema: 1, ...b, status: 'terminated', terminatedAtMs: timeMs })];
}

function terminationResume(tx: Tx, state: StateView, timeMs: number): StateWrite[] {
  const b = readTyped(tx.body, 'termination_resume', 'termination_resume', 1, (f) => ({
    caseId: f.id('caseId'),
    court: f.did('court'),
    round: f.int('round', { min: 1 }),
    reason: f.oneOf('reason', RESUME_REASONS),
  }));
  terminableCase(state, b.caseId, b.court);
  const t = loadTermination(state, b.caseId);
  if (t?.status !== 'terminated') throw refuse('not_terminated', `the enforcement of ${b.caseId} is not terminated`);
  if (t.round !== b.round) throw refuse('termination_round', `case ${b.caseId} is terminated in round ${t.round}, not ${b.round}`);
  return [writeTermination({ ...t, status: 'resumed', resumedAtMs: timeMs, resumeReason: b.reason })];
}

function auditAppend(tx: Tx, state: StateView): StateWrite[] {
  const e = readTyped(tx.body, 'audit_entry', 'audit_entry', 1, readAuditEntry);
  loadCase(state, e.caseId);
  const head = readRecord(state, auditHeadKey(e.caseId), 'audit_head', 1, readAuditHead);
  const expected = (head?.seq ?? 0) + 1;
  if (e.seq !== expected) throw refuse('audit_gap', `case ${e.caseId}: next audit entry is ${expected}, got ${e.seq}`);
  if (e.prevEntryHash !== (head?.entryHash ?? AUDIT_GENESIS_HASH))
    throw refuse('audit_fork', `case ${e.caseId}: entry ${e.seq} does not link to entry ${e.seq - 1}`);
  const entryHash = auditEntryHash(tx.body);
  return [
    { key: auditKey(e.caseId, e.seq), value: tx.body.slice() },
    recordWrite(auditHeadKey(e.caseId), { type: 'audit_head', schema: 1, caseId: e.caseId, seq: e.seq, entryHash }),
  ];
}

/** `registry/<allianceId>/head`, `.../member/<did>` or `.../chain/<chainId>` (the chain id as a chain entry spells it). */
const REGISTRY_KEY = new RegExp(
  `^registry/([^/]{1,100})/(head|member/(did:[^/]{1,300})|chain/(${CHAIN_ID_RE.source.replace(/^\^|\$$/g, '')}))$`,
);
/** Unpadded base64url; a value must be the canonical encoding of its bytes (one text per value). */
const BASE64URL = /^[A-Za-z0-9_-]*$/;

function registryValue(text: string, path: string): Uint8Array {
  const value = BASE64URL.test(text) ? fromBase64url(text, path) : undefined;
  if (value === undefined || toBase64url(value) !== text) throw invalidRecord(path, 'expected the unpadded base64url of the value');
  return value;
}

function registryPut(tx: Tx, state: StateView): StateWrite[] {
  const entries = readTyped(tx.body, 'registry_put', 'registry_put', 1, (f) =>
    f.array(
      'entries',
      objectItem((e) => ({
        key: e.str('key', { max: 420, pattern: REGISTRY_KEY }),
        value: registryValue(e.str('value', { max: 200_000 }), `${e.path}.value`),
      })),
      { min: 1, max: 10_000 },
    ),
  );
  return entries.map(({ key, value }) => {
    const m = REGISTRY_KEY.exec(key)!;
    try {
      const r = new ByteReader(value);
      if (m[2] === 'head') {
        if (r.string('allianceId') !== m[1])
          throw refuse('registry_key_mismatch', `${key}: head of another alliance`, ErrorCode.InvalidArgument);
        r.u32('quorum');
        const seq = r.u64('sequence');
        const prev = state.get(key);
        if (prev) {
          const p = new ByteReader(prev);
          p.string();
          p.u32();
          if (p.u64() > seq) throw refuse('registry_rollback', `${key}: sequence ${seq} is older than the stored head`);
        }
      } else if (m[4] !== undefined) {
        // A chain value is read whole: every version's entry must be the keyed chain's.
        r.u64('removedAtMs');
        for (let i = 0, n = r.u32('versions'); i < n; i++) {
          r.u64('fromMs');
          if (readChainEntry(r).chainId !== m[4])
            throw refuse('registry_key_mismatch', `${key}: version ${i} is another chain's entry`, ErrorCode.InvalidArgument);
        }
        r.end('chain value');
      } else if (r.string('did') !== m[3]) {
        throw refuse('registry_key_mismatch', `${key}: the value names another DID`, ErrorCode.InvalidArgument);
      }
    } catch (e) {
      if (e instanceof RangeError || e instanceof TypeError) throw invalidRecord(key, `undecodable registry value (${e.message})`);
      throw e;
    }
    return { key, value };
  });
}

export const judicialContract: ContractHandler = {
  types: Object.values(JudicialTx),
  apply(tx: Tx, state: StateView, ctx): StateWrite[] {
    switch (tx.type) {
      case JudicialTx.CaseFile:
        return caseFile(tx, state, ctx.timeMs);
      case JudicialTx.CaseStatus:
        return caseStatus(tx, state, ctx.timeMs);
      case JudicialTx.AgreementRegister:
        return agreementRegister(tx, state, ctx.timeMs);
      case JudicialTx.PerformanceReport:
        return performanceReport(tx, state, ctx.timeMs);
      case JudicialTx.AnchorPut:
        return anchorPut(tx, state, ctx);
      case JudicialTx.ServiceRecord:
        return serviceRecord(tx, state, ctx.timeMs);
      case JudicialTx.ServiceReceipt:
        return serviceReceipt(tx, state, ctx.timeMs);
      case JudicialTx.OrderIssue:
        return orderIssue(tx, state, ctx.timeMs);
      case JudicialTx.AuditAppend:
        return auditAppend(tx, state);
      case JudicialTx.TerminationRecord:
        return terminationRecord(tx, state, ctx.timeMs);
      case JudicialTx.TerminationResume:
        return terminationResume(tx, state, ctx.timeMs);
      case JudicialTx.RegistryPut:
        return registryPut(tx, state);
      default:
        throw refuse('unknown_tx_type', `judicial does not handle ${tx.type}`, ErrorCode.InvalidArgument);
    }
  },
};
