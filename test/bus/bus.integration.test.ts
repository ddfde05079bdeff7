/**
 * The bus over a real nats-server (test/helpers/nats-server.ts): envelopes through a receiver
 * with every drop reason counted and logged, key rotation, request/reply with deadlines and
 * error headers, JetStream dedupe, and the KV replay guard shared by two replicas.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Writable } from 'node:stream';
import { AckPolicy, DeliverPolicy, type NatsConnection } from 'nats';
import { connectBus, type BusConnection } from '../../src/bus/connection.js';
import { encodeEnvelope, sealEnvelope } from '../../src/bus/envelope.js';
import { openEnvelope, type VerifiedEnvelope } from '../../src/bus/envelope-verify.js';
import { ensureKv, ensureStream, provisionCourtbridge, publishEnvelope, publishWithId } from '../../src/bus/jetstream.js';
import { verifyEnvelopes, subscribeEnvelopes, type ReceivedEnvelope } from '../../src/bus/receiver.js';
import { MemoryReplayGuard } from '../../src/bus/replay-guard.js';
import { KvReplayGuard, replayKey } from '../../src/bus/replay-kv.js';
import { replyError, replyOk, request } from '../../src/bus/request.js';
import { Streams, actionsSubject, headersSubject, querySubject, queryQueue } from '../../src/bus/subjects.js';
import { toHighS } from '../../src/crypto/secp256k1.js';
import { concatBytes, fromUtf8, utf8 } from '../../src/encoding/bytes.js';
import { CourtbridgeError, ErrorCode, foreignReason } from '../../src/errors.js';
import { createLogger } from '../../src/log.js';
import { courtbridgeMetrics, createRegistry } from '../../src/metrics.js';
import { eventually } from '../helpers/eventually.js';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';
import { DID, REVOKED_AT, ROTATED_AT, T0, memberTable, strangerSigner } from './fixtures/member-table.js';

const authority = memberTable();
const MAX_AGE = 60_000;
const SKEW = 5_000;

function captureLogger() {
  const chunks: string[] = [];
  const stream = new Writable({
    write(c, _e, cb) {
      chunks.push(String(c));
      cb();
    },
  });
  return {
    logger: createLogger({ component: 'receiver', level: 'info', destination: stream }),
    lines: () =>
      chunks
        .join('')
        .trim()
        .split('\n')
        .filter(Boolean)
        .map((l) => JSON.parse(l) as Record<string, unknown>),
  };
}

async function caught(p: Promise<unknown>): Promise<CourtbridgeError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof CourtbridgeError) return e;
    throw e;
  }
  throw new Error('expected a CourtbridgeError');
}

let srv: NatsServerHandle;
let bus: BusConnection;
let nc: NatsConnection;

beforeAll(async () => {
  srv = await startNatsServer();
  bus = await connectBus({ servers: srv.url, name: 'bus-integration' });
  nc = bus.nc;
});
afterAll(async () => {
  await bus?.drain();
  await srv?.stop();
});

/** Collect verified envelopes until one with `stopMsgId` arrives. */
async function collectUntil<M>(it: AsyncIterable<ReceivedEnvelope<M>>, stopMsgId: string): Promise<VerifiedEnvelope[]> {
  const got: VerifiedEnvelope[] = [];
  for await (const r of it) {
    got.push(r.envelope);
    if (r.envelope.msgId === stopMsgId) break;
  }
  return got;
}

