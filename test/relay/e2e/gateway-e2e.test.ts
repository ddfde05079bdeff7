/**
 * The whole gateway end to end ("Done when"): a private nats-server, the judicial, ip,
 * property, credit and finance adapters in-process on seeded dev ledgers, and two gateways
 * composed by `startGateway` from config alone; every courtbridge method over a real grpc-js
 * client with bearer tokens from the fixture's keys, and each error status with its reason:
 * UNAUTHENTICATED, PERMISSION_DENIED, INVALID_ARGUMENT, NOT_FOUND, FAILED_PRECONDITION (stale
 * state, frozen chain, tripped breaker), UNAVAILABLE, DEADLINE_EXCEEDED, RESOURCE_EXHAUSTED and
 * UNIMPLEMENTED (a method whose issue is open). A court's freeze goes from the judicial chain to
 * the finance chain and back with the chain's signed result and proof.
 */
import { randomBytes } from 'node:crypto';

import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { wireKindOf } from '../../../src/judicial/wire-kind.js';
import type { JudicialOrder } from '../../../src/judicial/order.js';
import { checkEnvelope } from '../../../src/bus/envelope-verify.js';
import { encodeEnvelope, envelopeFromMessage, sealEnvelope } from '../../../src/bus/envelope.js';
import { publishWithId } from '../../../src/bus/jetstream.js';
import { headersSubject } from '../../../src/bus/subjects.js';
import { busUserOf } from '../../../src/bus/permissions.js';
import { headerHash, type Header } from '../../../src/chain/header.js';
import { signVote } from '../../../src/chain/vote.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { toHex, utf8 } from '../../../src/encoding/bytes.js';
import { REASON_TRAILER } from '../../../src/wire/reason-trailer.js';
import { operatorOrderSigningInput } from '../../../src/relay/breaker.js';
import type { RunningGateway } from '../../../src/relay/gateway.js';
import type { Signer } from '../../../src/identity/signer.js';
import { DEFAULT_GATEWAY_CONFIG } from '../../../src/config/gateway-config.js';
import { demoCast } from '../../../src/seed/demo-cast.js';
import { signedHeaderToWire, validatorSetToWire } from '../../../src/verify/bundle-convert.js';
import { verifyBundle } from '../../../src/verify/bundle-verify.js';
import { decodeMessage, encodeMessage } from '../../../src/wire/codec.js';
import { FixtureDids, issueJudicialOrder, mintOrderJwt } from '../../helpers/alliance-fixture.js';
import { eventually } from '../../helpers/eventually.js';
import { OffsetClock } from '../../helpers/offset-clock.js';
import { authToken, serviceClient, startE2e, type E2e, type ServiceClient } from './e2e-setup.js';

type Obj = Record<string, unknown>;
interface Failure {
  code: number;
  reason: string;
  details: string;
}

const cast = demoCast();
let e2e: E2e;
let a: RunningGateway;
let b: RunningGateway;
/** Gateway a's clock: the stale-state check moves it on instead of sleeping. */
const clockA = new OffsetClock();
const clients: grpc.Client[] = [];

function client(service: string, gw: RunningGateway = a): ServiceClient {
  const c = serviceClient(service, gw.address);
  clients.push(c);
  return c;
}

function call(
  service: string,
  method: string,
  req: object,
  o: { token?: string | null; gw?: RunningGateway; deadlineMs?: number } = {},
): Promise<Obj> {
  const c = client(service, o.gw);
  const md = new grpc.Metadata();
  const token = o.token === undefined ? authToken(e2e.fx.court, FixtureDids.gateway) : o.token;
  if (token !== null) md.set('authorization', `Bearer ${token}`);
  return new Promise((resolve, reject) =>
    c[method]!.call(c, req, md, { deadline: Date.now() + (o.deadlineMs ?? 10_000) }, (e: grpc.ServiceError | null, r?: Obj) =>
      e === null ? resolve(r ?? {}) : reject(e),
    ),
  );
}

async function failure(p: Promise<unknown>): Promise<Failure> {
  try {
    await p;
  } catch (e) {
    const s = e as grpc.ServiceError;
    return { code: s.code, reason: reasonOf(s), details: s.details };
  }
  throw new Error('expected the call to fail');
}

/** The named reason of a failed call: the `courtbridge-reason` trailer, on every path (docs/api.md). */
function reasonOf(s: grpc.ServiceError): string {
  return String(s.metadata?.get(REASON_TRAILER)[0] ?? '');
}

