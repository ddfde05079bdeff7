/**
 * The adapter runtime over a real nats-server (test/helpers/nats-server.ts): queries with
 * proofs that verify against the adapter's signed headers, exactly-once actions across a crash
 * and restart, signed rejections of bad orders, two replicas sharing queries, error replies, and
 * a judicial validator-set change the adapter's judicial light client bisects through.
 * Orders are issued on a real judicial DevLedger (adapters/judicial) by its `order.issue` tx.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from 'nats';
import { startNatsServer, type NatsServerHandle } from '../../helpers/nats-server.js';
import {
  allianceFixture,
  FixtureDids,
  issueJudicialOrder,
  judicialCaseTx,
  mintOrderJwt,
  type AllianceFixture,
} from '../../helpers/alliance-fixture.js';
import { actionHandled, forwardedActionRequest, publishActionRequest, readActionResults } from '../../helpers/action-traffic.js';
import { eventually } from '../../helpers/eventually.js';
import { OffsetClock } from '../../helpers/offset-clock.js';
import { DevLedgerBackend } from '../../../adapters/sdk/dev-ledger-backend.js';
import { orderReplayBucket, startAdapter, type AdapterHandle } from '../../../adapters/sdk/runtime.js';
import { actionConsumerName } from '../../../adapters/sdk/action-consumer.js';
import { ensureKv, ensureStream } from '../../../src/bus/jetstream.js';
import { createLogger, type Logger } from '../../../src/log.js';
import { fetchLightBlock } from '../../../adapters/sdk/judicial-trust.js';
import type { JudicialOrder } from '../../../src/judicial/order.js';
import { judicial as judicialDefinition } from '../../../adapters/judicial/definition.js';
import { decodeCanonicalObject, encodeCanonical } from '../../../src/encoding/canonical-json.js';
import { LedgerTx } from '../../../src/chain/ledger/ledger.js';
import { newValidatorKeys } from '../../../src/chain/ledger/validator-keys.js';
import { encodeValidatorSet, newValidatorSet } from '../../../src/chain/validator-set.js';
import { proofFromWire, signedHeaderFromWire, validatorSetFromWire, validatorSetToWire } from '../../../src/verify/bundle-convert.js';
import { accountsTestDefinition, readAccount } from './test-definitions.js';
import { checkEnvelope } from '../../../src/bus/envelope-verify.js';
import { request } from '../../../src/bus/request.js';
import { headersSubject, indexSubject, querySubject, Streams } from '../../../src/bus/subjects.js';
import { headerHash } from '../../../src/chain/header.js';
import { equalBytes, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import { LightClient } from '../../../src/lightclient/light-client.js';
import { MemoryTrustedStore } from '../../../src/lightclient/memory-store.js';
import { verifyProof } from '../../../src/proof/verify.js';
import { decodeMessage, encodeMessage } from '../../../src/wire/codec.js';
import type { MessageInput, MessageOutput } from '../../../src/wire/messages.js';
import type { DevLedger } from '../../../src/chain/ledger/ledger.js';

const CHAINS = ['judicial', 'testchain', 'crashchain', 'replchain', 'finance'];
let nats: NatsServerHandle;
let nc: NatsConnection;
let a: AllianceFixture;
let judicial: DevLedgerBackend;
let judicialAdapter: AdapterHandle;
let trust: { chainId: string; height: number; headerHashHex: string };
const handles: AdapterHandle[] = [];
const backends = new Map<string, DevLedgerBackend>();
const adapterHandles = new Map<string, AdapterHandle>();
const dirs: string[] = [];

const orders: JudicialOrder[] = [];
/** Judicial validator keys: the chain runs on the first four; a test hands over to the last four. */
const validatorPool = newValidatorKeys(8);
/** Orders whose judicial record says something else than the order (record overrides). */
const recordedAs = new Map<string, Partial<JudicialOrder>>([['o-testchain-12', { target: 'acc-1' }]]);
/** Orders never issued on the judicial chain, and orders whose judicial record expires at once. */
const notIssued = new Set(['o-testchain-14']);
const shortLived = new Set(['o-testchain-13']);
let shortLivedUntil = 0;
/** The clock of the accounts adapters: a test moves it past a judicial record's expiry instead of sleeping. */
const adapterClock = new OffsetClock();
function order(n: number, chain = 'testchain', overrides: Partial<JudicialOrder> = {}): JudicialOrder {
  return {
    orderId: `o-${chain}-${n}`,
    court: FixtureDids.court,
    caseId: `(2026) Jing 01 Zhi ${n}`,
    chain,
    actionId: `act-${chain}-${n}`,
    kind: 'freeze',
    target: `acc-${n % 3}`,
    amount: '1000',
    ...overrides,
  };
}