describe('receiver over core NATS', () => {
  it('yields valid envelopes and drops each bad one with a counted, logged reason', async () => {
    const registry = createRegistry();
    const metrics = courtbridgeMetrics(registry);
    const cap = captureLogger();
    const now = T0 + 15_500;
    const subject = headersSubject('credit');
    const sub = subscribeEnvelopes(nc, subject, {
      authority,
      replay: new MemoryReplayGuard({ windowMs: MAX_AGE + SKEW }),
      maxAgeMs: MAX_AGE,
      maxFutureSkewMs: SKEW,
      now: () => now,
      metrics,
      logger: cap.logger,
    });
    const adapter = authority.signer(DID.creditAdapter, '#key-2');
    const good = sealEnvelope(adapter, 'header.announce', utf8('h1'), now - 500, 'good-1');
    const goodWire = encodeEnvelope(good);
    const bad: Array<[string, Uint8Array]> = [
      ['unsigned', goodWire.subarray(0, goodWire.length - 64)],
      ['malformed', concatBytes(goodWire, Uint8Array.of(1))],
      ['tampered', encodeEnvelope({ ...sealEnvelope(adapter, 'header.announce', utf8('h2'), now, 't-1'), body: utf8('h3') })],
      ['tampered', encodeEnvelope({ ...good, msgId: 'x-1', signature: toHighS(good.signature) })],
      ['unknown_sender', encodeEnvelope(sealEnvelope(strangerSigner(), 'header.announce', utf8('h'), now, 'u-1'))],
      [
        'revoked',
        encodeEnvelope(sealEnvelope(authority.signer(DID.revoked, '#key-1'), 'header.announce', utf8('h'), REVOKED_AT + 1, 'r-1')),
      ],
      ['out_of_role', encodeEnvelope(sealEnvelope(adapter, 'action.request', utf8('freeze'), now, 'o-1'))],
      ['unknown_type', encodeEnvelope(sealEnvelope(adapter, 'header.delete', utf8('h'), now, 'y-1'))],
      ['stale', encodeEnvelope(sealEnvelope(adapter, 'header.announce', utf8('h'), now - MAX_AGE - 1, 's-1'))],
      ['from_future', encodeEnvelope(sealEnvelope(adapter, 'header.announce', utf8('h'), now + SKEW + 1, 'f-1'))],
    ];
    nc.publish(subject, goodWire);
    for (const [, wire] of bad) nc.publish(subject, wire);
    nc.publish(subject, goodWire); // replayed
    const last = sealEnvelope(adapter, 'header.announce', utf8('h-last'), now, 'good-2');
    nc.publish(subject, encodeEnvelope(last));
    const got = await collectUntil(sub, 'good-2');
    await sub.drain();
    expect(got.map((e) => e.msgId)).toEqual(['good-1', 'good-2']);
    expect(got[0]!.evidence).toMatchObject({ role: 'adapter', scope: 'chain', chain: 'credit', keyValidAtMs: now - 500 });

    const counts = new Map<string, number>();
    for (const v of (await metrics.envelopeDropped.get()).values)
      counts.set(String(v.labels.reason), (counts.get(String(v.labels.reason)) ?? 0) + v.value);
    const expected = new Map<string, number>();
    for (const [r] of bad) expected.set(r, (expected.get(r) ?? 0) + 1);
    expected.set('replayed', 1);
    expect(Object.fromEntries(counts)).toEqual(Object.fromEntries(expected));
    // The attacker-chosen type is not a label value; known types are.
    const types = new Set((await metrics.envelopeDropped.get()).values.map((v) => v.labels.type));
    expect(types.has('header.delete')).toBe(false);
    expect(types.has('other')).toBe(true);
    expect((await metrics.envelopeAccepted.get()).values[0]).toMatchObject({ labels: { type: 'header.announce' }, value: 2 });

    const drops = cap.lines().filter((l) => l['level'] === 40);
    expect(drops).toHaveLength(bad.length + 1);
    expect(drops.find((l) => l['reason'] === 'revoked')).toMatchObject({
      component: 'receiver',
      sender: DID.revoked,
      type: 'header.announce',
      msgId: 'r-1',
      subject,
    });
    expect(drops.find((l) => l['reason'] === 'replayed')).toMatchObject({ msgId: 'good-1', sender: DID.creditAdapter });
  });

  it('takes the chain from the subject: a credit adapter cannot announce finance headers', async () => {
    const registry = createRegistry();
    const metrics = courtbridgeMetrics(registry);
    const now = T0 + 15_500;
    const sub = subscribeEnvelopes(nc, headersSubject('finance'), {
      authority,
      replay: new MemoryReplayGuard({ windowMs: MAX_AGE + SKEW }),
      maxAgeMs: MAX_AGE,
      maxFutureSkewMs: SKEW,
      now: () => now,
      metrics,
    });
    const drops: string[] = [];
    const adapter = authority.signer(DID.creditAdapter, '#key-2');
    nc.publish(headersSubject('finance'), encodeEnvelope(sealEnvelope(adapter, 'header.announce', utf8('h'), now, 'cross-1')));
    // An admin registry update is alliance-scoped: accepted on any subject, ends the loop.
    nc.publish(
      headersSubject('finance'),
      encodeEnvelope(sealEnvelope(authority.signer(DID.admin, '#key-1'), 'registry.update', utf8('u'), now, 'end')),
    );
    const got = await collectUntil(sub, 'end');
    await sub.drain();
    expect(got.map((e) => e.msgId)).toEqual(['end']);
    for (const v of (await metrics.envelopeDropped.get()).values) drops.push(String(v.labels.reason));
    expect(drops).toEqual(['out_of_role']);
  });

  it('key rotation: a key-1 envelope made before the rotation verifies after it; a key-1 envelope after it does not', async () => {
    const now = ROTATED_AT + 2_000;
    const registry = createRegistry();
    const metrics = courtbridgeMetrics(registry);
    const subject = headersSubject('credit');
    const sub = subscribeEnvelopes(nc, subject, {
      authority,
      replay: new MemoryReplayGuard({ windowMs: MAX_AGE + SKEW }),
      maxAgeMs: MAX_AGE,
      maxFutureSkewMs: SKEW,
      now: () => now,
      metrics,
    });
    const k1 = authority.signer(DID.creditAdapter, '#key-1');
    const k2 = authority.signer(DID.creditAdapter, '#key-2');
    nc.publish(subject, encodeEnvelope(sealEnvelope(k1, 'header.announce', utf8('before'), ROTATED_AT - 1_000, 'rot-before')));
    nc.publish(subject, encodeEnvelope(sealEnvelope(k1, 'header.announce', utf8('after'), ROTATED_AT + 1_000, 'rot-after-old-key')));
    nc.publish(subject, encodeEnvelope(sealEnvelope(k2, 'header.announce', utf8('new'), ROTATED_AT + 1_500, 'rot-new-key')));
    const got = await collectUntil(sub, 'rot-new-key');
    await sub.drain();
    expect(got.map((e) => e.msgId)).toEqual(['rot-before', 'rot-new-key']);
    expect(got[0]!.evidence.keyValidAtMs).toBe(ROTATED_AT - 1_000);
    expect((await metrics.envelopeDropped.get()).values.map((v) => [v.labels.reason, v.value])).toEqual([['unknown_sender', 1]]);
  });
});

