/**
 * The conformance kit certifying a `notary` adapter (a registry kept in a database), over a real
 * nats-server: the enterprise adapter (RecordDbBackend in the SDK runtime) over a seeded database
 * file, 2 of the chain's 3 registry notaries running as record notaries on the same file
 * (read-only), and a judicial dev-ledger chain (and its adapter) for the test orders. The kit
 * passes every check. With one notary running, `headers` and `membership` fail naming the missing
 * quorum. An adapter that counts its notaries by another registry entry (threshold one) and so
 * sends one signature fails `membership` and `non_membership`, naming `notary_quorum_not_met`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { enterprise } from '../../adapters/notary/definition.js';
import { ENTERPRISE_RECORD } from '../../adapters/notary/enterprise-schema.js';
import { enterpriseKey } from '../../adapters/notary/enterprise-registry.js';
import { DEMO_ENTERPRISES, seedEnterprises } from '../../adapters/notary/enterprise-seed.js';
import { RecordDb } from '../../adapters/notary/record-db.js';
import { RecordDbBackend } from '../../adapters/notary/record-db-backend.js';
import { DevLedgerBackend } from '../../adapters/sdk/dev-ledger-backend.js';
import { type AdapterHandle, startAdapter } from '../../adapters/sdk/runtime.js';
import { CONFORMANCE_CHECK_IDS, type ConformanceOptions, formatReport, runConformance } from '../../src/conformance/mod.js';
import type { AllianceAuthority } from '../../src/identity/alliance-authority.js';
import { silentLogger } from '../../src/log.js';
import { allianceFixture, type AllianceFixture, FixtureDids, fixtureNotaryDid } from '../helpers/alliance-fixture.js';
import { EnterpriseNotaries } from '../helpers/enterprise-notaries.js';
import { startJudicialAdapter } from '../helpers/judicial-adapter.js';
import { type NatsServerHandle, startNatsServer } from '../helpers/nats-server.js';
import { allianceKitOptions, statuses } from './kit-options.js';
import { judicialOrdersDefinition, orderDeskOf } from './judicial-orders.js';

const CHAIN = enterprise.chainId;
const FIRST = DEMO_ENTERPRISES[0]!;
const FIRST_KEY = enterpriseKey(FIRST.code);

let nats: NatsServerHandle;
let nc: NatsConnection;
let dir: string;
let dbFile: string;
let a: AllianceFixture;
let judicialBackend: DevLedgerBackend;
let judicialTrust: { chainId: string; height: number; headerHashHex: string };
const handles: AdapterHandle[] = [];
let notaries: EnterpriseNotaries;

const startNotary = (i: number): Promise<void> => notaries.start(i, a.signers.get(fixtureNotaryDid(CHAIN, i))!, dbFile);

/** The enterprise adapter over the database file, its notaries read from `authority`'s registry entry. */
async function startEnterpriseAdapter(authority: AllianceAuthority = a.authority): Promise<AdapterHandle> {
  const h = await startAdapter({
    servers: nats.url,
    signer: a.adapter(CHAIN),
    authority,
    backend: new RecordDbBackend({ definition: enterprise, file: dbFile }),
    definition: enterprise,
    replicaId: `${CHAIN}-${handles.length}`,
    announceIntervalMs: 300,
    logger: silentLogger(),
    judicialTrust,
    actions: { ackWaitMs: 5_000, maxDeliver: 5 },
  });
  handles.push(h);
  return h;
}

function kitOptions(extra: Partial<ConformanceOptions> = {}): ConformanceOptions {
  return {
    chain: CHAIN,
    ...allianceKitOptions(a, nc),
    orderDesk: orderDeskOf(() => judicialBackend.ledger),
    action: { kind: 'freeze', target: FIRST.code, recordType: ENTERPRISE_RECORD.name, amount: '100' },
    timeoutMs: 8_000,
    announceWaitMs: 3_000,
    ...extra,
  };
}

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url });
  notaries = new EnterpriseNotaries(nc);
  dir = mkdtempSync(join(tmpdir(), 'cb-notary-conformance-'));
  dbFile = join(dir, 'records.jsonl');
  const seeding = RecordDb.open(dbFile);
  seedEnterprises(seeding);
  seeding.close();
  a = allianceFixture({ chains: ['judicial', CHAIN], notaryChains: { [CHAIN]: { notaries: 3, threshold: 2 } } });
  judicialBackend = new DevLedgerBackend({ definition: judicialOrdersDefinition, blockIntervalMs: 20, heartbeatMs: 400 });
  const judicialAdapter = await startJudicialAdapter({
    servers: nats.url,
    fx: a,
    backend: judicialBackend,
    definition: judicialOrdersDefinition,
    announceIntervalMs: 300,
  });
  handles.push(judicialAdapter.handle);
  judicialTrust = judicialAdapter.trust;
}, 60_000);

afterAll(async () => {
  await notaries?.stopAll();
  for (const h of handles.reverse()) await h.drain().catch(() => undefined);
  await nc?.close();
  await nats?.stop();
  if (dir !== undefined) rmSync(dir, { recursive: true, force: true });
});

