/**
 * Case-filing distribution end to end on a real nats-server with real signatures: filings read
 * from a judicial DevLedger are published to CB_FILINGS, an agency subscribed to one cause type
 * receives only those, verifies and acknowledges them; replay returns the same deliveries;
 * forged filings are dropped with a named reason; the court sees the acks per filing.
 */
import { connect, type KV, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { judicial } from '../../adapters/judicial/definition.js';
import { contractsOf } from '../../adapters/sdk/definition.js';
import { type EnvelopeSigner, encodeEnvelope, privateKeySigner, sealEnvelope } from '../../src/bus/envelope.js';
import { publishWithId } from '../../src/bus/jetstream.js';
import { DevLedger } from '../../src/chain/ledger/ledger.js';
import type { Tx } from '../../src/chain/ledger/transaction.js';
import { sha256 } from '../../src/crypto/hash.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { encodeCanonical } from '../../src/encoding/canonical-json.js';
import { JudicialTx } from '../../src/judicial/tx.js';
import { listFilingAcks } from '../../src/workflows/filings/filing-acks.js';
import { FilingPublisher, type PublishedFiling } from '../../src/workflows/filings/filing-publisher.js';
import { decodeFiling, encodeFiling, type FilingRecord } from '../../src/workflows/filings/filing-record.js';
import { filingSubject, provisionFilings } from '../../src/workflows/filings/filing-stream.js';
import {
  replayFilings,
  subscribeFilings,
  type FilingDelivery,
  type FilingDropped,
  type FilingSubscription,
} from '../../src/workflows/filings/filing-subscriber.js';
import { FILING_TYPE, judgeFiling } from '../../src/workflows/filings/filing-verify.js';
import { allianceFixture, allianceKey, FixtureDids } from '../helpers/alliance-fixture.js';
import { eventually } from '../helpers/eventually.js';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';

const fx = allianceFixture();
const party = (s: string): string => toHex(sha256(utf8(`filings test salt|${s}`)));

function caseFileTx(caseId: string, kind: 'civil' | 'ip', cause: string): Tx {
  const body = {
    type: 'case_file',
    schema: 1,
    caseId,
    court: FixtureDids.court,
    kind,
    cause,
    parties: [
      { role: 'plaintiff', party: party(`${caseId} plaintiff`) },
      { role: 'defendant', party: party(`${caseId} defendant`) },
    ],
  };
  return { type: JudicialTx.CaseFile, sender: FixtureDids.court, id: `case:${caseId}`, body: encodeCanonical(body, 'case_file') };
}

let nats: NatsServerHandle;
let nc: NatsConnection;
let acks: KV;
let ledger: DevLedger;
const published: PublishedFiling[] = [];
const stops: (() => unknown)[] = [];

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url });
  acks = (await provisionFilings(nc)).acks;
  ledger = DevLedger.open({ chainId: 'judicial', contracts: contractsOf(judicial) });
  const publisher = new FilingPublisher({
    js: nc.jetstream(),
    signer: fx.gateway,
    now: Date.now,
    onPublished: (p) => void published.push(p),
  });
  // Follow the chain: every committed block's filings are published.
  stops.push(publisher.follow(ledger));
  const txs = [
    caseFileTx('(2026)京0105民初101号', 'civil', '民间借贷纠纷'),
    caseFileTx('(2026)京73知民初7号', 'ip', '侵害发明专利权纠纷'),
    caseFileTx('(2026)京0105民初102号', 'civil', '金融借款合同纠纷'),
  ];
  const receipts = txs.map((t) => ledger.submit(t));
  ledger.produceBlock();
  await Promise.all(receipts);
  await eventually(() => expect(published).toHaveLength(3));
}, 30_000);

afterAll(async () => {
  for (const s of stops) await s();
  ledger?.close();
  await nc?.close();
  await nats?.stop();
});

