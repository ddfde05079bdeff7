/**
 * Fencing of stale writes: two engines on ONE JetStream KV state bucket (a real nats-server, the
 * judicial chain through its write door), one of them stale — cut off in the middle of a step
 * (a GC pause, a network split) while the other took the case over. State writes are
 * revision-checked: the stale engine's write is refused with `state_conflict`, it stops at that
 * step, and the case's progress, its audit log and its chain effects are the holder's: each
 * action executed once with one action id, each audit sequence written once, and the holder is
 * never wedged by an audit entry the stale engine signed with another time.
 */
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJudicialTxServer, type JudicialTxServer } from '../../adapters/judicial/tx-server.js';
import { ensureKv } from '../../src/bus/jetstream.js';
import { MemoryReplayGuard } from '../../src/bus/replay-guard.js';
import { BackendInvestigator, BackendOrderer } from '../../src/devtools/in-process-ports.js';
import { isCourtbridgeError } from '../../src/errors.js';
import { verifyCaseHistory } from '../../src/workflows/audit-log.js';
import type { Clock } from '../../src/workflows/ports.js';
import { DEFAULT_TARGETS, financeProfile, ipProfile, propertyProfile } from '../../src/workflows/enforcement/asset-profiles.js';
import { EnforcementEngine } from '../../src/workflows/enforcement/engine.js';
import { NatsJudicialLedger } from '../../src/workflows/network/nats-judicial-ledger.js';
import type { ActionOrderer } from '../../src/workflows/ports.js';
import { CaseLeases } from '../../src/workflows/service/case-lease.js';
import { CaseRunner } from '../../src/workflows/service/case-runner.js';
import { KvWorkflowStore } from '../../src/workflows/store/kv-store.js';
import { allianceFixture } from '../helpers/alliance-fixture.js';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';
import { agreementFor, COURT, DAY, didKeyAuthority, makeWorld, T0, type World } from './fixtures/world.js';

/** An orderer that, once armed, holds its caller right after the action took effect (the pause). */
class PausingOrderer implements ActionOrderer {
  armed = false;
  paused: Promise<void> | undefined;
  private release: (() => void) | undefined;
  private reached: (() => void) | undefined;
  readonly atPause = new Promise<void>((r) => (this.reached = r));
  constructor(private readonly inner: ActionOrderer) {}
  async order(req: Parameters<ActionOrderer['order']>[0]) {
    const out = await this.inner.order(req);
    if (this.armed) {
      this.armed = false;
      this.paused = new Promise<void>((r) => (this.release = r));
      this.reached!();
      await this.paused;
    }
    return out;
  }
  resume(): void {
    this.release!();
  }
}

