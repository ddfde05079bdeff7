/**
 * The judicial smart contracts END TO END over the real network ("Done when"): a private
 * nats-server, the judicial, ip, property, credit and finance adapters on seeded dev ledgers
 * (test/relay/e2e/e2e-setup.ts), a gateway composed by `startGateway`, the judicial chain's write
 * door (adapters/judicial/tx-server.ts) next to the judicial adapter. The engine uses only the
 * network ports: NatsJudicialLedger (verified proofs), GatewayInvestigator (Investigate),
 * GatewayOrderer (SubmitAction with the court's order credential + judicial proof, then the
 * signed result), KvWorkflowStore (JetStream KV). Real signatures; the contracts' time is a
 * ManualClock the tests move past each due date (it starts at the wall clock, so the orders it
 * stamps stay within the adapters' and the gateway's clock skew).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NatsConnection } from 'nats';
import { startJudicialTxServer, type JudicialTxServer } from '../../adapters/judicial/tx-server.js';
import { ensureKv } from '../../src/bus/jetstream.js';
import { MemoryReplayGuard } from '../../src/bus/replay-guard.js';
import { sha256 } from '../../src/crypto/hash.js';
import { fromHex, utf8 } from '../../src/encoding/bytes.js';
import { decodeCanonicalObject } from '../../src/encoding/canonical-json.js';
import type { RunningGateway } from '../../src/relay/gateway.js';
import { DEMO_CAST } from '../../src/seed/demo-cast.js';
import { verifyCaseHistory, type CaseHistoryJson } from '../../src/workflows/audit-log.js';
import { ManualClock } from '../../src/workflows/clock.js';
import { DEFAULT_TARGETS, financeProfile, ipProfile, propertyProfile } from '../../src/workflows/enforcement/asset-profiles.js';
import { signAgreement, signReport, type Obligation } from '../../src/workflows/enforcement/agreement.js';
import type { EnforcementPolicy } from '../../src/workflows/enforcement/rule-check.js';
import { accountKey, courtCustodyAccountNo } from '../../adapters/finance/contract.js';
import { EnforcementEngine } from '../../src/workflows/enforcement/engine.js';
import { connectGateway, type GatewayConnection } from '../../src/client/gateway-client.js';
import { courtBearer } from '../../src/client/court-bearer.js';
import { GatewayInvestigator, GatewayOrderer } from '../../src/workflows/network/gateway-ports.js';
import { NatsJudicialLedger } from '../../src/workflows/network/nats-judicial-ledger.js';
import type { ActionOrderer } from '../../src/workflows/ports.js';
import { KvWorkflowStore } from '../../src/workflows/store/kv-store.js';
import { FixtureDids } from '../helpers/alliance-fixture.js';
import { startE2e, type E2e } from '../relay/e2e/e2e-setup.js';

const DEBTOR = DEMO_CAST.debtor;
const CREDITOR = DEMO_CAST.creditor;

describe('judicial smart contracts end to end (real NATS, five adapters, gateway)', () => {
  let e2e: E2e;
  let gw: RunningGateway;
  let nc: NatsConnection;
  let door: JudicialTxServer;
  let client: GatewayConnection;
  let ledger: NatsJudicialLedger;
  let store: KvWorkflowStore;
  let orderer: GatewayOrderer;
  let clock: ManualClock;

  const engine = (o: ActionOrderer = orderer, extra: Partial<EnforcementPolicy> = {}): EnforcementEngine =>
    new EnforcementEngine({
      ledger,
      investigator: new GatewayInvestigator(client, [financeProfile, propertyProfile, ipProfile]),
      orderer: o,
      store,
      clock,
      court: e2e.fx.court,
      authority: e2e.fx.authority,
      policy: { maxOrderCents: 10_000_000_000n, legalBasis: '《民事诉讼法》第二百四十九条', orderLifetimeMs: 10 * 60_000, ...extra },
      targets: DEFAULT_TARGETS,
      orderAudience: (chain) => FixtureDids.adapter(chain),
    });
  const agreement = (caseId: string, amount: string, dueAtMs: number, extra: Pick<Obligation, 'payeeAccount'> = {}) => {
    const debtor = fromHex(DEBTOR.idHash);
    const creditor = fromHex(CREDITOR.idHash);
    return signAgreement(e2e.fx.court, {
      caseId,
      documentHash: sha256(utf8(`mediation agreement ${caseId}`)),
      parties: [
        { partyIdHash: debtor, role: 'obligor' },
        { partyIdHash: creditor, role: 'obligee' },
      ],
      obligations: [
        { obligationId: '1', obligorIdHash: debtor, obligeeIdHash: creditor, amount, description: 'repay the loan', dueAtMs, ...extra },
      ],
      confirmedAtMs: clock.now() - 1000,
    });
  };
  const pay = (caseId: string, amount: string) =>
    signReport(e2e.fx.agency, {
      caseId,
      obligationId: '1',
      performedAtMs: clock.now(),
      amount,
      evidenceHash: sha256(utf8(`bank slip ${caseId} ${amount}`)),
    });
  const rec = async (chain: 'finance' | 'property' | 'ip' | 'credit', key: string): Promise<Record<string, unknown> | null> => {
    const r = await e2e.backends[chain].queryRecord(key, { kind: 'latest' });
    return r.value === null ? null : (decodeCanonicalObject(r.value, key) as Record<string, unknown>);
  };

  beforeAll(async () => {
    e2e = await startE2e();
    gw = await e2e.startGateway();
    // The test's own parts (the judicial door, a court desk) share one connection: the operator's.
    nc = await e2e.connectAs('operator');
    door = startJudicialTxServer({
      nc,
      ledger: e2e.backends.judicial.ledger,
      authority: e2e.fx.authority,
      replay: new MemoryReplayGuard({ windowMs: 120_000 }),
      now: Date.now,
    });
    client = connectGateway({
      address: gw.address,
      bearer: courtBearer({ caller: e2e.fx.court, gatewayDid: FixtureDids.gateway, now: Date.now }),
      timeoutMs: 20_000,
    });
    ledger = new NatsJudicialLedger({ nc, signer: e2e.fx.gateway, now: Date.now });
    store = new KvWorkflowStore(await ensureKv(nc.jetstream(), 'cb_workflows_e2e'));
    orderer = new GatewayOrderer({ gateway: client, judicial: ledger });
    clock = new ManualClock(Date.now());
  }, 90_000);

  afterAll(async () => {
    client?.close();
    await door?.stop();
    await nc?.close();
    await e2e?.stop();
  }, 30_000);

  it('an agreement performed on time triggers nothing', async () => {
    const e = engine();
    const { agreement: a, signature } = agreement('E2E-ontime', '5000000', clock.now() + 1500);
    await e.registerAgreement(a, signature);
    const p = pay('E2E-ontime', '5000000');
    await e.reportPerformance(p.report, p.signature);
    clock.advance(1600);
    await e.tick();
    const s = await e.getCase('E2E-ontime');
    expect(s.phase).toBe('performed');
    expect(Object.keys(s.actions)).toEqual([]);
    expect((await e.auditEntries('E2E-ontime')).map((x) => x.body.event)).toEqual([
      'agreement_registered',
      'performance_reported',
      'agreement_performed',
    ]);
  }, 60_000);

  let history: CaseHistoryJson;
  it('unperformed with partial assets: files, investigates, freezes/seizes in order, lists and restricts; a crash mid-way resumes without duplicates', async () => {
    let calls = 0;
    const crashing: ActionOrderer = {
      async order(req) {
        const out = await orderer.order(req);
        if (++calls === 2) throw new Error('simulated crash between steps');
        return out;
      },
    };
    const { agreement: a, signature } = agreement('E2E-short', '800000000', clock.now() + 1000);
    await engine(crashing).registerAgreement(a, signature);
    clock.advance(1100);
    await expect(engine(crashing).tick()).rejects.toThrow(/simulated crash/);
    const restarted = engine();
    await restarted.tick();
    const s = await restarted.getCase('E2E-short');
    const acts = Object.values(s.actions);
    // Every action executed and the assets fall short: 终结本次执行, recorded on the judicial chain.
    expect(s.phase).toBe('terminated');
    expect(s.enforcement!.termination).toMatchObject({ round: 1, recorded: true });
    expect(acts.every((x) => x.status === 'executed')).toBe(true);
    expect(acts.filter((x) => x.outcome === 'already_applied').length).toBe(1);
    // Accounts first (all they hold), then property, then IP, then credit punishment.
    const domains = acts.map((x) => x.domain);
    expect(domains.indexOf('finance')).toBe(0);
    expect(domains.lastIndexOf('finance')).toBeLessThan(domains.indexOf('property'));
    // The demo trademark has no appraisal (worth 0 to enforcement): investigated, not frozen.
    expect(s.enforcement!.investigation!.items.map((i) => i.domain).sort()).toEqual(['finance', 'finance', 'ip', 'property']);
    expect(acts.map((x) => [x.domain, x.kind, x.amountCents])).toEqual([
      ['finance', 'freeze', '3500000'],
      ['finance', 'freeze', '12000000'],
      ['property', 'seize', ''],
      ['credit', 'list', ''],
      ['credit', 'restrict', ''],
    ]);
    expect(acts.filter((x) => x.domain === 'credit').map((x) => x.kind)).toEqual(['list', 'restrict']);
    expect(await rec('finance', DEBTOR.accounts[1].key)).toMatchObject({ frozenCents: '3500000' });
    expect(await rec('credit', DEBTOR.dishonestKey)).not.toBeNull();
    const entries = await restarted.auditEntries('E2E-short');
    expect(entries.filter((x) => x.body.event === 'action_executed').length).toBe(acts.length);
    expect(entries.at(-1)!.body.event).toBe('enforcement_terminated');
    history = JSON.parse(JSON.stringify(await restarted.exportCaseHistory('E2E-short')));
    expect(
      verifyCaseHistory(history, {
        keyOf: (did, kid, at) => {
          const k = e2e.fx.authority.keyAt(did, kid, at);
          return k.ok ? k.publicKey : undefined;
        },
      }).entries,
    ).toBe(entries.length);
  }, 120_000);

  it('the exported audit log detects tampering with any entry', () => {
    const keyOf = (did: string, kid: string, at: number): Uint8Array | undefined => {
      const k = e2e.fx.authority.keyAt(did, kid, at);
      return k.ok ? k.publicKey : undefined;
    };
    for (let k = 0; k < history.entries.length; k++) {
      const h = structuredClone(history);
      h.entries[k]!.detail += ' ';
      expect(() => verifyCaseHistory(h, { keyOf })).toThrow(expect.objectContaining({ reason: 'entry_hash_mismatch' }));
    }
  });

  it('later performance releases everything and closes', async () => {
    const e = engine();
    const p = pay('E2E-short', '800000000');
    await e.reportPerformance(p.report, p.signature);
    await e.tick();
    const s = await e.getCase('E2E-short');
    expect(s.phase).toBe('satisfied');
    const releases = Object.values(s.actions).filter((x) => x.step === 'release');
    expect(releases.length).toBe(Object.values(s.actions).length / 2);
    expect(releases.every((x) => x.status === 'executed')).toBe(true);
    expect(await rec('finance', DEBTOR.accounts[1].key)).toMatchObject({ frozenCents: '0' });
    expect(await rec('credit', DEBTOR.dishonestKey)).toBeNull();
    expect((await e.auditEntries('E2E-short')).at(-1)!.body.event).toBe('enforcement_closed');
  }, 120_000);

  it('a covered debt freezes exactly the amount owed', async () => {
    const e = engine();
    const { agreement: a, signature } = agreement('E2E-covered', '10000000', clock.now() + 1000);
    await e.registerAgreement(a, signature);
    clock.advance(1100);
    await e.tick();
    const s = await e.getCase('E2E-covered');
    expect(Object.values(s.actions).map((x) => [x.chainId, x.kind, x.target, x.amountCents])).toEqual([
      ['finance', 'freeze', DEBTOR.accounts[1].accountNo, '3500000'],
      ['finance', 'freeze', DEBTOR.accounts[0].accountNo, '6500000'],
    ]);
    expect(await rec('finance', DEBTOR.accounts[0].key)).toMatchObject({ frozenCents: '6500000' });
  }, 60_000);

  it('deducted funds are paid to the creditor through the gateway: deduct, then disburse from custody (the order check knows it), then close', async () => {
    const e = engine(orderer, { deductAfterMs: 1000 });
    const custody = accountKey(courtCustodyAccountNo(e2e.fx.court.did));
    const balanceOf = async (key: string): Promise<bigint> =>
      BigInt(((await rec('finance', key)) ?? { balanceCents: '0' }).balanceCents as string);
    const [payeeBefore, custodyBefore] = [await balanceOf(CREDITOR.account.key), await balanceOf(custody)];
    const { agreement: a, signature } = agreement('E2E-paid', '2000000', clock.now() + 1000, { payeeAccount: CREDITOR.account.accountNo });
    await e.registerAgreement(a, signature);
    clock.advance(1100);
    await e.tick();
    clock.advance(1100);
    await e.tick();
    const s = await e.getCase('E2E-paid');
    expect(Object.values(s.actions).map((x) => [x.step, x.kind, x.amountCents, x.status])).toEqual([
      ['freeze', 'freeze', '2000000', 'executed'],
      ['deduct', 'deduct', '2000000', 'executed'],
      ['disburse', 'disburse', '2000000', 'executed'],
    ]);
    expect(s.phase).toBe('satisfied');
    expect(await balanceOf(CREDITOR.account.key)).toBe(payeeBefore + 2_000_000n);
    expect(await balanceOf(custody)).toBe(custodyBefore);
    expect((await e.auditEntries('E2E-paid')).map((x) => x.body.event).slice(-6)).toEqual([
      'deduction_planned',
      'action_executed',
      'distribution_planned',
      'action_executed',
      'release_planned',
      'enforcement_closed',
    ]);
  }, 120_000);
});