describe('case filings circulate to the agencies that subscribe (art. 13)', () => {
  const got: FilingDelivery[] = [];
  const drops: FilingDropped[] = [];
  let sub: FilingSubscription;

  it('publishes each filing from the chain record, parties as keyed hashes only', () => {
    const civil = published.filter((p) => p.filing.causeType === 'civil');
    expect(civil).toHaveLength(2);
    const f = civil[0]!.filing;
    expect(f.recordKey).toBe(`case/${f.caseId}`);
    expect(f.court).toBe(FixtureDids.court);
    expect(f.height).toBeGreaterThan(0);
    for (const p of f.parties) expect(p.party).toMatch(/^[0-9a-f]{64}$/);
    // The chain record proves it at that height.
    expect(ledger.get(f.recordKey)).toBeDefined();
  });

  it('an agency subscribed to civil receives only civil filings, verifies and acknowledges them', async () => {
    sub = await subscribeFilings({
      nc,
      agency: fx.agency,
      authority: fx.authority,
      causes: ['civil'],
      acks,
      now: Date.now,
      onFiling: (d) => void got.push(d),
      onDrop: (d) => void drops.push(d),
    });
    stops.push(() => sub.close());
    await eventually(() => expect(got).toHaveLength(2));
    expect(got.every((d) => d.filing.causeType === 'civil' && d.subject === filingSubject('civil'))).toBe(true);
    expect(got.every((d) => d.envelope.senderDid === FixtureDids.gateway)).toBe(true);
    expect(drops).toEqual([]);
    const f = got[0]!.filing;
    await eventually(async () => {
      const seen = await listFilingAcks(acks, fx.authority, 'judicial', f.caseId, Date.now());
      expect(seen.invalid).toEqual([]);
      expect(seen.acks.map((a) => [a.agencyDid, a.seq])).toEqual([[FixtureDids.agency, got[0]!.seq]]);
    });
    // Nobody acknowledged the IP filing.
    const ip = published.find((p) => p.filing.causeType === 'ip')!;
    expect((await listFilingAcks(acks, fx.authority, 'judicial', ip.filing.caseId, Date.now())).acks).toEqual([]);
  });

  it('replay from a stream sequence returns the same deliveries', async () => {
    const r = await replayFilings({
      nc,
      authority: fx.authority,
      agencyDid: FixtureDids.agency,
      cause: 'civil',
      fromSeq: 1,
      now: Date.now,
    });
    expect(r.dropped).toEqual([]);
    expect(r.deliveries.map((d) => [d.seq, d.filing])).toEqual(got.map((d) => [d.seq, d.filing]));
    const later = await replayFilings({
      nc,
      authority: fx.authority,
      agencyDid: FixtureDids.agency,
      cause: 'civil',
      fromSeq: got[1]!.seq,
      now: Date.now,
    });
    expect(later.deliveries.map((d) => d.seq)).toEqual([got[1]!.seq]);
  });

  it('an agency whose role may not receive a cause type is refused at subscribe', async () => {
    const base = { nc, authority: fx.authority, acks, now: Date.now, onFiling: () => undefined };
    await expect(subscribeFilings({ ...base, agency: fx.agency, causes: ['ip'] })).rejects.toMatchObject({
      reason: 'filing_cause_not_allowed',
    });
    await expect(subscribeFilings({ ...base, agency: fx.adapter('finance'), causes: ['civil'] })).rejects.toMatchObject({
      reason: 'filing_cause_not_allowed',
    });
    await expect(
      replayFilings({ nc, authority: fx.authority, agencyDid: FixtureDids.agency, cause: 'ip', fromSeq: 1, now: Date.now }),
    ).rejects.toMatchObject({ reason: 'filing_cause_not_allowed' });
  });

  it('drops forged filings with a named reason and counts them', async () => {
    const genuine: FilingRecord = { ...got[0]!.filing, caseId: '(2026)京0105民初999号', recordKey: 'case/(2026)京0105民初999号' };
    const js = nc.jetstream();
    const send = (signer: EnvelopeSigner, id: string, mutate?: (w: Uint8Array) => Uint8Array) => {
      const wire = encodeEnvelope(sealEnvelope(signer, FILING_TYPE, encodeFiling(genuine), Date.now()));
      return publishWithId(js, filingSubject('civil'), mutate ? mutate(wire) : wire, id);
    };
    const outsider = privateKeySigner('did:alliance:outsider', 'did:alliance:outsider#key-1', allianceKey(999));
    await send(outsider, 'forged-non-member');
    await send(fx.agency, 'forged-no-role');
    await send(fx.gateway, 'forged-tampered', (w) => {
      const t = Uint8Array.from(w);
      const at = t.length - 64 - 20; // a byte of the body, before the signature
      t[at] = t[at]! ^ 0x01;
      return t;
    });
    await eventually(() => expect(drops).toHaveLength(3));
    expect(drops.map((d) => d.reason)).toEqual(['unknown_sender', 'out_of_role', 'tampered']);
    expect(drops.map((d) => d.claimedSender)).toEqual(['did:alliance:outsider', FixtureDids.agency, FixtureDids.gateway]);
    expect(Object.fromEntries(sub.dropped)).toEqual({ unknown_sender: 1, out_of_role: 1, tampered: 1 });
    expect(got).toHaveLength(2);
    expect((await listFilingAcks(acks, fx.authority, 'judicial', genuine.caseId, Date.now())).acks).toEqual([]);
  });

  it('a re-published filing is stored once (deduplicated by case)', async () => {
    const publisher = new FilingPublisher({ js: nc.jetstream(), signer: fx.gateway, now: Date.now });
    const again = await publisher.publish(published[0]!.filing);
    expect(again.outcome).toBe('duplicate');
  });
});

