/**
 * Court orders through a node failure of a real 3-node JetStream cluster (`jetstreamReplicas: 3`
 * for the gateway and the adapters): a stream of freeze orders is submitted while the node leading
 * the finance adapter's order replay bucket (`KV_cb_orders_finance`) is killed with SIGKILL and
 * restarted on its store. Every order the gateway acknowledged must end EXECUTED, once on the
 * chain (one freeze per order on the account), with no REJECTED or FAILED result for a transient
 * reason; and every stream and bucket courtbridge made holds 3 replicas.
 *
 * Without replicated buckets the killed node held the only copy of the replay bucket, and the
 * adapter rejected the orders it could not check (`order_replay_unavailable`); without retries
 * a stream's leader election did the same.
 */
import * as grpc from '@grpc/grpc-js';
import { connect, type NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { orderReplayBucket } from '../../../adapters/sdk/runtime.js';
import { type NatsClusterHandle, startNatsCluster } from '../../../src/devtools/nats-cluster.js';
import type { JudicialOrder } from '../../../src/judicial/order.js';
import type { RunningGateway } from '../../../src/relay/gateway.js';
import { demoCast } from '../../../src/seed/demo-cast.js';
import { decodeEnvelope } from '../../../src/bus/envelope.js';
import { decodeMessage } from '../../../src/wire/codec.js';
import { FixtureDids, issueJudicialOrder, mintOrderJwt } from '../../helpers/alliance-fixture.js';
import { eventually } from '../../helpers/eventually.js';
import { type CourtCaller, courtCaller, type E2e, startE2e, submitActionOf } from './e2e-setup.js';

type Obj = Record<string, unknown>;
const ORDERS = 120;
const cast = demoCast();
const account = cast.debtor.accounts[0]!.accountNo;

let cluster: NatsClusterHandle;
let e2e: E2e;
let gw: RunningGateway;
let court: CourtCaller;
let nc: NatsConnection;

beforeAll(async () => {
  cluster = await startNatsCluster();
  await cluster.ready();
  e2e = await startE2e({ cluster, jetstreamReplicas: 3, chains: ['finance'], records: 5 });
  gw = await e2e.startGateway({
    jetstreamReplicas: 3,
    // Room for the whole stream at once, so only the fault decides.
    actionLimits: {
      perCourt: { limit: 10 * ORDERS, windowMs: 3_600_000 },
      perChain: { limit: 10 * ORDERS, windowMs: 3_600_000 },
      chains: {},
      courts: {},
    },
  });
  court = courtCaller(e2e.fx, gw.address, 15_000);
  nc = await connect({ servers: cluster.urls });
}, 60_000);

afterAll(async () => {
  court?.close();
  await nc?.close().catch(() => undefined);
  await e2e?.stop();
  await cluster?.stop();
}, 60_000);

/** Submit until the gateway acknowledges (UNAVAILABLE and DEADLINE_EXCEEDED are retried, as a court's client does: the call is idempotent). */
async function submitAcknowledged(req: Obj, deadlineMs: number): Promise<Obj> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await court.call('ActionService', 'SubmitAction', req);
    } catch (e) {
      const code = (e as grpc.ServiceError).code;
      const retryable = code === grpc.status.UNAVAILABLE || code === grpc.status.DEADLINE_EXCEEDED;
      if (!retryable || Date.now() > deadlineMs) throw e;
      await new Promise((r) => setTimeout(r, Math.min(200 * 2 ** attempt, 2_000)));
    }
  }
}

/** The node leading a stream now (server names are `<cluster>-n<i+1>`). */
async function leaderIndex(stream: string): Promise<number> {
  const info = await (await nc.jetstreamManager()).streams.info(stream);
  const leader = info.cluster?.leader ?? '';
  const i = cluster.nodes.findIndex((_, j) => leader.endsWith(`-n${j + 1}`));
  if (i < 0) throw new Error(`no leader for ${stream} (${leader})`);
  return i;
}

