/**
 * The generated NATS permissions against a real nats-server started with the generated config:
 * every participant connects with its own nkey; what its role leaves out is refused by the
 * server, what it needs works (an adapter answering a gateway's query, results and headers into
 * JetStream, an adapter's own action consumer, KV).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AckPolicy, type NatsConnection } from 'nats';
import { writeBusSecurity, type BusSecurity } from '../../src/bus/bus-security-files.js';
import { Writable } from 'node:stream';
import { connectBus, connectNats } from '../../src/bus/connection.js';
import { createLogger } from '../../src/log.js';
import { createRegistry } from '../../src/metrics.js';
import { eventually } from '../helpers/eventually.js';
import { ensureStream } from '../../src/bus/jetstream.js';
import { Buckets, headersSubject, notarizeSubject, querySubject, resultsSubject, Streams } from '../../src/bus/subjects.js';
import { allianceFixture, FixtureDids, fixtureNotaryDid } from '../helpers/alliance-fixture.js';
import { refused } from '../helpers/bus-refused.js';
import { startSecuredNats, type SecuredNats } from '../helpers/secured-nats.js';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';

const fx = allianceFixture({ chains: ['judicial', 'ip', 'credit', 'ent'], notaryChains: { ent: { notaries: 2, threshold: 2 } } });

describe('bus permissions from the registry, on a real nats-server', () => {
  let secured: SecuredNats;
  let sec: BusSecurity;
  let nats: NatsServerHandle;
  const as = (user: string): Promise<NatsConnection> => secured.as(user);

  beforeAll(async () => {
    secured = await startSecuredNats(fx.state, 'cb-busperm-');
    ({ sec, nats } = secured);
    // The streams exist, as after any gateway start (the operator provisions them here).
    const op = await as('operator');
    const jsm = await op.jetstreamManager();
    for (const s of Object.values(Streams)) await ensureStream(jsm, { name: s.name, subjects: [...s.subjects] });
    await op.jetstream().views.kv(Buckets.actions, { history: 5 });
  });
  afterAll(async () => {
    await secured?.stop();
  });

  it('generates one user per participant, named after its role and DID', () => {
    expect(sec.participants.map((p) => p.user)).toEqual(
      [
        'adapter-credit-adapter',
        'adapter-ent-adapter',
        'adapter-ip-adapter',
        'adapter-judicial-adapter',
        'agency-agency-bank',
        // Notaries are agencies in the registry: they may follow the filings too.
        'agency-ent-notary-1',
        'agency-ent-notary-2',
        'gateway-gateway-1',
        'notary-ent-notary-1',
        'notary-ent-notary-2',
        'operator',
        'workflows',
      ].sort(),
    );
  });

  it('refuses an anonymous client and a client with an unknown nkey: UNAUTHENTICATED nats_auth_failed', async () => {
    await expect(connectNats({ servers: nats.url, name: 'anon', timeout: 3_000 }, undefined)).rejects.toMatchObject({
      reason: 'nats_auth_failed',
    });
    const other = mkdtempSync(join(tmpdir(), 'cb-busperm-other-'));
    try {
      const stranger = writeBusSecurity({ state: fx.state, atMs: Date.now(), outDir: other });
      const e = await connectNats({ servers: nats.url, name: 'stranger', timeout: 3_000 }, stranger.auth('operator')).catch(
        (x: unknown) => x,
      );
      expect(e).toMatchObject({ reason: 'nats_auth_failed' });
      expect((e as Error).message).toContain('courtbridge nats-config');
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
  });

  it('an adapter cannot publish another chain’s results or headers; a gateway cannot publish results or headers', async () => {
    const ip = await as('adapter-ip-adapter');
    await refused(ip, 'publish', resultsSubject('credit'), () => ip.publish(resultsSubject('credit'), new Uint8Array(1)));
    await refused(ip, 'publish', headersSubject('credit'), () => ip.publish(headersSubject('credit'), new Uint8Array(1)));
    const gw = await as('gateway-gateway-1');
    await refused(gw, 'publish', resultsSubject('ip'), () => gw.publish(resultsSubject('ip'), new Uint8Array(1)));
    await refused(gw, 'publish', headersSubject('ip'), () => gw.publish(headersSubject('ip'), new Uint8Array(1)));
  });

  it('only gateways send queries; an adapter reads only its own chain’s queries', async () => {
    const ip = await as('adapter-ip-adapter');
    await refused(ip, 'publish', querySubject('credit'), () => ip.publish(querySubject('credit'), new Uint8Array(1)));
    await refused(ip, 'subscription', querySubject('credit'), () => ip.subscribe(querySubject('credit')));
    const wf = await as('workflows');
    await refused(wf, 'subscription', 'cb.v1.query.>', () => wf.subscribe('cb.v1.query.>'));
    await refused(wf, 'publish', querySubject('ip'), () => wf.publish(querySubject('ip'), new Uint8Array(1)));
    const agency = await as('agency-agency-bank');
    await refused(agency, 'publish', querySubject('credit'), () => agency.publish(querySubject('credit'), new Uint8Array(1)));
  });

  it('a participant cannot read another’s inbox (replies to its queries)', async () => {
    const gwKey = sec.participants.find((p) => p.user === 'gateway-gateway-1')!.nkey;
    const ip = await as('adapter-ip-adapter');
    await refused(ip, 'subscription', `_INBOX_${gwKey}.>`, () => ip.subscribe(`_INBOX_${gwKey}.>`));
    await refused(ip, 'subscription', '_INBOX.>', () => ip.subscribe('_INBOX.>'));
  });

  it('an adapter cannot write cb_actions nor purge or delete a stream; the operator can purge', async () => {
    const ip = await as('adapter-ip-adapter');
    await refused(ip, 'publish', `$KV.${Buckets.actions}.a1`, () => ip.publish(`$KV.${Buckets.actions}.a1`, new Uint8Array(1)));
    await refused(ip, 'publish', `$JS.API.STREAM.PURGE.${Streams.actions.name}`, () =>
      ip.request(`$JS.API.STREAM.PURGE.${Streams.actions.name}`, new Uint8Array(0), { timeout: 1_000 }),
    );
    await refused(ip, 'publish', `$JS.API.STREAM.DELETE.${Streams.results.name}`, () =>
      ip.request(`$JS.API.STREAM.DELETE.${Streams.results.name}`, new Uint8Array(0), { timeout: 1_000 }),
    );
    const gw = await as('gateway-gateway-1');
    await refused(gw, 'publish', `$JS.API.STREAM.DELETE.${Streams.results.name}`, () =>
      gw.request(`$JS.API.STREAM.DELETE.${Streams.results.name}`, new Uint8Array(0), { timeout: 1_000 }),
    );
    await refused(gw, 'publish', '$KV.cb_orders_ip.x', () => gw.publish('$KV.cb_orders_ip.x', new Uint8Array(1)));
    const op = await as('operator');
    await (await op.jetstreamManager()).streams.purge(Streams.events.name);
  });

  it('only the adapter of a chain uses its action consumer: a gateway can neither delete nor read it', async () => {
    const ip = await as('adapter-ip-adapter');
    const jsm = await ip.jetstreamManager();
    await jsm.consumers.add(Streams.actions.name, {
      durable_name: 'cb-adapter-ip',
      filter_subject: 'cb.v1.actions.ip',
      ack_policy: AckPolicy.Explicit,
    });
    const gw = await as('gateway-gateway-1');
    const del = `$JS.API.CONSUMER.DELETE.${Streams.actions.name}.cb-adapter-ip`;
    await refused(gw, 'publish', del, () => gw.request(del, new Uint8Array(0), { timeout: 1_000 }));
    const next = `$JS.API.CONSUMER.MSG.NEXT.${Streams.actions.name}.cb-adapter-ip`;
    await refused(gw, 'publish', next, () => gw.request(next, new Uint8Array(0), { timeout: 1_000 }));
    const credit = await as('adapter-credit-adapter');
    await refused(credit, 'publish', next, () => credit.request(next, new Uint8Array(0), { timeout: 1_000 }));
    expect((await jsm.consumers.info(Streams.actions.name, 'cb-adapter-ip')).name).toBe('cb-adapter-ip');
  });

  it('a notary answers only its own notarize subject and writes only its own cb_notary keys', async () => {
    const n1 = await as('notary-ent-notary-1');
    const own = `$KV.${Buckets.notary}.ent.7.ent-notary-1`;
    const other = `$KV.${Buckets.notary}.ent.7.ent-notary-2`;
    await refused(n1, 'publish', other, () => n1.publish(other, new Uint8Array(1)));
    await refused(n1, 'subscription', notarizeSubject('ent', fixtureNotaryDid('ent', 2)), () =>
      n1.subscribe(notarizeSubject('ent', fixtureNotaryDid('ent', 2))),
    );
    await refused(n1, 'publish', querySubject('ent'), () => n1.publish(querySubject('ent'), new Uint8Array(1)));
    const kv = await n1.jetstream().views.kv(Buckets.notary, { history: 5 });
    await kv.put('ent.7.ent-notary-1', new Uint8Array(1));
    expect([...((await kv.get('ent.7.ent-notary-1'))?.value ?? [])]).toEqual([0]);
    expect(own).toContain('ent-notary-1');
  });

  it('allowed traffic works: a gateway’s query answered by the chain’s adapter, results into JetStream, KV writes', async () => {
    const ip = await as('adapter-ip-adapter');
    const sub = ip.subscribe(querySubject('ip'), {
      queue: 'cb-adapter-ip',
      callback: (_e, m) => m.respond(new TextEncoder().encode('answer')),
    });
    await ip.flush();
    const gw = await as('gateway-gateway-1');
    const reply = await gw.request(querySubject('ip'), new Uint8Array(1), { timeout: 3_000 });
    expect(new TextDecoder().decode(reply.data)).toBe('answer');
    sub.unsubscribe();
    const ack = await ip.jetstream().publish(resultsSubject('ip'), new Uint8Array(1));
    expect(ack.stream).toBe(Streams.results.name);
    const kv = await gw.jetstream().views.kv(Buckets.actions, { bindOnly: true });
    await kv.put('a1', new Uint8Array(1));
    expect((await kv.get('a1'))?.value).toEqual(new Uint8Array(1));
    const ipKv = await ip.jetstream().views.kv('cb_orders_ip', { ttl: 60_000 });
    await ipKv.put('jti1', new Uint8Array(1));
    expect(FixtureDids.adapter('ip')).toBe('did:alliance:ip-adapter');
  });
});

describe('a permission violation at run time', () => {
  it('is logged with its subject and counted in courtbridge_nats_permission_violations_total', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-busperm-log-'));
    try {
      const sec = writeBusSecurity({ state: fx.state, atMs: Date.now(), outDir: dir });
      const secured = await startNatsServer({ extraArgs: ['-c', sec.configFile] });
      const lines: Record<string, unknown>[] = [];
      const logger = createLogger({
        component: 'bus',
        level: 'info',
        destination: new Writable({
          write(c, _e, cb) {
            for (const l of String(c).split('\n').filter(Boolean)) lines.push(JSON.parse(l) as Record<string, unknown>);
            cb();
          },
        }),
      });
      const metrics = createRegistry();
      const bus = await connectBus({ servers: secured.url, name: 'violator', logger, metrics, auth: sec.auth('adapter-ip-adapter') });
      try {
        bus.nc.publish(resultsSubject('credit'), new Uint8Array(1));
        await eventually(async () => {
          expect(lines.find((l) => l.event === 'permission_violation')).toMatchObject({
            operation: 'publish',
            subject: resultsSubject('credit'),
          });
          const m = await metrics.getSingleMetricAsString('courtbridge_nats_permission_violations_total');
          expect(m).toContain('courtbridge_nats_permission_violations_total{operation="publish"} 1');
        });
      } finally {
        await bus.close();
        await secured.stop();
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
