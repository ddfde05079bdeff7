/**
 * The collab chain (政法协同): courts, procuratorates, public security and justice administration
 * transfer cases to one another and share evidence by hash (the opinions on blockchain in the
 * judicial field, art. 19). Every organ's word is a signed statement (statement.ts) kept whole in
 * the record it made, so anyone re-checks who said it against the alliance registry later.
 *
 * Records:
 *   `transfer/<transferId>`     a case transfer: sender, receiver, case reference, evidence hashes,
 *                               the sender's signed statement, then the receiver's accept or return.
 *   `evidence/<sha256>`         an evidence item: its owner organ, the organs it is shared with, how
 *                               many accesses were logged, and a court's seal while one holds.
 *   `access/<sha256>/<seq>`     one logged access (seq from 1): who, when, purpose, signed.
 */
import type { ActionSpec, RecordTypeSpec } from '../sdk/definition.js';
import { type Fields, invalidRecord, objectItem, stringItem } from '../sdk/record.js';
import { codes, COURT_ACTION_LABELS, label, type FieldLabels, type RecordLayout } from '../sdk/record-layout.js';
import type { CanonicalObject, CanonicalValue } from '../../src/encoding/canonical-json.js';
import { ORGAN_ROLES, Roles, type Role } from '../../src/identity/authority.js';

export const COLLAB_CHAIN_ID = 'collab';

/** Who may speak on the collab chain: a court or one of the political-legal organs. */
export const COLLAB_ROLES = ['court', ...ORGAN_ROLES] as const satisfies readonly Role[];
export type CollabRole = (typeof COLLAB_ROLES)[number];
export const isCollabRole = (r: string): r is CollabRole => (COLLAB_ROLES as readonly string[]).includes(r);

const SHA256_HEX = /^[0-9a-f]{64}$/;
const TEXT = /^[^\u0000-\u001f\u007f]+$/u;

// ---- statements (what an organ signs; statement.ts signs and checks them) ----

interface StatementBase {
  schema: 1;
  /** The signer's DID (did:alliance). */
  signer: string;
  /**
   * The role the signer speaks in: the intake checks the registry grants it for this chain, the
   * contract that it is a court's or an organ's (`sender_not_organ`).
   */
  role: Role;
  /** When it was signed (ms); the key is looked up at this time. */
  atMs: number;
}

export interface TransferStatement extends StatementBase {
  type: 'transfer';
  transferId: string;
  receiver: string;
  /** The case reference (案号) the organs share; never a person's name. */
  caseRef: string;
  /** SHA-256 (hex) of the evidence items handed over with the case. */
  evidence: string[];
}

export interface TransferAcceptStatement extends StatementBase {
  type: 'transfer_accept';
  transferId: string;
}

export interface TransferReturnStatement extends StatementBase {
  type: 'transfer_return';
  transferId: string;
  reason: string;
}

export interface EvidenceShareStatement extends StatementBase {
  type: 'evidence_share';
  sha256: string;
  sharedWith: string[];
}

export interface EvidenceAccessStatement extends StatementBase {
  type: 'evidence_access';
  sha256: string;
  purpose: string;
}

export type Statement =
  | TransferStatement
  | TransferAcceptStatement
  | TransferReturnStatement
  | EvidenceShareStatement
  | EvidenceAccessStatement;
export type StatementType = Statement['type'];
export const STATEMENT_TYPES: readonly StatementType[] = [
  'transfer',
  'transfer_accept',
  'transfer_return',
  'evidence_share',
  'evidence_access',
];

/** A statement with its signature: the signed bytes are `encodeCanonical(statement)` (statement.ts). */
export interface SignedStatement {
  statement: Statement;
  /** The full DID URL of the key, e.g. `did:alliance:procuratorate-bj#key-1`. */
  kid: string;
  /** Compact low-S secp256k1 signature, base64url. */
  signature: string;
}

