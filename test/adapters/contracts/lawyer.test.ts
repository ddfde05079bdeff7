import { beforeEach, describe, expect, it } from 'vitest';
import type { DevLedger } from '../../../src/chain/ledger/ledger.js';
import { lawyer, lawyerKey } from '../../../adapters/examples/lawyer/definition.js';
import { DEMO_CAST } from '../../../src/seed/demo-cast.js';
import { loadSeed, seedChain } from '../../../src/seed/seed.js';
import { action, openLedger, proveAbsent, proveMember, refused, run } from './harness.js';

const { licenceNo } = DEMO_CAST.lawyer;

describe('lawyer example contracts', () => {
  let l: DevLedger;
  beforeEach(async () => {
    l = openLedger(lawyer);
    await loadSeed(l, seedChain('lawyer', { records: 30, seed: 'lawyer-test' }));
  });

  it('proves the demo lawyer active (membership) and an unknown licence absent', () => {
    expect(proveMember(l, lawyerKey(licenceNo))).toMatchObject({
      status: 'active',
      firm: '北京市中伦律师事务所',
      nameHash: DEMO_CAST.lawyer.nameHash,
    });
    expect(l.lookup('firm', '北京市中伦律师事务所')).toContain(lawyerKey(licenceNo));
    proveAbsent(l, lawyerKey('00000000000000000'));
  });

  it('suspends once, refuses a second suspension, reinstates only a suspended licence', async () => {
    await refused(run(l, lawyer.actionTx(action('reinstate', licenceNo))), 'not_suspended');
    const s = action('suspend', licenceNo);
    await run(l, lawyer.actionTx(s));
    await refused(run(l, lawyer.actionTx(s)), 'duplicate_tx');
    await refused(run(l, lawyer.actionTx(action('suspend', licenceNo))), 'not_active');
    expect(proveMember(l, lawyer.actionResultKey(s))).toMatchObject({
      status: 'suspended',
      disciplinary: [expect.objectContaining({ action: 'suspend', orderId: s.orderId })],
    });
    await run(l, lawyer.actionTx(action('reinstate', licenceNo)));
    expect(proveMember(l, lawyerKey(licenceNo))).toMatchObject({ status: 'active' });
  });
});
