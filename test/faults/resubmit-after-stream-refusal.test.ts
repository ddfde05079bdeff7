/**
 * Fault: the action stream refuses the gateway's publish after the action was stored (the window
 * a nats node's failover opens: `cb_actions` written, `CB_ACTIONS` without a leader). The court
 * gets UNAVAILABLE `action_stream_unavailable` and resubmits the same request with the same
 * action id, as it must; the gateway then publishes the stored PENDING action again. That
 * publish must carry what the first would have carried, the judicial proof bundle the gateway
 * fetched and checked, or the adapter refuses it for good (REJECTED `judicial_proof_missing`): an
 * acknowledged action lost to a transient failure. Found by cluster-faults.test.ts's node kill; here
 * the refusal is made deterministic on one node: the stream is capped at its current count with
 * `discard: new` (so the publish is refused, its consumers kept), then uncapped.
 */
import * as grpc from '@grpc/grpc-js';
import { DiscardPolicy, type NatsConnection } from 'nats';
import { afterAll, expect, it } from 'vitest';
import { Buckets, Streams } from '../../src/bus/subjects.js';
import type { JudicialOrder } from '../../src/judicial/order.js';
import { DEMO_CAST } from '../../src/seed/demo-cast.js';
import { FixtureDids, issueJudicialOrder, mintOrderJwt } from '../helpers/alliance-fixture.js';
import { eventually } from '../helpers/eventually.js';
import { courtCaller, type E2e, failure, startE2e, submitActionOf } from '../relay/e2e/e2e-setup.js';

let e2e: E2e | undefined;
let nc: NatsConnection | undefined;
afterAll(async () => {
  await nc?.close();
  await e2e?.stop();
});

it('fault: the action stream refuses the publish after the action is stored; the resubmitted action is executed, not REJECTED', async () => {
  e2e = await startE2e();
  const gw = await e2e.startGateway();
  // The operator (the only one the secured bus lets change a stream's limits) plays the failover.
  nc = await e2e.connectAs('operator');
  const jsm = await nc.jetstreamManager();
  const court = courtCaller(e2e.fx, gw.address);
  try {
    const order: JudicialOrder = {
      orderId: 'fault-order-1',
      court: FixtureDids.court,
      caseId: '(2026) Faults 1',
      chain: 'finance',
      actionId: 'fault-freeze-1',
      kind: 'freeze',
      target: DEMO_CAST.debtor.accounts[0].accountNo,
      amount: '100',
    };
    await issueJudicialOrder(e2e.backends.judicial.ledger, order, { nowMs: Date.now() });
    const req = submitActionOf(
      order,
      { recordType: 'account', key: DEMO_CAST.debtor.accounts[0].key },
      mintOrderJwt(e2e.fx, order, { nowMs: Date.now() }),
    );
    // One message on a subject no adapter follows, so the stream is not empty and can be capped at its count.
    await nc.jetstream().publish(`${Streams.actions.subjects[0]!.slice(0, -1)}no-such-chain`, new Uint8Array(1));
    const before = await jsm.streams.info(Streams.actions.name);
    await jsm.streams.update(Streams.actions.name, { ...before.config, max_msgs: before.state.messages, discard: DiscardPolicy.New });
    const refused = await failure(court.call('ActionService', 'SubmitAction', req));
    expect(refused).toMatchObject({ code: grpc.status.UNAVAILABLE, reason: 'action_stream_unavailable' });
    await jsm.streams.update(Streams.actions.name, { ...before.config });
    const again = await court.call('ActionService', 'SubmitAction', req);
    expect(again.status).toBe('ACTION_STATUS_PENDING');
    const final = await eventually(
      async () => {
        const a = await court.call('ActionService', 'GetAction', { actionId: order.actionId });
        if (a.status === 'ACTION_STATUS_PENDING' || a.status === 'ACTION_STATUS_DELIVERED') throw new Error(`still ${String(a.status)}`);
        return a;
      },
      { timeoutMs: 30_000 },
    );
    expect({ status: final.status, reason: final.reason }).toEqual({ status: 'ACTION_STATUS_EXECUTED', reason: '' });
  } finally {
    court.close();
  }
}, 90_000);

it("fault: the order replay bucket is unreachable at submission; the court's retry is not charged for the failed attempt", async () => {
  const local = await startE2e();
  let ncLocal: NatsConnection | undefined;
  let court: ReturnType<typeof courtCaller> | undefined;
  try {
    // One action per hour for this court: a charged failed attempt would refuse the retry.
    const gw = await local.startGateway({
      actionLimits: { perCourt: { limit: 1, windowMs: 3_600_000 }, perChain: { limit: 100, windowMs: 3_600_000 }, chains: {}, courts: {} },
    });
    court = courtCaller(local.fx, gw.address);
    ncLocal = await local.connectAs('operator');
    const order: JudicialOrder = {
      orderId: 'fault-order-2',
      court: FixtureDids.court,
      caseId: '(2026) Faults 2',
      chain: 'finance',
      actionId: 'fault-freeze-2',
      kind: 'freeze',
      target: DEMO_CAST.debtor.accounts[0].accountNo,
      amount: '100',
    };
    await issueJudicialOrder(local.backends.judicial.ledger, order, { nowMs: Date.now() });
    const req = submitActionOf(
      order,
      { recordType: 'account', key: DEMO_CAST.debtor.accounts[0].key },
      mintOrderJwt(local.fx, order, { nowMs: Date.now() }),
    );
    const jsm = await ncLocal.jetstreamManager();
    const replayStream = `KV_${Buckets.replay}`;
    const cfg = (await jsm.streams.info(replayStream)).config;
    await jsm.streams.delete(replayStream);
    const refused = await failure(court.call('ActionService', 'SubmitAction', req));
    expect(refused).toMatchObject({ code: grpc.status.UNAVAILABLE, reason: 'replay_unavailable' });
    await jsm.streams.add(cfg);
    const again = await court.call('ActionService', 'SubmitAction', req);
    expect(again.status).toBe('ACTION_STATUS_PENDING');
  } finally {
    court?.close();
    await ncLocal?.close();
    await local.stop();
  }
}, 90_000);
