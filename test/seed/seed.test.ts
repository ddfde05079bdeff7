import { describe, expect, it } from 'vitest';
import { toHex } from '../../src/encoding/bytes.js';
import { DevLedger } from '../../src/chain/ledger/ledger.js';
import { contractsOf, type DevLedgerDefinition } from '../../adapters/sdk/definition.js';
import { finance } from '../../adapters/finance/definition.js';
import { property } from '../../adapters/property/definition.js';
import { ip } from '../../adapters/ip/definition.js';
import { credit } from '../../adapters/credit/definition.js';
import { judicial } from '../../adapters/judicial/definition.js';
import { lawyer } from '../../adapters/examples/lawyer/definition.js';
import { market } from '../../adapters/market/definition.js';
import { mobile } from '../../adapters/mobile/definition.js';
import { bankruptcy } from '../../adapters/bankruptcy/definition.js';
import { collab } from '../../adapters/collab/definition.js';
import { data } from '../../adapters/data/definition.js';
import { DEMO_CAST, demoCast } from '../../src/seed/demo-cast.js';
import { SEED_CHAINS, loadSeed, seedAll, seedChain, type SeedChainId } from '../../src/seed/seed.js';
import { Prng } from '../../src/seed/prng.js';
import { sha256 } from '../../src/crypto/hash.js';
import { utf8 } from '../../src/encoding/bytes.js';
import { validatorKeyOf } from '../../src/chain/ledger/validator-keys.js';

const defs: Record<SeedChainId, DevLedgerDefinition> = {
  finance,
  property,
  ip,
  credit,
  judicial,
  lawyer,
  market,
  mobile,
  bankruptcy,
  collab,
  data,
};

/** Fixed validator keys and clock: the state root then depends on the seed data alone. */
const validatorKeys = [1, 2, 3, 4].map((i) => validatorKeyOf(sha256(utf8(`courtbridge vector key ${i}`))));

async function rootOf(chain: SeedChainId, records: number, seed: string): Promise<string> {
  const l = DevLedger.open({ chainId: chain, contracts: contractsOf(defs[chain]), clock: () => 1_700_000_000_000, validatorKeys });
  await loadSeed(l, seedChain(chain, { records, seed }));
  return toHex(l.latest().signedHeader.header.stateRoot);
}

describe('seed generator', () => {
  for (const chain of SEED_CHAINS) {
    it(`${chain}: same seed -> same state root; another seed -> another`, async () => {
      const a = await rootOf(chain, 300, 'determinism');
      expect(await rootOf(chain, 300, 'determinism')).toBe(a);
      expect(await rootOf(chain, 300, 'other')).not.toBe(a);
    });
  }

  // How fast it generates is the bench's business (bench/), not a test's.
  it('generates 10,000 records per chain, every one accepted by its contracts', async () => {
    for (const chain of ['finance', 'property'] as const) {
      const txs = seedChain(chain, { records: 10_000, seed: 'scale' });
      expect(txs.length).toBeGreaterThan(9_900);
      const l = DevLedger.open({ chainId: chain, contracts: contractsOf(defs[chain]), clock: () => 1_700_000_000_000 });
      expect(await loadSeed(l, txs)).toHaveLength(txs.length);
    }
  });

  it('always contains the demo cast, with hashes under the given salt', async () => {
    const all = seedAll({ scale: 20 });
    const l = DevLedger.open({ chainId: 'finance', contracts: contractsOf(finance), clock: () => 1 });
    await loadSeed(l, all.finance);
    // The holder index lists the debtor's accounts and credit card (a debt, never frozen: asset-profiles.ts).
    expect(l.lookup('holder', DEMO_CAST.debtor.idHash)).toEqual(
      [...DEMO_CAST.debtor.accounts.map((a) => a.key), DEMO_CAST.debtor.card.key].sort(),
    );
    const salt = sha256(utf8('another alliance salt'));
    expect(demoCast(salt).debtor.idHash).not.toBe(DEMO_CAST.debtor.idHash);
    const body = new TextDecoder().decode(seedChain('finance', { records: 0, seed: 's', salt })[0]!.body);
    expect(body).toContain(demoCast(salt).debtor.idHash);
    // Clear identifiers never appear in seed data.
    for (const txs of Object.values(all)) for (const t of txs) expect(new TextDecoder().decode(t.body)).not.toContain('110101199003077777');
  });

  it('refuses an unknown chain and a bad record count', () => {
    expect(() => seedChain('mars' as SeedChainId, { records: 1, seed: 's' })).toThrow(expect.objectContaining({ reason: 'unknown_chain' }));
    expect(() => seedChain('ip', { records: -1, seed: 's' })).toThrow(expect.objectContaining({ reason: 'invalid_argument' }));
  });

  it('PRNG is pinned: xoshiro128** from sha256("courtbridge/seed/<seed>")', () => {
    const r = new Prng('pin');
    const first = [r.nextU32(), r.nextU32(), r.nextU32()];
    const again = new Prng('pin');
    expect([again.nextU32(), again.nextU32(), again.nextU32()]).toEqual(first);
    expect(first.every((x) => Number.isInteger(x) && x >= 0 && x < 2 ** 32)).toBe(true);
  });
});
