import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GatewayConnection } from '../../src/client/gateway-client.js';
import { sha256 } from '../../src/crypto/hash.js';
import { fromHex, utf8 } from '../../src/encoding/bytes.js';
import { decodeCanonicalObject } from '../../src/encoding/canonical-json.js';
import type { RunningGateway } from '../../src/relay/gateway.js';
import { DEMO_CAST } from '../../src/seed/demo-cast.js';
import { verifyCaseHistory } from '../../src/workflows/audit-log.js';
import { encodeCanonical } from '../../src/encoding/canonical-json.js';
import { terminationKey } from '../../src/judicial/record-keys.js';
import { signAgreement } from '../../src/workflows/enforcement/agreement.js';
import type { EnforcementEngine } from '../../src/workflows/enforcement/engine.js';
import { retryOnStateConflict } from '../../src/workflows/state-conflict.js';
import { FixtureDids } from '../helpers/alliance-fixture.js';
import { authToken, type E2e } from '../relay/e2e/e2e-setup.js';
import * as grpc from '@grpc/grpc-js';
import { loadGatewayProto } from '../../src/wire/gateway-proto.js';
import { killGroup, openCourtDesk, replicaStarted, startReplicaWorld, until, type ReplicaWorld } from './replica-harness.js';

const DEBTOR = DEMO_CAST.debtor;
const CREDITOR = DEMO_CAST.creditor;
const STATE_BUCKET = 'cb_workflows_termination';
const LEASE_BUCKET = 'cb_workflow_leases_termination';

