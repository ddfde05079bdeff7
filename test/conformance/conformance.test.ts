/**
 * The conformance kit over a real nats-server (test/helpers/nats-server.ts): our five adapters
 * and the lawyer example, each started in-process by the adapter runtime on a seeded dev ledger,
 * pass every check (judicial: the action checks skip, it announces none); adapters that are
 * deliberately broken fail exactly the checks they should.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from 'nats';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';
import { allianceFixture, FIXTURE_CHAINS, FixtureDids, type AllianceFixture } from '../helpers/alliance-fixture.js';
import { ChainFixture, fixtureValidators, signCommit } from '../helpers/chain-fixture.js';
import { DevLedgerBackend } from '../../adapters/sdk/dev-ledger-backend.js';
import { startAdapter, type AdapterConfig, type AdapterHandle } from '../../adapters/sdk/runtime.js';
import { judicialOrderRecordKey } from '../../src/judicial/record-keys.js';
import type { JudicialOrder } from '../../src/judicial/order.js';
import { headerAnnouncementBytes } from '../../adapters/sdk/header-publisher.js';
import type { OrderReplayGuard } from '../../adapters/sdk/order-replay.js';
import type { DevLedgerDefinition } from '../../adapters/sdk/definition.js';
import { ip } from '../../adapters/ip/definition.js';
import { property } from '../../adapters/property/definition.js';
import { credit } from '../../adapters/credit/definition.js';
import { finance } from '../../adapters/finance/definition.js';
import { lawyer } from '../../adapters/examples/lawyer/definition.js';
import { market } from '../../adapters/market/definition.js';
import { mobile } from '../../adapters/mobile/definition.js';
import { deviceSignerOf } from '../../src/mobile/device-key.js';
import { DEMO_DEVICE_DID } from '../../src/seed/mobile-seed.js';
import { sha256 } from '../../src/crypto/hash.js';
import { utf8 } from '../../src/encoding/bytes.js';
import { bankruptcy } from '../../adapters/bankruptcy/definition.js';
import { meetingTarget } from '../../adapters/bankruptcy/contract.js';
import { DEMO_BANKRUPTCY } from '../../src/seed/bankruptcy-seed.js';
import { collab } from '../../adapters/collab/definition.js';
import { COLLAB_DEMO } from '../../src/seed/collab-seed.js';
import { data } from '../../adapters/data/definition.js';
import { dataDemoCast } from '../../src/seed/data-seed.js';
import { issueOrder, judicialOrdersDefinition, orderDeskOf } from './judicial-orders.js';
import { seedChain, loadSeed, type SeedChainId } from '../../src/seed/seed.js';
import { DEMO_CAST } from '../../src/seed/demo-cast.js';
import { encodeEnvelope, sealEnvelope } from '../../src/bus/envelope.js';
import { ensureStream, publishWithId } from '../../src/bus/jetstream.js';
import { announceSubject, headersSubject, Streams } from '../../src/bus/subjects.js';
import { headerHash } from '../../src/chain/header.js';
import { fromUtf8, toHex } from '../../src/encoding/bytes.js';
import type { Authority } from '../../src/identity/authority.js';
import { encodeMessage } from '../../src/wire/codec.js';
import {
  CONFORMANCE_CHECK_IDS,
  formatReport,
  runConformance,
  type ConformanceAction,
  type ConformanceOptions,
  type OrderDesk,
} from '../../src/conformance/mod.js';
import { allianceKitOptions, statuses } from './kit-options.js';

let nats: NatsServerHandle;
let nc: NatsConnection;
let a: AllianceFixture;
let judicialBackend: DevLedgerBackend;
let trust: { chainId: string; height: number; headerHashHex: string };
const handles: AdapterHandle[] = [];

const judicialDef: DevLedgerDefinition = judicialOrdersDefinition;
const orderDesk: OrderDesk = orderDeskOf(() => judicialBackend.ledger);

const SEED_ORDER: JudicialOrder = {
  orderId: 'seed-order-1',
  court: FixtureDids.court,
  caseId: '(2026) Jing 01 Zhi 1',
  chain: 'finance',
  actionId: 'seed-action-1',
  kind: 'freeze',
  target: '6222020200112345678',
  amount: '1',
};

/** A dishonest-list record the credit seed surely wrote. */
function creditProbeKey(): string {
  const tx = seedChain('credit', { records: 40, seed: 'conformance' }).find((t) => t.type === 'credit.import')!;
  const body = JSON.parse(fromUtf8(tx.body)) as { listings: { person: string }[] };
  return `dishonest/${body.listings[0]!.person}`;
}