describe('filing records and verdicts (pure)', () => {
  const filing: FilingRecord = {
    chainId: 'judicial',
    caseId: '(2026)京0105民初300号',
    court: FixtureDids.court,
    causeType: 'civil',
    cause: '民间借贷纠纷',
    parties: [{ role: 'plaintiff', party: party('p300') }],
    filedAtMs: 1_700_000_000_000,
    height: 7,
    recordKey: 'case/(2026)京0105民初300号',
  };

  it('round-trips, and refuses a party in clear', () => {
    expect(decodeFiling(encodeFiling(filing))).toEqual(filing);
    const clear = encodeCanonical(
      { type: 'case_filing', schema: 1, ...filing, parties: [{ role: 'plaintiff', party: '110101199003077777' }] },
      'f',
    );
    expect(() => decodeFiling(clear)).toThrow(expect.objectContaining({ reason: 'filing_malformed' }));
    expect(() => encodeFiling({ ...filing, parties: [{ role: 'plaintiff', party: '110101199003077777' }] })).toThrow(/keyed hash/);
  });

  it('a genuine filing on the wrong cause subject, or a non-filing envelope, is dropped by name', () => {
    const wire = encodeEnvelope(sealEnvelope(fx.court, FILING_TYPE, encodeFiling(filing), Date.now()));
    const o = { authority: fx.authority, nowMs: Date.now() };
    expect(judgeFiling(wire, filingSubject('civil'), o).kind).toBe('accepted');
    expect(judgeFiling(wire, filingSubject('ip'), o)).toMatchObject({ kind: 'dropped', drop: { reason: 'filing_subject_mismatch' } });
    const other = encodeEnvelope(sealEnvelope(fx.court, 'audit.entry', encodeFiling(filing), Date.now()));
    expect(judgeFiling(other, filingSubject('civil'), o)).toMatchObject({ kind: 'dropped', drop: { reason: 'unknown_type' } });
    expect(judgeFiling(wire.slice(0, 20), filingSubject('civil'), o)).toMatchObject({ kind: 'dropped', drop: { reason: 'malformed' } });
  });
});
