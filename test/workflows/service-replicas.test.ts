/**
 * The enforcement contract as a service, two replicas, one killed with SIGKILL mid-case: a real
 * nats-server, the judicial/ip/property/credit/finance adapters and a gateway
 * (test/relay/e2e/e2e-setup.ts), the judicial chain's write door, and TWO real
 * `courtbridge workflows start` processes (each in its own process group) sharing the state and
 * lease buckets. An agreement's deadline passes; the replica holding the case's lease is killed
 * with `kill -9` right after the first action executed; the other takes the lease once it expires
 * and finishes the case. Every freeze/seize/list lands on its chain exactly once, and the audit
 * log verifies with no step twice. MediationService through the stock gateway is answered by the
 * survivor, and by nobody once it is stopped (UNAVAILABLE).
 */
import type { NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureKv } from '../../src/bus/jetstream.js';
import type { GatewayConnection } from '../../src/client/gateway-client.js';
import { sha256 } from '../../src/crypto/hash.js';
import { fromHex, utf8 } from '../../src/encoding/bytes.js';
import { decodeCanonicalObject } from '../../src/encoding/canonical-json.js';
import { DEMO_CAST } from '../../src/seed/demo-cast.js';
import { verifyCaseHistory, type CaseHistoryJson } from '../../src/workflows/audit-log.js';
import { signAgreement } from '../../src/workflows/enforcement/agreement.js';
import type { EnforcementEngine } from '../../src/workflows/enforcement/engine.js';
import { CaseLeases } from '../../src/workflows/service/case-lease.js';
import { retryOnStateConflict } from '../../src/workflows/state-conflict.js';
import type { E2e } from '../relay/e2e/e2e-setup.js';
import { killGroup, openCourtDesk, replicaStarted, startReplicaWorld, until, type ReplicaWorld } from './replica-harness.js';

const DEBTOR = DEMO_CAST.debtor;
const CREDITOR = DEMO_CAST.creditor;
const STATE_BUCKET = 'cb_workflows_replicas';
const LEASE_BUCKET = 'cb_workflow_leases_replicas';