describe('request/reply', () => {
  const chain = 'credit';
  let responders: Array<{ drain(): Promise<void> }> = [];
  const served = [0, 0];

  beforeAll(() => {
    responders = [0, 1].map((i) => {
      const sub = nc.subscribe(querySubject(chain), { queue: queryQueue(chain) });
      void (async () => {
        for await (const m of sub) {
          served[i]!++;
          const q = fromUtf8(m.data);
          if (q === 'missing')
            replyError(
              m,
              new CourtbridgeError(ErrorCode.NotFound, foreignReason('record_not_found'), 'no record for key k1\r\nat height 7'),
            );
          else if (q === 'boom') replyError(m, new Error('secret internals at /srv/db'));
          else if (q === 'slow') continue;
          else replyOk(m, utf8(`answer:${q}`));
        }
      })();
      return sub;
    });
  });
  afterAll(async () => {
    for (const r of responders) await r.drain();
  });

  it('answers within the deadline, load-balanced across the queue group', async () => {
    const registry = createRegistry();
    const metrics = courtbridgeMetrics(registry);
    served[0] = served[1] = 0;
    for (let i = 0; i < 40; i++) {
      const reply = await request(nc, querySubject(chain), utf8(`q${i}`), { deadlineMs: Date.now() + 2_000, metrics });
      expect(fromUtf8(reply.data)).toBe(`answer:q${i}`);
    }
    expect(served[0]! + served[1]!).toBe(40);
    expect(served[0]).toBeGreaterThan(0);
    expect(served[1]).toBeGreaterThan(0);
    expect((await metrics.busRequests.get()).values).toEqual([
      expect.objectContaining({ labels: { kind: 'query', outcome: 'ok' }, value: 40 }),
    ]);
  });

  it('maps error headers back to the same CourtbridgeError (never strings in the payload)', async () => {
    const e = await caught(request(nc, querySubject(chain), utf8('missing'), { deadlineMs: Date.now() + 2_000 }));
    expect(e.code).toBe('NOT_FOUND');
    expect(e.grpcStatus).toBe(5);
    expect(e.reason).toBe('record_not_found');
    expect(e.message).toBe('no record for key k1 at height 7');
    const raw = await nc.request(querySubject(chain), utf8('missing'), { timeout: 2_000 });
    expect(raw.data.length).toBe(0);
    expect(raw.headers?.get('Nats-Service-Error-Code')).toBe('5');
    expect(raw.headers?.get('Courtbridge-Reason')).toBe('record_not_found');
  });

  it('hides the text of an unexpected responder error: INTERNAL internal', async () => {
    const e = await caught(request(nc, querySubject(chain), utf8('boom'), { deadlineMs: Date.now() + 2_000 }));
    expect(e.code).toBe('INTERNAL');
    expect(e.reason).toBe('internal');
    expect(e.message).not.toContain('secret');
  });

  it('times out at the deadline: DEADLINE_EXCEEDED', async () => {
    const t = Date.now();
    const e = await caught(request(nc, querySubject(chain), utf8('slow'), { deadlineMs: t + 300 }));
    expect(e.code).toBe('DEADLINE_EXCEEDED');
    expect(e.reason).toBe('deadline_exceeded');
    expect(Date.now() - t).toBeGreaterThanOrEqual(250);
    expect(Date.now() - t).toBeLessThan(2_000);
  });

  it('a deadline already passed fails before sending', async () => {
    served[0] = served[1] = 0;
    const e = await caught(request(nc, querySubject(chain), utf8('q'), { deadlineMs: 1_000, now: () => 2_000 }));
    expect(e.code).toBe('DEADLINE_EXCEEDED');
    expect(served[0]! + served[1]!).toBe(0);
  });

  it('no responders: UNAVAILABLE no_adapter naming the chain', async () => {
    const e = await caught(request(nc, querySubject('finance'), utf8('q'), { deadlineMs: Date.now() + 2_000 }));
    expect(e.code).toBe('UNAVAILABLE');
    expect(e.reason).toBe('no_adapter');
    expect(e.message).toBe('no adapter is serving chain finance');
    const o = await caught(request(nc, 'cb.v1.other', utf8('q'), { deadlineMs: Date.now() + 2_000 }));
    expect(o.reason).toBe('no_responders');
  });
});

