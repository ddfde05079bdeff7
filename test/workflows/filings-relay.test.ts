/**
 * The filings publisher in the running workflow service: a real nats-server, the adapters and a
 * gateway (test/relay/e2e/e2e-setup.ts), the judicial chain's write door (which also serves its
 * filings in chain order), and TWO real `courtbridge workflows start` processes sharing the
 * filings cursor. Courts' cases, enforcement cases (`enf-...`) and trial filings (`trial-...`)
 * are filed on the judicial chain over the network; both publishers are killed with `kill -9`
 * mid-way, one is restarted, more cases are filed: every filing is in CB_FILINGS exactly once,
 * and an agency subscribed by role and cause receives, verifies and acknowledges its own.
 */
import type { KV, NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import type { CanonicalObject } from '../../src/encoding/canonical-json.js';
import { listFilingAcks } from '../../src/workflows/filings/filing-acks.js';
import { decodeFiling } from '../../src/workflows/filings/filing-record.js';
import { FILINGS_STREAM, provisionFilings } from '../../src/workflows/filings/filing-stream.js';
import { subscribeFilings, type FilingDelivery, type FilingSubscription } from '../../src/workflows/filings/filing-subscriber.js';
import { decodeEnvelope } from '../../src/bus/envelope.js';
import { enforcementCaseBody } from '../../src/workflows/judicial-records.js';
import { ensureKv } from '../../src/bus/jetstream.js';
import { fromUtf8 } from '../../src/encoding/bytes.js';
import { START_POSITION, type ChainFiling, type FilingPosition } from '../../src/judicial/filings-feed.js';
import { FilingPublisher } from '../../src/workflows/filings/filing-publisher.js';
import { FilingRelay } from '../../src/workflows/filings/filing-relay.js';
import { NatsFilingFeed } from '../../src/workflows/network/nats-filing-feed.js';
import { NatsJudicialLedger } from '../../src/workflows/network/nats-judicial-ledger.js';
import { FixtureDids } from '../helpers/alliance-fixture.js';
import type { E2e } from '../relay/e2e/e2e-setup.js';
import { killGroup, replicaStarted, sleep, startReplicaWorld, until, type Replica, type ReplicaWorld } from './replica-harness.js';

const party = (s: string): string => toHex(sha256(utf8(`filings relay test|${s}`)));

describe('filings publisher in the workflow service: every judicial filing published once, across kill -9 and replicas', () => {
  let e2e: E2e;
  let nc: NatsConnection;
  let ledger: NatsJudicialLedger;
  let acks: KV;
  let sub: FilingSubscription;
  let w: ReplicaWorld;
  const delivered: FilingDelivery[] = [];

  const publishedBy = (r: Replica): string[] =>
    r.lines.filter((l) => l.event === 'filing_published' && l.outcome === 'stored').map((l) => String(l.caseId));

  /** Every filing in CB_FILINGS, in stream order: the Nats-Msg-Id and the filing's case id. */
  const stored = async (): Promise<{ seq: number; caseId: string; cause: string; sender: string }[]> => {
    const jsm = await nc.jetstreamManager();
    const info = await jsm.streams.info(FILINGS_STREAM.name);
    const out: { seq: number; caseId: string; cause: string; sender: string }[] = [];
    for (let seq = info.state.first_seq; seq <= info.state.last_seq && info.state.messages > 0; seq++) {
      const m = await jsm.streams.getMessage(FILINGS_STREAM.name, { seq });
      const env = decodeEnvelope(m.data);
      const f = decodeFiling(env.body);
      out.push({ seq, caseId: f.caseId, cause: f.causeType, sender: env.senderDid });
    }
    return out;
  };

  const courtCase = (caseId: string, kind: 'civil' | 'ip'): CanonicalObject => ({
    type: 'case_file',
    schema: 1,
    caseId,
    court: FixtureDids.court,
    kind,
    cause: kind === 'civil' ? '民间借贷纠纷' : '侵害发明专利权纠纷',
    parties: [
      { role: 'plaintiff', party: party(`${caseId} plaintiff`) },
      { role: 'defendant', party: party(`${caseId} defendant`) },
    ],
  });
  const child = (kind: 'enforcement' | 'trial', parentCaseId: string): CanonicalObject =>
    kind === 'enforcement'
      ? enforcementCaseBody({
          enforcementCaseId: `enf-${parentCaseId}`,
          parentCaseId,
          court: FixtureDids.court,
          debtorHash: party(`${parentCaseId} defendant`),
          creditorHash: party(`${parentCaseId} plaintiff`),
          debtCents: '100000',
        })
      : {
          type: 'case_file',
          schema: 1,
          caseId: `trial-${parentCaseId}`,
          court: FixtureDids.court,
          kind: 'trial',
          cause: 'trial after failed mediation (deadline)',
          parties: [
            { role: 'plaintiff', party: party(`${parentCaseId} plaintiff`) },
            { role: 'defendant', party: party(`${parentCaseId} defendant`) },
          ],
          parentCaseId,
        };
  /** File cases on the judicial chain through its write door (parents first, then their children). */
  const file = async (bodies: CanonicalObject[]): Promise<string[]> => {
    await Promise.all(bodies.map((b) => ledger.submit('case.file', `case:${String(b.caseId)}`, b)));
    return bodies.map((b) => String(b.caseId));
  };

  beforeAll(async () => {
    w = await startReplicaWorld({
      stateBucket: 'cb_workflows_filings',
      leaseBucket: 'cb_workflow_leases_filings',
      // No enforcement here: the service's default policy.
      extra: { tickIntervalMs: 200, policy: undefined, filings: { intervalMs: 50, cursorBucket: 'cb_filings_cursor_test' } },
    });
    ({ e2e, nc } = w);
    ledger = new NatsJudicialLedger({ nc, signer: e2e.fx.gateway, now: Date.now });
    acks = (await provisionFilings(nc)).acks;
    // The bank (agency for finance) follows civil, trial and enforcement filings; ip ones are not its sector.
    sub = await subscribeFilings({
      nc,
      agency: e2e.fx.agency,
      authority: e2e.fx.authority,
      causes: ['civil', 'trial', 'enforcement'],
      acks,
      now: Date.now,
      onFiling: (d) => void delivered.push(d),
    });
  }, 120_000);

  afterAll(async () => {
    await sub?.close();
    await w?.stop();
  }, 30_000);

  it('files cases, kills both publishers with SIGKILL mid-way, restarts one: each filing is stored once, the agency acks its own', async () => {
    const a = w.startReplica('wf-fa');
    const b = w.startReplica('wf-fb');
    await replicaStarted(a);
    await replicaStarted(b);

    const tag = Date.now().toString(36);
    const parents = Array.from({ length: 40 }, (_, i) => `F${tag}-${i}`);
    const first = [
      ...(await file(parents.map((id, i) => courtCase(id, i % 10 === 9 ? 'ip' : 'civil')))),
      ...(await file([child('enforcement', parents[0]!), child('trial', parents[1]!)])),
    ];

    // Kill both publishers once some filings are out and others are not.
    await until(
      () => `some filings to be published (stderr: ${a.stderr.slice(-300)} ${b.stderr.slice(-300)})`,
      async () => (publishedBy(a).length + publishedBy(b).length >= 3 ? true : undefined),
      60_000,
      5,
    );
    killGroup(a, 'SIGKILL');
    killGroup(b, 'SIGKILL');
    expect(await a.exited).toBeNull();
    expect(await b.exited).toBeNull();
    const atKill = (await stored()).filter((s) => s.caseId.includes(tag)).length;
    expect(atKill).toBeGreaterThan(0);
    expect(atKill).toBeLessThan(first.length);

    // More cases while no publisher runs (a court's, an enforcement case, a trial), then a restart.
    const second = [
      ...(await file([courtCase(`F${tag}-late`, 'civil')])),
      ...(await file([child('enforcement', `F${tag}-late`), child('trial', parents[2]!)])),
    ];
    const a2 = w.startReplica('wf-fa');
    await replicaStarted(a2);
    const all = [...first, ...second];
    const got = await until(
      () => `every filing to be published (${a2.stderr.slice(-500)})`,
      async () => {
        const s = (await stored()).filter((x) => x.caseId.includes(tag));
        return s.length >= all.length ? s : undefined;
      },
      60_000,
      100,
    );
    // Give a duplicate the time to show up, then count: each filing exactly once, in chain order per parent/child.
    await sleep(500);
    const final = (await stored()).filter((x) => x.caseId.includes(tag));
    expect(final.length).toBe(all.length);
    expect(new Set(final.map((x) => x.caseId))).toEqual(new Set(all));
    expect(got.length).toBe(all.length);
    expect(new Set(final.map((x) => x.sender))).toEqual(new Set([FixtureDids.gateway]));
    expect(
      final
        .filter((x) => x.cause === 'enforcement')
        .map((x) => x.caseId)
        .sort(),
    ).toEqual([`enf-F${tag}-0`, `enf-F${tag}-late`].sort());
    expect(
      final
        .filter((x) => x.cause === 'trial')
        .map((x) => x.caseId)
        .sort(),
    ).toEqual([`trial-F${tag}-1`, `trial-F${tag}-2`].sort());
    const seqOf = new Map(final.map((x) => [x.caseId, x.seq]));
    expect(seqOf.get(`F${tag}-0`)!).toBeLessThan(seqOf.get(`enf-F${tag}-0`)!);

    // The agency: every civil, trial and enforcement filing once, verified and acknowledged; no ip one.
    const mine = all.filter((id) => final.find((x) => x.caseId === id)!.cause !== 'ip');
    await until(
      () => `the agency to receive ${mine.length} filings (got ${new Set(delivered.map((d) => d.filing.caseId)).size})`,
      async () => (mine.every((id) => delivered.some((d) => d.filing.caseId === id)) ? true : undefined),
      30_000,
      50,
    );
    const ours = delivered.filter((d) => d.filing.caseId.includes(tag));
    expect(new Set(ours.map((d) => d.filing.caseId))).toEqual(new Set(mine));
    expect(ours.every((d) => d.envelope.senderDid === FixtureDids.gateway)).toBe(true);
    for (const id of [`enf-F${tag}-0`, `trial-F${tag}-1`, `F${tag}-late`]) {
      const seen = await until(
        () => `the agency's ack of ${id}`,
        async () => {
          const l = await listFilingAcks(acks, e2e.fx.authority, 'judicial', id, Date.now());
          return l.acks.length > 0 ? l : undefined;
        },
        10_000,
        50,
      );
      expect(seen.acks.map((x) => [x.agencyDid, x.seq])).toEqual([[FixtureDids.agency, seqOf.get(id)]]);
    }

    // Drain: SIGTERM stops the publisher cleanly.
    killGroup(a2, 'SIGTERM');
    expect(await a2.exited).toBe(0);
  }, 180_000);

  it('publishes nothing the chain does not prove, and a lost cursor write does not publish the last filing again', async () => {
    const js = nc.jetstream();
    const published: string[] = [];
    const publisher = new FilingPublisher({ js, signer: e2e.fx.gateway, now: Date.now });
    const spy = Object.assign(Object.create(publisher) as FilingPublisher, {
      publishCase: (c: Parameters<FilingPublisher['publishCase']>[0], h: number) => {
        published.push(c.caseId);
        return publisher.publishCase(c, h);
      },
    });
    const cursor = await ensureKv(js, 'cb_filings_cursor_test');
    const feed = new NatsFilingFeed({ nc, now: Date.now });
    const jsm = await nc.jetstreamManager();
    const relay = (f: Pick<NatsFilingFeed, 'after'>): FilingRelay =>
      new FilingRelay({ feed: f, ledger, publisher: spy, js, jsm, cursor, intervalMs: 1_000 });

    // A feed that names a case the chain never filed (a forged or lagging index): refused, nothing published.
    const forged: Pick<NatsFilingFeed, 'after'> = {
      after: async (pos) => ({ latestHeight: 1, filings: [{ height: pos.height + 1, index: 0, caseId: 'FORGED-1' }] }),
    };
    await expect(relay(forged).pass()).rejects.toMatchObject({ reason: 'filing_not_proven' });
    expect(published).toEqual([]);

    // The cursor is at the last filing; rewound by one (a crash after the publish, before the
    // cursor write), the relay finds that filing as its subject's last message and skips it.
    const all: ChainFiling[] = [];
    for (let page = await feed.after(START_POSITION, 200); page.filings.length > 0; page = await feed.after(all.at(-1)!, 200))
      all.push(...page.filings);
    const before = all.at(-2)!;
    const e = (await cursor.get('cursor.judicial'))!;
    await cursor.update('cursor.judicial', utf8(JSON.stringify({ height: before.height, index: before.index })), e.revision);
    const count = (await stored()).length;
    expect(await relay(feed).pass()).toBe(0);
    expect(published).toEqual([]);
    expect((await stored()).length).toBe(count);
    const at = JSON.parse(fromUtf8((await cursor.get('cursor.judicial'))!.value)) as FilingPosition;
    expect(at).toEqual({ height: all.at(-1)!.height, index: all.at(-1)!.index });
  }, 60_000);
});