/** Collect a server stream until `until` says stop (then cancel) or the stream ends. */
function collect(
  service: string,
  method: string,
  req: object,
  until: (m: Obj) => boolean,
  gw: RunningGateway = a,
  as: Signer = e2e.fx.court,
): Promise<Obj[]> {
  const c = client(service, gw);
  const md = new grpc.Metadata();
  md.set('authorization', `Bearer ${authToken(as, FixtureDids.gateway)}`);
  const stream = c[method]!.call(c, req, md, { deadline: Date.now() + 30_000 });
  const got: Obj[] = [];
  return new Promise((resolve, reject) => {
    stream.on('data', (m: Obj) => {
      got.push(m);
      if (until(m)) {
        stream.cancel();
        resolve(got);
      }
    });
    stream.on('error', (e: grpc.ServiceError) => (e.code === grpc.status.CANCELLED ? resolve(got) : reject(e)));
    stream.on('end', () => resolve(got));
  });
}

/** Approvals of an operator order by the fixture's admins (`admins` of them; both unless told). */
const approveOrder = (o: Obj, admins: string[] = [FixtureDids.admin1, FixtureDids.admin2]): Obj[] =>
  admins.map((did) => ({
    adminDid: did,
    kid: e2e.fx.signers.get(did)!.kid,
    signature: e2e.fx.signers.get(did)!.sign(operatorOrderSigningInput(o)),
  }));
const q = (chainId: string, recordType: string, key: string): Obj => ({ chainId, recordType, key, height: { latest: {} } });
/** The body of a signed audit envelope (checked). */
const checkAudit = (data: Uint8Array): Uint8Array => {
  const r = checkEnvelope(data, { authority: e2e.fx.authority, nowMs: Date.now(), maxAgeMs: 600_000, maxFutureSkewMs: 5_000 });
  if (r.kind !== 'accepted') throw new Error(`audit envelope: ${r.drop.reason}`);
  return r.envelope.body;
};

beforeAll(async () => {
  e2e = await startE2e();
  a = await e2e.startGateway({}, { now: clockA.now });
  // The second replica has a small per-caller rate (RESOURCE_EXHAUSTED is checked on it).
  b = await e2e.startGateway({ limits: { ...DEFAULT_GATEWAY_CONFIG.limits, callsPerCaller: { limit: 12, windowMs: 60_000 } } });
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await e2e?.stop();
}, 30_000);