describe('JetStream', () => {
  let first: Awaited<ReturnType<typeof provisionCourtbridge>>;
  beforeAll(async () => {
    first = await provisionCourtbridge(nc, { duplicateWindowMs: 60_000 });
  });

  it('provisions streams and buckets idempotently', async () => {
    expect(first.streams).toEqual({ headers: 'created', actions: 'created', results: 'created', events: 'created' });
    const again = await provisionCourtbridge(nc, { duplicateWindowMs: 60_000 });
    expect(again.streams).toEqual({ headers: 'unchanged', actions: 'unchanged', results: 'unchanged', events: 'unchanged' });
    const jsm = await nc.jetstreamManager();
    const names: string[] = [];
    for await (const s of jsm.streams.list()) names.push(s.config.name);
    expect(names.sort()).toEqual([
      'CB_ACTIONS',
      'CB_EVENTS',
      'CB_HEADERS',
      'CB_RESULTS',
      'KV_cb_actions',
      'KV_cb_notary',
      'KV_cb_replay',
      'KV_cb_trusted',
    ]);
    // Widening an existing stream keeps its subjects and adds the new one.
    const widened = await ensureStream(jsm, { name: 'CB_EVENTS', subjects: ['cb.v1.audit.>'], duplicateWindowMs: 60_000 });
    expect(widened.outcome).toBe('updated');
    expect(widened.info.config.subjects.sort()).toEqual(['cb.v1.audit.>', 'cb.v1.events.>']);
  });

  it('stores a message once per Nats-Msg-Id within the duplicate window', async () => {
    const js = nc.jetstream();
    const a = await publishWithId(js, actionsSubject('finance'), utf8('freeze acct 1'), 'act-1');
    const b = await publishWithId(js, actionsSubject('finance'), utf8('freeze acct 1'), 'act-1');
    const c = await publishWithId(js, actionsSubject('finance'), utf8('freeze acct 2'), 'act-2');
    expect(a.outcome).toBe('stored');
    expect(b).toEqual({ stream: 'CB_ACTIONS', seq: a.seq, outcome: 'duplicate' });
    expect(c.outcome).toBe('stored');
    const jsm = await nc.jetstreamManager();
    expect((await jsm.streams.info(Streams.actions.name)).state.messages).toBe(2);
  });

  it('publishes envelopes deduplicated and verifies them from a consumer', async () => {
    const js = nc.jetstream();
    const now = T0 + 15_500;
    const adapter = authority.signer(DID.creditAdapter, '#key-2');
    const env = sealEnvelope(adapter, 'header.announce', utf8('stream header'), now, 'js-hdr-1');
    const forged = { ...sealEnvelope(adapter, 'header.announce', utf8('x'), now, 'js-forged'), body: utf8('y') };
    expect((await publishEnvelope(js, headersSubject('credit'), forged)).outcome).toBe('stored');
    expect((await publishEnvelope(js, headersSubject('credit'), env)).outcome).toBe('stored');
    expect((await publishEnvelope(js, headersSubject('credit'), env)).outcome).toBe('duplicate');
    const jsm = await nc.jetstreamManager();
    await jsm.consumers.add(Streams.headers.name, {
      durable_name: 'test-gw',
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
    });
    const consumer = await js.consumers.get(Streams.headers.name, 'test-gw');
    const messages = await consumer.consume();
    const dropped: string[] = [];
    const verified = verifyEnvelopes(messages, {
      authority,
      replay: new MemoryReplayGuard({ windowMs: MAX_AGE + SKEW }),
      maxAgeMs: MAX_AGE,
      maxFutureSkewMs: SKEW,
      now: () => now,
      onDrop: (m, d) => {
        dropped.push(d.reason);
        m.term();
      },
    });
    const got: string[] = [];
    for await (const { envelope, msg } of verified) {
      msg.ack();
      got.push(envelope.msgId);
      // Stop the consumer and let the loop end on its own (nats.js resolves close() once the
      // iterator has run out, so awaiting it inside the loop, or after a `break`, never returns).
      void messages.close();
    }
    await messages.closed();
    expect(got).toEqual(['js-hdr-1']);
    expect(dropped).toEqual(['tampered']);
  });
});

