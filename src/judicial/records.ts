/**
 * Judicial chain records (what the judicial smart contracts need): cases,
 * mediation agreements and judgments with their obligations, performance reports, evidence
 * anchors, served documents with receipts, enforcement orders, the enforcement audit log, and
 * the alliance registry's state. Parties are keyed personal hashes; documents and evidence are
 * anchored by hash, never by content (2022 SPC opinions on blockchain in the judicial field).
 */
import { type Fields, invalidRecord, objectItem, stringItem } from '../chain/ledger/record.js';
import type { CanonicalObject } from '../encoding/canonical-json.js';

/** `trial`: filed by the workflows when a mediation fails (its parent is the mediated case). */
export type CaseKind = 'civil' | 'commercial' | 'ip' | 'administrative' | 'enforcement' | 'trial';
export const CASE_KINDS: readonly CaseKind[] = ['civil', 'commercial', 'ip', 'administrative', 'enforcement', 'trial'];
/** In order: a case only moves forward (a closed case never reopens; a new case is filed). */
export type CaseStatus = 'filed' | 'in_mediation' | 'judged' | 'enforcing' | 'closed';
export const CASE_STATUSES: readonly CaseStatus[] = ['filed', 'in_mediation', 'judged', 'enforcing', 'closed'];
export type PartyRole = 'plaintiff' | 'defendant' | 'applicant' | 'respondent' | 'third_party';
export const PARTY_ROLES: readonly PartyRole[] = ['plaintiff', 'defendant', 'applicant', 'respondent', 'third_party'];

export interface CaseParty {
  role: PartyRole;
  /** Keyed hash of the party's ID number. */
  party: string;
}

/** `case/<caseId>`, e.g. caseId `(2024)京0105民初12345号`. Indexed by `court` and `party`. */
export interface CaseRecord {
  type: 'case';
  schema: 1;
  caseId: string;
  court: string;
  kind: CaseKind;
  cause: string;
  parties: CaseParty[];
  status: CaseStatus;
  /** The original case an enforcement case enforces (absent otherwise). */
  parentCaseId?: string;
  filedAtMs: number;
  updatedAtMs: number;
}

export interface Obligation {
  debtor: string;
  creditor: string;
  amountCents: string;
  paidCents: string;
  deadlineMs: number;
}

/** `agreement/<agreementId>`: a mediation agreement or a judgment. Indexed by `case` and `debtor`. */
export interface AgreementRecord {
  type: 'agreement';
  schema: 1;
  agreementId: string;
  caseId: string;
  kind: 'mediation' | 'judgment';
  court: string;
  parties: string[];
  obligations: Obligation[];
  /** `performed` once every obligation is paid in full. */
  status: 'effective' | 'performed';
  effectiveAtMs: number;
}

/**
 * `termination/<enforcementCaseId>`: 终结本次执行程序 (the enforcement ended for lack of assets,
 * SPC provisions on terminating the current enforcement procedure, 2016) and, when assets are
 * found again, 恢复执行. The case itself stays `enforcing` (a terminated enforcement may resume; a
 * closed case never does); `round` counts terminations (1 for the first). Indexed by `case`.
 */
export interface TerminationRecord {
  type: 'termination';
  schema: 1;
  caseId: string;
  court: string;
  round: number;
  status: TerminationStatus;
  /** What was still owed when it was terminated, cents (> 0). */
  outstandingCents: string;
  terminatedAtMs: number;
  /** Set when the enforcement resumed after this termination. */
  resumedAtMs?: number;
  resumeReason?: ResumeReason;
}
export type TerminationStatus = 'terminated' | 'resumed';
export const TERMINATION_STATUSES: readonly TerminationStatus[] = ['terminated', 'resumed'];
/** `assets_found`: a re-investigation proved new assets; `performed`: the debt was paid meanwhile. */
export type ResumeReason = 'assets_found' | 'performed';
export const RESUME_REASONS: readonly ResumeReason[] = ['assets_found', 'performed'];
/** Order kinds that give something back: still issued for a terminated enforcement (credit punishment and freezes stay until then). */
export const RELEASING_ORDER_KINDS: ReadonlySet<string> = new Set(['release', 'delist', 'unrestrict', 'reinstate']);

