/**
 * The demo's enforcement story, run as it is deployed: the contract is the workflow service
 * (`courtbridge workflows start`, two replica processes, one active per case), and the court
 * speaks to it only through the gateway's MediationService with its bearer token. The court
 * registers a judgment in which 张伟 owes three creditors of two ranks, due in a few seconds, and
 * follows the case with WatchCase: overdue -> filed -> investigated -> frozen -> deducted into the
 * court's custody -> distributed by rank -> closed. Mid-case the replica holding the case's lease
 * is killed with SIGKILL; the other takes the lease when it expires and finishes the case.
 * At the end the court's desk exports the case history and verifies it offline.
 */
import type { ChildProcess } from 'node:child_process';
import type { NatsConnection } from 'nats';
import { accountKey, courtCustodyAccountNo } from '../../adapters/finance/contract.js';
import { ensureKv } from '../bus/jetstream.js';
import { courtBearer } from '../client/court-bearer.js';
import { connectGateway, type GatewayConnection } from '../client/gateway-client.js';
import { sha256 } from '../crypto/hash.js';
import { fromHex, fromUtf8, utf8 } from '../encoding/bytes.js';
import type { Authority } from '../identity/authority.js';
import { hashSuiteAt, type ChainDirectory } from '../identity/chain-entry.js';
import type { Signer } from '../identity/signer.js';
import { DEMO_CAST } from '../seed/demo-cast.js';
import { verifyBundle } from '../verify/bundle-verify.js';
import { verifyCaseHistory, type CaseHistoryJson } from '../workflows/audit-log.js';
import { systemClock } from '../workflows/clock.js';
import { beijingTime, yuan } from '../workflows/display.js';
import { DEFAULT_TARGETS, equityProfile, financeProfile, ipProfile, propertyProfile } from '../workflows/enforcement/asset-profiles.js';
import { actionKindZh } from '../workflows/enforcement/audit-text.js';
import { EnforcementEngine } from '../workflows/enforcement/engine.js';
import { signInstrument } from '../workflows/enforcement/instrument.js';
import { GatewayInvestigator, GatewayOrderer } from '../workflows/network/gateway-ports.js';
import { NatsJudicialLedger } from '../workflows/network/nats-judicial-ledger.js';
import { CaseLeases } from '../workflows/service/case-lease.js';
import { KvWorkflowStore } from '../workflows/store/kv-store.js';
import { auditLine } from './audit-event-zh.js';
import { watchCaseUntil } from './case-watch.js';
import { DEMO_CREDITORS } from './demo-creditors.js';
import type { WorkflowReplica } from './stack.js';
import { DEMO_WORKFLOW_BUCKETS, DEMO_WORKFLOW_TIMING } from './workflow-replicas.js';

/** What happened to the judgment (the demo test checks it). */
export interface EnforcementStepSummary {
  caseId: string;
  /** The contract's phase at the end (`satisfied`: closed, the debt paid) and MediationService's status. */
  phase: string;
  status: string;
  /** The audit events in the order WatchCase delivered them. */
  events: string[];
  actions: { chain: string; kind: string; target: string; amountCents: string; status: string }[];
  payments: { obligationId: string; rank: string; amountCents: string; payeeAccount: string; status: string }[];
  /** The court's custody account after the distribution (proven on the finance chain). */
  custody: { balanceCents: string; verdict: string };
  replicas: number;
  /** The replica killed with SIGKILL while it held the case's lease, and the one that finished the case. */
  killed: { replica: string; afterEvent: string; signal: string | null } | undefined;
  finishedBy: string;
  watch: { linked: boolean; rewatched: number };
  auditEntries: number;
  auditVerified: boolean;
}

const RANK_ZH: Readonly<Record<string, string>> = {
  CREDITOR_RANK_SECURED: '有担保债权 / secured',
  CREDITOR_RANK_PREFERENTIAL: '优先债权 / preferential',
  CREDITOR_RANK_UNSPECIFIED: '普通债权 / ordinary',
};
const PHASE_ZH: Readonly<Record<string, string>> = {
  satisfied: '执行完毕，已结案',
  terminated: '终结本次执行',
  enforcing: '执行中',
};
const PAYMENT_STATUS_ZH: Readonly<Record<string, string>> = {
  PAYMENT_STATUS_PLANNED: '已计划 / planned',
  PAYMENT_STATUS_ORDERING: '发放中 / ordering',
  PAYMENT_STATUS_EXECUTED: '已到账 / executed',
  PAYMENT_STATUS_HELD: '留存专户 / held in custody',
};

