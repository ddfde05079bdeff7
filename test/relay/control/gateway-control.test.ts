/**
 * The gateway's control path over real gRPC on 127.0.0.1 and a real nats-server (harness):
 * authentication (every token defect -> UNAUTHENTICATED with its reason), policy
 * (PERMISSION_DENIED), orders checked with the chain's schema from the catalog as its adapter
 * checks them (refused before anything is published), SubmitAction idempotency across two gateway replicas, the breaker
 * (FAILED_PRECONDITION, reset only with a quorum), registry writes (quorum, live revocation
 * seen by the second gateway), action rate limits (RESOURCE_EXHAUSTED) and /metrics.
 */
import { randomBytes } from 'node:crypto';

import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { toBase64url, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { loadGatewayConfig } from '../../../src/config/gateway-config.js';
import { approveRegistryUpdate } from '../../../src/identity/registry-update.js';
import { signJwtNative } from '../../../src/identity/jwt.js';
import type { Signer } from '../../../src/identity/signer.js';
import type { RunningGateway } from '../../../src/relay/gateway.js';
import { startGatewayNode } from '../../../src/node/gateway-node.js';
import { loadGatewayProto } from '../../../src/wire/gateway-proto.js';
import { operatorOrderSigningInput } from '../../../src/relay/breaker.js';
import { registryUpdateFromProto } from '../../../src/relay/registry-sync.js';
import { REASON_TRAILER } from '../../../src/wire/reason-trailer.js';
import { allianceFixture, FixtureDids, mintOrderJwt, type AllianceFixture } from '../../helpers/alliance-fixture.js';
import { eventually } from '../../helpers/eventually.js';
import { startNatsServer, type NatsServerHandle } from '../../helpers/nats-server.js';
import type { MessageOutput } from '../../../src/wire/messages.js';
import type { JudicialOrder } from '../../../src/judicial/order.js';
import { checkOrderRequest } from '../../../src/judicial/order-check.js';
import { finance as financeDefinition } from '../../../adapters/finance/definition.js';

interface StatusError extends Error {
  code: number;
  details: string;
  metadata: grpc.Metadata;
}
type Unary = (
  req: object,
  md: grpc.Metadata,
  opts: grpc.CallOptions,
  cb: (e: StatusError | null, r?: Record<string, unknown>) => void,
) => void;

function client(service: 'ActionService' | 'AllianceService' | 'ChainService', address: string): grpc.Client & Record<string, Unary> {
  const Ctor = grpc.makeGenericClientConstructor(loadGatewayProto().services[service], service);
  return new Ctor(address, grpc.credentials.createInsecure()) as unknown as grpc.Client & Record<string, Unary>;
}

function call(c: grpc.Client & Record<string, Unary>, method: string, req: object, token?: string): Promise<Record<string, unknown>> {
  const md = new grpc.Metadata();
  if (token !== undefined) md.set('authorization', `Bearer ${token}`);
  return new Promise((resolve, reject) => {
    c[method]!.call(c, req, md, { deadline: Date.now() + 10_000 }, (e, r) => (e === null ? resolve(r ?? {}) : reject(e)));
  });
}

async function rejected(p: Promise<unknown>): Promise<{ code: number; reason: string; details: string }> {
  try {
    await p;
  } catch (e) {
    const s = e as StatusError;
    return { code: s.code, reason: String(s.metadata?.get(REASON_TRAILER)[0] ?? ''), details: s.details };
  }
  throw new Error('expected the call to fail');
}

const authToken = (
  signer: Signer,
  audience: string,
  over: { nowMs?: number; purpose?: 'auth' | 'order'; lifetimeMs?: number } = {},
): string =>
  signJwtNative(signer, {
    audience,
    purpose: over.purpose ?? 'auth',
    nowMs: over.nowMs ?? Date.now(),
    lifetimeMs: over.lifetimeMs ?? 5 * 60_000,
    jti: toBase64url(randomBytes(12)),
  });

describe('gateway control path', () => {
  let nats: NatsServerHandle;
  let fx: AllianceFixture;
  let a: RunningGateway;
  let b: RunningGateway;
  const clients: grpc.Client[] = [];
  const mk = (s: 'ActionService' | 'AllianceService' | 'ChainService', gw: RunningGateway) => {
    const c = client(s, gw.address);
    clients.push(c);
    return c;
  };

  beforeAll(async () => {
    nats = await startNatsServer();
    fx = allianceFixture();
    const config = loadGatewayConfig({
      overrides: {
        listen: '127.0.0.1:0',
        natsServers: [nats.url],
        genesisHash: toHex(sha256(fx.genesisBytes)),
        metricsPort: 0,
        logLevel: 'silent',
        actionLimits: {
          perChain: { limit: 1000, windowMs: 3_600_000 },
          perCourt: { limit: 6, windowMs: 3_600_000 },
          chains: {},
          courts: {},
        },
      },
    });
    // The control path alone: no adapters run here, so the composed query path (and its judicial-proof check) is left out.
    const opts = { signer: fx.gateway, genesisBytes: fx.genesisBytes, queryPath: 'off' as const };
    a = await startGatewayNode(config, opts);
    b = await startGatewayNode(config, opts);
  }, 30_000);

  afterAll(async () => {
    for (const c of clients) c.close();
    await a?.shutdown();
    await b?.shutdown();
    await nats?.stop();
  });

  describe('authentication: UNAUTHENTICATED with a named reason', () => {
    const cases: Array<{ name: string; malleate: () => string | undefined; reason: string }> = [
      { name: 'missing token', malleate: () => undefined, reason: 'missing_token' },
      { name: 'expired', malleate: () => authToken(fx.court, FixtureDids.gateway, { nowMs: Date.now() - 20 * 60_000 }), reason: 'expired' },
      { name: 'wrong audience', malleate: () => authToken(fx.court, FixtureDids.court), reason: 'wrong_audience' },
      { name: 'wrong purpose', malleate: () => authToken(fx.court, FixtureDids.gateway, { purpose: 'order' }), reason: 'wrong_purpose' },
      {
        name: 'alg none',
        malleate: () => {
          const [, p] = authToken(fx.court, FixtureDids.gateway).split('.');
          return `${toBase64url(utf8(JSON.stringify({ alg: 'none', typ: 'JWT' })))}.${p}.`;
        },
        reason: 'alg_not_allowed',
      },
      {
        name: 'tampered payload',
        malleate: () => {
          const [h, , s] = authToken(fx.court, FixtureDids.gateway).split('.');
          const p = toBase64url(
            utf8(JSON.stringify({ iat: 1, exp: 2, aud: FixtureDids.gateway, jti: 'x', purpose: 'auth', iss: FixtureDids.court })),
          );
          return `${h}.${p}.${s}`;
        },
        reason: 'expired',
      },
    ];
    for (const c of cases) {
      it(c.name, async () => {
        const r = await rejected(call(mk('AllianceService', a), 'ListMembers', {}, c.malleate()));
        expect(r.code).toBe(grpc.status.UNAUTHENTICATED);
        expect(r.reason).toBe(c.reason);
        expect(r.details).toContain('courtbridge token --as');
      });
    }
    it('a valid token passes and is served', async () => {
      const r = await call(mk('AllianceService', a), 'ListMembers', {}, authToken(fx.court, FixtureDids.gateway));
      expect((r.members as unknown[]).length).toBe(fx.genesis.members.length);
    });
  });

  const order = (actionId: string, extra: { orderId?: string } = {}): JudicialOrder => ({
    orderId: extra.orderId ?? `o-${actionId}`,
    court: FixtureDids.court,
    caseId: 'case-2024-001',
    chain: 'finance',
    actionId,
    kind: 'freeze',
    target: 'acct-1',
    amount: '1000',
  });
  const submitReq = (actionId: string, jwt: string) => ({
    actionId,
    chainId: 'finance',
    kind: 'ACTION_KIND_FREEZE',
    target: { recordType: 'account', key: 'account/acct-1' },
    amount: '1000',
    orderJwt: jwt,
    judicialProof: { caseId: 'case-2024-001', recordKey: 'order/o-1' },
  });

  it('an agency calling SubmitAction is PERMISSION_DENIED out_of_role', async () => {
    const jwt = mintOrderJwt(fx, order('agency-1'), { nowMs: Date.now() });
    const r = await rejected(
      call(mk('ActionService', a), 'SubmitAction', submitReq('agency-1', jwt), authToken(fx.agency, FixtureDids.gateway)),
    );
    expect(r.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(r.reason).toBe('out_of_role');
  });

  it('an order whose claims differ from the request is INVALID_ARGUMENT order_mismatch', async () => {
    const jwt = mintOrderJwt(fx, { ...order('mm-1'), amount: '9999' }, { nowMs: Date.now() });
    const r = await rejected(
      call(mk('ActionService', a), 'SubmitAction', submitReq('mm-1', jwt), authToken(fx.court, FixtureDids.gateway)),
    );
    expect(r.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(r.reason).toBe('order_mismatch');
  });

  // The gateway checks an order with its chain's schema from the catalog, as the chain's adapter
  // does with its definition (adapters/sdk/order-check.ts): a request its adapter would refuse is
  // refused here, for the same reason, and nothing reaches the action stream.
  interface SchemaRefusal {
    name: string;
    order: JudicialOrder;
    kind: string;
    target: { recordType: string; key: string };
    reason: string;
    field: string;
  }
  const schemaRefusals: SchemaRefusal[] = [
    {
      name: "a target key under another record type's prefix, ending in the order's target",
      order: order('schema-key'),
      kind: 'ACTION_KIND_FREEZE',
      target: { recordType: 'account', key: 'title/acct-1' },
      reason: 'order_mismatch',
      field: 'target.key',
    },
    {
      name: 'another record type',
      order: order('schema-type'),
      kind: 'ACTION_KIND_FREEZE',
      target: { recordType: 'title', key: 'account/acct-1' },
      reason: 'order_mismatch',
      field: 'target.recordType',
    },
    {
      name: 'a kind the chain does not execute',
      order: { ...order('schema-kind'), kind: 'seize', amount: '' },
      kind: 'ACTION_KIND_SEIZE',
      target: { recordType: 'account', key: 'account/acct-1' },
      reason: 'unknown_action',
      field: 'kind',
    },
  ];
  for (const c of schemaRefusals) {
    it(`${c.name}: refused at the gateway as the finance adapter refuses it (${c.reason}), nothing published`, async () => {
      const token = authToken(fx.court, FixtureDids.gateway);
      const jwt = mintOrderJwt(fx, c.order, { nowMs: Date.now() });
      const req = { ...submitReq(c.order.actionId, jwt), kind: c.kind, target: c.target, amount: c.order.amount };
      // The adapter's verdict: the one order check given its definition, on the JWT's payload.
      const payload: unknown = JSON.parse(Buffer.from(jwt.split('.')[1]!, 'base64url').toString('utf8'));
      const adapter = checkOrderRequest({ claims: payload, issuer: FixtureDids.court, request: req, schema: financeDefinition });
      expect(adapter).toMatchObject({ ok: false, reason: c.reason, field: c.field });
      const nc = await (await import('nats')).connect({ servers: nats.url });
      const jsm = await nc.jetstreamManager();
      const before = (await jsm.streams.info('CB_ACTIONS')).state.messages;
      const r = await rejected(call(mk('ActionService', a), 'SubmitAction', req, token));
      expect(r.code).toBe(grpc.status.INVALID_ARGUMENT);
      expect(r.reason).toBe(c.reason);
      expect(r.details).toContain(adapter.ok ? '(the adapter accepted it)' : adapter.message);
      expect((await jsm.streams.info('CB_ACTIONS')).state.messages).toBe(before);
      await nc.close();
      const none = await rejected(call(mk('ActionService', a), 'GetAction', { actionId: c.order.actionId }, token));
      expect(none.code).toBe(grpc.status.NOT_FOUND);
    });
  }

  it('an order signed for another audience is UNAUTHENTICATED order_signature_invalid', async () => {
    const jwt = mintOrderJwt(fx, order('aud-1'), { nowMs: Date.now(), audience: FixtureDids.gateway });
    const r = await rejected(
      call(mk('ActionService', a), 'SubmitAction', submitReq('aud-1', jwt), authToken(fx.court, FixtureDids.gateway)),
    );
    expect(r.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(r.reason).toBe('order_signature_invalid');
  });

  it('SubmitAction is idempotent: same id twice and two replicas racing give one action', async () => {
    const token = authToken(fx.court, FixtureDids.gateway);
    const jwt = mintOrderJwt(fx, order('race-1'), { nowMs: Date.now() });
    const [x, y] = await Promise.all([
      call(mk('ActionService', a), 'SubmitAction', submitReq('race-1', jwt), token),
      call(mk('ActionService', b), 'SubmitAction', submitReq('race-1', jwt), token),
    ]);
    expect(x.actionId).toBe('race-1');
    expect(y.submittedAtMs).toBe(x.submittedAtMs);
    const again = await call(mk('ActionService', a), 'SubmitAction', submitReq('race-1', jwt), token);
    expect(again.submittedAtMs).toBe(x.submittedAtMs);
    expect(again.status).toBe('ACTION_STATUS_PENDING');
    // One request in the action stream (JetStream dedupe by msg id).
    const jsm = await (await import('nats')).connect({ servers: nats.url });
    const info = await (await jsm.jetstreamManager()).streams.info('CB_ACTIONS');
    expect(info.state.messages).toBe(1);
    await jsm.close();
    // Same id with another order: ALREADY_EXISTS.
    const other = mintOrderJwt(fx, order('race-1', { orderId: 'o-other' }), { nowMs: Date.now() });
    const r = await rejected(call(mk('ActionService', b), 'SubmitAction', submitReq('race-1', other), token));
    expect(r.code).toBe(grpc.status.ALREADY_EXISTS);
    expect(r.reason).toBe('action_id_conflict');
    const got = await call(mk('ActionService', b), 'GetAction', { actionId: 'race-1' }, token);
    expect(got.courtDid).toBe(FixtureDids.court);
  });

  const operatorOrder = (operation: 'OPERATOR_OPERATION_TRIP_BREAKER' | 'OPERATOR_OPERATION_RESET_BREAKER') => ({
    operation,
    chainId: 'finance',
    reason: 'test',
    issuedAtMs: Date.now(),
    nonce: randomBytes(16),
  });
  const approvals = (o: ReturnType<typeof operatorOrder>, admins: string[]) =>
    admins.map((did) => {
      const s = fx.signers.get(did)!;
      return { adminDid: did, kid: s.kid, signature: s.sign(operatorOrderSigningInput(o)) };
    });

  it('a tripped breaker refuses actions (FAILED_PRECONDITION); reset needs a quorum', async () => {
    const token = authToken(fx.court, FixtureDids.gateway);
    const trip = operatorOrder('OPERATOR_OPERATION_TRIP_BREAKER');
    const tripped = await call(
      mk('ChainService', a),
      'TripBreaker',
      { order: trip, approvals: approvals(trip, [FixtureDids.admin1, FixtureDids.admin2]) },
      token,
    );
    expect(tripped.breaker).toBe('BREAKER_STATE_OPEN');
    // Seen by the other replica (state in KV).
    const jwt = mintOrderJwt(fx, order('br-1'), { nowMs: Date.now() });
    const r = await rejected(call(mk('ActionService', b), 'SubmitAction', submitReq('br-1', jwt), token));
    expect(r.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(r.reason).toBe('breaker_open');
    expect(r.details).toContain('finance');
    expect(r.details).toContain('ResetBreaker');
    const reset1 = operatorOrder('OPERATOR_OPERATION_RESET_BREAKER');
    const noQuorum = await rejected(
      call(mk('ChainService', a), 'ResetBreaker', { order: reset1, approvals: approvals(reset1, [FixtureDids.admin1]) }, token),
    );
    expect(noQuorum.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(noQuorum.reason).toBe('approval_quorum_not_met');
    const forged = await rejected(
      call(
        mk('ChainService', a),
        'ResetBreaker',
        {
          order: reset1,
          approvals: [...approvals(reset1, [FixtureDids.admin1]), ...approvals({ ...reset1, reason: 'other' }, [FixtureDids.admin2])],
        },
        token,
      ),
    );
    expect(forged.reason).toBe('approval_quorum_not_met');
    const reset2 = operatorOrder('OPERATOR_OPERATION_RESET_BREAKER');
    const closed = await call(
      mk('ChainService', b),
      'ResetBreaker',
      { order: reset2, approvals: approvals(reset2, [FixtureDids.admin1, FixtureDids.admin2]) },
      token,
    );
    expect(closed.breaker).toBe('BREAKER_STATE_CLOSED');
    const replay = await rejected(
      call(
        mk('ChainService', a),
        'ResetBreaker',
        { order: reset2, approvals: approvals(reset2, [FixtureDids.admin1, FixtureDids.admin2]) },
        token,
      ),
    );
    expect(replay.code).toBe(grpc.status.ALREADY_EXISTS);
    const ok = await call(mk('ActionService', b), 'SubmitAction', submitReq('br-1', jwt), token);
    expect(ok.status).toBe('ACTION_STATUS_PENDING');
    // Audit log: trip and reset, signed envelopes in CB_EVENTS.
    const nc = await (await import('nats')).connect({ servers: nats.url });
    const info = await (await nc.jetstreamManager()).streams.info('CB_EVENTS');
    expect(info.state.messages).toBe(2);
    await nc.close();
  });

  it('RevokeMember: without quorum PERMISSION_DENIED; with quorum seen by the second gateway at once', async () => {
    const agencyToken = authToken(fx.agency, FixtureDids.gateway);
    // Cached on gateway B before the revocation.
    await call(mk('AllianceService', b), 'ResolveDid', { did: FixtureDids.agency }, agencyToken);
    const state = a.deps.registry.state;
    const update = {
      operation: 'REGISTRY_OPERATION_REVOKE' as const,
      did: FixtureDids.agency,
      member: null,
      reason: 'test revocation',
      newKey: null,
      retireKid: '',
      effectiveAtMs: Date.now(),
      baseRegistryVersion: state.sequence,
      nonce: randomBytes(16),
    };
    const body = registryUpdateFromProto(update as MessageOutput<'RegistryUpdate'>, [], state);
    const sigs = [FixtureDids.admin1, FixtureDids.admin2].map((d) => {
      const ap = approveRegistryUpdate(body, fx.signers.get(d)!);
      return { adminDid: ap.adminDid, kid: ap.kid, signature: ap.signature };
    });
    const adminToken = authToken(fx.signers.get(FixtureDids.admin1)!, FixtureDids.gateway);
    const weak = await rejected(call(mk('AllianceService', a), 'RevokeMember', { update, approvals: sigs.slice(0, 1) }, adminToken));
    expect(weak.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(weak.reason).toBe('quorum_not_met');
    const wrongOp = await rejected(call(mk('AllianceService', a), 'RegisterMember', { update, approvals: sigs }, adminToken));
    expect(wrongOp.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(wrongOp.reason).toBe('operation_mismatch');
    const res = await call(mk('AllianceService', a), 'RevokeMember', { update, approvals: sigs }, adminToken);
    expect((res.member as Record<string, unknown>).status).toBe('MEMBER_STATUS_REVOKED');
    await eventually(() => b.deps.registry.state.sequence >= 1, { what: 'gateway b applied the revocation' });
    const after = await rejected(call(mk('AllianceService', b), 'ResolveDid', { did: FixtureDids.agency }, agencyToken));
    expect(after.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(after.reason).toBe('revoked_issuer');
  });

  it('a third gateway started later catches up from the registry stream', async () => {
    const c = await startGatewayNode(
      loadGatewayConfig({
        overrides: {
          listen: '127.0.0.1:0',
          natsServers: [nats.url],
          genesisHash: toHex(sha256(fx.genesisBytes)),
          metricsPort: -1,
          logLevel: 'silent',
        },
      }),
      { signer: fx.gateway, genesisBytes: fx.genesisBytes },
    );
    try {
      expect(c.deps.registry.state.members.get(FixtureDids.agency)?.status).toBe('revoked');
    } finally {
      await c.shutdown();
    }
  }, 20_000);

  it('per-court action rate limit: RESOURCE_EXHAUSTED with retry advice', async () => {
    const token = authToken(fx.court, FixtureDids.gateway);
    let last: { code: number; reason: string; details: string } | undefined;
    for (let i = 0; i < 8 && last === undefined; i++) {
      const id = `rl-${i}`;
      try {
        await call(mk('ActionService', a), 'SubmitAction', submitReq(id, mintOrderJwt(fx, order(id), { nowMs: Date.now() })), token);
      } catch (e) {
        const s = e as StatusError;
        last = { code: s.code, reason: String(s.metadata.get(REASON_TRAILER)[0]), details: s.details };
        expect(s.metadata.get('retry-after-ms').length).toBe(1);
      }
    }
    expect(last?.code).toBe(grpc.status.RESOURCE_EXHAUSTED);
    expect(last?.reason).toBe('court_rate_limited');
  });

  it('/metrics serves call counters by method and code', async () => {
    const res = await fetch(`http://127.0.0.1:${a.metricsPort}/metrics`);
    const text = await res.text();
    expect(res.status).toBe(200);
    expect(text).toMatch(/courtbridge_grpc_calls_total\{method="ActionService\/SubmitAction",code="PERMISSION_DENIED"\} 1/);
    expect(text).toMatch(/courtbridge_grpc_calls_total\{method="AllianceService\/ListMembers",code="UNAUTHENTICATED"\} \d+/);
    expect(text).toContain('courtbridge_grpc_call_seconds_bucket');
  });
});