export function readStatement(f: Fields): Statement {
  const type = f.oneOf('type', STATEMENT_TYPES);
  const base = {
    schema: f.literal('schema', 1),
    signer: f.did('signer'),
    role: f.oneOf('role', Roles),
    atMs: f.int('atMs'),
  };
  switch (type) {
    case 'transfer': {
      const s: TransferStatement = {
        type,
        ...base,
        transferId: f.id('transferId'),
        receiver: f.did('receiver'),
        caseRef: f.str('caseRef', { max: 128, pattern: TEXT }),
        evidence: f.array('evidence', stringItem({ max: 64, pattern: SHA256_HEX }), { max: 100 }),
      };
      if (new Set(s.evidence).size !== s.evidence.length) throw invalidRecord(`${f.path}.evidence`, 'an evidence hash is listed twice');
      return s;
    }
    case 'transfer_accept':
      return { type, ...base, transferId: f.id('transferId') };
    case 'transfer_return':
      return { type, ...base, transferId: f.id('transferId'), reason: f.str('reason', { max: 500, pattern: TEXT }) };
    case 'evidence_share': {
      const s: EvidenceShareStatement = {
        type,
        ...base,
        sha256: f.str('sha256', { max: 64, pattern: SHA256_HEX }),
        sharedWith: f.array('sharedWith', stringItem({ max: 256, pattern: /^did:alliance:[A-Za-z0-9._:%-]{1,200}$/ }), { max: 50 }),
      };
      if (new Set(s.sharedWith).size !== s.sharedWith.length) throw invalidRecord(`${f.path}.sharedWith`, 'an organ is listed twice');
      if (s.sharedWith.includes(s.signer)) throw invalidRecord(`${f.path}.sharedWith`, 'the owner is not shared with itself');
      return s;
    }
    case 'evidence_access':
      return {
        type,
        ...base,
        sha256: f.str('sha256', { max: 64, pattern: SHA256_HEX }),
        purpose: f.str('purpose', { max: 300, pattern: TEXT }),
      };
  }
}

