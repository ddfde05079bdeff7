/**
 * The data-trading chain end to end through the real gateway (gRPC over loopback, a real
 * nats-server, the data adapter in-process on a seeded dev ledger): a court queries the demo data
 * asset and its trade as evidence, each answer a bundle that verifies offline and reads in zh-CN;
 * the court preserves (freezes) the asset by a verified order, executed once with the adapter's
 * signed result; a trade submitted after the freeze is refused by the chain (`asset_frozen`); a
 * forged order is refused at the gateway (bad signature, not the caller's, another target) and,
 * sent straight to the adapter, rejected with a signed result; the release lets trading resume.
 */
import * as grpc from '@grpc/grpc-js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ALLIANCE_RECORD_LAYOUTS } from '../../../adapters/catalog.js';
import { assetKey, tradeKey } from '../../../adapters/data/contract.js';
import { encodeCanonical } from '../../../src/encoding/canonical-json.js';
import type { JudicialOrder } from '../../../src/judicial/order.js';
import type { RunningGateway } from '../../../src/relay/gateway.js';
import { dataDemoCast, usccOf } from '../../../src/seed/data-seed.js';
import { verifyBundle, verifyBundleBytes } from '../../../src/verify/bundle-verify.js';
import { provenRecordLines, provenRecordView } from '../../../src/verify/proven-record.js';
import { encodeMessage } from '../../../src/wire/codec.js';
import { FixtureDids, issueJudicialOrder, mintOrderJwt } from '../../helpers/alliance-fixture.js';
import { forwardedActionRequest, publishActionRequest, readActionResults } from '../../helpers/action-traffic.js';
import { eventually } from '../../helpers/eventually.js';
import { type CourtCaller, courtCaller, type E2e, failure, startE2e, submitActionOf, submitUntilExecuted } from './e2e-setup.js';

type Obj = Record<string, unknown>;
const cast = dataDemoCast();
const ASSET = cast.asset;
const TARGET = { recordType: 'asset', key: ASSET.key };
const CASE = '(2026) Jing 0101 Zhi Bao 9';

let e2e: E2e;
let gw: RunningGateway;
let court: CourtCaller;

beforeAll(async () => {
  e2e = await startE2e({ chains: ['data'], records: 5 });
  gw = await e2e.startGateway();
  court = courtCaller(e2e.fx, gw.address);
}, 90_000);

afterAll(async () => {
  court?.close();
  await e2e?.stop();
}, 30_000);

const order = (n: string, kind: 'freeze' | 'release' = 'freeze'): JudicialOrder => ({
  orderId: `data-order-${n}`,
  court: FixtureDids.court,
  caseId: CASE,
  chain: 'data',
  actionId: `data-${kind}-${n}`,
  kind,
  target: ASSET.assetId,
  amount: '',
});

async function query(recordType: string, key: string): Promise<Obj> {
  const r = await court.call('QueryService', 'Query', { query: { chainId: 'data', recordType, key, height: { latest: {} } } });
  return r.bundle as Obj;
}

/** The bundle verified offline (genesis authority only), and its proven value as JSON. */
function offline(bundle: Obj): Record<string, unknown> {
  expect(verifyBundle(bundle as never, { atMs: Date.now(), authority: e2e.fx.authority }).verdict).toBe('valid');
  return JSON.parse(Buffer.from((bundle.record as Obj).value as Uint8Array).toString('utf8')) as Record<string, unknown>;
}

/** A trade the exchange submits to the chain (not a court's: the registrar's own tx). */
function tradeTx(tradeId: string) {
  const body = {
    type: 'data_trade_request',
    schema: 1,
    tradeId,
    assetId: ASSET.assetId,
    seller: ASSET.owner,
    buyer: usccOf('91440300MA01CCCC3'),
    licence: { ...cast.trade.licence, scope: ['research'], territory: ['CN-GD'] },
    priceCents: ASSET.terms.priceCents,
  };
  return { type: 'data.trade', sender: 'did:alliance:data-exchange', id: `e2e:${tradeId}`, body: encodeCanonical(body) };
}