async function seedAccounts(ledger: DevLedger): Promise<void> {
  await Promise.all(
    [0, 1, 2].map((i) =>
      ledger.submit({
        type: 'test.put',
        sender: 'did:alliance:seed',
        id: `seed-${i}`,
        body: utf8(JSON.stringify({ id: `acc-${i}`, holder: `h${i % 2}` })),
      }),
    ),
  );
}

async function accountsAdapter(
  chain: string,
  opts: { dataDir?: string; replicaId?: string; crash?: 'after_execute' | 'after_publish'; logger?: Logger } = {},
): Promise<{ h: AdapterHandle; backend: DevLedgerBackend }> {
  const backend = new DevLedgerBackend({
    definition: accountsTestDefinition(chain),
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    blockIntervalMs: 20,
    heartbeatMs: 60_000,
    seed: async (l) => (l.get('account/acc-0') === undefined ? seedAccounts(l) : undefined),
  });
  const h = await startAdapter({
    servers: nats.url,
    signer: a.adapter(chain),
    authority: a.authority,
    backend,
    definition: accountsTestDefinition(chain),
    replicaId: opts.replicaId ?? 'r1',
    judicialTrust: { ...trust },
    actions: { ackWaitMs: 1_500, maxDeliver: 5 },
    now: adapterClock.now,
    ...(opts.crash ? { testHooks: { crashPoint: opts.crash } } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
  });
  handles.push(h);
  backends.set(chain, backend);
  adapterHandles.set(chain, h);
  return { h, backend };
}

/** The action request a gateway forwards: order JWT + judicial bundle for `o`. */
const actionRequest = (o: JudicialOrder, jwt: string): MessageInput<'ActionRequest'> =>
  forwardedActionRequest(judicial.ledger, o, jwt, { recordType: 'account', key: `account/${o.target}` });
/** Resolves to the request's action-stream sequence. */
const sendAction = (chain: string, req: MessageInput<'ActionRequest'>, signer = a.gateway): Promise<number> =>
  publishActionRequest(nc, signer, chain, req);
/** Every result in the results stream for `chain` (verified envelopes), by reading the stream. */
const results = (chain: string): Promise<MessageOutput<'ActionResult'>[]> =>
  readActionResults(nc, a.authority, chain, FixtureDids.adapter(chain));

const resultFor = (chain: string, actionId: string) =>
  eventually(async () => (await results(chain)).find((r) => r.actionId === actionId) ?? false, {
    timeoutMs: 15_000,
    intervalMs: 150,
    what: `the result of ${actionId}`,
  });

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url });
  a = allianceFixture({ chains: CHAINS });
  // Orders on the judicial chain (what a court registered before ordering).
  for (let i = 1; i <= 20; i++) for (const c of ['testchain', 'crashchain']) orders.push(order(i, c));
  orders.push(order(99, 'finance'));
  judicial = new DevLedgerBackend({
    definition: judicialDefinition,
    blockIntervalMs: 20,
    heartbeatMs: 60_000,
    ledger: { validatorKeys: validatorPool },
    seed: async (l) => {
      // Start with the first four validators of the pool (the last four stay in reserve for the handover test).
      await l.submit({
        type: LedgerTx.SetValidators,
        sender: FixtureDids.admin1,
        id: 'vs-initial',
        body: encodeValidatorSet(
          newValidatorSet(validatorPool.slice(0, 4).map((k) => ({ did: k.did, publicKey: k.publicKey, power: 10 }))),
        ),
      });
      // The court files each case, then issues each order by the judicial chain's own `order.issue` tx.
      await Promise.all([...new Set(orders.map((o) => o.caseId))].map((c) => l.submit(judicialCaseTx(c))));
      const nowMs = Date.now();
      shortLivedUntil = nowMs + 1_500;
      await Promise.all(
        orders
          .filter((o) => !notIssued.has(o.orderId))
          .map((o) =>
            issueJudicialOrder(
              l,
              { ...o, ...(recordedAs.get(o.orderId) ?? {}) },
              { nowMs, ...(shortLived.has(o.orderId) ? { lifetimeMs: 1_500 } : {}) },
            ),
          ),
      );
    },
  });
  judicialAdapter = await startAdapter({
    servers: nats.url,
    signer: a.adapter('judicial'),
    authority: a.authority,
    backend: judicial,
    definition: judicialDefinition,
    replicaId: 'j1',
  });
  handles.push(judicialAdapter);
  const lb = judicial.ledger.latest();
  trust = { chainId: 'judicial', height: lb.signedHeader.header.height, headerHashHex: toHex(headerHash(lb.signedHeader.header)) };
}, 30_000);