export function readSignedStatement(f: Fields): SignedStatement {
  const sf = f.object('statement');
  const statement = readStatement(sf);
  sf.done();
  return {
    statement,
    kid: f.str('kid', { max: 300, pattern: /^did:alliance:[A-Za-z0-9._:%-]{1,200}#[A-Za-z0-9._-]{1,40}$/ }),
    signature: f.str('signature', { min: 86, max: 86, pattern: /^[A-Za-z0-9_-]+$/ }),
  };
}

/** The signed statement inside a value, checked to be of `type`. */
function signedOf<T extends StatementType>(
  f: Fields,
  name: string,
  type: T,
): SignedStatement & { statement: Extract<Statement, { type: T }> } {
  const s = f.nested(name, readSignedStatement);
  if (s.statement.type !== type) throw invalidRecord(`${f.path}.${name}`, `expected a ${type} statement`);
  return s as SignedStatement & { statement: Extract<Statement, { type: T }> };
}

// ---- records ----

export type TransferStatus = 'sent' | 'accepted' | 'returned';
export const TRANSFER_STATUSES: readonly TransferStatus[] = ['sent', 'accepted', 'returned'];

/** `transfer/<transferId>`. */
export interface Transfer {
  type: 'transfer';
  schema: 1;
  transferId: string;
  sender: string;
  senderRole: CollabRole;
  receiver: string;
  caseRef: string;
  evidence: string[];
  sentAtMs: number;
  status: TransferStatus;
  /** The sender's signed transfer statement, whole. */
  sent: SignedStatement;
  /** The receiver's signed accept or return, whole (absent while `sent`). */
  answer?: SignedStatement;
  /** Block time the answer was recorded (0 while `sent`). */
  answeredAtMs: number;
}

export function readTransfer(f: Fields): Transfer {
  const t: Transfer = {
    type: 'transfer',
    schema: 1,
    transferId: f.id('transferId'),
    sender: f.did('sender'),
    senderRole: f.oneOf('senderRole', COLLAB_ROLES),
    receiver: f.did('receiver'),
    caseRef: f.str('caseRef', { max: 128, pattern: TEXT }),
    evidence: f.array('evidence', stringItem({ max: 64, pattern: SHA256_HEX }), { max: 100 }),
    sentAtMs: f.int('sentAtMs'),
    status: f.oneOf('status', TRANSFER_STATUSES),
    sent: f.nested('sent', (g) => {
      const s = readSignedStatement(g);
      if (s.statement.type !== 'transfer') throw invalidRecord(`${f.path}.sent`, 'expected a transfer statement');
      return s;
    }),
    answeredAtMs: f.int('answeredAtMs'),
  };
  if (f.has('answer')) t.answer = f.nested('answer', readSignedStatement);
  if ((t.status === 'sent') !== (t.answer === undefined)) throw invalidRecord(`${f.path}.answer`, 'present exactly once answered');
  return t;
}

export interface Seal {
  orderId: string;
  caseId: string;
  court: string;
  sinceMs: number;
}

/** `evidence/<sha256>`. */
export interface Evidence {
  type: 'evidence';
  schema: 1;
  sha256: string;
  owner: string;
  sharedWith: string[];
  registeredAtMs: number;
  /** Accesses logged so far: the last is `access/<sha256>/<accessCount>`. */
  accessCount: number;
  /** The owner's signed share statement, whole. */
  shared: SignedStatement;
  seal?: Seal;
}

function readSeal(f: Fields): Seal {
  return { orderId: f.id('orderId'), caseId: f.id('caseId'), court: f.did('court'), sinceMs: f.int('sinceMs') };
}

export function readEvidence(f: Fields): Evidence {
  const e: Evidence = {
    type: 'evidence',
    schema: 1,
    sha256: f.str('sha256', { max: 64, pattern: SHA256_HEX }),
    owner: f.did('owner'),
    sharedWith: f.array('sharedWith', stringItem({ max: 256 }), { max: 200 }),
    registeredAtMs: f.int('registeredAtMs'),
    accessCount: f.int('accessCount'),
    shared: f.nested('shared', readSignedStatement),
  };
  if (f.has('seal')) e.seal = objectItem(readSeal)(f.raw('seal') as CanonicalValue, `${f.path}.seal`);
  return e;
}

/** `access/<sha256>/<seq>`. */
export interface Access {
  type: 'access';
  schema: 1;
  sha256: string;
  seq: number;
  accessor: string;
  purpose: string;
  atMs: number;
  signed: SignedStatement;
}

export function readAccess(f: Fields): Access {
  return {
    type: 'access',
    schema: 1,
    sha256: f.str('sha256', { max: 64, pattern: SHA256_HEX }),
    seq: f.int('seq', { min: 1 }),
    accessor: f.did('accessor'),
    purpose: f.str('purpose', { max: 300, pattern: TEXT }),
    atMs: f.int('atMs'),
    signed: signedOf(f, 'signed', 'evidence_access'),
  };
}

/** A record as a canonical object (optional fields absent, never `undefined`). */
export const asObject = (v: Transfer | Evidence | Access): CanonicalObject =>
  Object.fromEntries(Object.entries(v).filter(([, x]) => x !== undefined)) as unknown as CanonicalObject;

// ---- txs and actions ----

export const CollabTx = {
  /** Body: a signed `transfer` statement. */
  Transfer: 'collab.transfer',
  /** Body: a signed `transfer_accept` or `transfer_return` statement by the receiver. */
  Answer: 'collab.answer',
  /** Body: a signed `evidence_share` statement by the owner. */
  Share: 'collab.share',
  /** Body: a signed `evidence_access` statement by the accessor. */
  Access: 'collab.access',
  Seal: 'collab.seal',
  Release: 'collab.release',
} as const;

/** The tx type that carries a statement of `type`. */
export function txTypeOf(type: StatementType): string {
  switch (type) {
    case 'transfer':
      return CollabTx.Transfer;
    case 'transfer_accept':
    case 'transfer_return':
      return CollabTx.Answer;
    case 'evidence_share':
      return CollabTx.Share;
    case 'evidence_access':
      return CollabTx.Access;
  }
}

export const COLLAB_RECORD_TYPES: readonly RecordTypeSpec[] = [
  {
    name: 'transfer',
    keyPrefix: 'transfer/',
    description: 'Case transfer between organs: sender, receiver, case reference, evidence hashes, signed statements, accept or return',
    indexes: ['organ'],
  },
  {
    name: 'evidence',
    keyPrefix: 'evidence/',
    description: 'Evidence shared by hash: owner organ, organs it is shared with, access count, a court seal',
    indexes: ['organ'],
  },
  {
    name: 'access',
    keyPrefix: 'access/',
    description: 'One logged access to an evidence item (access/<sha256>/<seq>): who, when, purpose, signed',
    indexes: ['organ'],
  },
];

export const COLLAB_ACTIONS: readonly ActionSpec[] = [
  {
    kind: 'seal',
    txType: CollabTx.Seal,
    amount: 'none',
    targetRecordType: 'evidence',
    description: 'Seal (封存) an evidence item from further access during a dispute; one already sealed is refused (already_sealed)',
  },
  {
    kind: 'release',
    txType: CollabTx.Release,
    amount: 'none',
    targetRecordType: 'evidence',
    description: "Lift this case's seal (解除封存); refused when the case holds none (not_sealed)",
  },
];

const ROLE_CODES = codes({
  court: ['法院', 'court'],
  procuratorate: ['检察院', 'procuratorate'],
  police: ['公安机关', 'public security'],
  justice: ['司法行政机关', 'justice administration'],
});

const STATEMENT_LABELS: FieldLabels = {
  statement: label('声明', 'Statement', 'group', {
    fields: {
      type: label('类型', 'Kind', 'code', {
        values: codes({
          transfer: ['移送', 'transfer'],
          transfer_accept: ['接收', 'accept'],
          transfer_return: ['退回', 'return'],
          evidence_share: ['共享证据', 'share evidence'],
          evidence_access: ['调阅证据', 'access evidence'],
        }),
      }),
      schema: label('版本', 'Schema', 'integer'),
      signer: label('签名机关', 'Signer', 'did'),
      role: label('身份', 'Role', 'code', { values: ROLE_CODES }),
      atMs: label('签署时间', 'Signed at', 'time'),
      transferId: label('移送编号', 'Transfer id', 'id'),
      receiver: label('接收机关', 'Receiver', 'did'),
      caseRef: label('案件编号', 'Case reference', 'id'),
      evidence: label('证据哈希', 'Evidence hashes', 'hash'),
      reason: label('退回理由', 'Reason', 'text'),
      sha256: label('证据哈希', 'Evidence hash', 'hash'),
      sharedWith: label('共享机关', 'Shared with', 'did'),
      purpose: label('调阅事由', 'Purpose', 'text'),
    },
  }),
  kid: label('签名密钥', 'Key', 'id'),
  signature: label('签名', 'Signature', 'hash'),
};

/** How a person reads the collab records (src/verify/proven-record.ts): zh-CN labels, English kept. */
export const COLLAB_RECORD_LAYOUTS: readonly RecordLayout[] = [
  {
    recordType: 'transfer',
    valueType: 'transfer',
    schema: 1,
    label: { zh: '案件移送', en: 'Case transfer' },
    read: readTransfer,
    fields: {
      transferId: label('移送编号', 'Transfer id', 'id'),
      sender: label('移送机关', 'Sender', 'did'),
      senderRole: label('移送机关身份', 'Sender role', 'code', { values: ROLE_CODES }),
      receiver: label('接收机关', 'Receiver', 'did'),
      caseRef: label('案件编号', 'Case reference', 'id'),
      evidence: label('移送证据哈希', 'Evidence hashes', 'hash'),
      sentAtMs: label('移送时间', 'Sent at', 'time'),
      status: label('状态', 'Status', 'code', {
        values: codes({ sent: ['待接收', 'sent'], accepted: ['已接收', 'accepted'], returned: ['已退回', 'returned'] }),
      }),
      sent: label('移送签名', 'Sender signature', 'group', { fields: STATEMENT_LABELS }),
      answer: label('接收/退回签名', 'Answer signature', 'group', { fields: STATEMENT_LABELS }),
      answeredAtMs: label('答复时间', 'Answered at', 'time'),
    },
  },
  {
    recordType: 'evidence',
    valueType: 'evidence',
    schema: 1,
    label: { zh: '共享证据', en: 'Shared evidence' },
    read: readEvidence,
    fields: {
      sha256: label('证据哈希', 'Evidence hash', 'hash'),
      owner: label('所有机关', 'Owner', 'did'),
      sharedWith: label('共享机关', 'Shared with', 'did'),
      registeredAtMs: label('登记时间', 'Registered at', 'time'),
      accessCount: label('调阅次数', 'Accesses', 'integer'),
      shared: label('共享签名', 'Share signature', 'group', { fields: STATEMENT_LABELS }),
      seal: label('封存', 'Seal', 'group', { fields: { ...COURT_ACTION_LABELS, sinceMs: label('起始时间', 'Since', 'time') } }),
    },
  },
  {
    recordType: 'access',
    valueType: 'access',
    schema: 1,
    label: { zh: '证据调阅记录', en: 'Evidence access' },
    read: readAccess,
    fields: {
      sha256: label('证据哈希', 'Evidence hash', 'hash'),
      seq: label('序号', 'Sequence', 'integer'),
      accessor: label('调阅机关', 'Accessor', 'did'),
      purpose: label('调阅事由', 'Purpose', 'text'),
      atMs: label('调阅时间', 'Accessed at', 'time'),
      signed: label('调阅签名', 'Access signature', 'group', { fields: STATEMENT_LABELS }),
    },
  },
];
