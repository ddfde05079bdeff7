/**
 * Adapters follow the alliance registry without restart ("Alliance": "a revocation is seen
 * by every gateway and adapter without restart"): the adapters start on the genesis registry and
 * follow `CB_REGISTRY` (src/bus/registry-follower.ts through adapters/sdk/runtime.ts `registry`).
 * The court's first order executes; admins revoke the court through the gateway's
 * AllianceService/RevokeMember (real gRPC); the finance adapter, not restarted, then rejects the
 * court's next order with a signed `action.result` naming the revocation.
 */
import { randomBytes } from 'node:crypto';

import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { JudicialOrder } from '../../../src/judicial/order.js';
import { checkEnvelope } from '../../../src/bus/envelope-verify.js';
import { resultsSubject, Streams } from '../../../src/bus/subjects.js';
import { approveRegistryUpdate } from '../../../src/identity/registry-update.js';
import type { RunningGateway } from '../../../src/relay/gateway.js';
import { registryUpdateFromProto } from '../../../src/relay/registry-sync.js';
import { decodeMessage } from '../../../src/wire/codec.js';
import type { MessageOutput } from '../../../src/wire/messages.js';
import { demoCast } from '../../../src/seed/demo-cast.js';
import { FixtureDids, issueJudicialOrder, mintOrderJwt } from '../../helpers/alliance-fixture.js';
import { forwardedActionRequest, publishActionRequest } from '../../helpers/action-traffic.js';
import { eventually } from '../../helpers/eventually.js';
import { authToken, serviceClient, startE2e, type E2e } from './e2e-setup.js';

const cast = demoCast();
let e2e: E2e;
let gw: RunningGateway;

beforeAll(async () => {
  e2e = await startE2e({ records: 5, followRegistry: true });
  gw = await e2e.startGateway();
}, 60_000);

afterAll(async () => {
  await e2e?.stop();
}, 30_000);

const order = (n: number): JudicialOrder => ({
  orderId: `follow-order-${n}`,
  court: FixtureDids.court,
  caseId: '(2026) Jing 0101 Zhi 88',
  chain: 'finance',
  actionId: `follow-freeze-${n}`,
  kind: 'freeze',
  target: cast.debtor.accounts[0].accountNo,
  amount: String(1000 * n),
});

/** What a gateway forwards (the order JWT and the order's proof on the judicial chain), sealed by the gateway. */
async function send(o: JudicialOrder): Promise<void> {
  const req = forwardedActionRequest(e2e.backends.judicial.ledger, o, mintOrderJwt(e2e.fx, o, { nowMs: Date.now() }), {
    recordType: 'account',
    key: `account/${o.target}`,
  });
  await publishActionRequest(gw.deps.bus.nc, e2e.fx.gateway, 'finance', req);
}

/** The adapter's signed result for `actionId` (envelope verified as an adapter's `action.result`). */
async function resultFor(actionId: string, timeoutMs = 15_000): Promise<MessageOutput<'ActionResult'>> {
  const found = async (): Promise<MessageOutput<'ActionResult'> | false> => {
    const c = await gw.deps.bus.nc.jetstream().consumers.get(Streams.results.name, { filterSubjects: resultsSubject('finance') });
    const batch = await c.fetch({ max_messages: 200, expires: 1_000 });
    for await (const m of batch) {
      const r = checkEnvelope(m.data, {
        authority: e2e.fx.authority,
        nowMs: Date.now(),
        maxAgeMs: 600_000,
        maxFutureSkewMs: 5_000,
        chain: 'finance',
      });
      if (r.kind !== 'accepted') throw new Error(`result envelope dropped: ${r.drop.reason}`);
      expect(r.envelope.senderDid).toBe(FixtureDids.adapter('finance'));
      const res = decodeMessage('ActionResult', r.envelope.body);
      if (res.actionId === actionId) return res;
      if (m.info.pending === 0) break;
    }
    return false;
  };
  return eventually(found, { timeoutMs, intervalMs: 200, what: `the result of ${actionId}` });
}

function unary(service: string, method: string, req: object, token: string): Promise<Record<string, unknown>> {
  const c = serviceClient(service, gw.address);
  const md = new grpc.Metadata();
  md.set('authorization', `Bearer ${token}`);
  return new Promise((resolve, reject) =>
    c[method]!.call(c, req, md, { deadline: Date.now() + 10_000 }, (e: grpc.ServiceError | null, r?: Record<string, unknown>) => {
      c.close();
      if (e === null) resolve(r ?? {});
      else reject(e);
    }),
  );
}

describe('adapters follow the registry stream', () => {
  it('a court revoked after the adapter started: its next order is rejected (signed, reason names the revocation), no restart', async () => {
    const before = order(1);
    await issueJudicialOrder(e2e.backends.judicial.ledger, before, { nowMs: Date.now() });
    await send(before);
    expect((await resultFor(before.actionId)).status).toBe('ACTION_STATUS_EXECUTED');

    const state = gw.deps.registry.state;
    const update = {
      operation: 'REGISTRY_OPERATION_REVOKE' as const,
      did: FixtureDids.court,
      member: null,
      reason: 'court key compromised',
      newKey: null,
      retireKid: '',
      effectiveAtMs: Date.now(),
      baseRegistryVersion: state.sequence,
      nonce: randomBytes(16),
    };
    const body = registryUpdateFromProto(update as MessageOutput<'RegistryUpdate'>, [], state);
    const approvals = [FixtureDids.admin1, FixtureDids.admin2].map((d) => approveRegistryUpdate(body, e2e.fx.signers.get(d)!));
    const res = await unary(
      'AllianceService',
      'RevokeMember',
      { update, approvals },
      authToken(e2e.fx.signers.get(FixtureDids.admin1)!, FixtureDids.gateway),
    );
    expect((res.member as Record<string, unknown>).status).toBe('MEMBER_STATUS_REVOKED');

    // The running adapters' own registries applied it from the stream.
    const finance = e2e.registries.finance!;
    await eventually(() => expect(finance.state.sequence).toBe(body.sequence), {
      what: "the finance adapter's registry applied the revocation",
    });
    expect(e2e.registries.judicial!.state.sequence).toBe(body.sequence);

    const after = order(2);
    await issueJudicialOrder(e2e.backends.judicial.ledger, after, { nowMs: Date.now() });
    await send(after);
    const rejected = await resultFor(after.actionId);
    expect(rejected.status).toBe('ACTION_STATUS_REJECTED');
    expect(rejected.reason).toMatch(/revoked/);
  }, 60_000);
});
