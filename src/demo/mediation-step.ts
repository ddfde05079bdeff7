/**
 * The demo's second, short story: a mediation that fails. The court registers a mediation between
 * 李娜 (applicant) and 张伟 (respondent) through the gateway's MediationService; 张伟 withdraws
 * (ReportWithdrawal); the workflow service records the failure and files the trial case
 * `trial-<id>` on the judicial chain, which the court then reads with a proof and verifies offline.
 */
import { courtBearer } from '../client/court-bearer.js';
import type { GatewayConnection } from '../client/gateway-client.js';
import { fromHex, fromUtf8 } from '../encoding/bytes.js';
import type { Authority } from '../identity/authority.js';
import type { ChainDirectory } from '../identity/chain-entry.js';
import type { Signer } from '../identity/signer.js';
import { DEMO_CAST } from '../seed/demo-cast.js';
import { verifyBundle } from '../verify/bundle-verify.js';
import { beijingTime } from '../workflows/display.js';
import { signMediation, signWithdrawal } from '../workflows/enforcement/mediation-case.js';
import { auditLine } from './audit-event-zh.js';
import { watchCaseUntil } from './case-watch.js';

/** What happened to the mediation (the demo test checks it). */
export interface MediationStepSummary {
  caseId: string;
  status: string;
  failureReason: string;
  trialCaseId: string;
  events: string[];
  /** The trial case read from the judicial chain: present, and its proof's verdict offline. */
  trialOnChain: { present: boolean; verdict: string };
}

export async function runMediationStep(o: {
  conn: GatewayConnection;
  gatewayDid: string;
  court: Signer;
  authority: Authority & ChainDirectory;
  detail: (line: string) => void;
}): Promise<MediationStepSummary> {
  const { detail } = o;
  const mediation = o.conn.client('MediationService');
  const applicant = fromHex(DEMO_CAST.creditor.idHash);
  const respondent = fromHex(DEMO_CAST.debtor.idHash);
  const caseId = `DEMO-M-${Date.now().toString(36).toUpperCase()}`;
  const deadline = Date.now() + 7 * 86_400_000;
  const m = signMediation(o.court, {
    caseId,
    cause: '民间借贷纠纷',
    parties: [
      { partyIdHash: applicant, role: 'applicant' },
      { partyIdHash: respondent, role: 'respondent' },
    ],
    mediatorDid: o.court.did,
    openedAtMs: Date.now() - 1_000,
    agreementDeadlineMs: deadline,
  });
  const opened = await o.conn.unary(mediation, 'registerMediation', {
    mediation: {
      ...m.mediation,
      parties: [
        { partyIdHash: applicant, role: 'MEDIATION_ROLE_APPLICANT' },
        { partyIdHash: respondent, role: 'MEDIATION_ROLE_RESPONDENT' },
      ],
    },
    signature: m.signature,
  });
  detail(
    `法院登记调解案件 ${caseId}（${String(opened.status)}）：${DEMO_CAST.creditor.nameZh}申请、${DEMO_CAST.debtor.nameZh}应诉，须于 ${beijingTime(deadline)} 前达成协议 / the court registered a mediation`,
  );
  const w = signWithdrawal(o.court, { caseId, partyIdHash: respondent, withdrawnAtMs: Date.now() });
  const withdrawn = await o.conn.unary(mediation, 'reportWithdrawal', { withdrawal: w.withdrawal, signature: w.signature });
  detail(
    `${DEMO_CAST.debtor.nameZh}撤回调解，法院经 ReportWithdrawal 报告 / the respondent withdrew, reported with ReportWithdrawal: ${String(withdrawn.status)}（${withdrawn.failureReason}）`,
  );
  const watched = await watchCaseUntil({
    conn: o.conn,
    bearer: courtBearer({ caller: o.court, gatewayDid: o.gatewayDid, now: Date.now }),
    caseId,
    timeoutMs: 30_000,
    until: (e) => e.event === 'trial_filed',
    onEntry: (e) => detail(`  ${auditLine(e)}`),
  });
  const trialCaseId = `trial-${caseId}`;
  const answer = await o.conn.unary(o.conn.client('QueryService'), 'query', {
    query: { chainId: 'judicial', recordType: 'case', key: `case/${trialCaseId}`, height: { latest: {} } },
  });
  const b = answer.bundle!;
  const present = b.result === 'record';
  const verdict = verifyBundle(b, { atMs: Date.now(), authority: o.authority }).verdict;
  const record = present ? (JSON.parse(fromUtf8(b.record!.value as Uint8Array)) as { kind?: string; status?: string }) : {};
  detail(
    `司法链上的诉讼案件 / the trial case on the judicial chain case/${trialCaseId}: ${present ? `已立案 / filed${record.kind ? ` (${record.kind})` : ''}` : '未找到 / NOT found'}，高度 / height ${b.stateHeight}；离线复核 / verified offline: ${verdict}`,
  );
  return {
    caseId,
    status: String(withdrawn.status),
    failureReason: withdrawn.failureReason,
    trialCaseId,
    events: watched.entries.map((e) => e.event),
    trialOnChain: { present, verdict },
  };
}