/** `performance/<agreementId>/<reportId>`. */
export interface PerformanceReport {
  type: 'performance_report';
  schema: 1;
  agreementId: string;
  reportId: string;
  obligationIndex: number;
  amountCents: string;
  reportedBy: string;
  /** sha256 hex of the payment evidence (bank slip), anchored separately. */
  evidenceHash?: string;
  reportedAtMs: number;
}

export type AnchorKind = 'evidence' | 'case_file' | 'served_document';
export const ANCHOR_KINDS: readonly AnchorKind[] = ['evidence', 'case_file', 'served_document'];

/**
 * `anchor/<sha256 hex>` and `anchor-batch/<batchId>` are binary records (src/judicial/anchor-batch.ts):
 * a 45-byte pointer per anchored hash into the signed batch that anchored it first.
 */

export type ServiceChannel = 'electronic' | 'postal' | 'in_person' | 'public_notice';
export const SERVICE_CHANNELS: readonly ServiceChannel[] = ['electronic', 'postal', 'in_person', 'public_notice'];

export type ServiceReceipt = { status: 'pending' } | { status: 'received'; receivedAtMs: number; signer: string; signature: string };

/** `service/<serviceId>`: a served litigation document and its receipt. Indexed by `case`. */
export interface ServiceRecord {
  type: 'service';
  schema: 1;
  serviceId: string;
  caseId: string;
  court: string;
  documentHash: string;
  documentTitle: string;
  recipient: string;
  channel: ServiceChannel;
  servedAtMs: number;
  receipt: ServiceReceipt;
  /**
   * What the court signed, so the record alone re-verifies offline (services recorded before
   * these fields have none of them, and no receipt can be added to them: `recipient_unbound`).
   */
  signed?: ServiceSigned;
}

/** The court's signed ServiceOfProcess fields the rest of the record does not hold. */
export interface ServiceSigned {
  /** The court's key id. */
  kid: string;
  /** base64url compact signature of the court over the ServiceOfProcess bytes. */
  signature: string;
  /** `served_at_ms` as the court signed it. */
  servedAtMs: number;
  /** Hex `receipt_hash`. */
  receiptHash: string;
  /** Hex `recipient_binding` (HMAC of the recipient's DID keyed by the document hash). */
  recipientBinding: string;
}

/** `served-document/<documentHash>`: the services of one document, so a file finds its service records. */
export interface ServedDocumentRecord {
  type: 'served_document';
  schema: 1;
  documentHash: string;
  serviceIds: string[];
}

/** `order/<orderId>`: the record an adapter's order check proves. Indexed by `case`. */
export interface EnforcementOrder {
  type: 'enforcement_order';
  schema: 1;
  orderId: string;
  court: string;
  caseId: string;
  /** The chain the order is for, e.g. `finance`. */
  chain: string;
  /** The action kind on that chain, e.g. `freeze`. */
  kind: string;
  target: string;
  amountCents?: string;
  /** The legal basis cited, e.g. `民事诉讼法第二百四十九条`. */
  legalBasis: string;
  issuedAtMs: number;
  expiresAtMs: number;
  /**
   * The action id and the amount in the form adapters check the record against
   * (src/judicial/order.ts `JudicialOrder`: minor units, "" when none). Optional for orders that
   * are not tied to one adapter action; when present, `amount` equals `amountCents ?? ""`.
   */
  actionId?: string;
  amount?: string;
}

export interface AuditProofRef {
  chain: string;
  key: string;
  height: number;
  /** Hex state root of the header the proof verified against. */
  stateRoot: string;
}

/**
 * `audit/<caseId>/<seq>`: one enforcement step, stored exactly as submitted (canonical JSON).
 * `entryHash = sha256(stored bytes)`; the next entry's `prevEntryHash` is that hash, so the log is
 * a hash chain verifiable offline. `signature` is the actor's signature (tag `AuditEntry`) over
 * the entry without its `signature` field.
 */
export interface AuditEntry {
  type: 'audit_entry';
  schema: 1;
  caseId: string;
  /** 1 for the first entry of a case. */
  seq: number;
  step: string;
  actor: string;
  atMs: number;
  prevEntryHash: string;
  proofs: AuditProofRef[];
  details: CanonicalObject;
  signature?: string;
}

