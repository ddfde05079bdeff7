/**
 * The market regulation chain end to end through the real gateway (gRPC over loopback, secured
 * NATS, the market adapter in-process on a seeded dev ledger): a court queries the demo debtor's
 * equity stake and gets a bundle that verifies offline; Investigate's property domain finds the
 * stake; an equity freeze ordered through SubmitAction executes exactly once with its effect
 * proven; forged and wrong orders are refused at the gateway, and over-freezes and an unfreeze by
 * another case at the adapter, each with its reason.
 */
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { verifyCommit } from '../../../src/chain/commit.js';
import { headerHash } from '../../../src/chain/header.js';
import { fromUtf8, utf8 } from '../../../src/encoding/bytes.js';
import type { JudicialOrder } from '../../../src/judicial/order.js';
import { verifyProof } from '../../../src/proof/verify.js';
import type { RunningGateway } from '../../../src/relay/gateway.js';
import { DEMO_CAST } from '../../../src/seed/demo-cast.js';
import { proofFromWire } from '../../../src/verify/bundle-convert.js';
import { verifyBundle } from '../../../src/verify/bundle-verify.js';
import { FixtureDids, issueJudicialOrder, mintOrderJwt } from '../../helpers/alliance-fixture.js';
import { eventually } from '../../helpers/eventually.js';
import { type CourtCaller, courtCaller, type E2e, failure, startE2e, submitActionOf, submitUntilExecuted } from './e2e-setup.js';

type Obj = Record<string, unknown>;
const debtor = DEMO_CAST.debtor;
const eq = debtor.equity;
const TARGET = { recordType: 'equity', key: eq.key };

let e2e: E2e;
let gw: RunningGateway;
let court: CourtCaller;

const order = (n: string, over: Partial<JudicialOrder> = {}): JudicialOrder => ({
  orderId: `market-order-${n}`,
  court: FixtureDids.court,
  caseId: '(2026)京0101执888号',
  chain: 'market',
  actionId: `market-${n}`,
  kind: 'freeze',
  target: eq.target,
  amount: '20000000',
  ...over,
});

const query = (key: string, recordType: string) =>
  court.call('QueryService', 'Query', { query: { chainId: 'market', recordType, key, height: { latest: {} } } });
const stakeValue = (bundle: Obj): Obj => JSON.parse(fromUtf8((bundle.record as Obj).value as Uint8Array)) as Obj;

async function issueAndSubmit(o: JudicialOrder): Promise<Obj> {
  await issueJudicialOrder(e2e.backends.judicial.ledger, o, { nowMs: Date.now() });
  return court.call('ActionService', 'SubmitAction', submitActionOf(o, TARGET, mintOrderJwt(e2e.fx, o, { nowMs: Date.now() })));
}

async function finalOf(actionId: string): Promise<Obj> {
  return eventually(
    async () => {
      const a = await court.call('ActionService', 'GetAction', { actionId });
      if (a.status === 'ACTION_STATUS_PENDING') throw new Error(`${actionId} still pending`);
      return a;
    },
    { timeoutMs: 20_000, what: `a final status for ${actionId}` },
  );
}

beforeAll(async () => {
  e2e = await startE2e({ chains: ['market'], records: 5 });
  gw = await e2e.startGateway();
  court = courtCaller(e2e.fx, gw.address);
}, 90_000);

afterAll(async () => {
  court?.close();
  await e2e?.stop();
}, 30_000);

