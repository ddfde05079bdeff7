import { beforeEach, describe, expect, it } from 'vitest';
import type { DevLedger } from '../../../src/chain/ledger/ledger.js';
import { property } from '../../../adapters/property/definition.js';
import { ip } from '../../../adapters/ip/definition.js';
import { credit } from '../../../adapters/credit/definition.js';
import { titleKey } from '../../../adapters/property/contract.js';
import { DEMO_CAST } from '../../../src/seed/demo-cast.js';
import { loadSeed, seedChain } from '../../../src/seed/seed.js';
import { action, openLedger, proveAbsent, proveMember, refused, run, tx } from './harness.js';

const debtor = DEMO_CAST.debtor;

describe('property contracts', () => {
  let l: DevLedger;
  beforeEach(async () => {
    l = openLedger(property);
    await loadSeed(l, seedChain('property', { records: 50, seed: 'property-test' }));
  });

  it('proves the demo apartment by owner index, and an unknown title absent', () => {
    expect(l.lookup('owner', debtor.idHash)).toEqual([debtor.apartment.key]);
    expect(proveMember(l, debtor.apartment.key)).toMatchObject({ owners: [{ owner: debtor.idHash, shareBp: 10_000 }], encumbrances: [] });
    proveAbsent(l, titleKey('京(2019)东城区不动产权第9999999号'));
  });

  it('seizes once; a second seizure is refused; release only by the same case', async () => {
    const seize = action('seize', debtor.apartment.titleNo, { caseId: 'case-A' });
    await run(l, property.actionTx(seize));
    await refused(run(l, property.actionTx(seize)), 'duplicate_tx');
    await refused(run(l, property.actionTx(action('seize', debtor.apartment.titleNo, { caseId: 'case-B' }))), 'already_seized');
    expect(proveMember(l, property.actionResultKey(seize))['encumbrances']).toEqual([
      expect.objectContaining({ kind: 'seizure', caseId: 'case-A', orderId: seize.orderId }),
    ]);
    await refused(run(l, property.actionTx(action('release', debtor.apartment.titleNo, { caseId: 'case-B' }))), 'not_seized');
    await run(l, property.actionTx(action('release', debtor.apartment.titleNo, { caseId: 'case-A' })));
    await refused(run(l, property.actionTx(action('release', debtor.apartment.titleNo, { caseId: 'case-A' }))), 'not_seized');
    expect(proveMember(l, debtor.apartment.key)['encumbrances']).toEqual([]);
  });

  const base = {
    type: 'title',
    schema: 1,
    titleNo: 'X(2024)测试不动产权第0000001号',
    kind: 'real_estate',
    owners: [{ owner: debtor.idHash, shareBp: 10_000 }],
    description: '测试地址',
    areaM2: 50,
    valueEstimateCents: '100000000',
    encumbrances: [],
    registeredAtMs: 1,
  };
  const registrations: { name: string; malleate: (b: Record<string, unknown>) => void; reason: string }[] = [
    {
      name: 'shares not summing to 10000',
      malleate: (b) => (b['owners'] = [{ owner: debtor.idHash, shareBp: 5000 }]),
      reason: 'invalid_record',
    },
    {
      name: 'owner in clear, not a hash',
      malleate: (b) => (b['owners'] = [{ owner: '110101199003077777', shareBp: 10_000 }]),
      reason: 'invalid_record',
    },
    {
      name: 'a seizure at registration',
      malleate: (b) => (b['encumbrances'] = [{ kind: 'seizure', orderId: 'o', caseId: 'c', court: 'did:alliance:court-x', sinceMs: 1 }]),
      reason: 'invalid_encumbrance',
    },
    { name: 'negative value', malleate: (b) => (b['valueEstimateCents'] = '-5'), reason: 'invalid_record' },
    { name: 'title number taken', malleate: (b) => (b['titleNo'] = debtor.apartment.titleNo), reason: 'record_exists' },
  ];
  for (const c of registrations) {
    it(`refuses a registration: ${c.name}`, async () => {
      const b: Record<string, unknown> = structuredClone(base);
      c.malleate(b);
      await refused(run(l, tx('property.register', b)), c.reason);
    });
  }
});