/** `audit-head/<caseId>`: the last entry of a case's log. */
export interface AuditHead {
  type: 'audit_head';
  schema: 1;
  caseId: string;
  seq: number;
  entryHash: string;
}

const CHAIN_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
/** A compact signature in base64url (86 characters for 64 bytes; a wider range for other encodings). */
export const SIG_PATTERN = /^[A-Za-z0-9_-]{20,200}$/;

function readParty(f: Fields): CaseParty {
  return { role: f.oneOf('role', PARTY_ROLES), party: f.personHash('party') };
}

function opt<K extends string, V>(key: K, v: V | undefined): { [P in K]?: V } {
  return (v === undefined ? {} : { [key]: v }) as { [P in K]?: V };
}

export function readCase(f: Fields): CaseRecord {
  return {
    type: 'case',
    schema: 1,
    caseId: f.id('caseId'),
    court: f.did('court'),
    kind: f.oneOf('kind', CASE_KINDS),
    cause: f.str('cause', { max: 200 }),
    parties: f.array('parties', objectItem(readParty), { min: 1, max: 50 }),
    status: f.oneOf('status', CASE_STATUSES),
    ...opt('parentCaseId', f.has('parentCaseId') ? f.id('parentCaseId') : undefined),
    filedAtMs: f.int('filedAtMs'),
    updatedAtMs: f.int('updatedAtMs'),
  };
}

function readObligation(f: Fields): Obligation {
  return {
    debtor: f.personHash('debtor'),
    creditor: f.personHash('creditor'),
    amountCents: f.cents('amountCents'),
    paidCents: f.cents('paidCents'),
    deadlineMs: f.int('deadlineMs'),
  };
}

export function readAgreement(f: Fields): AgreementRecord {
  return {
    type: 'agreement',
    schema: 1,
    agreementId: f.id('agreementId'),
    caseId: f.id('caseId'),
    kind: f.oneOf('kind', ['mediation', 'judgment'] as const),
    court: f.did('court'),
    parties: f.array('parties', stringItem({ pattern: /^[0-9a-f]{64}$/ }), { min: 2, max: 50 }),
    obligations: f.array('obligations', objectItem(readObligation), { min: 1, max: 100 }),
    status: f.oneOf('status', ['effective', 'performed'] as const),
    effectiveAtMs: f.int('effectiveAtMs'),
  };
}

export function readPerformance(f: Fields): PerformanceReport {
  return {
    type: 'performance_report',
    schema: 1,
    agreementId: f.id('agreementId'),
    reportId: f.id('reportId'),
    obligationIndex: f.int('obligationIndex', { max: 99 }),
    amountCents: f.cents('amountCents'),
    reportedBy: f.did('reportedBy'),
    ...opt('evidenceHash', f.has('evidenceHash') ? f.hex32('evidenceHash') : undefined),
    reportedAtMs: f.int('reportedAtMs'),
  };
}

function readReceipt(f: Fields): ServiceReceipt {
  const status = f.oneOf('status', ['pending', 'received'] as const);
  return status === 'pending'
    ? { status }
    : {
        status,
        receivedAtMs: f.int('receivedAtMs'),
        signer: f.str('signer', { max: 300 }),
        signature: f.str('signature', { pattern: SIG_PATTERN }),
      };
}

/** The fields of a service record a court supplies (the `service_record` tx body); the ledger adds the time and the receipt. */
export function readServiceRequest(f: Fields): Omit<ServiceRecord, 'servedAtMs' | 'receipt'> {
  return {
    type: 'service',
    schema: 1,
    serviceId: f.id('serviceId'),
    caseId: f.id('caseId'),
    court: f.did('court'),
    documentHash: f.hex32('documentHash'),
    documentTitle: f.str('documentTitle', { max: 300 }),
    recipient: f.personHash('recipient'),
    channel: f.oneOf('channel', SERVICE_CHANNELS),
    ...(f.has('signed') ? { signed: objectItem(readServiceSigned)(f.raw('signed') ?? null, `${f.path}.signed`) } : {}),
  };
}

