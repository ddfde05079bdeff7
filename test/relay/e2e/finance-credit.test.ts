/**
 * A person's cards and loans through the real gateway (art. 24): a court's Investigate by keyed id
 * hash lists, from the finance chain's `holder` index, the demo debtor's accounts and credit card,
 * and a seeded borrower's loans and their approvals, each a bundle that verifies offline and reads
 * in zh-CN; a card queried on its own is proven, an unknown one proven absent; a tampered card
 * bundle does not verify.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { ALLIANCE_RECORD_LAYOUTS } from '../../../adapters/catalog.js';
import type { RunningGateway } from '../../../src/relay/gateway.js';
import { demoCast } from '../../../src/seed/demo-cast.js';
import { seedChain } from '../../../src/seed/seed.js';
import { verifyBundle, verifyBundleBytes } from '../../../src/verify/bundle-verify.js';
import { provenRecordLines, provenRecordView } from '../../../src/verify/proven-record.js';
import { encodeMessage } from '../../../src/wire/codec.js';
import { type CourtCaller, courtCaller, type E2e, startE2e } from './e2e-setup.js';

type Obj = Record<string, unknown>;
const cast = demoCast();
const RECORDS = 20;

let e2e: E2e;
let gw: RunningGateway;
let court: CourtCaller;

beforeAll(async () => {
  e2e = await startE2e({ chains: ['finance'], records: RECORDS });
  gw = await e2e.startGateway();
  court = courtCaller(e2e.fx, gw.address);
}, 90_000);

afterAll(async () => {
  court?.close();
  await e2e?.stop();
}, 30_000);

const valid = (bundle: Obj): boolean =>
  verifyBundle(bundle as never, { atMs: Date.now(), authority: e2e.fx.authority }).verdict === 'valid';
const provenValue = (bundle: Obj): Obj => JSON.parse(Buffer.from((bundle.record as Obj).value as Uint8Array).toString('utf8')) as Obj;

/** The finance records a court's Investigate finds for `idHash`, by key, each bundle checked offline. */
async function investigate(idHash: string): Promise<Map<string, Obj>> {
  const r = await court.call('InvestigationService', 'Investigate', {
    ownerIdHash: Buffer.from(idHash, 'hex'),
    domains: ['ASSET_DOMAIN_FINANCE'],
  });
  expect(r.completeness).toBe('COMPLETENESS_COMPLETE');
  const out = new Map<string, Obj>();
  for (const item of r.items as Obj[]) {
    const bundle = item.bundle as Obj;
    expect(valid(bundle)).toBe(true);
    out.set((bundle.record as Obj).key as string, bundle);
  }
  return out;
}

describe("a person's cards and loans, queried by keyed id through the gateway", () => {
  it("Investigate lists the demo debtor's accounts and credit card, proven; the card reads in zh-CN", async () => {
    const found = await investigate(cast.debtor.idHash);
    expect([...found.keys()].sort()).toEqual([...cast.debtor.accounts.map((a) => a.key), cast.debtor.card.key].sort());
    const card = found.get(cast.debtor.card.key)!;
    expect(provenValue(card)).toMatchObject({
      holder: cast.debtor.idHash,
      balanceCents: cast.debtor.card.balanceCents,
      status: 'default',
      overdueDays: cast.debtor.card.overdueDays,
    });
    const bytes = encodeMessage('ProofBundle', card as never);
    const view = provenRecordView(
      bytes,
      verifyBundleBytes(bytes, { atMs: Date.now(), authority: e2e.fx.authority }),
      ALLIANCE_RECORD_LAYOUTS,
    );
    expect(view).toMatchObject({ shown: 'record', recordType: 'card', typeLabel: { zh: '信用卡' }, decoded: { ok: true } });
    const lines = provenRecordLines(view).join('\n');
    expect(lines).toContain('逾期天数');
    expect(lines).toContain('9,800.00 元');
  });

  it("Investigate lists a borrower's loans and the approvals they were disbursed on, proven", async () => {
    const txs = seedChain('finance', { records: RECORDS, seed: 'courtbridge-e2e' });
    const loan = txs.find((t) => t.type === 'finance.loan.register');
    expect(loan).toBeDefined();
    const body = JSON.parse(new TextDecoder().decode(loan!.body)) as { loanNo: string; borrower: string; approvalNo: string };
    const found = await investigate(body.borrower);
    expect(provenValue(found.get(`loan/${body.loanNo}`)!)).toMatchObject({ borrower: body.borrower, approvalNo: body.approvalNo });
    expect(provenValue(found.get(`loan_approval/${body.approvalNo}`)!)).toMatchObject({
      applicant: body.borrower,
      decision: 'approved',
      loanNo: body.loanNo,
    });
  });

  it('a card queried on its own is proven; an unknown card proven absent; a tampered card does not verify', async () => {
    const q = (key: string) =>
      court.call('QueryService', 'Query', { query: { chainId: 'finance', recordType: 'card', key, height: { latest: {} } } });
    const bundle = (await q(cast.debtor.card.key)).bundle as Obj;
    expect(valid(bundle)).toBe(true);
    const absent = (await q('card/4367420099999999')).bundle as Obj;
    expect(absent.result).toBe('absence');
    expect(valid(absent)).toBe(true);
    const forged = { ...provenValue(bundle), balanceCents: '0', status: 'normal', overdueDays: 0 };
    const tampered = { ...bundle, record: { ...(bundle.record as Obj), value: Buffer.from(JSON.stringify(forged)) } };
    expect(valid(tampered)).toBe(false);
  });
});