describe('workflows service: two replicas, one active per case, kill -9 mid-case', () => {
  let e2e: E2e;
  let nc: NatsConnection;
  let client: GatewayConnection;
  let engine: EnforcementEngine;
  let leases: CaseLeases;
  let w: ReplicaWorld;
  /** Every tx committed on the chains while the test ran, by chain. */
  let committed: Record<string, string[]>;

  beforeAll(async () => {
    w = await startReplicaWorld({ stateBucket: STATE_BUCKET, leaseBucket: LEASE_BUCKET });
    ({ e2e, nc, committed } = w);
    // The court's desk in the test: registers the agreement and reads the state the replicas share.
    ({ client, desk: engine } = await openCourtDesk(w, STATE_BUCKET));
    leases = new CaseLeases({ kv: await ensureKv(nc.jetstream(), LEASE_BUCKET), replicaId: 'observer', ttlMs: 1, now: Date.now });
  }, 120_000);

  afterAll(async () => {
    client?.close();
    await w?.stop();
  }, 30_000);

  it('the replica holding the case is killed with SIGKILL mid-case; the other finishes it, every action exactly once', async () => {
    const a = w.startReplica('wf-a');
    const b = w.startReplica('wf-b');
    for (const r of [a, b]) await replicaStarted(r);

    const caseId = `REPL-${Date.now().toString(36)}`;
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
    // A replica may flush the registration's audit entry before the desk's own last write: the
    // desk's write is then refused (state_conflict) and it registers again, finding the case.
    await retryOnStateConflict(() => engine.registerAgreement(agreement, signature));

    // Kill the lease holder right after the first action executed on its chain, before the last.
    const victimId = await until(
      'the first action to execute',
      async () => {
        const s = await engine.getCase(caseId);
        const acts = Object.values(s.actions);
        if (!acts.some((x) => x.status === 'executed')) return undefined;
        const holder = (await leases.read(caseId))?.holder;
        return holder === 'wf-a' || holder === 'wf-b' ? holder : undefined;
      },
      60_000,
      10,
    );
    const victim = victimId === 'wf-a' ? a : b;
    const survivor = victim === a ? b : a;
    killGroup(victim, 'SIGKILL');
    expect(await victim.exited).toBeNull();
    const atKill = await engine.getCase(caseId);
    const executedAtKill = Object.values(atKill.actions).filter((x) => x.status === 'executed').length;
    // Mid-case: something was left for the survivor.
    expect(atKill.phase === 'enforcing' && executedAtKill < 5 && executedAtKill >= 1).toBe(true);

    // What the survivor and the case look like at each probe, for the timeout's message.
    let seen = '';
    const done = await until(
      () =>
        `the survivor to finish the case (its errors: ${JSON.stringify(survivor.lines.filter((l) => l.event === 'error').slice(-3))}; ` +
        `stderr: ${survivor.stderr.slice(-500)}; its last steps: ${JSON.stringify(survivor.lines.slice(-4))}; ${seen})`,
      async () => {
        const s = await engine.getCase(caseId);
        const lease = await leases.read(caseId);
        seen =
          `lease ${lease?.holder} expires in ${lease ? lease.expiresAtMs - Date.now() : '-'} ms; case ${s.phase}, ` +
          `actions ${Object.values(s.actions)
            .map((x) => x.status)
            .join(',')}, audit next ${s.audit.nextSequence} pending ${s.audit.pending?.sequence ?? '-'}`;
        const acts = Object.values(s.actions);
        return acts.length === 5 && acts.every((x) => x.status === 'executed') && !s.audit.pending ? s : undefined;
      },
      60_000,
      100,
    );
    expect((await leases.read(caseId))!.holder).toBe(survivor.id);
    // The survivor did the rest: its log names the steps it took on the case.
    await until(
      'the survivor to log its steps',
      async () => (survivor.lines.some((l) => l.event === 'step' && l.caseId === caseId) ? true : undefined),
      10_000,
    );

    // Exactly once on the chains: each action's tx committed once, nothing else ordered.
    const acts = Object.values(done.actions);
    expect(acts.map((x) => [x.domain, x.kind, x.amountCents])).toEqual([
      ['finance', 'freeze', '3500000'],
      ['finance', 'freeze', '12000000'],
      ['property', 'seize', ''],
      ['credit', 'list', ''],
      ['credit', 'restrict', ''],
    ]);
    for (const x of acts) {
      const onChain = committed[x.chainId]!.filter((id) => id === x.actionId);
      expect(onChain.length, `${x.kind} ${x.actionId} on ${x.chainId}`).toBe(1);
    }
    const ids = new Set(acts.map((x) => x.actionId));
    const actionTxs = Object.values(committed)
      .flat()
      .filter((id) => ids.has(id));
    expect(actionTxs.length).toBe(ids.size);
    // No double freeze: each account holds exactly what its one freeze ordered.
    const rec = async (chain: 'finance', key: string) => {
      const r = await e2e.backends[chain].queryRecord(key, { kind: 'latest' });
      return decodeCanonicalObject(r.value!, key) as Record<string, unknown>;
    };
    expect(await rec('finance', DEBTOR.accounts[1].key)).toMatchObject({ frozenCents: '3500000' });
    expect(await rec('finance', DEBTOR.accounts[0].key)).toMatchObject({ frozenCents: '12000000' });

    // The assets fall short of the debt: the survivor terminates the enforcement (终结本次执行) once every action executed;
    // its entry is the log's last, so the log is read after it.
    await until(
      'the survivor to terminate the case',
      async () => {
        const s = await engine.getCase(caseId);
        return s.phase === 'terminated' && s.enforcement?.termination?.recorded && !s.audit.pending ? true : undefined;
      },
      30_000,
      100,
    );
    // The audit log: consecutive sequences, every action executed once, the history verifies.
    const entries = await engine.auditEntries(caseId);
    expect(entries.map((e) => e.body.sequence)).toEqual(entries.map((_, i) => i + 1));
    const executed = entries.filter((e) => e.body.event === 'action_executed').map((e) => e.body.actionId);
    expect([...executed].sort()).toEqual([...ids].sort());
    for (const ev of ['enforcement_filed', 'assets_investigated', 'enforcement_planned', 'enforcement_terminated'])
      expect(entries.filter((e) => e.body.event === ev).length, ev).toBe(1);
    const history = JSON.parse(JSON.stringify(await engine.exportCaseHistory(caseId))) as CaseHistoryJson;
    expect(
      verifyCaseHistory(history, {
        keyOf: (did, kid, at) => {
          const k = e2e.fx.authority.keyAt(did, kid, at);
          return k.ok ? k.publicKey : undefined;
        },
      }).entries,
    ).toBe(entries.length);

    // MediationService through the stock gateway: forwarded to the queue group, answered by the survivor.
    const mediation = client.client('MediationService');
    expect(await client.unary(mediation, 'getCase', { caseId })).toMatchObject({
      status: 'CASE_STATUS_TERMINATED',
      enforcementCaseId: done.enforcement!.enforcementCaseId,
    });
    expect(
      ((await client.unary(mediation, 'listCases', { statuses: ['CASE_STATUS_TERMINATED'] })).cases ?? []).map((c) => c.agreement?.caseId),
    ).toContain(caseId);
    expect(
      ((await client.unary(mediation, 'listCases', { statuses: ['CASE_STATUS_ENFORCEMENT_FILED'] })).cases ?? []).map(
        (c) => c.agreement?.caseId,
      ),
    ).not.toContain(caseId);

    // Drain: SIGTERM stops the survivor cleanly and releases its lease at once.
    killGroup(survivor, 'SIGTERM');
    expect(await survivor.exited).toBe(0);
    expect((await leases.read(caseId))!.holder).toBe('');
    // No replica left: the gateway says so at once, naming the command that starts one.
    await expect(client.unary(mediation, 'getCase', { caseId })).rejects.toMatchObject({
      code: 14,
      details: expect.stringContaining('courtbridge workflows start'),
    });
  }, 180_000);
});