interface Subject {
  def: DevLedgerDefinition;
  action?: ConformanceAction;
  probeKeys?: string[];
}

const SUBJECTS: Record<string, Subject> = {
  judicial: { def: judicialDef, probeKeys: [judicialOrderRecordKey(SEED_ORDER.orderId)] },
  finance: {
    def: finance,
    action: { kind: 'freeze', target: DEMO_CAST.debtor.accounts[0].accountNo, recordType: 'account', amount: '100' },
  },
  property: { def: property, action: { kind: 'seize', target: DEMO_CAST.debtor.apartment.titleNo, recordType: 'title' } },
  ip: {
    def: ip,
    // The ip action spec's record type is a union; its target is `<type>/<regNo>` (adapters/ip/schema.ts).
    action: {
      kind: 'freeze',
      target: DEMO_CAST.debtor.trademark.key,
      recordType: 'copyright|trademark|patent',
      key: DEMO_CAST.debtor.trademark.key,
    },
  },
  credit: { def: credit, action: { kind: 'list', target: DEMO_CAST.debtor.idHash, recordType: 'dishonest' } },
  lawyer: { def: lawyer, action: { kind: 'suspend', target: DEMO_CAST.lawyer.licenceNo, recordType: 'lawyer' } },
  market: { def: market, action: { kind: 'freeze', target: DEMO_CAST.debtor.equity.target, recordType: 'equity', amount: '100' } },
  // A device the kit delegates (not seeded); the seeded demo device is the record known to exist.
  mobile: {
    def: mobile,
    action: { kind: 'delegate', target: deviceSignerOf(sha256(utf8('conformance device'))).did, recordType: 'device' },
    probeKeys: [`device/${DEMO_DEVICE_DID}`],
  },
  // The seeded demo meeting (proposed), convened under its own case (the contract refuses another case's order).
  bankruptcy: {
    def: bankruptcy,
    action: {
      kind: 'convene_meeting',
      target: meetingTarget(DEMO_BANKRUPTCY.caseId, DEMO_BANKRUPTCY.meetingId),
      recordType: 'meeting',
      key: `meeting/${meetingTarget(DEMO_BANKRUPTCY.caseId, DEMO_BANKRUPTCY.meetingId)}`,
      caseId: DEMO_BANKRUPTCY.caseId,
    },
  },
  collab: { def: collab, action: { kind: 'seal', target: COLLAB_DEMO.evidence.sha256, recordType: 'evidence' } },
  data: { def: data, action: { kind: 'freeze', target: dataDemoCast().asset.assetId, recordType: 'asset' } },
};

/** The alliance's domain chains beyond the fixture's own (each has its adapter DID made for it). */
const NEW_DOMAIN_CHAINS = ['market', 'mobile', 'bankruptcy', 'collab', 'data'];

async function startDomainAdapter(
  def: DevLedgerDefinition,
  extra: Partial<AdapterConfig> = {},
  seedAs = def.chainId as SeedChainId,
): Promise<AdapterHandle> {
  const chain = seedAs;
  const backend = new DevLedgerBackend({
    definition: def,
    blockIntervalMs: 20,
    heartbeatMs: 400,
    seed: async (l) => {
      if (chain === 'judicial') {
        await issueOrder(l, SEED_ORDER);
        return;
      }
      await loadSeed(l, seedChain(chain, { records: 40, seed: 'conformance' }));
    },
  });
  if (chain === 'judicial') judicialBackend = backend;
  const h = await startAdapter({
    servers: nats.url,
    signer: a.adapter(def.chainId),
    authority: a.authority,
    backend,
    definition: def,
    replicaId: `${def.chainId}-1`,
    announceIntervalMs: 300,
    actions: { ackWaitMs: 2_000, maxDeliver: 5 },
    ...(def.actions.length > 0 ? { judicialTrust: { ...trust } } : {}),
    ...extra,
  });
  handles.push(h);
  return h;
}