function readServiceSigned(f: Fields): ServiceSigned {
  return {
    kid: f.str('kid', { max: 300, pattern: /^did:[^#]+#.+$/ }),
    signature: f.str('signature', { pattern: SIG_PATTERN }),
    servedAtMs: f.int('servedAtMs', { min: 1 }),
    receiptHash: f.hex32('receiptHash'),
    recipientBinding: f.hex32('recipientBinding'),
  };
}

export function readServedDocument(f: Fields): ServedDocumentRecord {
  return {
    type: 'served_document',
    schema: 1,
    documentHash: f.hex32('documentHash'),
    // Service ids as `service/<id>` takes them (the id of a ServiceOfProcess is its sha256 hex).
    serviceIds: f.array('serviceIds', stringItem({ max: 128, pattern: /^[^/\u0000-\u001f\u007f]{1,128}$/u }), { min: 1, max: 1000 }),
  };
}

export function readService(f: Fields): ServiceRecord {
  return {
    ...readServiceRequest(f),
    servedAtMs: f.int('servedAtMs'),
    receipt: objectItem(readReceipt)(f.raw('receipt') ?? null, `${f.path}.receipt`),
  };
}

export function readOrder(f: Fields): EnforcementOrder {
  return {
    type: 'enforcement_order',
    schema: 1,
    orderId: f.id('orderId'),
    court: f.did('court'),
    caseId: f.id('caseId'),
    chain: f.str('chain', { pattern: CHAIN_PATTERN }),
    kind: f.str('kind', { max: 40, pattern: /^[a-z][a-z0-9_]*$/ }),
    target: f.str('target', { max: 256, pattern: /^[^\u0000-\u001f\u007f]+$/u }),
    ...opt('amountCents', f.has('amountCents') ? f.cents('amountCents') : undefined),
    legalBasis: f.str('legalBasis', { max: 500 }),
    issuedAtMs: f.int('issuedAtMs'),
    expiresAtMs: f.int('expiresAtMs'),
    ...opt('actionId', f.has('actionId') ? f.str('actionId', { max: 200 }) : undefined),
    ...opt('amount', f.has('amount') ? f.str('amount', { min: 0, max: 40, pattern: /^(|0|[1-9][0-9]*)$/ }) : undefined),
  };
}

function readProofRef(f: Fields): AuditProofRef {
  return {
    chain: f.str('chain', { pattern: CHAIN_PATTERN }),
    key: f.str('key', { max: 400 }),
    height: f.int('height', { min: 1 }),
    stateRoot: f.hex32('stateRoot'),
  };
}

export function readAuditEntry(f: Fields): AuditEntry {
  const details = f.raw('details');
  if (details === undefined || details === null || typeof details !== 'object' || Array.isArray(details))
    throw invalidRecord(`${f.path}.details`, 'expected an object');
  return {
    type: 'audit_entry',
    schema: 1,
    caseId: f.id('caseId'),
    seq: f.int('seq', { min: 1 }),
    step: f.str('step', { max: 80, pattern: /^[a-z][a-z0-9_.]*$/ }),
    actor: f.did('actor'),
    atMs: f.int('atMs'),
    prevEntryHash: f.hex32('prevEntryHash'),
    proofs: f.array('proofs', objectItem(readProofRef), { max: 100 }),
    details: details as CanonicalObject,
    ...opt('signature', f.has('signature') ? f.str('signature', { pattern: SIG_PATTERN }) : undefined),
  };
}

export function readAuditHead(f: Fields): AuditHead {
  return { type: 'audit_head', schema: 1, caseId: f.id('caseId'), seq: f.int('seq', { min: 1 }), entryHash: f.hex32('entryHash') };
}

export function readTermination(f: Fields): TerminationRecord {
  return {
    type: 'termination',
    schema: 1,
    caseId: f.id('caseId'),
    court: f.did('court'),
    round: f.int('round', { min: 1 }),
    status: f.oneOf('status', TERMINATION_STATUSES),
    outstandingCents: f.cents('outstandingCents'),
    terminatedAtMs: f.int('terminatedAtMs'),
    ...opt('resumedAtMs', f.has('resumedAtMs') ? f.int('resumedAtMs') : undefined),
    ...opt('resumeReason', f.has('resumeReason') ? f.oneOf('resumeReason', RESUME_REASONS) : undefined),
  };
}