export async function runEnforcementStep(o: {
  conn: GatewayConnection;
  gateway: { address: string; did: string };
  nc: NatsConnection;
  court: Signer;
  gatewaySigner: Signer;
  authority: Authority & ChainDirectory;
  replicas: WorkflowReplica[];
  detail: (line: string) => void;
  /** JetStream replicas of the workflow buckets (the service's `jetstreamReplicas`); 1 unless told. */
  jetstreamReplicas?: number;
}): Promise<EnforcementStepSummary> {
  const { detail } = o;
  const bearer = courtBearer({ caller: o.court, gatewayDid: o.gateway.did, now: Date.now });
  const mediation = o.conn.client('MediationService');
  const js = o.nc.jetstream();
  const replicated = { replicas: o.jetstreamReplicas ?? 1 };
  const leases = new CaseLeases({
    kv: await ensureKv(js, DEMO_WORKFLOW_BUCKETS.lease, replicated),
    replicaId: 'court-desk',
    ttlMs: DEMO_WORKFLOW_TIMING.leaseTtlMs,
    now: Date.now,
  });
  detail(
    `执行合约服务 / the enforcement contract service: ${o.replicas.length} 个副本 / replicas (${o.replicas.map((r) => r.id).join('、')})，每案由持有租约的一个副本推进 / one active per case, by lease（日志 / logs: ${o.replicas.map((r) => r.log).join(', ')}）`,
  );

  // The judgment: 张伟 owes 李娜 (secured) and two ordinary creditors, due in a few seconds.
  const caseId = `DEMO-J-${Date.now().toString(36).toUpperCase()}`;
  const debtor = fromHex(DEMO_CAST.debtor.idHash);
  const dueAtMs = Date.now() + 3_000;
  const { instrument, signature } = signInstrument(o.court, {
    kind: 'judgment',
    caseId,
    documentHash: sha256(utf8(`民事判决书 ${caseId}`)),
    parties: [
      { partyIdHash: debtor, role: 'obligor' },
      ...DEMO_CREDITORS.map((c) => ({ partyIdHash: fromHex(c.idHash), role: 'obligee' as const })),
    ],
    obligations: DEMO_CREDITORS.map((c) => ({
      obligationId: c.obligationId,
      obligorIdHash: debtor,
      obligeeIdHash: fromHex(c.idHash),
      amount: c.owedCents,
      description: 'repay the judgment debt',
      dueAtMs,
      ...(c.rank === 'ordinary' ? {} : { creditorRank: c.rank }),
      payeeAccount: c.accountNo,
    })),
    effectiveAtMs: Date.now() - 1_000,
  });
  const registered = await o.conn.unary(mediation, 'registerJudgment', {
    instrument: {
      ...instrument,
      kind: 'INSTRUMENT_KIND_JUDGMENT',
      parties: instrument.parties.map((p) => ({
        partyIdHash: p.partyIdHash,
        role: p.role === 'obligor' ? ('PARTY_ROLE_OBLIGOR' as const) : ('PARTY_ROLE_OBLIGEE' as const),
      })),
      obligations: instrument.obligations.map((ob) => ({
        ...ob,
        creditorRank: ob.creditorRank === 'secured' ? ('CREDITOR_RANK_SECURED' as const) : ('CREDITOR_RANK_UNSPECIFIED' as const),
      })),
    },
    signature,
  });
  const total = DEMO_CREDITORS.reduce((s, c) => s + BigInt(c.owedCents), 0n);
  detail(
    `法院经网关 MediationService 登记生效判决 ${caseId}（${String(registered.status)}）/ the court registered the judgment through the gateway: ${DEMO_CAST.debtor.nameZh}应付 ${yuan(total)}，${beijingTime(dueAtMs)} 到期（3 秒后 / in 3 s）`,
  );
  for (const c of DEMO_CREDITORS)
    detail(
      `  债权人 / creditor ${c.nameZh} (${c.name})：${yuan(c.owedCents)}，${RANK_ZH[c.rank === 'secured' ? 'CREDITOR_RANK_SECURED' : 'CREDITOR_RANK_UNSPECIFIED']}，收款账户 / payee account ${c.accountNo}（${c.bank}）`,
    );
  detail(`以 WatchCase 跟踪案件，每条审计记录到达即显示 / following the case with WatchCase, each audit entry as it arrives:`);

  // Kill the lease holder once the first order executed on a partner chain: the case is mid-way.
  let killed: EnforcementStepSummary['killed'];
  let killedAt = 0;
  let tookOver = false;
  let takenOverBy = '';
  const byId = new Map(o.replicas.map((r) => [r.id, r]));
  const watched = await watchCaseUntil({
    conn: o.conn,
    bearer,
    caseId,
    timeoutMs: 90_000,
    until: (e) => e.event === 'enforcement_closed' || e.event === 'enforcement_terminated',
    onEntry: async (e) => {
      detail(`  ${auditLine(e)}`);
      if (killed !== undefined && !tookOver && e.atMs > killedAt) {
        const lease = await leases.read(caseId);
        if (lease && lease.holder !== killed.replica) {
          tookOver = true;
          takenOverBy = lease.holder;
          detail(
            `  副本 ${lease.holder} 在租约过期后接手本案，从保存的状态继续 / replica ${lease.holder} took the case over when the lease expired and carries on from the saved state`,
          );
        }
      }
      if (killed === undefined && e.event === 'action_executed') {
        const lease = await leases.read(caseId);
        const holder = lease === undefined ? undefined : byId.get(lease.holder);
        if (holder === undefined) return;
        const signal = await killHard(holder.child);
        killedAt = Date.now();
        killed = { replica: holder.id, afterEvent: e.event, signal };
        detail(
          `  kill -9 副本 ${holder.id}（持有本案租约 / held the case's lease, pid ${holder.child.pid}）：案件不停，另一副本将在 ${DEMO_WORKFLOW_TIMING.leaseTtlMs / 1000} 秒租约过期后接手 / the other replica takes over when the lease expires`,
        );
      }
    },
  });

  // The outcome as the court reads it: GetCase through the gateway, the custody account on the finance chain.
  const got = await o.conn.unary(mediation, 'getCase', { caseId });
  const payments = (got.payments ?? []).map((p) => ({
    obligationId: p.obligationId,
    rank: String(p.creditorRank),
    amountCents: p.amount,
    payeeAccount: p.payeeAccount,
    status: String(p.status),
    actionId: p.actionId,
  }));
  detail('执行款分配结果 / how the deducted funds were paid out:');
  for (const p of payments) {
    const c = DEMO_CREDITORS.find((x) => x.obligationId === p.obligationId);
    detail(
      `  ${c?.nameZh ?? p.obligationId}（${RANK_ZH[p.rank] ?? p.rank}）${yuan(p.amountCents)} -> 账户 / account ${p.payeeAccount}：${PAYMENT_STATUS_ZH[p.status] ?? p.status}，发放令 / order ${p.actionId}`,
    );
  }
  const custodyKey = accountKey(courtCustodyAccountNo(o.court.did));
  const custodyAnswer = await o.conn.unary(o.conn.client('QueryService'), 'query', {
    query: { chainId: 'finance', recordType: 'account', key: custodyKey, height: { latest: {} } },
  });
  const cb = custodyAnswer.bundle!;
  const custodyRecord = cb.record?.value ? (JSON.parse(fromUtf8(cb.record.value as Uint8Array)) as { balanceCents?: string }) : {};
  const custody = {
    balanceCents: custodyRecord.balanceCents ?? '',
    verdict: verifyBundle(cb, { atMs: Date.now(), authority: o.authority }).verdict,
  };
  detail(
    `法院执行款专户 / the court's custody account ${custodyKey}：余额 / balance ${custody.balanceCents === '' ? '—' : yuan(custody.balanceCents)}，金融链高度 / height ${cb.stateHeight}；离线复核 / verified offline: ${custody.verdict}`,
  );

  // The court's desk: reads the state the replicas share and exports the case history for offline checking.
  const ledger = new NatsJudicialLedger({
    nc: o.nc,
    signer: o.gatewaySigner,
    now: Date.now,
    hashSuite: () => hashSuiteAt(o.authority, 'judicial', Date.now()),
  });
  const deskClient = connectGateway({ address: o.gateway.address, bearer, timeoutMs: 20_000 });
  try {
    const desk = new EnforcementEngine({
      ledger,
      investigator: new GatewayInvestigator(deskClient, [financeProfile, propertyProfile, equityProfile, ipProfile]),
      orderer: new GatewayOrderer({ gateway: deskClient, judicial: ledger }),
      store: new KvWorkflowStore(await ensureKv(js, DEMO_WORKFLOW_BUCKETS.state, replicated)),
      clock: systemClock,
      court: o.court,
      authority: o.authority,
      policy: { maxOrderCents: 10_000_000_000n, legalBasis: '《民事诉讼法》第二百四十九条', orderLifetimeMs: 600_000 },
      targets: DEFAULT_TARGETS,
      orderAudience: (chain) => `did:alliance:${chain}-adapter`,
    });
    const state = await desk.getCase(caseId);
    const actions = Object.values(state.actions).map((a) => ({
      chain: a.chainId,
      kind: a.kind,
      target: a.target,
      amountCents: a.amountCents,
      status: a.status,
    }));
    const counts = new Map<string, number>();
    for (const a of actions.filter((x) => x.status === 'executed')) counts.set(a.kind, (counts.get(a.kind) ?? 0) + 1);
    detail(
      `阶段 / phase: ${PHASE_ZH[state.phase] ?? state.phase} ${state.phase}（${String(got.status)}）：合作方链上已执行 / orders executed ${[...counts].map(([k, n]) => `${actionKindZh(k)} ${k} ×${n}`).join('，')}`,
    );
    const lease = await leases.read(caseId);
    const finishedBy = takenOverBy || lease?.holder || '';
    const history = JSON.parse(JSON.stringify(await desk.exportCaseHistory(caseId))) as CaseHistoryJson;
    const keyOf = (did: string, kid: string, at: number): Uint8Array | undefined => {
      const k = o.authority.keyAt(did, kid, at);
      return k.ok ? k.publicKey : undefined;
    };
    let auditVerified = false;
    try {
      // Each chain's proofs are checked under the hash suite its registry entry names.
      const chains = new Set([history.judicialChainId, ...history.entries.flatMap((e) => e.refs.map((r) => r.chainId))]);
      const hashSuites = Object.fromEntries([...chains].map((id) => [id, hashSuiteAt(o.authority, id, Date.now())]));
      auditVerified = verifyCaseHistory(history, { keyOf, hashSuites }).entries === history.entries.length;
    } catch {
      auditVerified = false;
    }
    detail(
      `WatchCase 收到 ${watched.entries.length} 条记录，逐条哈希相链 / entries received, each hash-linked: ${watched.linked ? 'valid' : 'INVALID'}${watched.rewatched > 0 ? `（副本被杀后续看 ${watched.rewatched} 次 / watched again ${watched.rewatched}x after the kill）` : ''}`,
    );
    detail(
      `审计日志已导出（${history.entries.length} 条签名、首尾相链的记录），离线复核 / audit log exported and verified offline: ${auditVerified ? 'valid' : 'INVALID'}`,
    );
    return {
      caseId,
      phase: state.phase,
      status: String(got.status),
      events: watched.entries.map((e) => e.event),
      actions,
      payments: payments.map(({ actionId: _a, ...p }) => p),
      custody,
      replicas: o.replicas.length,
      killed,
      finishedBy,
      watch: { linked: watched.linked, rewatched: watched.rewatched },
      auditEntries: history.entries.length,
      auditVerified,
    };
  } finally {
    deskClient.close();
  }
}

/** SIGKILL a child and wait until it is gone; its exit signal. */
async function killHard(child: ChildProcess): Promise<string | null> {
  if (child.exitCode !== null || child.signalCode !== null) return child.signalCode;
  const gone = new Promise<string | null>((r) => child.once('exit', (_code, signal) => r(signal)));
  child.kill('SIGKILL');
  return gone;
}