describe('data ownership and trading through the gateway', () => {
  it('a court queries the asset and its trades: bundles verify offline and read in zh-CN; an unknown asset is proven absent', async () => {
    const bundle = await query('asset', ASSET.key);
    const asset = offline(bundle);
    expect(asset).toMatchObject({
      assetId: ASSET.assetId,
      owner: ASSET.owner,
      contentHash: ASSET.contentHash,
      tradeIds: [cast.trade.tradeId],
    });
    expect(asset).not.toHaveProperty('frozen');
    const bytes = encodeMessage('ProofBundle', bundle as never);
    const view = provenRecordView(
      bytes,
      verifyBundleBytes(bytes, { atMs: Date.now(), authority: e2e.fx.authority }),
      ALLIANCE_RECORD_LAYOUTS,
    );
    expect(view).toMatchObject({ shown: 'record', recordType: 'asset', typeLabel: { zh: '数据资产登记' }, decoded: { ok: true } });
    expect(provenRecordLines(view).join('\n')).toContain('数据内容哈希');
    // Every trade the asset lists, each proven.
    for (const id of asset.tradeIds as string[]) {
      const t = offline(await query('trade', tradeKey(id)));
      expect(t).toMatchObject({ tradeId: id, assetId: ASSET.assetId, seller: ASSET.owner, buyer: cast.trade.buyer });
    }
    const absent = await query('asset', assetKey('DA-2099-999999'));
    expect(absent.result).toBe('absence');
    expect(verifyBundle(absent as never, { atMs: Date.now(), authority: e2e.fx.authority }).verdict).toBe('valid');
    // A record changed in transit no longer verifies.
    const tampered = {
      ...bundle,
      record: { ...(bundle.record as Obj), value: Buffer.from(JSON.stringify({ ...asset, owner: cast.trade.buyer })) },
    };
    expect(verifyBundle(tampered as never, { atMs: Date.now(), authority: e2e.fx.authority }).verdict).not.toBe('valid');
  });

  it('a forged order is refused at the gateway: a changed signature, a non-court issuer, a JWT for another target', async () => {
    const o = order('forged');
    await issueJudicialOrder(e2e.backends.judicial.ledger, o, { nowMs: Date.now() });
    const jwt = mintOrderJwt(e2e.fx, o, { nowMs: Date.now() });
    const [h, p, s] = jwt.split('.') as [string, string, string];
    const badSig = `${h}.${p}.${s.slice(0, -4)}${s.slice(-4) === 'AAAA' ? 'BBBB' : 'AAAA'}`;
    const f1 = await failure(court.call('ActionService', 'SubmitAction', submitActionOf(o, TARGET, badSig)));
    expect(f1).toMatchObject({ code: grpc.status.UNAUTHENTICATED, reason: 'order_signature_invalid' });
    const byAgency = mintOrderJwt(e2e.fx, o, { nowMs: Date.now(), issuer: e2e.fx.agency });
    const f2 = await failure(court.call('ActionService', 'SubmitAction', submitActionOf(o, TARGET, byAgency)));
    expect(f2.code).toBe(grpc.status.PERMISSION_DENIED);
    expect(f2.reason).toBe('order_not_from_caller');
    const other = { ...o, target: cast.enterpriseAsset.assetId };
    const f3 = await failure(
      court.call('ActionService', 'SubmitAction', submitActionOf(other, TARGET, mintOrderJwt(e2e.fx, other, { nowMs: Date.now() }))),
    );
    expect(f3.code).toBe(grpc.status.INVALID_ARGUMENT);
    expect(f3.reason).toBe('order_mismatch');
    expect(offline(await query('asset', ASSET.key))).not.toHaveProperty('frozen');
  });

  it('a forged order sent straight to the adapter (issuer not a court) is rejected with a signed result; nothing frozen', async () => {
    const o = order('straight');
    await issueJudicialOrder(e2e.backends.judicial.ledger, o, { nowMs: Date.now() });
    const jwt = mintOrderJwt(e2e.fx, o, { nowMs: Date.now(), issuer: e2e.fx.agency });
    await publishActionRequest(
      gw.deps.bus.nc,
      e2e.fx.gateway,
      'data',
      forwardedActionRequest(e2e.backends.judicial.ledger, o, jwt, TARGET),
    );
    const result = await eventually(
      async () => {
        const all = await readActionResults(gw.deps.bus.nc, e2e.fx.authority, 'data', FixtureDids.adapter('data'));
        const mine = all.find((r) => r.actionId === o.actionId);
        if (mine === undefined) throw new Error('no result yet');
        return mine;
      },
      { timeoutMs: 15_000, what: 'the adapter rejecting the forged order' },
    );
    expect(result.status).toBe('ACTION_STATUS_REJECTED');
    expect(result.reason).toBe('order_issuer_not_court');
    expect(e2e.backends.data.ledger.hasTx(o.actionId)).toBe(false);
    expect(offline(await query('asset', ASSET.key))).not.toHaveProperty('frozen');
  });

  it('the court freezes the asset: executed once with a signed result, proven frozen; a trade after it is refused (asset_frozen)', async () => {
    const o = order('1');
    await issueJudicialOrder(e2e.backends.judicial.ledger, o, { nowMs: Date.now() });
    const jwt = mintOrderJwt(e2e.fx, o, { nowMs: Date.now() });
    const { first, result } = await submitUntilExecuted(court, submitActionOf(o, TARGET, jwt), 30_000);
    expect(result).toMatchObject({ actionId: o.actionId, status: 'ACTION_STATUS_EXECUTED' });
    expect(result.header?.chainId).toBe('data');
    expect(result.proof).not.toBeNull();
    const frozen = offline(await query('asset', ASSET.key));
    expect(frozen.frozen).toMatchObject({ orderId: o.orderId, caseId: CASE, court: FixtureDids.court });
    // The same order again is the same action, executed once.
    const again = await court.call('ActionService', 'SubmitAction', submitActionOf(o, TARGET, jwt));
    expect(again.submittedAtMs).toBe(first.submittedAtMs);
    // The exchange's next trade of the asset: refused by the chain, nothing recorded.
    await expect(e2e.backends.data.ledger.submit(tradeTx('DT-E2E-0001'))).rejects.toMatchObject({ reason: 'asset_frozen' });
    const none = await query('trade', tradeKey('DT-E2E-0001'));
    expect(none.result).toBe('absence');
    expect(offline(await query('asset', ASSET.key)).tradeIds).toEqual([cast.trade.tradeId]);
    // A second preservation while the first holds: executed by nobody, the adapter rejects it.
    const second = { ...order('2'), caseId: '(2026) Jing 0102 Zhi Bao 3' };
    await issueJudicialOrder(e2e.backends.judicial.ledger, second, { nowMs: Date.now() });
    await court.call('ActionService', 'SubmitAction', submitActionOf(second, TARGET, mintOrderJwt(e2e.fx, second, { nowMs: Date.now() })));
    const rejected = await eventually(
      async () => {
        const a = await court.call('ActionService', 'GetAction', { actionId: second.actionId });
        if (a.status !== 'ACTION_STATUS_REJECTED') throw new Error(`still ${String(a.status)}`);
        return a;
      },
      { timeoutMs: 20_000, what: 'the second freeze rejected' },
    );
    expect(rejected.reason).toBe('already_frozen');
  }, 60_000);

  it("the court's release lifts the preservation: proven, and trading resumes", async () => {
    const o = order('3', 'release');
    await issueJudicialOrder(e2e.backends.judicial.ledger, o, { nowMs: Date.now() });
    await submitUntilExecuted(court, submitActionOf(o, TARGET, mintOrderJwt(e2e.fx, o, { nowMs: Date.now() })), 30_000);
    expect(offline(await query('asset', ASSET.key))).not.toHaveProperty('frozen');
    await e2e.backends.data.ledger.submit(tradeTx('DT-E2E-0002'));
    await eventually(async () => expect(offline(await query('trade', tradeKey('DT-E2E-0002')))).toMatchObject({ assetId: ASSET.assetId }), {
      timeoutMs: 10_000,
    });
  }, 60_000);
});