afterAll(async () => {
  for (const h of handles.reverse()) await h.drain().catch(() => undefined);
  await nc?.close();
  await nats?.stop();
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

describe('queries', () => {
  let backend: DevLedgerBackend;
  beforeAll(async () => {
    ({ backend } = await accountsAdapter('testchain'));
  }, 30_000);

  it('answers membership and non-membership with proofs that verify against its signed headers', async () => {
    for (const [key, present] of [
      ['account/acc-1', true],
      ['account/nobody', false],
    ] as const) {
      const reply = await request(
        nc,
        querySubject('testchain'),
        encodeMessage('QueryRequest', {
          requestId: 'q1',
          chainId: 'testchain',
          recordType: 'account',
          key,
          deadlineMs: Date.now() + 5_000,
        }),
        { deadlineMs: Date.now() + 5_000 },
      );
      const resp = decodeMessage('QueryResponse', reply.data);
      expect(resp.result).toBe(present ? 'record' : 'absence');
      // The header the proof names, fetched from the adapter and verified by a light client.
      const lb = await fetchLightBlock(nc, 'testchain', resp.header!.height, Date.now() + 5_000);
      expect(equalBytes(headerHash(lb.signedHeader.header), Uint8Array.from(resp.header!.headerHash))).toBe(true);
      const lc = new LightClient('testchain', new MemoryTrustedStore());
      await lc.init(lb.signedHeader, lb.validatorSet, undefined, {
        trustingPeriodMs: 3_600_000,
        maxClockDriftMs: 10_000,
        nowMs: Date.now(),
      });
      const root = await lc.verifiedStateRoot({ kind: 'latest' }, Date.now());
      const ev = verifyProof(root.stateRoot, utf8(key), present ? Uint8Array.from(resp.record!.value) : null, proofFromWire(resp.proof));
      expect(ev.kind).toBe(present ? 'member' : 'absent');
      // A tampered value is rejected with its named reason.
      if (present) {
        expect(() => verifyProof(root.stateRoot, utf8(key), utf8('{"forged":1}'), proofFromWire(resp.proof))).toThrow(
          expect.objectContaining({ reason: 'value_mismatch' }),
        );
      }
    }
  });

  it('publishes signed headers to the headers stream, deduplicated by <chain>:<height>', async () => {
    const c = await nc.jetstream().consumers.get(Streams.headers.name, { filterSubjects: headersSubject('testchain') });
    const m = await c.next({ expires: 2_000 });
    expect(m).not.toBeNull();
    const r = checkEnvelope(m!.data, {
      authority: a.authority,
      nowMs: Date.now(),
      maxAgeMs: 600_000,
      maxFutureSkewMs: 5_000,
      chain: 'testchain',
    });
    expect(r.kind).toBe('accepted');
    if (r.kind !== 'accepted') return;
    const ann = decodeMessage('HeaderAnnouncement', r.envelope.body);
    const sh = signedHeaderFromWire(ann.signedHeader);
    const vs = validatorSetFromWire(ann.validatorSet);
    const lc = new LightClient('testchain', new MemoryTrustedStore());
    await lc.init(sh, vs, undefined, { trustingPeriodMs: 3_600_000, maxClockDriftMs: 10_000, nowMs: Date.now() });
    expect(equalBytes(headerHash(sh.header), headerHash(backend.ledger.lightBlockAt(sh.header.height).signedHeader.header))).toBe(true);
    expect(m!.headers?.get('Nats-Msg-Id')).toBe(`testchain:${sh.header.height}`);
  });

  it('answers index queries with each record proven', async () => {
    const reply = await request(
      nc,
      indexSubject('testchain'),
      encodeMessage('IndexQueryRequest', { requestId: 'i1', chainId: 'testchain', index: 'holder', indexKey: 'h0', recordType: 'account' }),
      { deadlineMs: Date.now() + 5_000 },
    );
    const resp = decodeMessage('IndexQueryResponse', reply.data);
    expect(resp.items.map((i) => i.record!.key)).toEqual(['account/acc-0', 'account/acc-2']);
    const root = backend.ledger.lightBlockAt(resp.header!.height).signedHeader.header.stateRoot;
    for (const it of resp.items)
      expect(verifyProof(root, utf8(it.record!.key), Uint8Array.from(it.record!.value), proofFromWire(it.proof)).kind).toBe('member');
  });

  const errorCases: { name: string; subject: () => string; payload: () => Uint8Array; code: string; reason: string }[] = [
    {
      name: 'garbage bytes',
      subject: () => querySubject('testchain'),
      payload: () => Uint8Array.of(0xff, 0xff, 0xff),
      code: 'INVALID_ARGUMENT',
      reason: 'malformed_message',
    },
    {
      name: 'unknown record type',
      subject: () => querySubject('testchain'),
      payload: () => encodeMessage('QueryRequest', { requestId: 'x', chainId: 'testchain', recordType: 'nope', key: 'nope/1' }),
      code: 'NOT_FOUND',
      reason: 'unknown_record_type',
    },
    {
      name: 'another chain',
      subject: () => querySubject('testchain'),
      payload: () => encodeMessage('QueryRequest', { requestId: 'x', chainId: 'finance', recordType: 'account', key: 'account/1' }),
      code: 'INVALID_ARGUMENT',
      reason: 'wrong_chain',
    },
    {
      name: 'key of another type',
      subject: () => querySubject('testchain'),
      payload: () => encodeMessage('QueryRequest', { requestId: 'x', chainId: 'testchain', recordType: 'account', key: 'order/1' }),
      code: 'INVALID_ARGUMENT',
      reason: 'key_not_of_record_type',
    },
    {
      name: 'unknown index',
      subject: () => indexSubject('testchain'),
      payload: () =>
        encodeMessage('IndexQueryRequest', { requestId: 'x', chainId: 'testchain', index: 'nope', indexKey: 'k', recordType: 'account' }),
      code: 'NOT_FOUND',
      reason: 'unknown_index',
    },
  ];
  it.each(errorCases)('a malformed request ($name) gets an error reply, not silence', async (c) => {
    const err = await request(nc, c.subject(), c.payload(), { deadlineMs: Date.now() + 3_000 }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(isCourtbridgeError(err)).toBe(true);
    expect(err).toMatchObject({ code: c.code, reason: c.reason });
  });
});

describe('actions', () => {
  beforeAll(async () => {
    if (!backends.has('testchain')) await accountsAdapter('testchain');
  }, 30_000);

  it('executes a valid order once and publishes a signed result with the proof of the new state', async () => {
    const o = orders.find((x) => x.actionId === 'act-testchain-1')!;
    const req = actionRequest(o, mintOrderJwt(a, o, { nowMs: Date.now() }));
    await sendAction('testchain', req);
    const second = await sendAction('testchain', req); // a second delivery of the same action (another envelope)
    const r = await resultFor('testchain', o.actionId);
    expect(r.status).toBe('ACTION_STATUS_EXECUTED');
    const lb = await fetchLightBlock(nc, 'testchain', r.header!.height, Date.now() + 5_000);
    const ev = verifyProof(lb.signedHeader.header.stateRoot, utf8(r.record!.key), Uint8Array.from(r.record!.value), proofFromWire(r.proof));
    expect(ev.kind).toBe('member');
    // Both envelopes handled (acked): whatever the second did is on the results stream now.
    await eventually(() => actionHandled(nc, 'testchain', second), { what: 'the second envelope acked' });
    const all = (await results('testchain')).filter((x) => x.actionId === o.actionId && x.status === 'ACTION_STATUS_EXECUTED');
    expect(all).toHaveLength(1);
  });

  type Case = { name: string; reason: string; malleate: (o: JudicialOrder) => { req: MessageInput<'ActionRequest'> } };
  const sign = (o: JudicialOrder, opts: Parameters<typeof mintOrderJwt>[2] = { nowMs: Date.now() }) => mintOrderJwt(a, o, opts);
  const cases: Case[] = [
    {
      name: 'forged court signature',
      reason: 'order_bad_signature',
      malleate: (o) => {
        const jwt = sign(o);
        const [h, p, s] = jwt.split('.');
        const other = sign({ ...o, amount: '1' }).split('.')[2]!;
        return { req: actionRequest(o, `${h}.${p}.${other === s ? s : other}`) };
      },
    },
    { name: 'no order at all', reason: 'order_missing', malleate: (o) => ({ req: { ...actionRequest(o, sign(o)), orderJwt: '' } }) },
    {
      name: 'no judicial proof',
      reason: 'judicial_proof_missing',
      malleate: (o) => ({ req: { ...actionRequest(o, sign(o)), judicialProof: { caseId: o.caseId, recordKey: '', height: 0 } } }),
    },
    {
      name: 'forged judicial record (amount raised)',
      reason: 'judicial_proof_invalid',
      malleate: (o) => {
        const req = actionRequest(o, sign(o));
        const forged = {
          ...decodeCanonicalObject(Uint8Array.from(req.judicialProof!.bundle!.record!.value as Uint8Array)),
          amountCents: '99999999',
          amount: '99999999',
        };
        req.judicialProof!.bundle!.record!.value = encodeCanonical(forged);
        return { req };
      },
    },
    {
      name: 'judicial header forged (state root swapped, commit kept)',
      reason: 'judicial_header_invalid',
      malleate: (o) => {
        const req = actionRequest(o, sign(o));
        req.judicialProof!.bundle!.signedHeader!.header!.stateRoot = new Uint8Array(32).fill(7);
        return { req };
      },
    },
    {
      name: 'issuer without the court role',
      reason: 'order_issuer_not_court',
      malleate: (o) => ({ req: actionRequest(o, sign(o, { nowMs: Date.now(), issuer: a.agency })) }),
    },
    {
      name: 'order addressed to another chain',
      reason: 'order_wrong_chain',
      malleate: () => {
        const f = orders.find((x) => x.chain === 'finance')!;
        const req = actionRequest(f, sign(f, { nowMs: Date.now(), audience: FixtureDids.adapter('testchain') }));
        return { req: { ...req, chainId: 'testchain' } };
      },
    },
    {
      name: 'audience is another adapter',
      reason: 'order_wrong_audience',
      malleate: (o) => ({ req: actionRequest(o, sign(o, { nowMs: Date.now(), audience: FixtureDids.adapter('finance') })) }),
    },
    {
      name: 'request target differs from the order',
      reason: 'order_mismatch',
      malleate: (o) => ({ req: { ...actionRequest(o, sign(o)), target: { recordType: 'account', key: 'account/acc-2' } } }),
    },
    {
      name: 'expired order',
      reason: 'order_expired',
      malleate: (o) => ({ req: actionRequest(o, sign(o, { nowMs: Date.now() - 3_600_000, lifetimeMs: 600_000 })) }),
    },
    {
      name: 'judicial record names another target than the signed order',
      reason: 'judicial_record_mismatch',
      malleate: (o) => ({ req: actionRequest(o, sign(o)) }),
    },
    {
      name: 'judicial record expired (JWT still valid)',
      reason: 'judicial_order_expired',
      malleate: (o) => ({ req: actionRequest(o, sign(o)) }),
    },
    {
      name: 'order never issued on the judicial chain (absence proven)',
      reason: 'judicial_proof_invalid',
      malleate: (o) => ({ req: actionRequest(o, sign(o)) }),
    },
  ];
  it.each(cases.map((c, i) => ({ ...c, n: i + 2 })))('rejects $name with $reason, signed, and changes nothing', async (c) => {
    const o = orders.find((x) => x.actionId === `act-testchain-${c.n}`)!;
    // The adapters' clock past the short-lived record's expiry (its JWT stays valid).
    if (shortLived.has(o.orderId)) adapterClock.advance(Math.max(0, shortLivedUntil + 100 - adapterClock.now()));
    const before = readAccount(await (async () => (await startedBackend('testchain')).ledger.get(`account/${o.target}`))());
    const { req } = c.malleate(o);
    await sendAction('testchain', req);
    const r = await resultFor('testchain', req.actionId!);
    expect(r.status).toBe('ACTION_STATUS_REJECTED');
    expect(r.reason).toBe(c.reason);
    const after = readAccount((await startedBackend('testchain')).ledger.get(`account/${o.target}`));
    expect(after).toEqual(before);
    expect((await startedBackend('testchain')).ledger.hasTx(req.actionId!)).toBe(false);
  });

  it('refuses the same order jti for another action (replay)', async () => {
    const o = orders.find((x) => x.actionId === 'act-testchain-15')!;
    const jwt = sign(o, { nowMs: Date.now(), jti: 'shared-jti' });
    await sendAction('testchain', actionRequest(o, jwt));
    expect((await resultFor('testchain', o.actionId)).status).toBe('ACTION_STATUS_EXECUTED');
    const o2 = orders.find((x) => x.actionId === 'act-testchain-16')!;
    await sendAction('testchain', actionRequest(o2, sign(o2, { nowMs: Date.now(), jti: 'shared-jti' })));
    const r = await resultFor('testchain', o2.actionId);
    expect(r.reason).toBe('order_replayed');
  });

  it('drops an action envelope not signed by a gateway (no execution)', async () => {
    const o = orders.find((x) => x.actionId === 'act-testchain-17')!;
    const seq = await sendAction('testchain', actionRequest(o, sign(o)), a.court);
    // Handled (dropped and terminated): JetStream never delivers it again, so nothing more can happen.
    await eventually(() => actionHandled(nc, 'testchain', seq), { what: 'the impostor envelope handled' });
    expect((await startedBackend('testchain')).ledger.hasTx(o.actionId)).toBe(false);
    expect((await results('testchain')).find((x) => x.actionId === o.actionId)).toBeUndefined();
  });
});

async function startedBackend(chain: string): Promise<DevLedgerBackend> {
  return backends.get(chain)!;
}

describe('exactly once across a crash', () => {
  for (const point of ['after_execute', 'after_publish'] as const) {
    it(`an action whose adapter dies ${point.replace('_', ' ')} and before the ack runs once after restart`, async () => {
      const dir = mkdtempSync(join(tmpdir(), 'cb-adapter-'));
      dirs.push(dir);
      const n = point === 'after_execute' ? 1 : 2;
      const o = orders.find((x) => x.actionId === `act-crashchain-${n}`)!;
      const first = await accountsAdapter('crashchain', { dataDir: dir, replicaId: `crash-${n}`, crash: point });
      const seq = await sendAction('crashchain', actionRequest(o, mintOrderJwt(a, o, { nowMs: Date.now() })));
      await first.h.closed();
      const second = await accountsAdapter('crashchain', { dataDir: dir, replicaId: `restart-${n}` });
      const r = await resultFor('crashchain', o.actionId);
      expect(r.status).toBe('ACTION_STATUS_EXECUTED');
      // Acked: JetStream never delivers it again, so the one execution and result are the only ones.
      await eventually(() => actionHandled(nc, 'crashchain', seq), { what: `${o.actionId} acked` });
      const acc = readAccount(second.backend.ledger.get(`account/${o.target}`))!;
      expect(acc.freezes).toBe(1);
      expect((await results('crashchain')).filter((x) => x.actionId === o.actionId)).toHaveLength(1);
      await second.h.drain();
    }, 40_000);
  }

  it('the order replay bucket unreachable: the action waits (no REJECTED result), then runs once when it is back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-adapter-'));
    dirs.push(dir);
    const o = orders.find((x) => x.actionId === 'act-crashchain-20')!;
    // The adapter's warnings, to see it hold the action and ask the guard again.
    const held: string[] = [];
    const logger = createLogger({
      component: 'replay-down',
      level: 'warn',
      destination: { write: (line: string) => void held.push(line) },
    });
    const started = await accountsAdapter('crashchain', { dataDir: dir, replicaId: 'replay-down', logger });
    const before = readAccount(started.backend.ledger.get(`account/${o.target}`))?.freezes ?? 0;
    // JetStream answers no more for the bucket (its stream gone: publishes to it get no responders).
    const jsm = await nc.jetstreamManager();
    const bucket = orderReplayBucket('crashchain');
    await jsm.streams.delete(`KV_${bucket}`);
    const seq = await sendAction('crashchain', actionRequest(o, mintOrderJwt(a, o, { nowMs: Date.now() })));
    // Delivered and held, past an ack wait (1,500 ms): the consumer keeps it, publishes nothing.
    await eventually(
      async () => {
        const info = await jsm.consumers.info(Streams.actions.name, actionConsumerName('crashchain'));
        return info.delivered.stream_seq >= seq && info.ack_floor.stream_seq < seq;
      },
      { what: 'the action delivered and not acked' },
    );
    // Asked again three times (250 + 500 + 1,000 ms of backoff, past the 1,500 ms ack wait), still held.
    await eventually(() => held.filter((l) => l.includes('order replay guard unavailable; holding the action')).length >= 4, {
      what: 'the action held through four tries',
    });
    expect((await results('crashchain')).filter((x) => x.actionId === o.actionId)).toEqual([]);
    expect(started.backend.ledger.hasTx(o.actionId)).toBe(false);
    // The bucket is back: the held action is checked again and executed, once.
    await ensureKv(nc.jetstream(), bucket, { ttlMs: 2 * 3_600_000 });
    const r = await resultFor('crashchain', o.actionId);
    expect(r.status).toBe('ACTION_STATUS_EXECUTED');
    await eventually(() => actionHandled(nc, 'crashchain', seq), { what: `${o.actionId} acked` });
    expect(readAccount(started.backend.ledger.get(`account/${o.target}`))!.freezes).toBe(before + 1);
    expect((await results('crashchain')).filter((x) => x.actionId === o.actionId).map((x) => x.status)).toEqual(['ACTION_STATUS_EXECUTED']);
    await started.h.drain();
  }, 40_000);

  it('the results stream unreachable: the executed action is held, never FAILED, and its result stored once when the stream is back', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-adapter-'));
    dirs.push(dir);
    const o = orders.find((x) => x.actionId === 'act-crashchain-19')!;
    const lines: string[] = [];
    const logger = createLogger({
      component: 'results-down',
      level: 'warn',
      destination: { write: (line: string) => void lines.push(line) },
    });
    const started = await accountsAdapter('crashchain', { dataDir: dir, replicaId: 'results-down', logger });
    const before = readAccount(started.backend.ledger.get(`account/${o.target}`))?.freezes ?? 0;
    const jsm = await nc.jetstreamManager();
    const subjects = (await jsm.streams.info(Streams.results.name)).config.subjects;
    await jsm.streams.delete(Streams.results.name);
    const seq = await sendAction('crashchain', actionRequest(o, mintOrderJwt(a, o, { nowMs: Date.now() })));
    // Executed, then its result publish retried past the ack wait (1,500 ms), the message held.
    await eventually(() => lines.filter((l) => l.includes(`publish result ${o.actionId}`)).length >= 4, {
      what: 'the result publish retried four times',
    });
    expect(started.backend.ledger.hasTx(o.actionId)).toBe(true);
    expect(await actionHandled(nc, 'crashchain', seq)).toBe(false);
    await ensureStream(jsm, { name: Streams.results.name, subjects });
    const r = await resultFor('crashchain', o.actionId);
    expect(r.status).toBe('ACTION_STATUS_EXECUTED');
    await eventually(() => actionHandled(nc, 'crashchain', seq), { what: `${o.actionId} acked` });
    expect((await results('crashchain')).filter((x) => x.actionId === o.actionId).map((x) => x.status)).toEqual(['ACTION_STATUS_EXECUTED']);
    expect(readAccount(started.backend.ledger.get(`account/${o.target}`))!.freezes).toBe(before + 1);
    await started.h.drain();
  }, 40_000);
});

