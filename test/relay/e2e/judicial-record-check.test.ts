/**
 * The gateway compares an order's judicial record with the order itself before accepting it
 * (src/relay/modules/judicial-proof-check.ts, by the adapters' rule src/judicial/order.ts
 * `judicialRecordVerdict`). A real gateway composed by `startGateway`, a real nats-server, the
 * judicial and finance adapters on dev ledgers, real signatures over loopback gRPC.
 *
 * The attacker is a member court with its own valid key. Each forgery points the action's judicial
 * proof at a REAL record on the judicial chain that is not this order (another target account,
 * amount, case, kind, an expired order, another order's key, a bundle of another record). Each is
 * refused FAILED_PRECONDITION with its named reason and the differing field, before anything is
 * published to the action stream and before any action status exists. The honest order passes.
 */
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { judicialOrderRecordKey } from '../../../src/judicial/record-keys.js';
import { wireKindOf } from '../../../src/judicial/wire-kind.js';
import type { JudicialOrder } from '../../../src/judicial/order.js';
import { Streams } from '../../../src/bus/subjects.js';
import { REASON_TRAILER } from '../../../src/wire/reason-trailer.js';
import type { RunningGateway } from '../../../src/relay/gateway.js';
import { demoCast } from '../../../src/seed/demo-cast.js';
import { FixtureDids, issueJudicialOrder, mintOrderJwt } from '../../helpers/alliance-fixture.js';
import { OffsetClock } from '../../helpers/offset-clock.js';
import { authToken, serviceClient, startE2e, type E2e } from './e2e-setup.js';

type Obj = Record<string, unknown>;
interface Failure {
  code: number;
  reason: string;
  details: string;
}

const cast = demoCast();
const [acct0, acct1] = cast.debtor.accounts;
let e2e: E2e;
let gw: RunningGateway;
/** The gateway's clock: the expired-order check moves it past the record's expiry instead of sleeping. */
const clock = new OffsetClock();
const clients: grpc.Client[] = [];

function call(service: string, method: string, req: object): Promise<Obj> {
  const c = serviceClient(service, gw.address);
  clients.push(c);
  const md = new grpc.Metadata();
  md.set('authorization', `Bearer ${authToken(e2e.fx.court, FixtureDids.gateway)}`);
  return new Promise((resolve, reject) =>
    c[method]!.call(c, req, md, { deadline: Date.now() + 10_000 }, (e: grpc.ServiceError | null, r?: Obj) =>
      e === null ? resolve(r ?? {}) : reject(e),
    ),
  );
}

async function failure(p: Promise<unknown>): Promise<Failure> {
  try {
    await p;
  } catch (e) {
    const s = e as grpc.ServiceError;
    return { code: s.code, reason: String(s.metadata?.get(REASON_TRAILER)[0] ?? ''), details: s.details };
  }
  throw new Error('expected the call to fail');
}

/** A freeze order of the demo debtor's account, on the finance chain. */
const freeze = (id: string, over: Partial<JudicialOrder> = {}): JudicialOrder => ({
  orderId: `jr-${id}`,
  court: FixtureDids.court,
  caseId: '(2026) Jing 0101 Zhi 88',
  chain: 'finance',
  actionId: `jr-${id}`,
  kind: 'freeze',
  target: acct0!.accountNo,
  amount: '100000',
  ...over,
});

/** SubmitAction for `o`, its JWT signed by the court; the gateway fetches the judicial proof unless `bundle` is given. */
const submit = (o: JudicialOrder, extra: { recordKey?: string; bundle?: Obj } = {}): Obj => ({
  actionId: o.actionId,
  chainId: o.chain,
  kind: wireKindOf(o.kind),
  target: { recordType: 'account', key: `account/${o.target}` },
  amount: o.amount,
  orderJwt: mintOrderJwt(e2e.fx, o, { nowMs: Date.now() }),
  judicialProof: {
    caseId: o.caseId,
    recordKey: extra.recordKey ?? judicialOrderRecordKey(o.orderId),
    ...(extra.bundle === undefined ? {} : { bundle: extra.bundle }),
  },
});

/** Messages in the action stream (every accepted action is one; a refusal adds none). */
async function actionStreamMessages(): Promise<number> {
  const jsm = await gw.deps.bus.nc.jetstreamManager();
  return (await jsm.streams.info(Streams.actions.name)).state.messages;
}

/** Submit `req`, expect a refusal, and check that it left nothing behind (no message, no action). */
async function refused(req: Obj): Promise<Failure> {
  const before = await actionStreamMessages();
  const f = await failure(call('ActionService', 'SubmitAction', req));
  expect(await actionStreamMessages()).toBe(before);
  const none = await failure(call('ActionService', 'GetAction', { actionId: req.actionId }));
  expect(none.code).toBe(grpc.status.NOT_FOUND);
  expect(none.reason).toBe('unknown_action');
  return f;
}

beforeAll(async () => {
  e2e = await startE2e({ records: 5 });
  gw = await e2e.startGateway({}, { now: clock.now });
}, 60_000);

afterAll(async () => {
  for (const c of clients) c.close();
  await e2e?.stop();
}, 30_000);

