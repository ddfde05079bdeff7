/**
 * The enforcement contract as a deployed service (a real `courtbridge workflows start` process, a
 * real nats-server, the five adapters and a gateway: test/relay/e2e/e2e-setup.ts): a debt the
 * assets do not cover ends in 终结本次执行 recorded on the judicial chain; a new account opened for
 * the debtor on the finance chain is reported by the finance adapter's runtime (a signed
 * `asset.report`), the service takes the hint and its lease holder re-investigates at once, a month
 * before the schedule: 恢复执行, one freeze of the new account, terminated again.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startJudicialTxServer, type JudicialTxServer } from '../../adapters/judicial/tx-server.js';
import { ensureKv } from '../../src/bus/jetstream.js';
import { MemoryReplayGuard } from '../../src/bus/replay-guard.js';
import { courtBearer } from '../../src/client/court-bearer.js';
import { connectGateway, type GatewayConnection } from '../../src/client/gateway-client.js';
import { sha256 } from '../../src/crypto/hash.js';
import { fromHex, utf8 } from '../../src/encoding/bytes.js';
import { decodeCanonicalObject } from '../../src/encoding/canonical-json.js';
import type { RunningGateway } from '../../src/relay/gateway.js';
import { DEMO_CAST } from '../../src/seed/demo-cast.js';
import { verifyCaseHistory } from '../../src/workflows/audit-log.js';
import { encodeCanonical } from '../../src/encoding/canonical-json.js';
import { terminationKey } from '../../src/judicial/record-keys.js';
import { systemClock } from '../../src/workflows/clock.js';
import { DEFAULT_TARGETS, financeProfile, ipProfile, propertyProfile } from '../../src/workflows/enforcement/asset-profiles.js';
import { signAgreement } from '../../src/workflows/enforcement/agreement.js';
import { EnforcementEngine } from '../../src/workflows/enforcement/engine.js';
import { GatewayInvestigator, GatewayOrderer } from '../../src/workflows/network/gateway-ports.js';
import { NatsJudicialLedger } from '../../src/workflows/network/nats-judicial-ledger.js';
import { KvWorkflowStore } from '../../src/workflows/store/kv-store.js';
import { writeAllianceFiles } from '../cli/cli-helpers.js';
import { FixtureDids } from '../helpers/alliance-fixture.js';
import { authToken, startE2e, type E2e } from '../relay/e2e/e2e-setup.js';
import * as grpc from '@grpc/grpc-js';
import { loadGatewayProto } from '../../src/wire/gateway-proto.js';

const BIN = join(import.meta.dirname, '..', '..', 'bin', 'courtbridge.mjs');
const DEBTOR = DEMO_CAST.debtor;
const CREDITOR = DEMO_CAST.creditor;
const STATE_BUCKET = 'cb_workflows_termination';
const LEASE_BUCKET = 'cb_workflow_leases_termination';

interface Replica {
  id: string;
  child: ChildProcess;
  lines: Record<string, unknown>[];
  stderr: string;
  exited: Promise<number | null>;
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

async function until<T>(what: string | (() => string), probe: () => Promise<T | undefined>, timeoutMs: number, everyMs = 25): Promise<T> {
  const end = Date.now() + timeoutMs;
  while (Date.now() < end) {
    const v = await probe();
    if (v !== undefined) return v;
    await sleep(everyMs);
  }
  throw new Error(`timed out waiting for ${typeof what === 'function' ? what() : what}`);
}

describe('workflows service: 终结本次执行, then 恢复执行 on a partner chain asset report, well before the schedule', () => {
  let e2e: E2e;
  let gw: RunningGateway;
  let nc: NatsConnection;
  let door: JudicialTxServer;
  let client: GatewayConnection;
  let engine: EnforcementEngine;
  let dir: string;
  let configFile: string;
  const replicas: Replica[] = [];
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
  const committed: Record<string, string[]> = { finance: [], property: [], credit: [], ip: [] };
  const unsubscribe: (() => void)[] = [];

  const startReplica = (id: string): Replica => {
    const child = spawn(process.execPath, [BIN, 'workflows', 'start', '--config', configFile, '--replica-id', id, '--json'], {
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const r: Replica = { id, child, lines: [], stderr: '', exited: new Promise((res) => child.once('exit', (c) => res(c))) };
    let buf = '';
    child.stdout!.on('data', (d: Buffer) => {
      buf += d.toString();
      let nl = buf.indexOf('\n');
      while (nl >= 0) {
        const line = buf.slice(0, nl).trim();
        buf = buf.slice(nl + 1);
        if (line.startsWith('{')) r.lines.push(JSON.parse(line) as Record<string, unknown>);
        nl = buf.indexOf('\n');
      }
    });
    child.stderr!.on('data', (d: Buffer) => (r.stderr += d.toString()));
    replicas.push(r);
    return r;
  };
  const killGroup = (r: Replica, signal: NodeJS.Signals): void => {
    try {
      process.kill(-r.child.pid!, signal);
    } catch {
      // already gone
    }
  };

  beforeAll(async () => {
    e2e = await startE2e();
    gw = await e2e.startGateway();
    nc = await connect({ servers: e2e.nats.url });
    door = startJudicialTxServer({
      nc,
      ledger: e2e.backends.judicial.ledger,
      authority: e2e.fx.authority,
      replay: new MemoryReplayGuard({ windowMs: 120_000 }),
      now: Date.now,
    });
    for (const chain of Object.keys(committed))
      unsubscribe.push(
        e2e.backends[chain as 'finance'].ledger.onBlock((b) => {
          for (const tx of b.txs) committed[chain]!.push(tx.id);
        }),
      );
    client = connectGateway({
      address: gw.address,
      bearer: courtBearer({ caller: e2e.fx.court, gatewayDid: FixtureDids.gateway, now: Date.now }),
      timeoutMs: 20_000,
    });
    const ledger = new NatsJudicialLedger({ nc, signer: e2e.fx.gateway, now: Date.now });
    // The court's desk: registers the agreement and reads the state the service keeps.
    engine = new EnforcementEngine({
      ledger,
      investigator: new GatewayInvestigator(client, [financeProfile, propertyProfile, ipProfile]),
      orderer: new GatewayOrderer({ gateway: client, judicial: ledger }),
      store: new KvWorkflowStore(await ensureKv(nc.jetstream(), STATE_BUCKET)),
      clock: systemClock,
      court: e2e.fx.court,
      authority: e2e.fx.authority,
      policy: { maxOrderCents: 10_000_000_000n, legalBasis: '《民事诉讼法》第二百四十九条', orderLifetimeMs: 10 * 60_000 },
      targets: DEFAULT_TARGETS,
      orderAudience: (chain) => FixtureDids.adapter(chain),
    });
    // A court asks the stock gateway; it forwards MediationService to the workflow service's replica.
    const Mediation = grpc.makeGenericClientConstructor(loadGatewayProto().services.MediationService, 'MediationService');
    mediation = new Mediation(gw.address, grpc.credentials.createInsecure());
    dir = mkdtempSync(join(tmpdir(), 'cb-wf-termination-'));
    const files = await writeAllianceFiles(e2e.fx, dir);
    configFile = join(dir, 'workflows.json');
    writeFileSync(
      configFile,
      JSON.stringify({
        natsServers: [e2e.nats.url],
        courtKeyFile: files.keyFile(FixtureDids.court),
        ledgerKeyFile: files.keyFile(FixtureDids.gateway),
        gatewayAddress: gw.address,
        gatewayDid: FixtureDids.gateway,
        genesisFile: files.genesis,
        genesisHash: files.genesisHash,
        tickIntervalMs: 150,
        leaseTtlMs: 2_000,
        // The schedule is far off: only the report can reopen the case within this test.
        policy: {
          legalBasis: '《民事诉讼法》第二百四十九条',
          maxOrderCents: '10000000000',
          orderLifetimeMs: 600_000,
          reinvestigateEveryMs: 30 * 86_400_000,
          assetReportMinIntervalMs: 1_000,
        },
        stateBucket: STATE_BUCKET,
        leaseBucket: LEASE_BUCKET,
      }),
    );
  }, 120_000);

  afterAll(async () => {
    for (const r of replicas) killGroup(r, 'SIGKILL');
    await Promise.all(replicas.map((r) => r.exited));
    for (const u of unsubscribe) u();
    client?.close();
    mediation?.close();
    await door?.stop();
    await nc?.close();
    await e2e?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
  }, 30_000);

  it('a shortfall is terminated on the judicial chain; the finance adapter reports a new account; the service reopens the case and freezes it once', async () => {
    const r = startReplica('wf-t');
    await until(
      `the replica to start (stderr: ${r.stderr})`,
      async () => (r.lines.some((l) => l.event === 'started') ? true : undefined),
      60_000,
      50,
    );

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
    await engine.registerAgreement(agreement, signature);
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