function kitOptions(chain: string, extra: Partial<ConformanceOptions> = {}): ConformanceOptions {
  const s = SUBJECTS[chain];
  return {
    chain,
    ...allianceKitOptions(a, nc),
    orderDesk,
    timeoutMs: 5_000,
    announceWaitMs: 3_000,
    ...(s?.action ? { action: s.action } : {}),
    ...(s?.probeKeys ? { probeKeys: s.probeKeys } : {}),
    ...extra,
  };
}

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url });
  a = allianceFixture({ chains: [...FIXTURE_CHAINS, 'badchain', ...NEW_DOMAIN_CHAINS] });
  SUBJECTS.credit!.probeKeys = [creditProbeKey()];
  // The judicial chain first: the other adapters anchor their judicial light client on it.
  judicialBackend = undefined as unknown as DevLedgerBackend;
  trust = { chainId: 'judicial', height: 1, headerHashHex: '00'.repeat(32) };
  await startDomainAdapter(judicialDef);
  const lb = judicialBackend.ledger.latest();
  trust = { chainId: 'judicial', height: lb.signedHeader.header.height, headerHashHex: toHex(headerHash(lb.signedHeader.header)) };
}, 60_000);

afterAll(async () => {
  for (const h of handles.reverse()) await h.drain().catch(() => undefined);
  await nc?.close();
  await nats?.stop();
});

describe('our adapters pass the conformance kit', () => {
  for (const chain of ['judicial', 'finance', 'property', 'ip', 'credit', 'lawyer', ...NEW_DOMAIN_CHAINS]) {
    it(`${chain}`, async () => {
      if (chain !== 'judicial') await startDomainAdapter(SUBJECTS[chain]!.def);
      const report = await runConformance(kitOptions(chain));
      const text = formatReport(report);
      expect(report.checks.map((c) => c.id)).toEqual([...CONFORMANCE_CHECK_IDS]);
      expect(
        report.checks.filter((c) => c.status === 'fail'),
        text,
      ).toEqual([]);
      expect(report.passed, text).toBe(true);
      expect(report.adapterDid).toBe(FixtureDids.adapter(chain));
      if (chain === 'judicial') {
        // Skips only for the action checks of an adapter that announces no actions, stated in the report.
        const skipped = report.checks.filter((c) => c.status === 'skip').map((c) => c.id);
        expect(skipped).toEqual(CONFORMANCE_CHECK_IDS.filter((id) => id === 'exactly_once' || id.startsWith('order_')));
        expect(text).toContain('announces no actions');
      } else {
        expect(report.counts, text).toEqual({ pass: CONFORMANCE_CHECK_IDS.length, fail: 0, skip: 0 });
        expect(report.checks.find((c) => c.id === 'order_forged_refused')!.detail).toMatch(/order_bad_signature|order_/);
        expect(report.checks.find((c) => c.id === 'order_out_of_role_refused')!.detail).toContain('order_issuer_not_court');
        expect(report.checks.find((c) => c.id === 'order_replayed_refused')!.detail).toContain('order_replayed');
        expect(report.checks.find((c) => c.id === 'order_cross_destination_refused')!.detail).toMatch(/order_wrong_chain, wrong_chain/);
      }
      // The JSON report round-trips (what --json prints).
      expect(JSON.parse(JSON.stringify(report)).checks).toHaveLength(report.checks.length);
    }, 90_000);
  }
});