describe('workflows service: 终结本次执行, then 恢复执行 on a partner chain asset report, well before the schedule', () => {
  let e2e: E2e;
  let gw: RunningGateway;
  let client: GatewayConnection;
  let engine: EnforcementEngine;
  let w: ReplicaWorld;
  let mediation: grpc.Client | undefined;
  /** MediationService/GetCase as a court calls it (real gRPC): the case's status name. */
  const caseStatus = (caseId: string): Promise<string> =>
    new Promise((resolve, reject) => {
      const md = new grpc.Metadata();
      md.set('authorization', `Bearer ${authToken(e2e.fx.court, FixtureDids.gateway)}`);
      (mediation as unknown as Record<string, (...a: unknown[]) => void>)['GetCase']!.call(
        mediation,
        { caseId },
        md,
        { deadline: Date.now() + 10_000 },
        (err: Error | null, r?: { status: string }) => (err ? reject(err) : resolve(r!.status)),
      );
    });
  let committed: Record<string, string[]>;

  beforeAll(async () => {
    w = await startReplicaWorld({
      stateBucket: STATE_BUCKET,
      leaseBucket: LEASE_BUCKET,
      extra: {
        // The schedule is far off: only the report can reopen the case within this test.
        policy: {
          legalBasis: '《民事诉讼法》第二百四十九条',
          maxOrderCents: '10000000000',
          orderLifetimeMs: 600_000,
          reinvestigateEveryMs: 30 * 86_400_000,
          assetReportMinIntervalMs: 1_000,
        },
      },
    });
    ({ e2e, gw, committed } = w);
    // The court's desk: registers the agreement and reads the state the service keeps.
    ({ client, desk: engine } = await openCourtDesk(w, STATE_BUCKET));
    // A court asks the stock gateway; it forwards MediationService to the workflow service's replica.
    const Mediation = grpc.makeGenericClientConstructor(loadGatewayProto().services.MediationService, 'MediationService');
    mediation = new Mediation(gw.address, grpc.credentials.createInsecure());
  }, 120_000);

  afterAll(async () => {
    client?.close();
    mediation?.close();
    await w?.stop();
  }, 30_000);

  it('a shortfall is terminated on the judicial chain; the finance adapter reports a new account; the service reopens the case and freezes it once', async () => {
    const r = w.startReplica('wf-t');
    await replicaStarted(r);

    const caseId = `TERM-${Date.now().toString(36)}`;
    const debtor = fromHex(DEBTOR.idHash);
    const creditor = fromHex(CREDITOR.idHash);
    const { agreement, signature } = signAgreement(e2e.fx.court, {
      caseId,
      documentHash: sha256(utf8(`mediation agreement ${caseId}`)),
      parties: [
        { partyIdHash: debtor, role: 'obligor' },
        { partyIdHash: creditor, role: 'obligee' },
      ],
      obligations: [
        {
          obligationId: '1',
          obligorIdHash: debtor,
          obligeeIdHash: creditor,
          amount: '800000000',
          description: 'repay the loan',
          dueAtMs: Date.now() + 1_500,
        },
      ],
      confirmedAtMs: Date.now() - 1000,
    });
    // The replica may be writing the case state as the court's desk registers (a fenced write): retried on the fresh state.
    await retryOnStateConflict(() => engine.registerAgreement(agreement, signature));
    const why = () => `(errors: ${JSON.stringify(r.lines.filter((l) => l.event === 'error').slice(-3))}; stderr: ${r.stderr.slice(-500)})`;
    const terminated = await until(
      () => `the case to be terminated ${why()}`,
      async () => {
        const s = await engine.getCase(caseId);
        return s.phase === 'terminated' && s.enforcement?.termination?.recorded && !s.audit.pending ? s : undefined;
      },
      90_000,
      100,
    );
    const enf = terminated.enforcement!.enforcementCaseId;
    // A court asks MediationService (a gateway over the same state): CASE_STATUS_TERMINATED.
    expect(await caseStatus(caseId)).toBe('CASE_STATUS_TERMINATED');
    const onChain = await e2e.backends.judicial.queryRecord(terminationKey(enf), { kind: 'latest' });
    expect(decodeCanonicalObject(onChain.value!, 'termination')).toMatchObject({
      round: 1,
      status: 'terminated',
      court: FixtureDids.court,
    });

    // The debtor's bank opens a new account on the finance chain; its adapter reports it.
    const accountNo = `62166101${Date.now().toString().slice(-10)}`;
    await e2e.backends.finance.ledger.submit({
      type: 'finance.account.open',
      sender: 'did:alliance:finance-registry',
      id: `open-${accountNo}`,
      body: encodeCanonical(
        { type: 'account_open', schema: 1, accountNo, holder: DEBTOR.idHash, bank: '中国银行', kind: 'personal', balanceCents: '2500000' },
        'finance.account.open',
      ),
    });
    const reopened = await until(
      () => `the case to reopen and terminate again ${why()}`,
      async () => {
        const s = await engine.getCase(caseId);
        return s.phase === 'terminated' && s.enforcement?.termination?.round === 2 && s.enforcement.termination.recorded && !s.audit.pending
          ? s
          : undefined;
      },
      60_000,
      100,
    );
    const round1 = reopened.enforcement!.rounds![0]!;
    expect(round1.termination!.requested).toMatchObject({ chainId: 'finance' });
    expect(round1.termination!.nextCheckAtMs - Date.now()).toBeGreaterThan(29 * 86_400_000);
    const newFreeze = reopened.enforcement!.plan!.map((id) => reopened.actions[id]!);
    expect(newFreeze.map((a) => [a.kind, a.target, a.amountCents, a.status])).toEqual([['freeze', accountNo, '2500000', 'executed']]);
    expect(committed.finance!.filter((id) => id === newFreeze[0]!.actionId).length).toBe(1);
    // Credit punishment stayed in force and was not ordered again.
    expect(committed.credit!.filter((id) => Object.values(reopened.actions).some((a) => a.actionId === id)).length).toBe(2);
    const acct = await e2e.backends.finance.queryRecord(`account/${accountNo}`, { kind: 'latest' });
    expect(decodeCanonicalObject(acct.value!, 'account')).toMatchObject({ frozenCents: '2500000' });
    const dishonest = await e2e.backends.credit.queryRecord(DEBTOR.dishonestKey, { kind: 'latest' });
    expect(dishonest.value).not.toBeNull();
    const entries = await engine.auditEntries(caseId);
    expect(entries.map((x) => x.body.event).slice(-4)).toEqual([
      'enforcement_resumed',
      'enforcement_planned',
      'action_executed',
      'enforcement_terminated',
    ]);
    expect(entries.filter((x) => x.body.event === 'enforcement_terminated').length).toBe(2);
    expect(
      verifyCaseHistory(JSON.parse(JSON.stringify(await engine.exportCaseHistory(caseId))), {
        keyOf: (did, kid, at) => {
          const k = e2e.fx.authority.keyAt(did, kid, at);
          return k.ok ? k.publicKey : undefined;
        },
      }).entries,
    ).toBe(entries.length);
    expect(await caseStatus(caseId)).toBe('CASE_STATUS_TERMINATED');
    killGroup(r, 'SIGTERM');
    expect(await r.exited).toBe(0);
  }, 240_000);
});
