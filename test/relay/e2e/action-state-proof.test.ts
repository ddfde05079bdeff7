/**
 * What a court reads about an action is what signatures prove (src/relay/modules/action-proof.ts):
 * an anonymous NATS client rewrites the `cb_actions` bucket behind the gateway, and GetAction,
 * ListActions and both WatchActions over real gRPC refuse or ignore each rewrite:
 *   - REJECTED turned EXECUTED without a result         -> PENDING, reason action_state_unproven
 *   - EXECUTED with another action's signed result      -> PENDING, reason action_state_unproven
 *   - an entry never submitted (a copied order, or none) -> NOT_FOUND unknown_action, never listed
 * and the real result, signed by the adapter, is still served for the untouched action.
 */
import * as grpc from '@grpc/grpc-js';
import type { KV, NatsConnection } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import type { JudicialOrder } from '../../../src/judicial/order.js';
import { actionKey } from '../../../src/relay/modules/actions.js';
import type { RunningGateway } from '../../../src/relay/gateway.js';
import { demoCast } from '../../../src/seed/demo-cast.js';
import { decodeMessage, encodeMessage } from '../../../src/wire/codec.js';
import type { MessageOutput } from '../../../src/wire/messages.js';
import { FixtureDids, issueJudicialOrder, mintOrderJwt } from '../../helpers/alliance-fixture.js';
import { eventually } from '../../helpers/eventually.js';
import {
  authToken,
  type CourtCaller,
  courtCaller,
  type E2e,
  failure,
  serviceClient,
  startE2e,
  submitActionOf,
  submitUntilExecuted,
} from './e2e-setup.js';

type Obj = Record<string, unknown>;
type Action = MessageOutput<'Action'>;
const account = demoCast().debtor.accounts[0]!.accountNo;

let e2e: E2e;
let gw: RunningGateway;
let court: CourtCaller;
let raw: NatsConnection;
let kv: KV;

const order = (n: string, amount: string): JudicialOrder => ({
  orderId: `proof-order-${n}`,
  court: FixtureDids.court,
  caseId: '(2026) Jing 0101 Zhi 501',
  chain: 'finance',
  actionId: `proof-${n}`,
  kind: 'freeze',
  target: account,
  amount,
});
const executed = order('executed', '100');
const rejected = order('rejected', '999999999999999');

beforeAll(async () => {
  e2e = await startE2e({ chains: ['finance'], records: 5 });
  gw = await e2e.startGateway();
  court = courtCaller(e2e.fx, gw.address);
  for (const o of [executed, rejected]) await issueJudicialOrder(e2e.backends.judicial.ledger, o, { nowMs: Date.now() });
  const submit = (o: JudicialOrder): Obj =>
    submitActionOf(o, { recordType: 'account', key: `account/${account}` }, mintOrderJwt(e2e.fx, o, { nowMs: Date.now() }));
  await submitUntilExecuted(court, submit(executed), 20_000);
  await court.call('ActionService', 'SubmitAction', submit(rejected));
  await eventually(
    async () => (await court.call('ActionService', 'GetAction', { actionId: rejected.actionId })).status === 'ACTION_STATUS_REJECTED',
    {
      timeoutMs: 20_000,
      what: 'the oversized freeze REJECTED by the adapter',
    },
  );
  // The secured bus refuses anonymous clients and lets no adapter or court write cb_actions; the
  // operator's credentials can (as a stolen seed or a mistaken script would): what the bucket
  // holds is still not trusted.
  raw = await e2e.connectAs('operator');
  kv = await raw.jetstream().views.kv('cb_actions', { bindOnly: true });
}, 90_000);

afterAll(async () => {
  court?.close();
  await raw?.close();
  await e2e?.stop();
}, 30_000);

async function stored(actionId: string): Promise<Action> {
  const e = await kv.get(actionKey(actionId));
  if (e === null) throw new Error(`no entry for ${actionId}`);
  return decodeMessage('Action', e.value);
}
async function write(actionId: string, a: Action): Promise<number> {
  return kv.put(actionKey(actionId), encodeMessage('Action', a as never));
}

/** The first message of a server stream that `pick` accepts. */
function firstOf(service: string, method: string, req: object, pick: (m: Obj) => boolean): Promise<Obj> {
  const c = serviceClient(service, gw.address);
  const md = new grpc.Metadata();
  md.set('authorization', `Bearer ${authToken(e2e.fx.court, FixtureDids.gateway)}`);
  const stream = c[method]!.call(c, req, md, { deadline: Date.now() + 15_000 });
  return new Promise((resolve, reject) => {
    stream.on('data', (m: Obj) => {
      if (!pick(m)) return;
      stream.cancel();
      c.close();
      resolve(m);
    });
    stream.on('error', (e: grpc.ServiceError) => {
      c.close();
      if (e.code !== grpc.status.CANCELLED) reject(e);
    });
  });
}