describe('the kit certifies a notary adapter by its registry kind', () => {
  it('one notary of the two needed running: headers and membership fail, naming the missing quorum', async () => {
    await startNotary(1);
    // The adapter itself refuses to answer without a quorum, so the kit learns no version to ask the notaries at.
    const h = await startEnterpriseAdapter();
    const report = await runConformance(
      kitOptions({ only: ['headers', 'membership'], probeKeys: [FIRST_KEY], adapterDid: FixtureDids.adapter(CHAIN) }),
    );
    expect(statuses(report), formatReport(report)).toEqual({ headers: 'fail', membership: 'fail' });
    const detail = (id: string): string => report.checks.find((c) => c.id === id)!.detail;
    expect(detail('headers')).toContain('notary_quorum_unavailable');
    expect(detail('headers')).toContain('are its notaries running?');
    expect(detail('membership')).toContain('notary_quorum_unavailable');
    await h.drain();
  }, 30_000);

  it('the enterprise adapter with 2 of its 3 notaries running passes every check', async () => {
    await startNotary(2);
    const h = await startEnterpriseAdapter();
    const report = await runConformance(kitOptions());
    const text = formatReport(report);
    expect(report.checks.map((c) => c.id)).toEqual([...CONFORMANCE_CHECK_IDS]);
    expect(
      report.checks.filter((c) => c.status !== 'pass'),
      text,
    ).toEqual([]);
    expect(report.passed, text).toBe(true);
    expect(report.adapterDid).toBe(FixtureDids.adapter(CHAIN));
    const detail = (id: string): string => report.checks.find((c) => c.id === id)!.detail;
    expect(detail('headers')).toMatch(
      /^a notary chain has no headers: its registry notaries vouch for each record; 2 of the registry's 3 notaries \(threshold 2\) signed enterprise\/\S+ at version \d+ as the adapter read it/,
    );
    expect(detail('headers')).toContain(`${fixtureNotaryDid(CHAIN, 3)}: no_responders (not running?)`);
    expect(detail('membership')).toContain(FIRST_KEY);
    expect(detail('non_membership')).toContain('enterprise');
    expect(detail('error_replies')).toContain(
      'index: well-formed, on a chain without indexes -> FAILED_PRECONDITION unsupported_for_chain_kind',
    );
    expect(detail('error_replies')).toContain(
      'lightblock: latest, on a chain without light blocks -> FAILED_PRECONDITION unsupported_for_chain_kind',
    );
    expect(detail('exactly_once')).toContain('notarized by the registry notaries at the version written');
    expect(detail('order_replayed_refused')).toContain('order_replayed');
    await h.drain();
  }, 120_000);

  describe('with notary 2 stopped (notary 1 of the registry still running)', () => {
    beforeAll(async () => {
      await notaries.stop(2);
    });

    it('an adapter that counts its notaries by another entry (threshold one) sends one signature: membership fails, notary_quorum_not_met', async () => {
      // Same members and keys; the adapter's registry entry asks for one notary instead of two.
      const lax = allianceFixture({ chains: ['judicial', CHAIN], notaryChains: { [CHAIN]: { notaries: 3, threshold: 1 } } });
      const h = await startEnterpriseAdapter(lax.authority);
      const report = await runConformance(kitOptions({ only: ['announce', 'membership', 'non_membership'], probeKeys: [FIRST_KEY] }));
      const text = formatReport(report);
      expect(statuses(report), text).toEqual({ announce: 'pass', membership: 'fail', non_membership: 'fail' });
      const membership = report.checks.find((c) => c.id === 'membership')!;
      expect(membership.detail).toContain(
        `notary_quorum_not_met: 1 valid signatures of the registry's notaries (${fixtureNotaryDid(CHAIN, 1)})`,
      );
      expect(membership.detail).toContain('2 needed');
      expect(membership.evidence?.['reason']).toBe('notary_quorum_not_met');
      expect(report.passed).toBe(false);
      await h.drain();
    }, 60_000);

    it("an adapter whose notaries are not the registry's (a fourth notary of its own): membership fails, naming unknown_notary", async () => {
      // The adapter's registry entry adds a notary 4 the alliance never admitted; it runs and signs honestly.
      const own = allianceFixture({ chains: ['judicial', CHAIN], notaryChains: { [CHAIN]: { notaries: 4, threshold: 2 } } });
      const fourth = fixtureNotaryDid(CHAIN, 4);
      await notaries.start(4, own.signers.get(fourth)!, dbFile);
      const h = await startEnterpriseAdapter(own.authority);
      const report = await runConformance(kitOptions({ only: ['announce', 'headers', 'membership'], probeKeys: [FIRST_KEY] }));
      const text = formatReport(report);
      expect(statuses(report), text).toEqual({ announce: 'pass', headers: 'fail', membership: 'fail' });
      const membership = report.checks.find((c) => c.id === 'membership')!;
      expect(membership.detail).toContain('notary_quorum_not_met');
      expect(membership.detail).toContain(`not counted: ${fourth} (unknown_notary)`);
      expect(membership.evidence?.['reason']).toBe('notary_quorum_not_met');
      // The kit asks the registry's notaries only: one of them answers, the fourth is never asked.
      const headers = report.checks.find((c) => c.id === 'headers')!;
      expect(headers.detail).toContain("1 of the registry's 3 notaries (threshold 2)");
      expect(headers.detail).not.toContain(fourth);
      await h.drain();
    }, 60_000);
  });
});
