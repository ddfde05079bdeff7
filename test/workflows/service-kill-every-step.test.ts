/**
 * A judgment enforced by the contract as its own processes, killed with SIGKILL after EVERY step:
 * overdue -> enforcement filed -> investigated -> frozen -> deducted into the court's custody ->
 * distributed to three creditors of two ranks -> closed. A real
 * nats-server, the five domain adapters, a gateway, the judicial chain's write door and a
 * succession of real `courtbridge workflows start` replicas. Whenever a replica logs a step of the
 * case, the test kills its process group with `kill -9` at once (so the kill lands at the step
 * boundary or inside the next step) and starts a fresh replica; the survivor takes the lease when
 * it expires and goes on from the saved state. At the end every effect happened exactly once: each
 * order's tx on its chain, each account's balance moved by exactly its share, and each audit
 * event once in a gap-free log that verifies.
 *
 * Run twice: on one nats-server, and on a real 3-node JetStream cluster with every stream and
 * bucket R3.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type NatsClusterHandle, startNatsCluster } from '../../src/devtools/nats-cluster.js';
import { isTransientJetStreamError } from '../../src/bus/transient.js';
import { retryOnStateConflict } from '../../src/workflows/state-conflict.js';
import type { GatewayConnection } from '../../src/client/gateway-client.js';
import { sha256 } from '../../src/crypto/hash.js';
import { fromHex, utf8 } from '../../src/encoding/bytes.js';
import { decodeCanonicalObject } from '../../src/encoding/canonical-json.js';
import { DEMO_CAST } from '../../src/seed/demo-cast.js';
import { verifyCaseHistory, type CaseHistoryJson } from '../../src/workflows/audit-log.js';
import { encodeCanonical } from '../../src/encoding/canonical-json.js';
import { accountKey, courtCustodyAccountNo } from '../../adapters/finance/contract.js';
import { signInstrument } from '../../src/workflows/enforcement/instrument.js';
import type { EnforcementEngine } from '../../src/workflows/enforcement/engine.js';
import {
  killGroup,
  openCourtDesk,
  replicaStarted,
  sleep,
  startReplicaWorld,
  until,
  type Replica,
  type ReplicaWorld,
} from './replica-harness.js';

const DEBTOR = DEMO_CAST.debtor;
const CREDITOR = DEMO_CAST.creditor;

describe.each([
  { bus: 'one nats-server', cluster: false, STATE_BUCKET: 'cb_workflows_every_step', LEASE_BUCKET: 'cb_workflow_leases_every_step' },
  {
    bus: 'a 3-node cluster (R3)',
    cluster: true,
    STATE_BUCKET: 'cb_workflows_every_step_r3',
    LEASE_BUCKET: 'cb_workflow_leases_every_step_r3',
  },
])('workflows service on $bus: kill -9 of the active replica after every step', ({ cluster: onCluster, STATE_BUCKET, LEASE_BUCKET }) => {
  let w: ReplicaWorld;
  let client: GatewayConnection;
  let desk: EnforcementEngine;
  let cluster: NatsClusterHandle | undefined;

  beforeAll(async () => {
    if (onCluster) {
      cluster = await startNatsCluster();
      await cluster.ready();
    }
    w = await startReplicaWorld({
      ...(cluster === undefined ? {} : { cluster: { urls: cluster.urls, nodes: cluster.nodes, jetstreamReplicas: 3 } }),
      stateBucket: STATE_BUCKET,
      leaseBucket: LEASE_BUCKET,
      extra: {
        // One step per pass, then a pass's pause: the kill sent on a step's line lands before the next step.
        tickIntervalMs: 100,
        stepsPerPass: 1,
        leaseTtlMs: 1_000,
        policy: { legalBasis: '《民事诉讼法》第二百四十九条', maxOrderCents: '10000000000', orderLifetimeMs: 600_000, deductAfterMs: 1 },
      },
    });
    // The court's desk: registers the judgment and reads the state the replicas share.
    ({ client, desk } = await openCourtDesk(w, STATE_BUCKET));
  }, 120_000);

  afterAll(async () => {
    client?.close();
    await w?.stop();
    await cluster?.stop();
  }, 30_000);

  it('each step boundary survives a kill -9; the case closes with every effect exactly once', async () => {
    const balance = async (key: string): Promise<{ balanceCents: string; frozenCents: string }> => {
      const r = await w.e2e.backends.finance.queryRecord(key, { kind: 'latest' });
      return decodeCanonicalObject(r.value!, key) as unknown as { balanceCents: string; frozenCents: string };
    };
    // Three creditors: A secured, B and C ordinary, each with its account on the finance chain.
    const creditors = [
      { id: 'A', hash: fromHex(CREDITOR.idHash), account: CREDITOR.account.accountNo, rank: 'secured' as const, owed: 6_000_000n },
      { id: 'B', hash: sha256(utf8('test creditor B')), account: '6216610100008888101', rank: 'ordinary' as const, owed: 4_000_000n },
      { id: 'C', hash: sha256(utf8('test creditor C')), account: '6216610100008888102', rank: 'ordinary' as const, owed: 3_000_000n },
    ];
    for (const c of creditors.slice(1))
      await w.e2e.backends.finance.ledger.submit({
        type: 'finance.account.open',
        sender: 'did:alliance:finance-registry',
        id: `test:open:${c.account}`,
        body: encodeCanonical(
          {
            type: 'account_open',
            schema: 1,
            accountNo: c.account,
            holder: Buffer.from(c.hash).toString('hex'),
            bank: '测试银行',
            kind: 'personal',
            balanceCents: '0',
          },
          'finance.account.open',
        ),
      });
    const debtorAccounts = [DEBTOR.accounts[0].key, DEBTOR.accounts[1].key];
    const watched = [...debtorAccounts, ...creditors.map((c) => accountKey(c.account))];
    const before = await Promise.all(watched.map(balance));

    let n = 0;
    let caseId = '';
    const live = new Set<Replica>();
    const killedAfter: string[] = [];
    const deaths: Promise<number | null>[] = [];
    // Every step a replica logs is followed at once (in the line's handler) by its kill -9, and a fresh replica joins.
    const spawnOne = (): Replica => {
      const r = w.startReplica(`wf-${n++}`, (line, self) => {
        if (line.event !== 'step' || line.caseId !== caseId || !live.has(self)) return;
        killGroup(self, 'SIGKILL');
        live.delete(self);
        killedAfter.push(String(line.step));
        deaths.push(self.exited);
        spawnOne();
      });
      live.add(r);
      return r;
    };
    await Promise.all([spawnOne(), spawnOne()].map(replicaStarted));

    caseId = `EVERY-${Date.now().toString(36)}`;
    const debtor = fromHex(DEBTOR.idHash);
    const debt = creditors.reduce((x, c) => x + c.owed, 0n);
    const { instrument, signature } = signInstrument(w.e2e.fx.court, {
      kind: 'judgment',
      caseId,
      documentHash: sha256(utf8(`judgment ${caseId}`)),
      parties: [{ partyIdHash: debtor, role: 'obligor' }, ...creditors.map((c) => ({ partyIdHash: c.hash, role: 'obligee' as const }))],
      obligations: creditors.map((c) => ({
        obligationId: c.id,
        obligorIdHash: debtor,
        obligeeIdHash: c.hash,
        amount: c.owed.toString(),
        description: `judgment debt to creditor ${c.id}`,
        dueAtMs: Date.now() + 500,
        ...(c.rank === 'ordinary' ? {} : { creditorRank: c.rank }),
        payeeAccount: c.account,
      })),
      effectiveAtMs: Date.now() - 1000,
    });
    // The desk races the replicas already running (one may write the new case's state first): the
    // court's input is retried on the fresh state, as the service does for its callers.
    await retryOnStateConflict(() => desk.registerJudgment(instrument, signature));

    const end = Date.now() + 240_000;
    for (;;) {
      // The desk reads the state bucket directly: while a nats node fails over, a read may time out.
      const s = await desk.getCase(caseId).catch((e: unknown) => {
        if (isTransientJetStreamError(e)) return undefined;
        throw e;
      });
      if (s?.phase === 'satisfied' && !s.audit.pending) break;
      if (Date.now() > end)
        throw new Error(
          `case not closed; steps killed after: ${killedAfter.join(', ')}; phase ${s?.phase}; live replicas' stderr: ${[...live].map((r) => r.stderr.slice(-500)).join(' | ')}`,
        );
      await sleep(50);
    }
    // The closing step's own line (and kill) may trail the state it saved.
    await until(
      `the closing step's line (killed after: ${killedAfter.join(', ')})`,
      async () => (killedAfter.includes('close_satisfied') ? true : undefined),
      10_000,
    );
    // Each killed replica died of the SIGKILL (no exit code).
    for (const code of await Promise.all(deaths)) expect(code).toBeNull();
    // A kill after each kind of step the case went through.
    for (const kind of [
      'file_enforcement',
      'submit_case',
      'investigate',
      'plan',
      'order',
      'plan_deductions',
      'plan_distribution',
      'close_satisfied',
    ])
      expect(killedAfter, kind).toContain(kind);
    expect(killedAfter.length).toBeGreaterThanOrEqual(10);

    const done = await desk.getCase(caseId);
    const acts = Object.values(done.actions);
    expect(acts.every((a) => a.status === 'executed')).toBe(true);
    // Exactly once on the chains: each order's tx committed once, no other order of the case.
    for (const a of acts)
      expect(w.committed[a.chainId as 'finance'].filter((id) => id === a.actionId).length, `${a.kind} ${a.actionId}`).toBe(1);
    // Money moved exactly once: the debtor's accounts lost the debt, each creditor gained its
    // share, the court's custody is empty again and nothing stays frozen.
    const after = await Promise.all(watched.map(balance));
    const delta = (i: number): bigint => BigInt(after[i]!.balanceCents) - BigInt(before[i]!.balanceCents);
    expect(delta(0) + delta(1)).toBe(-debt);
    for (const [i, c] of creditors.entries()) expect(delta(2 + i), `creditor ${c.id}`).toBe(c.owed);
    expect((await balance(accountKey(courtCustodyAccountNo(w.e2e.fx.court.did)))).balanceCents).toBe('0');
    for (const a of after) expect(a.frozenCents).toBe('0');
    const disbursed = acts.filter((a) => a.kind === 'disburse');
    expect(disbursed.map((a) => [a.target, a.amountCents]).sort()).toEqual(creditors.map((c) => [c.account, c.owed.toString()]).sort());

    // The audit log: consecutive sequences, each event once (actions once each), and it verifies.
    const entries = await desk.auditEntries(caseId);
    expect(entries.map((e) => e.body.sequence)).toEqual(entries.map((_, i) => i + 1));
    for (const ev of [
      'judgment_registered',
      'obligation_overdue',
      'enforcement_filed',
      'assets_investigated',
      'enforcement_planned',
      'deduction_planned',
      'distribution_planned',
      'enforcement_closed',
    ])
      expect(entries.filter((e) => e.body.event === ev).length, ev).toBe(1);
    const executed = entries.filter((e) => e.body.event === 'action_executed').map((e) => e.body.actionId);
    expect([...executed].sort()).toEqual(acts.map((a) => a.actionId).sort());
    const history = JSON.parse(JSON.stringify(await desk.exportCaseHistory(caseId))) as CaseHistoryJson;
    const keyOf = (did: string, kid: string, at: number): Uint8Array | undefined => {
      const k = w.e2e.fx.authority.keyAt(did, kid, at);
      return k.ok ? k.publicKey : undefined;
    };
    expect(verifyCaseHistory(history, { keyOf }).entries).toBe(entries.length);
  }, 300_000);
});