describe('action state from signed results only (a raw NATS client rewrites cb_actions)', () => {
  it('REJECTED rewritten EXECUTED without a result: served PENDING, action_state_unproven, on every read', async () => {
    const real = await stored(rejected.actionId);
    expect(real.status).toBe('ACTION_STATUS_REJECTED');
    const seq = await write(rejected.actionId, { ...real, status: 'ACTION_STATUS_EXECUTED', reason: '', outcome: null } as Action);
    const got = await court.call('ActionService', 'GetAction', { actionId: rejected.actionId });
    expect(got.status).toBe('ACTION_STATUS_PENDING');
    expect(got.reason).toBe('action_state_unproven');
    expect(got.outcome).toBeNull();
    const list = await court.call('ActionService', 'ListActions', { chainId: 'finance' });
    const listed = (list.actions as Obj[]).find((a) => a.actionId === rejected.actionId)!;
    expect(listed.status).toBe('ACTION_STATUS_PENDING');
    const executedOnly = await court.call('ActionService', 'ListActions', { chainId: 'finance', status: 'ACTION_STATUS_EXECUTED' });
    expect((executedOnly.actions as Obj[]).map((a) => a.actionId)).toEqual([executed.actionId]);
    const watched = await firstOf('ActionService', 'WatchActions', { actionIds: [rejected.actionId] }, () => true);
    expect(watched.status).toBe('ACTION_STATUS_PENDING');
    const event = await firstOf('WatchService', 'WatchActions', { chainId: 'finance', fromSequence: seq }, () => true);
    expect((event.action as Obj).actionId).toBe(rejected.actionId);
    expect((event.action as Obj).status).toBe('ACTION_STATUS_PENDING');
    expect((event.action as Obj).reason).toBe('action_state_unproven');
  });

  it("EXECUTED with another action's signed result: not EXECUTED (the result is for another action id)", async () => {
    const other = await stored(executed.actionId);
    expect(other.outcome?.signedResult).toBeTruthy();
    const real = await stored(rejected.actionId);
    await write(rejected.actionId, { ...real, status: 'ACTION_STATUS_EXECUTED', reason: '', outcome: other.outcome } as Action);
    const got = await court.call('ActionService', 'GetAction', { actionId: rejected.actionId });
    expect(got.status).toBe('ACTION_STATUS_PENDING');
    expect(got.reason).toBe('action_state_unproven');
    // The action whose result it is still reads EXECUTED, with the adapter's signed result.
    const mine = await court.call('ActionService', 'GetAction', { actionId: executed.actionId });
    expect(mine.status).toBe('ACTION_STATUS_EXECUTED');
    const r = decodeMessage('ActionResult', ((mine.outcome as Obj).signedResult as Obj).body as Uint8Array);
    expect(r.actionId).toBe(executed.actionId);
  });

  it('entries never submitted (a copied order under another id, no order at all): NOT_FOUND, never listed nor watched', async () => {
    const copy = await stored(executed.actionId);
    const firstSeq = await write('forged-copy', { ...copy, actionId: 'forged-copy' } as Action);
    await write('forged-bare', {
      ...copy,
      actionId: 'forged-bare',
      orderJwt: '',
      status: 'ACTION_STATUS_EXECUTED',
    } as Action);
    // And the same order JWT, its own id, under a key that is not that id's; and bytes that are no Action.
    await kv.put(actionKey('forged-key'), encodeMessage('Action', copy as never));
    await kv.put(actionKey('forged-bytes'), new Uint8Array([0xff, 0xff, 0xff]));
    for (const id of ['forged-copy', 'forged-bare', 'forged-key', 'forged-bytes']) {
      const f = await failure(court.call('ActionService', 'GetAction', { actionId: id }));
      expect(f.code, id).toBe(grpc.status.NOT_FOUND);
      expect(f.reason, id).toBe('unknown_action');
    }
    const list = await court.call('ActionService', 'ListActions', { chainId: 'finance' });
    const ids = (list.actions as Obj[]).map((a) => a.actionId);
    expect(ids.filter((id) => String(id).startsWith('forged'))).toEqual([]);
    expect(ids).toEqual(expect.arrayContaining([executed.actionId, rejected.actionId]));
    const w = await failure(firstOf('ActionService', 'WatchActions', { actionIds: ['forged-copy'] }, () => true));
    expect(w.code).toBe(grpc.status.NOT_FOUND);
    // The chain's watch skips the forged events: from the first forged one, the next event sent is a real action's.
    const marker = await stored(executed.actionId);
    await write(executed.actionId, marker);
    const event = await firstOf('WatchService', 'WatchActions', { chainId: 'finance', fromSequence: firstSeq }, () => true);
    expect((event.action as Obj).actionId).toBe(executed.actionId);
    expect((event.action as Obj).status).toBe('ACTION_STATUS_EXECUTED');
  });

  it('a forged entry planted under an id before the court uses it does not block the real order: it is replaced and executed', async () => {
    const late = order('late', '100');
    const copy = await stored(executed.actionId);
    await write(late.actionId, {
      ...copy,
      actionId: late.actionId,
      orderJwt: '',
      status: 'ACTION_STATUS_REJECTED',
      reason: 'forged',
    } as Action);
    await issueJudicialOrder(e2e.backends.judicial.ledger, late, { nowMs: Date.now() });
    const jwt = mintOrderJwt(e2e.fx, late, { nowMs: Date.now() });
    const { result } = await submitUntilExecuted(
      court,
      submitActionOf(late, { recordType: 'account', key: `account/${account}` }, jwt),
      20_000,
    );
    expect(result.actionId).toBe(late.actionId);
    expect((await stored(late.actionId)).orderJwt).toBe(jwt);
  });
});