describe('authentication and policy', () => {
  it('no token: UNAUTHENTICATED missing_token', async () => {
    const f = await failure(call('ChainService', 'ListChains', {}, { token: null }));
    expect(f.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(f.reason).toBe('missing_token');
  });

  it('bad token (signature of another key): UNAUTHENTICATED', async () => {
    const good = authToken(e2e.fx.court, FixtureDids.gateway);
    const forged = authToken(e2e.fx.agency, FixtureDids.gateway).split('.')[2];
    const f = await failure(call('ChainService', 'ListChains', {}, { token: `${good.split('.').slice(0, 2).join('.')}.${forged}` }));
    expect(f.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(f.reason).not.toBe('');
  });

  it('an agency submitting an action: PERMISSION_DENIED out_of_role', async () => {
    const f = await failure(
      call(
        'ActionService',
        'SubmitAction',
        {
          actionId: 'agency-x',
          chainId: 'finance',
          kind: 'ACTION_KIND_FREEZE',
          target: { recordType: 'account', key: 'account/x' },
          orderJwt: 'x.y.z',
        },
        { token: authToken(e2e.fx.agency, FixtureDids.gateway) },
      ),
    );
    expect(f.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(f.reason).toBe('out_of_role');
  });
});

describe('chains, queries, verification', () => {
  it('ListChains lists the five chains; GetChainStatus shows an active client and the adapter replica', async () => {
    const r = await call('ChainService', 'ListChains', {});
    expect((r.chains as Obj[]).map((c) => c.chainId).sort()).toEqual(['credit', 'finance', 'ip', 'judicial', 'property']);
    const fin = (r.chains as Obj[]).find((c) => c.chainId === 'finance')!;
    expect(fin.actions).toContain('ACTION_KIND_FREEZE');
    expect(fin.operatorDid).toBe(FixtureDids.adapter('finance'));
    await eventually(async () => {
      const replicas = (await call('ChainService', 'GetChainStatus', { chainId: 'finance' })).replicas as unknown[];
      expect(replicas.length).toBeGreaterThan(0);
    });
    const s = await call('ChainService', 'GetChainStatus', { chainId: 'finance' });
    expect(s.status).toBe('CLIENT_STATUS_ACTIVE');
    expect(Number(s.trustedHeight)).toBeGreaterThan(0);
    expect(Number(s.trustTimeLeftMs)).toBeGreaterThan(0);
    expect(s.breaker).toBe('BREAKER_STATE_CLOSED');
  });

  it('Query: the demo apartment, proven, with a receipt naming the caller; VerifyBundle says valid', async () => {
    const r = await call('QueryService', 'Query', { query: q('property', 'title', cast.debtor.apartment.key) });
    const bundle = r.bundle as Obj;
    expect(bundle.result).toBe('record');
    expect(bundle.requesterDid).toBe(FixtureDids.court);
    expect(JSON.parse(Buffer.from((bundle.record as Obj).value as Uint8Array).toString('utf8'))).toMatchObject({
      titleNo: cast.debtor.apartment.titleNo,
    });
    expect(verifyBundle(bundle as never, { atMs: Date.now(), authority: e2e.fx.authority }).verdict).toBe('valid');
    const v = await call('VerificationService', 'VerifyBundle', { bundle });
    expect(v.verdict).toBe('VERDICT_VALID');
    // Tampered: the verifier names the failed check.
    (bundle.record as Obj).value = utf8('{"titleNo":"forged"}');
    const t = await call('VerificationService', 'VerifyBundle', { bundle });
    expect(t.verdict).toBe('VERDICT_INVALID');
  });

  it('Query: the demo debtor is provably NOT on the dishonest list (absence)', async () => {
    const r = await call('QueryService', 'Query', { query: q('credit', 'dishonest', cast.debtor.dishonestKey) });
    expect((r.bundle as Obj).result).toBe('absence');
  });

  it('QueryBatch answers each item on its own', async () => {
    const r = await call('QueryService', 'QueryBatch', {
      queries: [q('finance', 'account', cast.debtor.accounts[0].key), q('nochain', 'x', 'k')],
    });
    const items = r.items as Obj[];
    expect(items[0]!.outcome).toBe('bundle');
    expect((items[1]!.failure as Obj).reason).toBe('unknown_chain');
  });

  it("Investigate finds the demo debtor's apartment, accounts and trademark across chains", async () => {
    const r = await call('InvestigationService', 'Investigate', {
      ownerIdHash: Buffer.from(cast.debtor.idHash, 'hex'),
      domains: ['ASSET_DOMAIN_PROPERTY', 'ASSET_DOMAIN_FINANCE', 'ASSET_DOMAIN_IP'],
    });
    const keys = (r.items as Obj[]).map((i) => ((i.bundle as Obj).record as Obj).key);
    expect(keys).toEqual(
      expect.arrayContaining([
        cast.debtor.apartment.key,
        cast.debtor.accounts[0].key,
        cast.debtor.accounts[1].key,
        cast.debtor.trademark.key,
      ]),
    );
  });

  it('two gateways on one NATS answer the same query with the same verified data', async () => {
    const req = { query: q('finance', 'account', cast.debtor.accounts[1].key) };
    const [x, y] = await Promise.all([call('QueryService', 'Query', req), call('QueryService', 'Query', req, { gw: b })]);
    const [bx, by] = [x.bundle as Obj, y.bundle as Obj];
    expect(Buffer.from((bx.record as Obj).value as Uint8Array)).toEqual(Buffer.from((by.record as Obj).value as Uint8Array));
    expect(bx.stateHeight).toBe(by.stateHeight);
    expect(Buffer.from(((bx.signedHeader as Obj).commit as Obj).headerHash as Uint8Array)).toEqual(
      Buffer.from(((by.signedHeader as Obj).commit as Obj).headerHash as Uint8Array),
    );
    for (const bundle of [bx, by]) expect((await call('VerificationService', 'VerifyBundle', { bundle })).verdict).toBe('VERDICT_VALID');
  });

  it('WatchHeaders streams verified headers resumable from a height', async () => {
    const s = await call('ChainService', 'GetChainStatus', { chainId: 'judicial' });
    const from = Number(s.trustedHeight);
    const got = await collect('WatchService', 'WatchHeaders', { chainId: 'judicial', fromHeight: from }, () => true);
    expect(got.length).toBeGreaterThan(0);
    expect(JSON.stringify(got[0])).toContain('judicial');
    const pruned = await failure(collect('WatchService', 'WatchHeaders', { chainId: 'judicial', fromHeight: 1 }, () => true));
    expect(pruned.code).toBe(grpc.status.FAILED_PRECONDITION);
  });

  it('INVALID_ARGUMENT naming the field; NOT_FOUND for an unknown chain', async () => {
    const bad = await failure(
      call('QueryService', 'Query', { query: { chainId: 'credit', recordType: 'dishonest', height: { latest: {} } } }),
    );
    expect(bad.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(bad.details).toContain('query.key');
    const nf = await failure(call('QueryService', 'Query', { query: q('nochain', 'x', 'k') }));
    expect(nf.code).toBe(grpc.status.NOT_FOUND);
    expect(nf.reason).toBe('unknown_chain');
  });

  it('FAILED_PRECONDITION stale_state when the caller demands fresher state than verified', async () => {
    // The newest verified header is at least 30 ms old on gateway a's clock: older than the 5 allowed.
    clockA.advance(30);
    const f = await failure(call('QueryService', 'Query', { query: q('ip', 'trademark', cast.debtor.trademark.key), maxStalenessMs: 5 }));
    expect(f.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(f.reason).toBe('stale_state');
  });

  it('DEADLINE_EXCEEDED when the deadline is shorter than the fan-out', async () => {
    const f = await failure(
      call(
        'InvestigationService',
        'Investigate',
        {
          ownerIdHash: Buffer.from(cast.debtor.idHash, 'hex'),
          domains: ['ASSET_DOMAIN_PROPERTY', 'ASSET_DOMAIN_FINANCE', 'ASSET_DOMAIN_IP'],
        },
        { deadlineMs: 2 },
      ),
    );
    expect(f.code).toBe(grpc.status.DEADLINE_EXCEEDED);
  });

  it('AllianceService: ListMembers and ResolveDid', async () => {
    const m = await call('AllianceService', 'ListMembers', {});
    expect((m.members as unknown[]).length).toBe(e2e.fx.genesis.members.length);
    const d = await call('AllianceService', 'ResolveDid', { did: FixtureDids.court });
    expect(JSON.stringify(d)).toContain(FixtureDids.court);
  });

  it('UnfreezeChain on a chain that is not frozen: FAILED_PRECONDITION chain_not_frozen', async () => {
    const lb = e2e.backends.judicial.ledger.latest();
    const o = {
      operation: 'OPERATOR_OPERATION_UNFREEZE_CHAIN',
      chainId: 'judicial',
      reason: 'nothing to resolve',
      issuedAtMs: Date.now(),
      nonce: randomBytes(16),
      trustedHeaderHash: headerHash(lb.signedHeader.header),
    };
    const f = await failure(
      call('ChainService', 'UnfreezeChain', {
        order: o,
        approvals: approveOrder(o),
        trustedHeader: signedHeaderToWire(lb.signedHeader),
        validatorSet: validatorSetToWire(lb.validatorSet),
      }),
    );
    expect(f.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(f.reason).toBe('chain_not_frozen');
  });
});

describe("a court's action end to end", () => {
  const order: JudicialOrder = {
    orderId: 'e2e-order-1',
    court: FixtureDids.court,
    caseId: '(2026) Jing 0101 Zhi 77',
    chain: 'finance',
    actionId: 'e2e-freeze-1',
    kind: 'freeze',
    target: cast.debtor.accounts[0].accountNo,
    amount: '100000',
  };
  const submit = (o: JudicialOrder, jwt: string): Obj => ({
    actionId: o.actionId,
    chainId: o.chain,
    kind: wireKindOf(o.kind),
    target: { recordType: 'account', key: `account/${o.target}` },
    amount: o.amount,
    orderJwt: jwt,
    // No bundle: the gateway fetches the order's proof from the judicial chain and verifies it.
    judicialProof: { caseId: o.caseId, recordKey: `order/${o.orderId}` },
  });

  it('issue on the judicial chain, SubmitAction, WatchActions until EXECUTED with the signed result and proof; resubmission returns the same action', async () => {
    await issueJudicialOrder(e2e.backends.judicial.ledger, order, { nowMs: Date.now() });
    const jwt = mintOrderJwt(e2e.fx, order, { nowMs: Date.now() });
    const first = await call('ActionService', 'SubmitAction', submit(order, jwt));
    expect(first.status).toBe('ACTION_STATUS_PENDING');
    const seen = await collect(
      'ActionService',
      'WatchActions',
      { actionIds: [order.actionId] },
      (m) => m.status === 'ACTION_STATUS_EXECUTED' || m.status === 'ACTION_STATUS_REJECTED' || m.status === 'ACTION_STATUS_FAILED',
    );
    const last = seen[seen.length - 1]!;
    expect(last.status).toBe('ACTION_STATUS_EXECUTED');
    const outcome = last.outcome as Obj;
    const env = outcome.signedResult as Obj;
    // The adapter's envelope re-verifies as it was received.
    const encoded = encodeEnvelope(envelopeFromMessage(env as never));
    const checked = checkEnvelope(encoded, {
      authority: e2e.fx.authority,
      nowMs: Date.now(),
      maxAgeMs: 600_000,
      maxFutureSkewMs: 5_000,
      chain: 'finance',
    });
    expect(checked.kind).toBe('accepted');
    const result = decodeMessage('ActionResult', env.body as Uint8Array);
    expect(result.status).toBe('ACTION_STATUS_EXECUTED');
    expect(result.proof).not.toBeNull();
    expect(result.header?.chainId).toBe('finance');
    // The finance chain shows the freeze.
    const acct = await call('QueryService', 'Query', { query: q('finance', 'account', cast.debtor.accounts[0].key) });
    expect(Buffer.from(((acct.bundle as Obj).record as Obj).value as Uint8Array).toString('utf8')).toContain(order.caseId);
    const again = await call('ActionService', 'SubmitAction', submit(order, jwt), { gw: b });
    expect(again.submittedAtMs).toBe(first.submittedAtMs);
    expect(again.actionId).toBe(order.actionId);
    const got = await call('ActionService', 'GetAction', { actionId: order.actionId });
    expect(got.status).toBe('ACTION_STATUS_EXECUTED');
    const list = await call('ActionService', 'ListActions', { chainId: 'finance' });
    expect((list.actions as Obj[]).map((x) => x.actionId)).toContain(order.actionId);
    // WatchService/WatchActions: the finance agency follows its chain's action log from sequence 1,
    // on the other replica, and sees the action pending, then executed with the adapter's signed result.
    const events = await collect(
      'WatchService',
      'WatchActions',
      { chainId: 'finance', fromSequence: 1 },
      (m) => (m.action as Obj).actionId === order.actionId && (m.action as Obj).status === 'ACTION_STATUS_EXECUTED',
      b,
      e2e.fx.agency,
    );
    const mine = events.filter((m) => (m.action as Obj).actionId === order.actionId);
    expect(mine.map((m) => (m.action as Obj).status)).toContain('ACTION_STATUS_PENDING');
    expect(mine[mine.length - 1]!.action).toMatchObject({ status: 'ACTION_STATUS_EXECUTED', chainId: 'finance' });
    const seqs = events.map((m) => Number(m.sequence));
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    // Resumable: from the last event's sequence, that event comes again first.
    const resumed = await collect(
      'WatchService',
      'WatchActions',
      { chainId: 'finance', fromSequence: seqs[seqs.length - 1] },
      () => true,
      a,
      e2e.fx.agency,
    );
    expect(Number(resumed[0]!.sequence)).toBe(seqs[seqs.length - 1]);
    // An agency watches its own chains only.
    const denied = await collect(
      'WatchService',
      'WatchActions',
      { chainId: 'property', fromSequence: 1 },
      () => true,
      a,
      e2e.fx.agency,
    ).then(
      () => undefined,
      (e: grpc.ServiceError) => e,
    );
    expect(denied?.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(denied === undefined ? '' : reasonOf(denied)).toBe('chain_not_granted');
  }, 40_000);

  it('an order that is not on the judicial chain: FAILED_PRECONDITION judicial_proof_invalid', async () => {
    const o = { ...order, orderId: 'e2e-never-issued', actionId: 'e2e-freeze-2' };
    const f = await failure(call('ActionService', 'SubmitAction', submit(o, mintOrderJwt(e2e.fx, o, { nowMs: Date.now() }))));
    expect(f.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(f.reason).toBe('judicial_proof_invalid');
  });

  it('a tripped breaker refuses actions: FAILED_PRECONDITION breaker_open, shown in ChainStatus, reset by quorum', async () => {
    const approve = (o: Obj) =>
      [FixtureDids.admin1, FixtureDids.admin2].map((did) => ({
        adminDid: did,
        kid: e2e.fx.signers.get(did)!.kid,
        signature: e2e.fx.signers.get(did)!.sign(operatorOrderSigningInput(o)),
      }));
    const trip = {
      operation: 'OPERATOR_OPERATION_TRIP_BREAKER',
      chainId: 'property',
      reason: 'e2e drill',
      issuedAtMs: Date.now(),
      nonce: randomBytes(16),
    };
    await call('ChainService', 'TripBreaker', { order: trip, approvals: approve(trip) });
    const o: JudicialOrder = {
      orderId: 'e2e-seize-1',
      court: FixtureDids.court,
      caseId: order.caseId,
      chain: 'property',
      actionId: 'e2e-seize-1',
      kind: 'seize',
      target: cast.debtor.apartment.titleNo,
      amount: '',
    };
    await issueJudicialOrder(e2e.backends.judicial.ledger, o, { nowMs: Date.now() });
    const req = {
      ...submit(o, mintOrderJwt(e2e.fx, o, { nowMs: Date.now() })),
      target: { recordType: 'title', key: cast.debtor.apartment.key },
    };
    const f = await failure(call('ActionService', 'SubmitAction', req, { gw: b }));
    expect(f.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(f.reason).toBe('breaker_open');
    await eventually(async () =>
      expect((await call('ChainService', 'GetChainStatus', { chainId: 'property' })).breaker).toBe('BREAKER_STATE_OPEN'),
    );
    const reset = {
      operation: 'OPERATOR_OPERATION_RESET_BREAKER',
      chainId: 'property',
      reason: 'drill over',
      issuedAtMs: Date.now(),
      nonce: randomBytes(16),
    };
    expect((await call('ChainService', 'ResetBreaker', { order: reset, approvals: approve(reset) })).breaker).toBe('BREAKER_STATE_CLOSED');
  }, 20_000);
});

describe('safety valves', () => {
  it('misbehaviour freezes the chain: queries FAILED_PRECONDITION client_frozen, the breaker trips by itself, actions refused', async () => {
    const lb = e2e.backends.credit.ledger.latest();
    const forged: Header = { ...lb.signedHeader.header, stateRoot: sha256(utf8('a conflicting state')) };
    const commit = {
      height: forged.height,
      headerHash: headerHash(forged),
      signatures: e2e.validators.credit.map((v) => ({ validatorDid: v.did, signature: signVote(forged, v.privateKey) })),
    };
    const body = encodeMessage('HeaderAnnouncement', {
      signedHeader: signedHeaderToWire({ header: forged, commit }),
      validatorSet: validatorSetToWire(lb.validatorSet),
    });
    const env = sealEnvelope(e2e.fx.adapter('credit'), 'header.announce', body, Date.now());
    // Published as the credit adapter (whose key signed it): on the secured bus only it may publish credit's headers.
    const nc = await e2e.connectAs(busUserOf('adapter', e2e.fx.adapter('credit').did));
    await publishWithId(nc.jetstream(), headersSubject('credit'), encodeEnvelope(env), `forged-${toHex(commit.headerHash)}`);
    await eventually(async () =>
      expect((await call('ChainService', 'GetChainStatus', { chainId: 'credit' })).status).toBe('CLIENT_STATUS_FROZEN'),
    );
    const s = await call('ChainService', 'GetChainStatus', { chainId: 'credit' });
    expect(s.misbehaviour).toBeTruthy();
    const f = await failure(call('QueryService', 'Query', { query: q('credit', 'dishonest', cast.debtor.dishonestKey) }));
    expect(f.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(f.reason).toBe('client_frozen');
    await eventually(async () => expect((await a.deps.breakers.get('credit')).state).toBe('open'));
    const rec = await a.deps.breakers.get('credit');
    expect(rec.state === 'open' && rec.cause).toBe('misbehaviour');
    const o: JudicialOrder = {
      orderId: 'e2e-list-1',
      court: FixtureDids.court,
      caseId: '(2026) Jing 0101 Zhi 77',
      chain: 'credit',
      actionId: 'e2e-list-1',
      kind: 'list',
      target: cast.debtor.idHash,
      amount: '',
    };
    await issueJudicialOrder(e2e.backends.judicial.ledger, o, { nowMs: Date.now() });
    const req = {
      actionId: o.actionId,
      chainId: 'credit',
      kind: wireKindOf('list'),
      target: { recordType: 'dishonest', key: cast.debtor.dishonestKey },
      orderJwt: mintOrderJwt(e2e.fx, o, { nowMs: Date.now() }),
      judicialProof: { caseId: o.caseId, recordKey: `order/${o.orderId}` },
    };
    const g = await failure(call('ActionService', 'SubmitAction', req));
    expect(g.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(g.reason).toBe('breaker_open');

    // UnfreezeChain: the admins choose the genuine header at the conflicting height.
    const unfreeze = (admins: string[], bad?: 'wrong_hash'): Obj => {
      const o = {
        operation: 'OPERATOR_OPERATION_UNFREEZE_CHAIN',
        chainId: 'credit',
        reason: 'forged header investigated: the adapter key leaked',
        issuedAtMs: Date.now(),
        nonce: randomBytes(16),
        trustedHeaderHash: bad === 'wrong_hash' ? headerHash(forged) : headerHash(lb.signedHeader.header),
      };
      return {
        order: o,
        approvals: approveOrder(o, admins),
        trustedHeader: signedHeaderToWire(lb.signedHeader),
        validatorSet: validatorSetToWire(lb.validatorSet),
      };
    };
    const one = await failure(call('ChainService', 'UnfreezeChain', unfreeze([FixtureDids.admin1])));
    expect(one.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(one.reason).toBe('approval_quorum_not_met');
    const mismatch = await failure(call('ChainService', 'UnfreezeChain', unfreeze([FixtureDids.admin1, FixtureDids.admin2], 'wrong_hash')));
    expect(mismatch.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(mismatch.reason).toBe('trusted_header_mismatch');
    const quorum = unfreeze([FixtureDids.admin1, FixtureDids.admin2]);
    const st = await call('ChainService', 'UnfreezeChain', quorum);
    expect(st.status).toBe('CLIENT_STATUS_ACTIVE');
    expect(Number(st.trustedHeight)).toBeGreaterThanOrEqual(lb.signedHeader.header.height);
    expect(st.breaker).toBe('BREAKER_STATE_CLOSED');
    const replay = await failure(call('ChainService', 'UnfreezeChain', quorum));
    expect(replay.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(replay.reason).toBe('chain_not_frozen');
    // Every replica sees it through the shared KV, and both serve the chain again.
    for (const gw of [a, b]) {
      await eventually(async () =>
        expect((await call('ChainService', 'GetChainStatus', { chainId: 'credit' }, { gw })).status).toBe('CLIENT_STATUS_ACTIVE'),
      );
      const ok = await call('QueryService', 'Query', { query: q('credit', 'dishonest', cast.debtor.dishonestKey) }, { gw });
      expect(ok.bundle).toBeTruthy();
    }
    // Audited: the unfreeze is in the audit log (CB_EVENTS).
    const audit = await a.deps.bus.nc
      .jetstreamManager()
      .then((m) => m.streams.getMessage('CB_EVENTS', { last_by_subj: 'cb.v1.events.audit' }));
    const entry = decodeMessage('AuditEntry', checkAudit(audit.data));
    expect(['client_unfrozen', 'breaker_reset']).toContain(entry.event);
  }, 30_000);

  it('an adapter that is down: UNAVAILABLE', async () => {
    await e2e.adapters.ip.drain();
    const f = await failure(call('QueryService', 'Query', { query: q('ip', 'trademark', cast.debtor.trademark.key) }));
    expect(f.code).toBe(grpc.status.UNAVAILABLE);
  });

  it('per-caller rate limit: RESOURCE_EXHAUSTED', async () => {
    let last: Failure | undefined;
    for (let i = 0; i < 20 && last === undefined; i++) {
      last = await call('ChainService', 'ListChains', {}, { gw: b }).then(
        () => undefined,
        (e: grpc.ServiceError) => ({ code: e.code, reason: reasonOf(e), details: e.details }),
      );
    }
    expect(last?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
  });
});

describe('secured bus', () => {
  // Runs last: every query, action, header, result and registry read above went over the bus
  // secured from the registry (e2e-setup.ts); least privilege must have been enough for all of it.
  it('no participant was refused a subject during the whole suite (the generated permissions suffice)', () => {
    expect(e2e.busViolations()).toEqual([]);
  });
});