describe('SubmitAction: the judicial record must be this order', () => {
  it('the honest order passes: its own record, same fields, not expired', async () => {
    const o = freeze('honest');
    await issueJudicialOrder(e2e.backends.judicial.ledger, o, { nowMs: Date.now() });
    const before = await actionStreamMessages();
    const r = await call('ActionService', 'SubmitAction', submit(o));
    expect(r.status).toBe('ACTION_STATUS_PENDING');
    expect(await actionStreamMessages()).toBe(before + 1);
  });

  // The court issues one order on the judicial chain and signs another under the same order id.
  const forgeries: { name: string; recorded: JudicialOrder; signed: (r: JudicialOrder) => JudicialOrder; field: string }[] = [
    {
      name: 'another target account',
      recorded: freeze('target', { target: acct1!.accountNo }),
      signed: (r) => ({ ...r, target: acct0!.accountNo }),
      field: 'target',
    },
    {
      name: 'another amount',
      recorded: freeze('amount', { amount: '100' }),
      signed: (r) => ({ ...r, amount: '9900000' }),
      field: 'amountCents',
    },
    {
      name: 'another case',
      recorded: freeze('case', { caseId: '(2026) Jing 0101 Zhi 89' }),
      signed: (r) => ({ ...r, caseId: '(2026) Jing 0101 Zhi 88' }),
      field: 'caseId',
    },
    { name: 'another kind', recorded: freeze('kind'), signed: (r) => ({ ...r, kind: 'deduct' }), field: 'kind' },
  ];
  it.each(forgeries)(
    'a real record with $name: FAILED_PRECONDITION judicial_record_mismatch naming $field, nothing published',
    async ({ recorded, signed, field }) => {
      await issueJudicialOrder(e2e.backends.judicial.ledger, recorded, { nowMs: Date.now() });
      const f = await refused(submit(signed(recorded)));
      expect(f.code).toBe(grpc.status.FAILED_PRECONDITION);
      expect(f.reason).toBe('judicial_record_mismatch');
      expect(f.details).toContain(`judicial record ${judicialOrderRecordKey(recorded.orderId)}: ${field} `);
    },
  );

  it('after a refused forgery the order the record states still goes through (the refusal stored nothing, not even the jti)', async () => {
    const recorded = forgeries.find((x) => x.field === 'amountCents')!.recorded;
    const r = await call('ActionService', 'SubmitAction', submit(recorded));
    expect(r.status).toBe('ACTION_STATUS_PENDING');
    expect(r.amount).toBe('100');
  });

  it('an expired order (its JWT still valid): FAILED_PRECONDITION judicial_order_expired, nothing published', async () => {
    const o = freeze('expired');
    const receipt = await issueJudicialOrder(e2e.backends.judicial.ledger, o, { nowMs: Date.now(), lifetimeMs: 1_500 });
    expect(receipt).toBeTruthy();
    clock.advance(1_700);
    const f = await refused(submit(o));
    expect(f.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(f.reason).toBe('judicial_order_expired');
    expect(f.details).toContain(judicialOrderRecordKey(o.orderId));
  });

  it("record_key naming another order's real record: FAILED_PRECONDITION judicial_record_mismatch, nothing published", async () => {
    const o = freeze('borrowed-key');
    const f = await refused(submit(o, { recordKey: judicialOrderRecordKey('jr-honest') }));
    expect(f.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(f.reason).toBe('judicial_record_mismatch');
    expect(f.details).toContain(judicialOrderRecordKey(o.orderId));
  });

  it('a verified bundle of another record, given by the court: FAILED_PRECONDITION judicial_record_mismatch, nothing published', async () => {
    // The court queries the honest order's record through the gateway (a bundle that verifies)
    // and offers it as the proof of an order that was never issued.
    const q = await call('QueryService', 'Query', {
      query: { chainId: 'judicial', recordType: 'order', key: judicialOrderRecordKey('jr-honest'), height: { latest: {} } },
    });
    const bundle = q.bundle as Obj;
    expect(bundle.result).toBe('record');
    const o = freeze('bundle-of-another', { actionId: 'jr-bundle-of-another' });
    const f = await refused(submit(o, { recordKey: '', bundle }));
    expect(f.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(f.reason).toBe('judicial_record_mismatch');
    expect(f.details).toContain(judicialOrderRecordKey(o.orderId));
  });

  it("a verified bundle of the order's own record stating another target, given by the court: judicial_record_mismatch naming target", async () => {
    const recorded = freeze('bundle-target', { target: acct1!.accountNo });
    await issueJudicialOrder(e2e.backends.judicial.ledger, recorded, { nowMs: Date.now() });
    const q = await call('QueryService', 'Query', {
      query: { chainId: 'judicial', recordType: 'order', key: judicialOrderRecordKey(recorded.orderId), height: { latest: {} } },
    });
    const f = await refused(submit({ ...recorded, target: acct0!.accountNo }, { recordKey: '', bundle: q.bundle as Obj }));
    expect(f.code).toBe(grpc.status.FAILED_PRECONDITION);
    expect(f.reason).toBe('judicial_record_mismatch');
    expect(f.details).toContain(': target ');
  });
});