describe('court orders through a kill -9 of a JetStream node (3-node cluster, replicas 3)', () => {
  it(`${ORDERS} freeze orders, one node killed and restarted mid-stream: every acknowledged order EXECUTED once, all storage R3`, async () => {
    const started = Date.now();
    const orders: JudicialOrder[] = Array.from({ length: ORDERS }, (_, i) => ({
      orderId: `fault-order-${i}`,
      court: FixtureDids.court,
      caseId: '(2026) Jing 0101 Zhi 900',
      chain: 'finance',
      actionId: `fault-freeze-${i}`,
      kind: 'freeze',
      target: account,
      amount: '1',
    }));
    // The orders exist on the judicial chain first (the chain is not JetStream: the fault is not there).
    for (const o of orders) await issueJudicialOrder(e2e.backends.judicial.ledger, o, { nowMs: Date.now() });
    const victim = await leaderIndex(`KV_${orderReplayBucket('finance')}`);

    const acknowledged: string[] = [];
    const deadline = Date.now() + 60_000;
    let next = 0;
    let killed = false;
    let restarted: Promise<void> | undefined;
    const worker = async (): Promise<void> => {
      for (;;) {
        const i = next++;
        if (i >= ORDERS) return;
        // A third of the way in the node goes down; it comes back a few seconds (and orders) later.
        if (i === Math.floor(ORDERS / 3) && !killed) {
          killed = true;
          await cluster.nodes[victim]!.kill9();
          restarted = new Promise((r) => setTimeout(r, 4_000)).then(() => cluster.nodes[victim]!.start());
        }
        const o = orders[i]!;
        const jwt = mintOrderJwt(e2e.fx, o, { nowMs: Date.now() });
        const a = await submitAcknowledged(submitActionOf(o, { recordType: 'account', key: `account/${account}` }, jwt), deadline);
        expect(a.actionId).toBe(o.actionId);
        acknowledged.push(o.actionId);
      }
    };
    await Promise.all(Array.from({ length: 6 }, worker));
    await restarted;
    expect(killed).toBe(true);
    expect(acknowledged.length).toBe(ORDERS);

    // Every acknowledged action ends EXECUTED, with its adapter's signed result.
    const statuses = new Map<string, string>();
    await eventually(
      async () => {
        for (const id of acknowledged) {
          if (statuses.get(id) === 'ACTION_STATUS_EXECUTED') continue;
          const a = await court.call('ActionService', 'GetAction', { actionId: id });
          statuses.set(id, `${String(a.status)}${a.reason ? ` (${String(a.reason)})` : ''}`);
          if (a.status === 'ACTION_STATUS_EXECUTED') statuses.set(id, 'ACTION_STATUS_EXECUTED');
        }
        const open = [...statuses].filter(([, s]) => s !== 'ACTION_STATUS_EXECUTED');
        if (open.length > 0)
          throw new Error(
            `${open.length} not EXECUTED, e.g. ${open
              .slice(0, 5)
              .map(([id, s]) => `${id}: ${s}`)
              .join('; ')}`,
          );
      },
      { timeoutMs: 45_000, intervalMs: 500, what: 'every acknowledged action EXECUTED' },
    );

    // Once on the chain: one freeze per order on the account, and the ledger holds each action's tx.
    const finance = e2e.backends.finance.ledger;
    const acct = JSON.parse(Buffer.from(finance.get(`account/${account}`)!).toString('utf8')) as { freezes: { orderId: string }[] };
    for (const o of orders) {
      expect(finance.hasTx(o.actionId), `${o.actionId} on the ledger`).toBe(true);
      expect(acct.freezes.filter((f) => f.orderId === o.orderId).length, `freezes of ${o.orderId}`).toBe(1);
    }

    // No REJECTED or FAILED result was ever published for them (a transient failure never became final).
    const jsm = await nc.jetstreamManager();
    const results = await jsm.streams.info('CB_RESULTS');
    const finals: string[] = [];
    for (let seq = results.state.first_seq; seq <= results.state.last_seq; seq++) {
      const m = await jsm.streams.getMessage('CB_RESULTS', { seq }).catch(() => undefined);
      if (m === undefined) continue;
      const env = decodeEnvelope(m.data);
      const r = decodeMessage('ActionResult', env.body);
      if (r.actionId.startsWith('fault-freeze-') && r.status !== 'ACTION_STATUS_EXECUTED')
        finals.push(`${r.actionId}: ${r.status} ${r.reason}`);
    }
    expect(finals).toEqual([]);

    // Every stream and bucket courtbridge made holds 3 replicas.
    const replicas: Record<string, number> = {};
    for await (const s of jsm.streams.list()) replicas[s.config.name] = s.config.num_replicas;
    expect(Object.keys(replicas)).toEqual(
      expect.arrayContaining(['CB_ACTIONS', 'CB_RESULTS', 'CB_HEADERS', 'KV_cb_actions', 'KV_cb_orders_finance']),
    );
    expect(Object.entries(replicas).filter(([, n]) => n !== 3)).toEqual([]);
    expect(Date.now() - started).toBeLessThan(90_000);
  }, 100_000);
});
