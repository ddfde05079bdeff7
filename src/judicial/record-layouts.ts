/**
 * How a person reads judicial records (src/verify/proven-record.ts): per record type its reader
 * (records.ts) and zh-CN labels, English kept.
 */
import { codes, COURT_ACTION_LABELS, label, type RecordLayout } from '../verify/record-layout.js';
import { toBase64url, toHex } from '../encoding/bytes.js';
import { decodeAnchorPointer, decodeStoredBatch } from './anchor-batch.js';
import {
  readAgreement,
  readAuditEntry,
  readCase,
  readOrder,
  readPerformance,
  readServedDocument,
  readService,
  readTermination,
} from './records.js';

const { court: COURT, caseId: CASE_ID } = COURT_ACTION_LABELS;

export const JUDICIAL_RECORD_LAYOUTS: readonly RecordLayout[] = [
  {
    recordType: 'case',
    valueType: 'case',
    schema: 1,
    label: { zh: '案件', en: 'Case' },
    read: readCase,
    fields: {
      caseId: CASE_ID,
      court: COURT,
      kind: label('案件类型', 'Kind', 'code', {
        values: codes({
          civil: ['民事', 'civil'],
          commercial: ['商事', 'commercial'],
          ip: ['知识产权', 'intellectual property'],
          administrative: ['行政', 'administrative'],
          enforcement: ['执行', 'enforcement'],
          trial: ['诉讼（调解不成）', 'trial (mediation failed)'],
        }),
      }),
      cause: label('案由', 'Cause'),
      parties: label('当事人', 'Parties', 'group', {
        fields: {
          role: label('诉讼地位', 'Role', 'code', {
            values: codes({
              plaintiff: ['原告', 'plaintiff'],
              defendant: ['被告', 'defendant'],
              applicant: ['申请人', 'applicant'],
              respondent: ['被申请人', 'respondent'],
              third_party: ['第三人', 'third party'],
            }),
          }),
          party: label('当事人', 'Party', 'person_hash'),
        },
      }),
      status: label('状态', 'Status', 'code', {
        values: codes({
          filed: ['已立案', 'filed'],
          in_mediation: ['调解中', 'in mediation'],
          judged: ['已判决', 'judged'],
          enforcing: ['执行中', 'enforcing'],
          closed: ['已结案', 'closed'],
        }),
      }),
      parentCaseId: label('原案号', 'Original case', 'id'),
      filedAtMs: label('立案时间', 'Filed at', 'time'),
      updatedAtMs: label('更新时间', 'Updated at', 'time'),
    },
  },
  {
    recordType: 'agreement',
    valueType: 'agreement',
    schema: 1,
    label: { zh: '调解书/判决书', en: 'Mediation agreement or judgment' },
    read: readAgreement,
    fields: {
      agreementId: label('文书编号', 'Agreement id', 'id'),
      caseId: CASE_ID,
      kind: label('文书类型', 'Kind', 'code', {
        values: codes({ mediation: ['调解书', 'mediation agreement'], judgment: ['判决书', 'judgment'] }),
      }),
      court: COURT,
      parties: label('当事人', 'Parties', 'person_hash'),
      obligations: label('给付义务', 'Obligations', 'group', {
        fields: {
          debtor: label('义务人', 'Debtor', 'person_hash'),
          creditor: label('权利人', 'Creditor', 'person_hash'),
          amountCents: label('应付金额', 'Amount', 'money'),
          paidCents: label('已付金额', 'Paid', 'money'),
          deadlineMs: label('履行期限', 'Deadline', 'time'),
        },
      }),
      status: label('状态', 'Status', 'code', {
        values: codes({ effective: ['已生效', 'effective'], performed: ['已履行', 'performed'] }),
      }),
      effectiveAtMs: label('生效时间', 'Effective at', 'time'),
    },
  },
  {
    recordType: 'performance',
    valueType: 'performance_report',
    schema: 1,
    label: { zh: '履行情况报告', en: 'Performance report' },
    read: readPerformance,
    fields: {
      agreementId: label('文书编号', 'Agreement id', 'id'),
      reportId: label('报告编号', 'Report id', 'id'),
      obligationIndex: label('义务序号', 'Obligation index', 'integer'),
      amountCents: label('金额', 'Amount', 'money'),
      reportedBy: label('报告人', 'Reported by', 'did'),
      evidenceHash: label('付款凭证哈希', 'Payment evidence hash', 'hash'),
      reportedAtMs: label('报告时间', 'Reported at', 'time'),
    },
  },
  {
    recordType: 'anchor',
    valueType: 'anchor',
    schema: 2,
    label: { zh: '存证', en: 'Evidence anchor' },
    decode: (v) => {
      const p = decodeAnchorPointer(v);
      return { batchId: toHex(p.batchId), index: p.index, anchoredAtMs: p.anchoredAtMs };
    },
    fields: {
      batchId: label('存证批次', 'Anchor batch', 'hash'),
      index: label('批次内序号', 'Index in batch', 'integer'),
      anchoredAtMs: label('存证时间', 'Anchored at', 'time'),
    },
  },
  {
    recordType: 'anchor-batch',
    valueType: 'anchor-batch',
    schema: 2,
    label: { zh: '存证批次', en: 'Evidence anchor batch' },
    decode: (v) => {
      const b = decodeStoredBatch(v);
      return {
        submitter: b.claim.submitterDid,
        kid: b.claim.kid,
        signedAtMs: b.claim.signedAtMs,
        size: b.claim.size,
        root: toHex(b.claim.root),
        signature: toBase64url(b.signature),
        metadata: b.metadata.map((m) => m.map((e) => `${e.name}=${e.value}`).join('; ')),
        anchoredAtMs: b.anchoredAtMs,
        anchoredEarlier: b.anchoredEarlier.length,
      };
    },
    fields: {
      submitter: label('存证人', 'Submitter', 'did'),
      kid: label('签名密钥', 'Signing key', 'id'),
      signedAtMs: label('签名时间', 'Signed at', 'time'),
      size: label('批次大小', 'Batch size', 'integer'),
      root: label('批次根', 'Batch root', 'hash'),
      signature: label('签名', 'Signature', 'hash'),
      metadata: label('元数据', 'Metadata'),
      anchoredAtMs: label('存证时间', 'Anchored at', 'time'),
      anchoredEarlier: label('已由更早批次存证的数量', 'Anchored earlier by another batch', 'integer'),
    },
  },
  {
    recordType: 'service',
    valueType: 'service',
    schema: 1,
    label: { zh: '送达', en: 'Service of a document' },
    read: readService,
    fields: {
      serviceId: label('送达编号', 'Service id', 'id'),
      caseId: CASE_ID,
      court: COURT,
      documentHash: label('文书哈希', 'Document hash', 'hash'),
      documentTitle: label('文书标题', 'Document title'),
      recipient: label('受送达人', 'Recipient', 'person_hash'),
      channel: label('送达方式', 'Channel', 'code', {
        values: codes({
          electronic: ['电子送达', 'electronic'],
          postal: ['邮寄送达', 'postal'],
          in_person: ['直接送达', 'in person'],
          public_notice: ['公告送达', 'public notice'],
        }),
      }),
      servedAtMs: label('送达时间', 'Served at', 'time'),
      receipt: label('送达回执', 'Receipt', 'group', {
        fields: {
          status: label('状态', 'Status', 'code', { values: codes({ pending: ['待签收', 'pending'], received: ['已签收', 'received'] }) }),
          receivedAtMs: label('签收时间', 'Received at', 'time'),
          signer: label('签收人', 'Signer', 'id'),
          signature: label('签名', 'Signature', 'hash'),
        },
      }),
      signed: label('法院签名的送达记录', "The court's signed service record", 'group', {
        fields: {
          kid: label('签名密钥', 'Signing key', 'id'),
          signature: label('签名', 'Signature', 'hash'),
          servedAtMs: label('签署的送达时间', 'Served at (as signed)', 'time'),
          receiptHash: label('回证哈希', 'Proof-of-delivery hash', 'hash'),
          recipientBinding: label('受送达人绑定', 'Recipient binding', 'hash'),
        },
      }),
    },
  },
  {
    recordType: 'served-document',
    valueType: 'served_document',
    schema: 1,
    label: { zh: '送达文书索引', en: 'Served document index' },
    read: readServedDocument,
    fields: {
      documentHash: label('文书哈希', 'Document hash', 'hash'),
      serviceIds: label('送达编号', 'Service ids', 'id'),
    },
  },
  {
    recordType: 'order',
    valueType: 'enforcement_order',
    schema: 1,
    label: { zh: '执行裁定', en: 'Enforcement order' },
    read: readOrder,
    fields: {
      orderId: COURT_ACTION_LABELS.orderId,
      court: COURT,
      caseId: CASE_ID,
      chain: label('目标链', 'Chain', 'id'),
      kind: label('措施', 'Action', 'code', {
        values: codes({
          freeze: ['冻结', 'freeze'],
          freeze_available: ['冻结可用余额', 'freeze available'],
          deduct: ['扣划', 'deduct'],
          disburse: ['发放执行款', 'disburse'],
          seize: ['查封', 'seize'],
          list: ['纳入失信名单', 'list'],
          restrict: ['限制消费', 'restrict'],
          release: ['解除', 'release'],
          delist: ['移出失信名单', 'delist'],
          unrestrict: ['解除限制消费', 'unrestrict'],
          suspend: ['暂停执业', 'suspend'],
          reinstate: ['恢复执业', 'reinstate'],
        }),
      }),
      target: label('标的', 'Target', 'id'),
      amountCents: label('金额', 'Amount', 'money'),
      legalBasis: label('法律依据', 'Legal basis'),
      issuedAtMs: label('签发时间', 'Issued at', 'time'),
      expiresAtMs: label('有效期至', 'Expires at', 'time'),
      actionId: label('操作编号', 'Action id', 'id'),
      amount: label('金额（适配器核对）', 'Amount (as adapters check it)', 'money'),
    },
  },
  {
    recordType: 'termination',
    valueType: 'termination',
    schema: 1,
    label: { zh: '终结本次执行', en: 'Enforcement terminated (no assets)' },
    read: readTermination,
    fields: {
      caseId: CASE_ID,
      court: COURT,
      round: label('次数', 'Round', 'integer'),
      status: label('状态', 'Status', 'code', {
        values: codes({ terminated: ['已终结本次执行', 'terminated'], resumed: ['已恢复执行', 'resumed'] }),
      }),
      outstandingCents: label('未履行金额', 'Outstanding', 'money'),
      terminatedAtMs: label('终结时间', 'Terminated at', 'time'),
      resumedAtMs: label('恢复执行时间', 'Resumed at', 'time'),
      resumeReason: label('恢复原因', 'Resumed because', 'code', {
        values: codes({ assets_found: ['发现可供执行的财产', 'assets found'], performed: ['债务已履行', 'debt performed'] }),
      }),
    },
  },
  {
    recordType: 'audit',
    valueType: 'audit_entry',
    schema: 1,
    label: { zh: '执行审计日志', en: 'Enforcement audit entry' },
    read: readAuditEntry,
    fields: {
      caseId: CASE_ID,
      seq: label('序号', 'Sequence', 'integer'),
      step: label('步骤', 'Step', 'id'),
      actor: label('操作人', 'Actor', 'did'),
      atMs: label('时间', 'At', 'time'),
      prevEntryHash: label('前一条哈希', 'Previous entry hash', 'hash'),
      proofs: label('所依据的证明', 'Proofs relied on', 'group', {
        fields: {
          chain: label('链', 'Chain', 'id'),
          key: label('记录', 'Key', 'id'),
          height: label('高度', 'Height', 'integer'),
          stateRoot: label('状态根', 'State root', 'hash'),
        },
      }),
      details: label('详情', 'Details', 'group'),
      signature: label('签名', 'Signature', 'hash'),
    },
  },
];