describe('market regulation chain through the gateway', () => {
  it("Query: the debtor's stake, proven; the bundle verifies offline and a tampered copy does not", async () => {
    const r = await query(eq.key, 'equity');
    const bundle = r.bundle as Obj;
    expect(bundle.result).toBe('record');
    expect(stakeValue(bundle)).toMatchObject({ uscc: eq.uscc, holder: debtor.idHash, subscribedCents: '60000000', shareBp: 6000 });
    expect(verifyBundle(bundle as never, { atMs: Date.now(), authority: e2e.fx.authority }).verdict).toBe('valid');
    const tampered = {
      ...bundle,
      record: {
        ...(bundle.record as Obj),
        value: utf8(JSON.stringify({ ...stakeValue(bundle), frozenCents: '0' }).replace('6000', '9000')),
      },
    };
    expect(verifyBundle(tampered as never, { atMs: Date.now(), authority: e2e.fx.authority }).verdict).toBe('invalid');
    // The enterprise record, and a stake nobody holds proven absent.
    expect(stakeValue((await query(eq.enterpriseKey, 'enterprise')).bundle as Obj)).toMatchObject({ name: eq.enterpriseName });
    const absent = await query(`equity/${eq.uscc}/${DEMO_CAST.creditor.idHash}`, 'equity');
    expect((absent.bundle as Obj).result).toBe('absence');
  });

  it("Investigate's property domain finds the stake on the market chain by the holder's hash", async () => {
    const r = await court.call('InvestigationService', 'Investigate', {
      ownerIdHash: Buffer.from(debtor.idHash, 'hex'),
      domains: ['ASSET_DOMAIN_PROPERTY'],
    });
    const keys = (r.items as Obj[]).map((i) => ((i.bundle as Obj).record as Obj).key);
    expect(keys).toContain(eq.key);
    expect(r.completeness).toBe('COMPLETENESS_COMPLETE');
  });

  it('SubmitAction freezes the stake once; the signed result proves the effect; a resubmission returns the same action', async () => {
    const o = order('freeze');
    await issueJudicialOrder(e2e.backends.judicial.ledger, o, { nowMs: Date.now() });
    const jwt = mintOrderJwt(e2e.fx, o, { nowMs: Date.now() });
    const submit = submitActionOf(o, TARGET, jwt);
    expect(submit.kind).toBe('ACTION_KIND_FREEZE');
    const { first, result } = await submitUntilExecuted(court, submit, 20_000);
    expect(result.actionId).toBe(o.actionId);
    // The effect, proven: the result's record and SMT proof against a header signed by the anchored validators.
    const rec = result.record!;
    expect(rec.key).toBe(eq.key);
    expect(JSON.parse(fromUtf8(rec.value))).toMatchObject({
      frozenCents: '20000000',
      freezes: [{ orderId: o.orderId, caseId: o.caseId, amountCents: '20000000' }],
    });
    const lb = e2e.backends.market.ledger.lightBlockAt(Number(result.header!.height));
    verifyCommit(lb.signedHeader.header, lb.signedHeader.commit, lb.validatorSet);
    expect(Buffer.from(headerHash(lb.signedHeader.header))).toEqual(Buffer.from(result.header!.headerHash));
    expect(lb.validatorSet.validators.map((v) => v.did).sort()).toEqual(e2e.validators.market.map((v) => v.did).sort());
    expect(verifyProof(lb.signedHeader.header.stateRoot, utf8(eq.key), rec.value, proofFromWire(result.proof)).kind).toBe('member');
    // Once: the same submission is the same action, and the chain holds one freeze of the order.
    const again = await court.call('ActionService', 'SubmitAction', submit);
    expect(again.submittedAtMs).toBe(first.submittedAtMs);
    expect((await court.call('ActionService', 'GetAction', { actionId: o.actionId })).status).toBe('ACTION_STATUS_EXECUTED');
    const now = stakeValue((await query(eq.key, 'equity')).bundle as Obj);
    expect((now.freezes as Obj[]).filter((f) => f.orderId === o.orderId)).toHaveLength(1);
    expect(stakeValue((await query(eq.enterpriseKey, 'enterprise')).bundle as Obj)).toMatchObject({ equityFrozenCents: '20000000' });
  }, 40_000);

  it('an over-freeze is REJECTED by the market adapter: insufficient_equity', async () => {
    // 40,000,000 of 60,000,000 is free after the freeze above.
    await issueAndSubmit(order('over', { amount: '40000001' }));
    const a = await finalOf('market-over');
    expect(a.status).toBe('ACTION_STATUS_REJECTED');
    expect(a.reason).toBe('insufficient_equity');
  }, 40_000);

  it('an unfreeze by another case is REJECTED (not_frozen); by the freezing case it executes as RELEASE', async () => {
    const other = order('unfreeze-other', { kind: 'unfreeze', amount: '', caseId: '(2026)京0101执999号' });
    const s = submitActionOf(other, TARGET, '');
    expect(s.kind).toBe('ACTION_KIND_RELEASE');
    await issueAndSubmit(other);
    const a = await finalOf(other.actionId);
    expect([a.status, a.reason]).toEqual(['ACTION_STATUS_REJECTED', 'not_frozen']);
    await issueAndSubmit(order('unfreeze', { kind: 'unfreeze', amount: '' }));
    expect((await finalOf('market-unfreeze')).status).toBe('ACTION_STATUS_EXECUTED');
    expect(stakeValue((await query(eq.key, 'equity')).bundle as Obj)).toMatchObject({ frozenCents: '0', freezes: [] });
  }, 40_000);

  it('forged and wrong orders are refused at the gateway with their reasons', async () => {
    const o = order('forged');
    await issueJudicialOrder(e2e.backends.judicial.ledger, o, { nowMs: Date.now() });
    // Signed by an agency, not by the court that calls.
    const byAgency = await failure(
      court.call(
        'ActionService',
        'SubmitAction',
        submitActionOf(o, TARGET, mintOrderJwt(e2e.fx, o, { nowMs: Date.now(), issuer: e2e.fx.agency })),
      ),
    );
    expect([byAgency.code, byAgency.reason]).toEqual([grpc.status.PERMISSION_DENIED, 'order_not_from_caller']);
    // The court's token with another order's signature.
    const good = mintOrderJwt(e2e.fx, o, { nowMs: Date.now() }).split('.');
    const otherSig = mintOrderJwt(e2e.fx, order('x'), { nowMs: Date.now() }).split('.')[2];
    const badSig = await failure(
      court.call('ActionService', 'SubmitAction', submitActionOf(o, TARGET, `${good[0]}.${good[1]}.${otherSig}`)),
    );
    expect(badSig.code).toBe(grpc.status.UNAUTHENTICATED);
    expect(badSig.reason).toMatch(/^order_/);
    // A larger amount than the judicial record holds.
    const more = { ...o, amount: '30000000' };
    const mismatch = await failure(
      court.call('ActionService', 'SubmitAction', submitActionOf(more, TARGET, mintOrderJwt(e2e.fx, more, { nowMs: Date.now() }))),
    );
    expect(mismatch.reason).toBe('judicial_record_mismatch');
    // Another stake than the order names.
    const elsewhere = { recordType: 'equity', key: `equity/${eq.uscc}/${eq.coHolder.uscc}` };
    const wrongTarget = await failure(
      court.call('ActionService', 'SubmitAction', submitActionOf(o, elsewhere, mintOrderJwt(e2e.fx, o, { nowMs: Date.now() }))),
    );
    expect(wrongTarget.reason).toBe('order_mismatch');
    // Not on the judicial chain at all.
    const never = order('never-issued');
    const notIssued = await failure(
      court.call('ActionService', 'SubmitAction', submitActionOf(never, TARGET, mintOrderJwt(e2e.fx, never, { nowMs: Date.now() }))),
    );
    expect([notIssued.code, notIssued.reason]).toEqual([grpc.status.FAILED_PRECONDITION, 'judicial_proof_invalid']);
    // Nothing of these reached the chain.
    const now = stakeValue((await query(eq.key, 'equity')).bundle as Obj);
    expect(JSON.stringify(now)).not.toContain(o.orderId);
  }, 40_000);
});