describe('ip contracts', () => {
  let l: DevLedger;
  beforeEach(async () => {
    l = openLedger(ip);
    await loadSeed(l, seedChain('ip', { records: 50, seed: 'ip-test' }));
  });

  it('proves the demo trademark and an absent patent', () => {
    expect(l.lookup('owner', debtor.idHash)).toEqual([debtor.trademark.key]);
    expect(proveMember(l, debtor.trademark.key)).toMatchObject({ type: 'trademark', title: '张记小馆', enforcement: { status: 'clear' } });
    proveAbsent(l, 'patent/ZL202499999999.9');
  });

  it('freezes once, blocks transfers while frozen, and refuses to release a right that is not frozen', async () => {
    await refused(run(l, ip.actionTx(action('release', debtor.trademark.key))), 'not_frozen');
    const f = action('freeze', debtor.trademark.key, { caseId: 'case-A' });
    await run(l, ip.actionTx(f));
    await refused(run(l, ip.actionTx(f)), 'duplicate_tx');
    await refused(run(l, ip.actionTx(action('freeze', debtor.trademark.key))), 'already_frozen');
    const other = DEMO_CAST.creditor.idHash;
    await refused(run(l, tx('ip.transfer', { type: 'ip_transfer', schema: 1, right: debtor.trademark.key, to: other })), 'asset_frozen');
    await refused(run(l, ip.actionTx(action('release', debtor.trademark.key, { caseId: 'case-B' }))), 'held_by_other_case');
    await run(l, ip.actionTx(action('release', debtor.trademark.key, { caseId: 'case-A' })));
    await run(l, tx('ip.transfer', { type: 'ip_transfer', schema: 1, right: debtor.trademark.key, to: other }));
    expect(proveMember(l, debtor.trademark.key)).toMatchObject({
      owner: other,
      transfers: [expect.objectContaining({ from: debtor.idHash, to: other })],
      enforcement: { status: 'clear' },
    });
  });

  it('refuses a target that is not <type>/<regNo>, and an unknown right', async () => {
    expect(() => ip.actionTx(action('freeze', '30512345'))).toThrow(expect.objectContaining({ reason: 'invalid_target' }));
    await refused(run(l, ip.actionTx(action('freeze', 'trademark/99999999'))), 'unknown_record');
  });
});

describe('credit contracts', () => {
  let l: DevLedger;
  beforeEach(async () => {
    l = openLedger(credit);
    await loadSeed(l, seedChain('credit', { records: 200, seed: 'credit-test' }));
  });

  it('proves the demo debtor is NOT listed nor restricted (non-membership), and a seeded listing present', () => {
    proveAbsent(l, debtor.dishonestKey);
    proveAbsent(l, debtor.restrictionKey);
    const someone = l.lookup('court', 'did:alliance:court-bj-01').find((k) => k.startsWith('dishonest/'));
    expect(someone).toBeDefined();
    expect(proveMember(l, someone!)).toMatchObject({ type: 'dishonest_listing' });
  });

  it('lists once, delists only a listed person, and absence is provable again after delisting', async () => {
    await refused(run(l, credit.actionTx(action('delist', debtor.idHash))), 'not_listed');
    const list = action('list', debtor.idHash, { caseId: 'case-A' });
    expect(credit.actionResultKey(list)).toBe(debtor.dishonestKey);
    await run(l, credit.actionTx(list));
    await refused(run(l, credit.actionTx(list)), 'duplicate_tx');
    await refused(run(l, credit.actionTx(action('list', debtor.idHash))), 'already_listed');
    expect(proveMember(l, debtor.dishonestKey)).toMatchObject({ person: debtor.idHash, caseId: 'case-A', reason: 'court_order' });
    await refused(run(l, credit.actionTx(action('delist', debtor.idHash, { caseId: 'case-B' }))), 'held_by_other_case');
    await run(l, credit.actionTx(action('delist', debtor.idHash, { caseId: 'case-A' })));
    proveAbsent(l, debtor.dishonestKey);
  });

  it('restricts and unrestricts high consumption', async () => {
    await refused(run(l, credit.actionTx(action('unrestrict', debtor.idHash))), 'not_restricted');
    const r = action('restrict', debtor.idHash, { caseId: 'case-A' });
    await run(l, credit.actionTx(r));
    await refused(run(l, credit.actionTx(action('restrict', debtor.idHash))), 'already_restricted');
    expect((proveMember(l, credit.actionResultKey(r))['scope'] as string[]).length).toBe(10);
    await run(l, credit.actionTx(action('unrestrict', debtor.idHash, { caseId: 'case-A' })));
    proveAbsent(l, debtor.restrictionKey);
  });

  it('refuses a target that is not a person hash (an ID number in clear)', async () => {
    await refused(run(l, credit.actionTx(action('list', '110101199003077777'))), 'invalid_target');
  });
});
