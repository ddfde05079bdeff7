/**
 * Asset reports end to end over a real nats-server: the finance adapter's runtime (real finance
 * contract on the dev ledger the investigation reads) publishes a signed `asset.report` when an
 * account is opened for a hashed holder; the workflow service's subscriber verifies it against the
 * alliance registry (the signer must be the registered adapter of the subject's chain) and keeps
 * it as a hint; the terminated case re-investigates at once and resumes only on what the proven
 * investigation finds. Forged reports are dropped with named, counted reasons and trigger nothing.
 */
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { finance } from '../../adapters/finance/definition.js';
import { startAdapter, type AdapterHandle } from '../../adapters/sdk/runtime.js';
import { encodeAssetReport } from '../../src/bus/asset-report.js';
import { encodeEnvelope, privateKeySigner, sealEnvelope, type EnvelopeSigner } from '../../src/bus/envelope.js';
import { assetsSubject } from '../../src/bus/subjects.js';
import type { IndexedRecord } from '../../src/chain/ledger/ledger.js';
import { sha256 } from '../../src/crypto/hash.js';
import { encodeCanonical } from '../../src/encoding/canonical-json.js';
import { utf8 } from '../../src/encoding/bytes.js';
import { silentLogger } from '../../src/log.js';
import type { EnforcementEngine } from '../../src/workflows/enforcement/engine.js';
import { startAssetReportSubscriber, type AssetReportSubscriber } from '../../src/workflows/service/asset-reports.js';
import { allianceFixture, type AllianceFixture } from '../helpers/alliance-fixture.js';
import { eventually } from '../helpers/eventually.js';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';
import { agreementFor, DAY, DEBTOR, makeWorld, type World } from './fixtures/world.js';

const MIN_INTERVAL_MS = 1_500;
let nats: NatsServerHandle;
let nc: NatsConnection;
let a: AllianceFixture;
let w: World;
let e: EnforcementEngine;
let adapter: AdapterHandle;
let sub: AssetReportSubscriber;
const reported: IndexedRecord[] = [];
const handled: string[] = [];

/** The manual clock follows the wall clock here: envelopes are stamped and checked against real time. */
const sync = (): void => w.clock.set(Math.max(w.clock.now() + 1, Date.now()));
const report = (ownerHash: string, recordKey = 'account/6216610100000000000'): Uint8Array =>
  encodeAssetReport({ ownerHash, index: 'holder', recordKey, height: 7 });
const publish = (signer: EnvelopeSigner, chain: string, body: Uint8Array, malleate: (wire: Uint8Array) => Uint8Array = (x) => x) =>
  nc.publish(assetsSubject(chain), malleate(encodeEnvelope(sealEnvelope(signer, 'asset.report', body, Date.now()))));
let opened = 0;
async function openAccount(accountNo: string, balanceCents: string): Promise<void> {
  const body = { type: 'account_open', schema: 1, accountNo, holder: DEBTOR.idHash, bank: '中国银行', kind: 'personal', balanceCents };
  await w.backends.finance.ledger.submit({
    type: 'finance.account.open',
    sender: 'did:alliance:finance-registry',
    id: `open-${accountNo}-${++opened}`,
    body: encodeCanonical(body, 'finance.account.open'),
  });
}
const handledCount = (): number => handled.length;
const steps = async (): Promise<string[]> => {
  sync();
  return (await e.tick()).steps.map((x) => x.step);
};

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url });
  a = allianceFixture({ chains: ['finance', 'credit'] });
  w = await makeWorld();
  sync();
  e = w.engine(undefined, { reinvestigateEveryMs: 180 * DAY });
  // The real finance adapter over the very ledger the investigation reads (its actions are the
  // in-process orderer's here, so the runtime needs no judicial trust).
  adapter = await startAdapter({
    servers: nats.url,
    signer: a.adapter('finance'),
    authority: a.authority,
    backend: w.backends.finance,
    definition: { ...finance, actions: [] },
    replicaId: 'f1',
    testHooks: { onAssetReported: (r) => reported.push(r) },
  });
  sub = startAssetReportSubscriber({
    nc: adapter.bus.nc,
    authority: a.authority,
    engine: e,
    now: Date.now,
    minIntervalMs: MIN_INTERVAL_MS,
    logger: silentLogger(),
    onHandled: (o) => handled.push(o),
  });
  // The debtor's assets fall short: frozen, listed, restricted, then terminated.
  const { agreement, signature } = agreementFor('R-1', '800000000', w.clock.now() + 10);
  await e.registerAgreement(agreement, signature);
  await new Promise((r) => setTimeout(r, 20));
  expect((await steps()).at(-1)).toBe('terminate');
  expect((await e.getCase('R-1')).phase).toBe('terminated');
}, 60_000);