describe('fencing: a stale engine cannot overwrite the holder’s progress; effects stay exactly-once', () => {
  let nats: NatsServerHandle;
  let nc: NatsConnection;
  let w: World;
  let door: JudicialTxServer;
  let ledger: NatsJudicialLedger;
  /** Every tx id committed on the target chains, by chain. */
  const committed: Record<string, string[]> = { finance: [], property: [], credit: [], ip: [] };

  const engine = async (orderer: ActionOrderer, clock: Clock): Promise<EnforcementEngine> =>
    new EnforcementEngine({
      ledger,
      investigator: new BackendInvestigator([
        { profile: financeProfile, backend: w.backends.finance },
        { profile: propertyProfile, backend: w.backends.property },
        { profile: ipProfile, backend: w.backends.ip },
      ]),
      orderer,
      // Its own store object on the shared bucket, as a second replica has.
      store: new KvWorkflowStore(await ensureKv(nc.jetstream(), 'cb_workflows_fencing')),
      clock,
      court: COURT,
      authority: didKeyAuthority,
      policy: { maxOrderCents: 10_000_000_000n, legalBasis: 'Civil Procedure Law of the PRC, arts. 247-266', orderLifetimeMs: 3_600_000 },
      targets: DEFAULT_TARGETS,
      orderAudience: 'did:alliance:gateway-1',
    });

  beforeAll(async () => {
    nats = await startNatsServer();
    nc = await connect({ servers: nats.url });
    w = await makeWorld();
    const fx = allianceFixture();
    const now = (): number => w.clock.now();
    door = startJudicialTxServer({
      nc,
      ledger: w.judicial.ledger,
      authority: fx.authority,
      replay: new MemoryReplayGuard({ windowMs: 120_000 }),
      now,
    });
    ledger = new NatsJudicialLedger({ nc, signer: fx.gateway, now });
    for (const chain of Object.keys(committed))
      w.backends[chain as 'finance'].ledger.onBlock((b) => {
        for (const tx of b.txs) committed[chain]!.push(tx.id);
      });
  }, 60_000);

  afterAll(async () => {
    await door?.stop();
    await nc?.close();
    await w?.close();
    await nats?.stop();
  });

  /** The holder's clock and the stale engine's: 7 s apart, so their audit entries differ in bytes. */
  const holderClock: Clock = { now: () => w.clock.now() };
  const staleClock: Clock = { now: () => w.clock.now() - 7_000 };

  const expectExactlyOnce = async (holder: EnforcementEngine, caseId: string): Promise<void> => {
    const s = await holder.getCase(caseId);
    const acts = Object.values(s.actions);
    expect(acts.length).toBeGreaterThan(0);
    expect(acts.every((a) => a.status === 'executed')).toBe(true);
    expect(s.audit.pending).toBeUndefined();
    for (const a of acts) expect(committed[a.chainId]!.filter((id) => id === a.actionId).length, a.actionId).toBe(1);
    const entries = await holder.auditEntries(caseId);
    expect(entries.map((e) => e.body.sequence)).toEqual(entries.map((_, i) => i + 1));
    expect(
      entries
        .filter((e) => e.body.event === 'action_executed')
        .map((e) => e.body.actionId)
        .sort(),
    ).toEqual(acts.map((a) => a.actionId).sort());
    expect(verifyCaseHistory(JSON.parse(JSON.stringify(await holder.exportCaseHistory(caseId)))).entries).toBe(entries.length);
    // Not wedged: another tick has nothing left to do and fails on nothing.
    expect((await holder.tickCase(caseId, w.clock.now())).steps).toEqual([]);
  };

  it('the holder wrote first: the stale engine’s write is refused (state_conflict), it stops and sends nothing of its own', async () => {
    const caseId = 'FENCE-1';
    const pausing = new PausingOrderer(new BackendOrderer(ledger, Object.values(w.backends)));
    const stale = await engine(pausing, staleClock);
    const holder = await engine(new BackendOrderer(ledger, Object.values(w.backends)), holderClock);
    const { agreement, signature } = agreementFor(caseId, '5000000', T0 + 30 * DAY);
    await holder.registerAgreement(agreement, signature);
    w.clock.set(T0 + 31 * DAY);

    // The stale engine runs up to its first action, which takes effect; then it is paused.
    pausing.armed = true;
    const staleTick = stale.tickCase(caseId, w.clock.now());
    await pausing.atPause;
    const atPause = await holder.getCase(caseId);
    const first = Object.values(atPause.actions).find((a) => a.status === 'ordering')!;
    expect(first).toBeDefined();

    // Meanwhile the case passed to the holder, which resumes the same action and finishes the case.
    await holder.tickCase(caseId, w.clock.now());
    const done = JSON.stringify(await holder.getCase(caseId));

    // The stale engine wakes up: its write at the old revision is refused; it stops at that step.
    pausing.resume();
    const err = await staleTick.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isCourtbridgeError(err) && err.reason).toBe('state_conflict');
    expect(JSON.stringify(await holder.getCase(caseId))).toBe(done);
    await expectExactlyOnce(holder, caseId);
  }, 60_000);

  it('the stale engine wrote first: the holder’s write is refused, its next tick resumes from that state and finishes', async () => {
    const caseId = 'FENCE-2';
    const stalePausing = new PausingOrderer(new BackendOrderer(ledger, Object.values(w.backends)));
    const holderPausing = new PausingOrderer(new BackendOrderer(ledger, Object.values(w.backends)));
    const stale = await engine(stalePausing, staleClock);
    const holder = await engine(holderPausing, holderClock);
    const { agreement, signature } = agreementFor(caseId, '5000000', T0 + 30 * DAY);
    w.clock.set(T0);
    await holder.registerAgreement(agreement, signature);
    w.clock.set(T0 + 31 * DAY);

    // Both run the same first action from the same revision and are held right after its effect.
    let staleWoke = false;
    stalePausing.armed = true;
    const staleTick = stale.tickCase(caseId, w.clock.now(), async () => !staleWoke);
    await stalePausing.atPause;
    holderPausing.armed = true;
    const holderTick = holder.tickCase(caseId, w.clock.now());
    await holderPausing.atPause;

    // The stale engine finishes its step first (its audit entry, signed at its own time, lands).
    staleWoke = true;
    stalePausing.resume();
    await staleTick;
    const [entry] = (await holder.auditEntries(caseId)).filter((e) => e.body.event === 'action_executed');
    expect(entry!.body.atMs).toBe(staleClock.now());

    // The holder's write of the same step, from the revision both read, is refused: it never
    // sends its own entry for that sequence (which the chain would take as already committed).
    holderPausing.resume();
    const err = await holderTick.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isCourtbridgeError(err) && err.reason).toBe('state_conflict');

    // Its next tick reads the state the stale engine left and finishes the case: not wedged.
    await holder.tickCase(caseId, w.clock.now());
    await expectExactlyOnce(holder, caseId);
  }, 60_000);

  it('two case runners: the one cut off past its lease gets state_conflict mid-step, drops the case and writes nothing more', async () => {
    const caseId = 'FENCE-3';
    const leaseKv = await ensureKv(nc.jetstream(), 'cb_workflow_leases_fencing');
    const pausing = new PausingOrderer(new BackendOrderer(ledger, Object.values(w.backends)));
    const errors: { replica: string; caseId: string; reason: string }[] = [];
    const runner = (replica: string, eng: EnforcementEngine, leaseNow: () => number): CaseRunner =>
      new CaseRunner({
        engine: eng,
        // A minute-long lease: no heartbeat renews it while the test runs.
        leases: new CaseLeases({ kv: leaseKv, replicaId: replica, ttlMs: 60_000, now: leaseNow }),
        intervalMs: 1_000_000,
        now: () => w.clock.now(),
        onError: (id, e) => errors.push({ replica, caseId: id, reason: isCourtbridgeError(e) ? e.reason : String(e) }),
      });
    const stale = runner('wf-stale', await engine(pausing, staleClock), Date.now);
    // The other replica's clock is past the stale one's lease: to it, that lease expired.
    const holder = runner(
      'wf-holder',
      await engine(new BackendOrderer(ledger, Object.values(w.backends)), holderClock),
      () => Date.now() + 120_000,
    );
    const desk = await engine(new BackendOrderer(ledger, Object.values(w.backends)), holderClock);
    const { agreement, signature } = agreementFor(caseId, '5000000', T0 + 30 * DAY);
    w.clock.set(T0);
    await desk.registerAgreement(agreement, signature);
    w.clock.set(T0 + 31 * DAY);

    pausing.armed = true;
    const stalePass = stale.pass();
    await pausing.atPause;
    // Only FENCE-3 is live: the other cases are done, their passes take no step.
    await holder.pass();
    const done = JSON.stringify(await desk.getCase(caseId));
    expect(Object.values((await desk.getCase(caseId)).actions).every((a) => a.status === 'executed')).toBe(true);

    pausing.resume();
    await stalePass;
    expect(errors).toEqual([{ replica: 'wf-stale', caseId, reason: 'state_conflict' }]);
    // Its next pass finds the case held by the other replica: nothing written.
    await stale.pass();
    expect(JSON.stringify(await desk.getCase(caseId))).toBe(done);
    expect(errors.length).toBe(1);
    await expectExactlyOnce(desk, caseId);
  }, 60_000);

  it('the store lists keys by stream info (no consumer to wait on), as the client iterator does', async () => {
    const kv = await ensureKv(nc.jetstream(), 'cb_workflows_listing');
    const listed = new KvWorkflowStore(kv, await nc.jetstreamManager());
    const iterated = new KvWorkflowStore(kv);
    for (const id of ['(2024)京0101民初777号', 'B-2', 'A-1']) await listed.write(`case/${id}`, '{}', 0);
    await listed.write('mediation/M-1', '{}', 0);
    expect(await listed.keys('case/')).toEqual(
      ['case/(2024)京0101民初777号', 'case/A-1', 'case/B-2'].sort((a, b) => (Buffer.from(a) < Buffer.from(b) ? -1 : 1)),
    );
    expect(await listed.keys('case/')).toEqual(await iterated.keys('case/'));
    expect(await listed.keys('mediation/')).toEqual(['mediation/M-1']);
    expect(await listed.keys('none/')).toEqual([]);
    // Revision-checked: a write at a revision no longer current is refused, naming the key.
    const r = (await listed.read('case/A-1'))!;
    await listed.write('case/A-1', '{"a":1}', r.revision);
    await expect(listed.write('case/A-1', '{"a":2}', r.revision)).rejects.toMatchObject({
      reason: 'state_conflict',
      details: { key: 'case/A-1' },
    });
    await expect(listed.write('case/A-1', '{"a":2}', 0)).rejects.toMatchObject({ reason: 'state_conflict' });
  });
});