describe('replicas', () => {
  it('two replicas share queries; stopping one loses none beyond its deadline', async () => {
    const counts = new Map<string, number>();
    const mk = async (id: string) => {
      const backend = new DevLedgerBackend({
        definition: accountsTestDefinition('replchain'),
        blockIntervalMs: 20,
        heartbeatMs: 60_000,
        seed: seedAccounts,
      });
      const h = await startAdapter({
        servers: nats.url,
        signer: a.adapter('replchain'),
        authority: a.authority,
        backend,
        definition: accountsTestDefinition('replchain'),
        replicaId: id,
        judicialTrust: { ...trust },
        testHooks: { onQueryOutcome: (_k, out) => out === 'ok' && counts.set(id, (counts.get(id) ?? 0) + 1) },
      });
      handles.push(h);
      return h;
    };
    const r1 = await mk('one');
    await mk('two');
    const ask = () =>
      request(
        nc,
        querySubject('replchain'),
        encodeMessage('QueryRequest', {
          requestId: 'r',
          chainId: 'replchain',
          recordType: 'account',
          key: 'account/acc-0',
          deadlineMs: Date.now() + 3_000,
        }),
        { deadlineMs: Date.now() + 3_000 },
      );
    await Promise.all(Array.from({ length: 60 }, ask));
    expect(counts.get('one') ?? 0).toBeGreaterThan(0);
    expect(counts.get('two') ?? 0).toBeGreaterThan(0);
    // Stop one replica while queries are in flight: every query still gets an answer.
    // Kept timers: the queries are spread over 300 ms of real time so that some are in flight while the replica drains.
    const during = Promise.all(Array.from({ length: 60 }, (_, i) => new Promise((r) => setTimeout(r, i * 5)).then(ask)));
    await r1.drain();
    const answers = await during;
    expect(answers).toHaveLength(60);
  }, 40_000);
});