afterAll(async () => {
  await sub?.drain().catch(() => undefined);
  await adapter?.drain().catch(() => undefined);
  await nc?.close();
  await nats?.stop();
  await w?.close();
});

describe('asset reports (real nats-server, real finance adapter)', () => {
  it('drops forged reports with named, counted reasons; they trigger nothing', async () => {
    // An alliance DID the registry does not know.
    const stranger = privateKeySigner('did:alliance:nobody', 'did:alliance:nobody#key-1', sha256(utf8('an outsider')));
    const before = handledCount();
    // Signed by the credit chain's adapter on the finance subject (wrong signer for the chain).
    publish(a.adapter('credit'), 'finance', report(DEBTOR.idHash));
    // The finance adapter speaking on the credit subject (wrong chain).
    publish(a.adapter('finance'), 'credit', report(DEBTOR.idHash));
    // No signature.
    publish(a.adapter('finance'), 'finance', report(DEBTOR.idHash), (wire) => {
      const x = wire.slice();
      x.fill(0, x.length - 64);
      return x;
    });
    // A byte of the body changed after signing (the record key).
    publish(a.adapter('finance'), 'finance', report(DEBTOR.idHash), (wire) => {
      const x = wire.slice();
      const at = x.length - 64 - 8 - 1;
      x[at] = x[at]! ^ 0x01;
      return x;
    });
    // A key nobody registered.
    publish(stranger, 'finance', report(DEBTOR.idHash));
    // The registered adapter, but not an asset report's bytes.
    publish(a.adapter('finance'), 'finance', utf8('owner=debtor'));
    await eventually(() => handledCount() - before >= 6, { timeoutMs: 10_000, what: 'six forged reports handled' });
    expect(sub.counts.dropped).toEqual({ out_of_role: 2, unsigned: 1, tampered: 1, unknown_sender: 1, malformed_report: 1 });
    expect(sub.counts.accepted).toBe(0);
    expect(await w.store.keys('asset-hint/')).toEqual([]);
    expect(await steps()).toEqual([]);
    expect((await e.getCase('R-1')).enforcement!.termination).toMatchObject({ checks: 0 });
  });

  it('a signed report the investigation does not bear out: one re-investigation, still terminated, nothing audited', async () => {
    const audited = (await e.auditEntries('R-1')).length;
    publish(a.adapter('finance'), 'finance', report(DEBTOR.idHash, 'account/no-such-account'));
    await eventually(() => sub.counts.accepted === 1, { timeoutMs: 10_000, what: 'the report accepted' });
    expect(await steps()).toEqual(['reinvestigate']);
    const s = await e.getCase('R-1');
    expect(s.phase).toBe('terminated');
    expect(s.enforcement!.termination).toMatchObject({ checks: 1 });
    expect((await e.auditEntries('R-1')).length).toBe(audited);
    expect(await steps()).toEqual([]);
  });

  it("a new account for the debtor: the adapter's report reopens the case at once; a second report within the interval is rate-limited", async () => {
    await new Promise((r) => setTimeout(r, MIN_INTERVAL_MS));
    await openAccount('6216610100008888001', '2000000');
    await eventually(() => sub.counts.accepted === 2, { timeoutMs: 10_000, what: "the finance adapter's report accepted" });
    expect(reported.map((r) => [r.index, r.value, r.key])).toEqual([['holder', DEBTOR.idHash, 'account/6216610100008888001']]);
    expect(await steps()).toEqual(['reinvestigate', 'resume', 'plan', 'order', 'terminate']);
    const s = await e.getCase('R-1');
    expect(s.enforcement!.rounds![0]!.termination!.requested).toMatchObject({ chainId: 'finance' });
    const resumed = (await e.auditEntries('R-1')).find((x) => x.body.event === 'enforcement_resumed')!;
    expect(resumed.body.detail as string).toContain('经 finance 链报告后查询发现新财产 1 项');
    const frozen = await w.backends.finance.queryRecord('account/6216610100008888001', { kind: 'latest' });
    expect(JSON.parse(new TextDecoder().decode(frozen.value!))).toMatchObject({ frozenCents: '2000000' });

    await openAccount('6216610100008888002', '100');
    await eventually(() => (sub.counts.dropped.rate_limited ?? 0) === 1, { timeoutMs: 10_000, what: 'the second report rate-limited' });
    expect(reported.length).toBe(2);
    expect(sub.counts.accepted).toBe(2);
  });
});
