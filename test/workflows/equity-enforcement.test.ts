/**
 * Enforcement reaches equity (股权): the investigation finds the debtor's stakes on the market chain
 * by holder, a stake already frozen in full by another case is no asset, the plan freezes a stake
 * by amount after the accounts and the title, and payment in full unfreezes it (in-process ports,
 * the real market adapter definition on a seeded dev ledger).
 */
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { market } from '../../adapters/market/definition.js';
import { DevLedgerBackend } from '../../adapters/sdk/dev-ledger-backend.js';
import type { Tx } from '../../src/chain/ledger/transaction.js';
import { sha256 } from '../../src/crypto/hash.js';
import { utf8 } from '../../src/encoding/bytes.js';
import { decodeCanonicalObject, encodeCanonical } from '../../src/encoding/canonical-json.js';
import { BackendInvestigator, BackendOrderer } from '../../src/devtools/in-process-ports.js';
import { signReport } from '../../src/workflows/enforcement/agreement.js';
import {
  DEFAULT_TARGETS,
  equityProfile,
  financeProfile,
  ipProfile,
  propertyProfile,
} from '../../src/workflows/enforcement/asset-profiles.js';
import { EnforcementEngine } from '../../src/workflows/enforcement/engine.js';
import { loadSeed, seedChain } from '../../src/seed/seed.js';
import { agreementFor, COURT, DAY, DEBTOR, didKeyAuthority, makeWorld, OBLIGEE_LAWYER, T0, type World } from './fixtures/world.js';

const eq = DEBTOR.equity;
/** A second enterprise wholly held by the debtor, whose stake another court froze in full before. */
const FROZEN_USCC = '91110108MA03TEHT1Y';
const frozenTarget = `${FROZEN_USCC}/${DEBTOR.idHash}`;