describe('judicial validator-set change', () => {
  it('an order proven under a new judicial validator set verifies by bisecting through light blocks fetched from the judicial chain', async () => {
    if (!backends.has('testchain')) await accountsAdapter('testchain');
    const handle = adapterHandles.get('testchain')!;
    const oldSet = judicial.ledger.validatorSet;
    // Hand the judicial chain over to four validators none of which the adapter trusts.
    const next = newValidatorSet(validatorPool.slice(4).map((k) => ({ did: k.did, publicKey: k.publicKey, power: 10 })));
    const handover = await judicial.ledger.submit({
      type: LedgerTx.SetValidators,
      sender: FixtureDids.admin1,
      id: 'vs-handover',
      body: encodeValidatorSet(next),
    });
    const o = order(30);
    await issueJudicialOrder(judicial.ledger, o, { nowMs: Date.now() });
    const lb = judicial.ledger.latest();
    expect(lb.signedHeader.header.height).toBeGreaterThan(handover.height + 1);
    expect(lb.validatorSet.validators.map((v) => v.did)).toEqual(next.validators.map((v) => v.did));
    expect(oldSet.validators.some((v) => next.validators.some((n) => n.did === v.did))).toBe(false);

    // One skipping step from the adapter's trusted judicial header fails the 1/3 rule ...
    const trustedBefore = (await handle.judicialClient!.latest()).height;
    expect(trustedBefore).toBeLessThan(handover.height);
    const start = judicial.ledger.lightBlockAt(trust.height);
    const direct = new LightClient('judicial', new MemoryTrustedStore());
    await direct.init(start.signedHeader, start.validatorSet, undefined, {
      trustingPeriodMs: 3_600_000,
      maxClockDriftMs: 10_000,
      nowMs: Date.now(),
    });
    await expect(direct.update(lb.signedHeader, lb.validatorSet, Date.now())).rejects.toMatchObject({
      reason: 'insufficient_trusted_power',
    });

    // ... so the adapter fetches intermediate light blocks and executes the order.
    await sendAction('testchain', actionRequest(o, mintOrderJwt(a, o, { nowMs: Date.now() })));
    const r = await resultFor('testchain', o.actionId);
    expect(r.status).toBe('ACTION_STATUS_EXECUTED');
    // Evidence: the adapter's judicial client now trusts the handover header (verified with the
    // old set) and the order's header (verified with the new one).
    const atHandover = await handle.judicialClient!.verifiedStateRoot({ kind: 'at', height: handover.height }, Date.now());
    expect(equalBytes(atHandover.headerHash, headerHash(judicial.ledger.lightBlockAt(handover.height).signedHeader.header))).toBe(true);
    const atOrder = await handle.judicialClient!.verifiedStateRoot({ kind: 'at', height: lb.signedHeader.header.height }, Date.now());
    expect(equalBytes(atOrder.headerHash, headerHash(lb.signedHeader.header))).toBe(true);
  }, 30_000);

  it('bisection does not rescue a header presented with a validator set of strangers', async () => {
    const o = orders.find((x) => x.actionId === 'act-testchain-19')!;
    // A judicial block the adapter has not trusted yet (a trusted header needs no validator set).
    await issueJudicialOrder(judicial.ledger, order(31), { nowMs: Date.now() });
    const req = actionRequest(o, mintOrderJwt(a, o, { nowMs: Date.now() }));
    // Strangers claim the header: refused before any bisection (the set does not hash to validatorsHash).
    const strangers = newValidatorKeys(4);
    req.judicialProof!.bundle!.validatorSet = validatorSetToWire(
      newValidatorSet(strangers.map((k) => ({ did: k.did, publicKey: k.publicKey, power: 10 }))),
    );
    await sendAction('testchain', req);
    const r = await resultFor('testchain', o.actionId);
    expect(r.status).toBe('ACTION_STATUS_REJECTED');
    expect(r.reason).toBe('judicial_header_invalid');
    expect((await startedBackend('testchain')).ledger.hasTx(o.actionId)).toBe(false);
  }, 30_000);
});