describe('KV replay guard', () => {
  it('two replicas on two connections share one bucket: exactly one claims an id', async () => {
    const other = await connectBus({ servers: srv.url, name: 'replica-2' });
    try {
      const kvA = await ensureKv(nc.jetstream(), 'cb_replay', { ttlMs: 600_000 });
      const kvB = await ensureKv(other.nc.jetstream(), 'cb_replay', { ttlMs: 600_000 });
      const a = new KvReplayGuard(kvA);
      const b = new KvReplayGuard(kvB);
      const verdicts = await Promise.all(Array.from({ length: 8 }, (_, i) => (i % 2 ? a : b).claim(DID.gateway, 'race-1', T0)));
      expect(verdicts.filter((v) => v === 'fresh')).toHaveLength(1);
      expect(verdicts.filter((v) => v === 'replayed')).toHaveLength(7);
      expect(await a.claim(DID.admin, 'race-1', T0)).toBe('fresh'); // scoped by sender
      expect((await kvA.get(replayKey(DID.gateway, 'race-1')))?.value.length).toBe(8);

      // The same envelope delivered to both replicas: one accepts it, the other drops it as replayed.
      const now = T0 + 15_500;
      const wire = encodeEnvelope(
        sealEnvelope(authority.signer(DID.gateway, '#key-1'), 'action.request', utf8('freeze'), now, 'act-req-9'),
      );
      const opts = { authority, nowMs: now, maxAgeMs: MAX_AGE, maxFutureSkewMs: SKEW };
      const [ra, rb] = await Promise.all([openEnvelope(wire, { ...opts, replay: a }), openEnvelope(wire, { ...opts, replay: b })]);
      const kinds = [ra.kind, rb.kind].sort();
      expect(kinds).toEqual(['accepted', 'dropped']);
      const dropped = ra.kind === 'dropped' ? ra : rb;
      expect(dropped.kind === 'dropped' && dropped.drop.reason).toBe('replayed');
    } finally {
      await other.close();
    }
  });

  it('forgets ids after the bucket TTL', async () => {
    const kv = await ensureKv(nc.jetstream(), 'cb_replay_ttl_test', { ttlMs: 1_000 });
    const g = new KvReplayGuard(kv);
    expect(await g.claim(DID.gateway, 'ttl-1', T0)).toBe('fresh');
    expect(await g.claim(DID.gateway, 'ttl-1', T0)).toBe('replayed');
    // The bucket's TTL runs on the server's clock: poll until the id is forgotten.
    await eventually(async () => expect(await g.claim(DID.gateway, 'ttl-1', T0)).toBe('fresh'), {
      intervalMs: 250,
      what: 'replay id forgotten after the TTL',
    });
  });

  it('fails closed when the store is gone', async () => {
    const other = await connectBus({ servers: srv.url, name: 'replica-closed' });
    const kv = await ensureKv(other.nc.jetstream(), 'cb_replay');
    await other.close();
    expect(await new KvReplayGuard(kv).claim(DID.gateway, 'closed-1', T0)).toBe('unavailable');
  });
});