describe('enforcement against equity on the market chain', () => {
  let w: World;
  let m: DevLedgerBackend;
  beforeEach(async () => {
    w = await makeWorld();
    m = new DevLedgerBackend({
      definition: market,
      dataDir: join(w.dir, 'market'),
      blockIntervalMs: 5,
      heartbeatMs: 60_000,
      ledger: { clock: () => w.clock.now() },
      seed: (l) => loadSeed(l, seedChain('market', { records: 40, seed: 'workflow-test' })).then(() => undefined),
    });
    await m.start();
    const tx = (type: string, body: object, id: string): Tx => ({
      type,
      sender: 'did:alliance:market-registry',
      id,
      body: encodeCanonical(body),
    });
    await m.ledger.submit(
      tx(
        'market.enterprise.register',
        {
          type: 'enterprise_register',
          schema: 1,
          uscc: FROZEN_USCC,
          name: '北京张记供应链管理有限公司',
          legalRepresentativeHash: DEBTOR.idHash,
          registeredCapitalCents: '5000000',
          shareholders: [{ holderKind: 'person', holder: DEBTOR.idHash, subscribedCents: '5000000', shareBp: 10_000 }],
        },
        'test:register-frozen',
      ),
    );
    await m.applyAction({
      actionId: 'other-court-freeze',
      kind: 'freeze',
      target: frozenTarget,
      amount: '5000000',
      court: 'did:alliance:court-sh-01',
      caseId: '(2025)沪0101执1号',
      orderId: 'other-court-order',
    });
  });
  afterEach(async () => {
    await m.close();
    await w.close();
  });

  const stake = async (target: string): Promise<Record<string, unknown>> => {
    const key = market.actionResultKey({ actionId: 'x', kind: 'freeze', target, amount: '1', court: COURT.did, caseId: 'x', orderId: 'x' });
    const r = await m.queryRecord(key, { kind: 'latest' });
    return decodeCanonicalObject(r.value!, key) as Record<string, unknown>;
  };

  const engine = (): EnforcementEngine =>
    new EnforcementEngine({
      ledger: w.judicial,
      investigator: new BackendInvestigator([
        { profile: financeProfile, backend: w.backends.finance },
        { profile: propertyProfile, backend: w.backends.property },
        { profile: equityProfile, backend: m },
        { profile: ipProfile, backend: w.backends.ip },
      ]),
      orderer: new BackendOrderer(w.judicial, [...Object.values(w.backends), m]),
      store: w.store,
      clock: w.clock,
      court: COURT,
      authority: didKeyAuthority,
      policy: {
        maxOrderCents: 10_000_000_000n,
        legalBasis: 'Civil Procedure Law of the PRC, arts. 247-266 (enforcement)',
        orderLifetimeMs: 3_600_000,
      },
      targets: DEFAULT_TARGETS,
      orderAudience: 'did:alliance:gateway-1',
    });

  it('freezes the free part a debt needs after accounts and title, skips a stake frozen in full, and unfreezes on payment', async () => {
    const e = engine();
    // Accounts 15,500,000 + the apartment 650,000,000 leave 34,500,000 owed: frozen of the stake.
    const debt = '700000000';
    const { agreement, signature } = agreementFor('M-equity', debt, T0 + 30 * DAY);
    await e.registerAgreement(agreement, signature);
    w.clock.set(T0 + 31 * DAY);
    await e.tick();
    const s = await e.getCase('M-equity');
    // The investigation found the free stake, not the one frozen in full.
    const found = s.enforcement!.investigation!.items.filter((i) => i.domain === 'equity');
    expect(found.map((i) => [i.chainId, i.recordType, i.target, i.valueCents])).toEqual([['market', 'equity', eq.target, '60000000']]);
    const plan = s.enforcement!.plan!.map((id) => s.actions[id]!);
    expect(plan.map((a) => [a.domain, a.chainId, a.kind, a.target, a.amountCents, a.status])).toEqual([
      ['finance', 'finance', 'freeze', DEBTOR.accounts[1].accountNo, '3500000', 'executed'],
      ['finance', 'finance', 'freeze', DEBTOR.accounts[0].accountNo, '12000000', 'executed'],
      ['property', 'property', 'seize', DEBTOR.apartment.titleNo, '', 'executed'],
      ['equity', 'market', 'freeze', eq.target, '34500000', 'executed'],
    ]);
    const freezeId = plan[3]!.actionId;
    expect(await stake(eq.target)).toMatchObject({
      frozenCents: '34500000',
      freezes: [expect.objectContaining({ amountCents: '34500000', orderId: plan[3]!.orderId, court: COURT.did })],
    });
    // The other court's stake is untouched.
    expect(await stake(frozenTarget)).toMatchObject({
      frozenCents: '5000000',
      freezes: [expect.objectContaining({ caseId: '(2025)沪0101执1号' })],
    });

    // Paid in full: the stake is unfrozen by this case's `unfreeze` on the next tick.
    const r = signReport(OBLIGEE_LAWYER, {
      caseId: 'M-equity',
      obligationId: '1',
      performedAtMs: T0 + 40 * DAY,
      amount: debt,
      evidenceHash: sha256(utf8('transfer M-equity in full')),
    });
    await e.reportPerformance(r.report, r.signature);
    w.clock.set(T0 + 40 * DAY);
    await e.tick();
    const after = await e.getCase('M-equity');
    expect(after.phase).toBe('satisfied');
    const unfreeze = Object.values(after.actions).find((a) => a.releases === freezeId)!;
    expect([unfreeze.chainId, unfreeze.kind, unfreeze.amountCents, unfreeze.status]).toEqual(['market', 'unfreeze', '', 'executed']);
    expect(await stake(eq.target)).toMatchObject({ frozenCents: '0', freezes: [] });
    expect(await stake(frozenTarget)).toMatchObject({ frozenCents: '5000000' });
  });

  it('a freeze beyond what the stake has free is refused by the chain with its reason', async () => {
    await m.applyAction({
      actionId: 'pre-freeze',
      kind: 'freeze',
      target: eq.target,
      amount: '59000000',
      court: 'did:alliance:court-sh-01',
      caseId: '(2025)沪0101执2号',
      orderId: 'pre-order',
    });
    // 1,000,000 left free: the investigation values the stake at that, and an over-freeze is refused.
    const inv = await new BackendInvestigator([{ profile: equityProfile, backend: m }]).investigate(DEBTOR.idHash);
    expect(inv.items.map((i) => [i.target, i.valueCents])).toEqual([[eq.target, 1_000_000n]]);
    await expect(
      m.applyAction({
        actionId: 'over',
        kind: 'freeze',
        target: eq.target,
        amount: '1000001',
        court: COURT.did,
        caseId: 'M-over',
        orderId: 'over-order',
      }),
    ).rejects.toMatchObject({ reason: 'insufficient_equity' });
  });
});