describe('broken adapters fail the checks they should', () => {
  it('a runtime that lets any DID order and never remembers a jti: out-of-role and replayed orders fail', async () => {
    // The lawyer example served as `testchain`, with a lenient authority (everyone is a court)
    // and a replay guard that forgets: what "skipping order verification" looks like.
    const lenient: Authority = {
      keyAt: (d, k, t) => a.authority.keyAt(d, k, t),
      mayAct: (d, role, c, t) => (role === 'court' ? { ok: true } : a.authority.mayAct(d, role, c, t)),
    };
    const forgetful: OrderReplayGuard = { claim: async () => 'fresh' };
    const def: DevLedgerDefinition = { ...lawyer, chainId: 'testchain' };
    await startDomainAdapter(def, { authority: lenient, orderReplay: forgetful }, 'lawyer');
    const report = await runConformance(
      kitOptions('testchain', { action: SUBJECTS.lawyer!.action!, adapterDid: FixtureDids.adapter('testchain') }),
    );
    const s = statuses(report);
    expect(report.passed).toBe(false);
    expect(s).toMatchObject({
      announce: 'pass',
      headers: 'pass',
      membership: 'pass',
      non_membership: 'pass',
      error_replies: 'pass',
      exactly_once: 'pass',
      order_unsigned_refused: 'pass',
      order_forged_refused: 'pass',
      order_cross_destination_refused: 'pass',
    });
    expect(s.order_out_of_role_refused).toBe('fail');
    expect(s.order_replayed_refused).toBe('fail');
    expect(report.checks.find((c) => c.id === 'order_out_of_role_refused')!.detail).toContain('not for its defect');
    expect(formatReport(report)).toContain('NOT CONFORMANT');
  }, 90_000);

  it('a hand-written responder that is silent on bad requests and serves a header without quorum', async () => {
    const chain = 'badchain';
    const signer = a.adapter(chain);
    const jsm = await nc.jetstreamManager();
    await ensureStream(jsm, { name: Streams.headers.name, subjects: Streams.headers.subjects });
    // Silence on every query, index and lightblock request.
    const silent = nc.subscribe(`cb.v1.*.${chain}`, { callback: () => undefined });
    const ann = encodeMessage('AdapterAnnouncement', {
      chainId: chain,
      adapterDid: signer.did,
      recordTypes: ['thing'],
      actions: [],
      version: '0.0.1',
      replicaId: 'bad-1',
    });
    const timer = setInterval(
      () => nc.publish(announceSubject(chain), encodeEnvelope(sealEnvelope(signer, 'adapter.announce', ann, Date.now()))),
      200,
    );
    try {
      // Three headers; the third carries signatures of 2 of 4 validators (no >2/3 quorum).
      const fx = new ChainFixture(chain, fixtureValidators(4), Date.now() - 60_000);
      const blocks = [fx.next(), fx.next(), fx.next()];
      const b3 = blocks[2]!;
      const weak = { ...b3, signedHeader: { header: b3.header, commit: signCommit(b3.header, b3.validators.slice(0, 2)) } };
      for (const b of [blocks[0]!, blocks[1]!, weak]) {
        const env = sealEnvelope(signer, 'header.announce', headerAnnouncementBytes(b), Date.now());
        await publishWithId(nc.jetstream(), headersSubject(chain), encodeEnvelope(env), `${chain}:${b.header.height}`);
      }
      const report = await runConformance(kitOptions(chain, { timeoutMs: 1_000, announceWaitMs: 2_000, probeKeys: ['thing/1'] }));
      const s = statuses(report);
      const text = formatReport(report);
      expect(s.announce, text).toBe('pass');
      expect(s.headers, text).toBe('fail');
      expect(report.checks.find((c) => c.id === 'headers')!.detail).toMatch(/header badchain@3 rejected by the light client: \w+/);
      expect(s.membership).toBe('fail');
      expect(s.non_membership).toBe('fail');
      expect(s.error_replies).toBe('fail');
      expect(report.checks.find((c) => c.id === 'error_replies')!.detail).toContain('silence');
      // It announces no actions: the action checks skip, and say why.
      for (const id of CONFORMANCE_CHECK_IDS.filter((x) => x === 'exactly_once' || x.startsWith('order_'))) expect(s[id]).toBe('skip');
      expect(report.passed).toBe(false);
    } finally {
      clearInterval(timer);
      silent.unsubscribe();
    }
  }, 60_000);
});
