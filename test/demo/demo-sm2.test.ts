/**
 * `npm run demo -- --sm2`: the same scenario on the national cryptography suite, as a real child
 * process. Every step must come out as in the plain run (demo-outcomes.ts); the summary says the
 * suites the run really used, and the genesis file it wrote holds only SM2 member keys and SM3/SM2
 * entries for the dev-ledger chains (the EVM chain and the database registry keep their own rules).
 */
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DemoSummary } from '../../src/demo/scenario.js';
import { DEMO_CHAINS, DEMO_EVM_CHAIN, DEMO_NOTARY_CHAIN } from '../../src/demo/stack.js';
import { DEMO_ORGANS } from '../../src/seed/collab-seed.js';
import { expectDemoOutcomes } from './demo-outcomes.js';
import { runDemo } from './run-demo.js';

const dir = mkdtempSync(join(tmpdir(), 'cb-demo-sm2-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/**
 * Members that keep fixed secp256k1 demo keys in an SM2 alliance: the collab chain's organs (its
 * seed is signed with them; the demo does not run that chain, so none is expected here), not its
 * court, which is the alliance's court and has a key of the alliance's suite. Keys
 * outside the registry stay secp256k1 too: the bankruptcy creditors' did:keys and the EVM
 * adapter's Ethereum key.
 */
const FIXED_DEMO_KEY_DIDS: ReadonlySet<string> = new Set(DEMO_ORGANS.filter((o) => o.role !== 'court').map((o) => o.did));

interface GenesisJson {
  members: { did: string; keys: { publicKeyHex: string }[] }[];
  chains: { chainId: string; kind: string; hashSuite: string; signatureSuite: string }[];
}

describe('npm run demo -- --sm2', () => {
  it('plays the whole scenario on SM2/SM3 with the plain run’s outcomes', async () => {
    const summaryFile = join(dir, 'summary.json');
    const { code, out } = await runDemo(['--sm2', '--records', '300', '--summary', summaryFile]);
    expect(code, out).toBe(0);
    const s = JSON.parse(readFileSync(summaryFile, 'utf8')) as DemoSummary;
    expectDemoOutcomes(s);
    expect(s.suites).toEqual({ signature: 'sm2', judicialHash: 'sm3' });

    // The genesis the run made and pinned (its directory is gone with the run: the summary keeps it).
    expect(createHash('sha256').update(s.genesis.text).digest('hex')).toBe(s.genesis.sha256Hex);
    expect(out).toContain(`pinned sha256 ${s.genesis.sha256Hex}\n`);
    const g = JSON.parse(s.genesis.text) as GenesisJson;
    const keys = g.members
      .filter((m) => !FIXED_DEMO_KEY_DIDS.has(m.did))
      .flatMap((m) => m.keys.map((k) => ({ did: m.did, hex: k.publicKeyHex })));
    // Admins, the court, the gateway, the agency, an adapter per chain and six notaries.
    expect(keys.length).toBeGreaterThanOrEqual(21);
    for (const k of keys) expect(k.hex, k.did).toMatch(/^8624(02|03)[0-9a-f]{64}$/);
    for (const m of g.members.filter((x) => FIXED_DEMO_KEY_DIDS.has(x.did)))
      for (const k of m.keys) expect(k.publicKeyHex, m.did).toMatch(/^(02|03)[0-9a-f]{64}$/);

    // Every dev-ledger chain is SM3-hashed with SM2 validators; the EVM chain and the database registry are unchanged.
    const entry = (id: string) => g.chains.find((c) => c.chainId === id);
    expect(entry('judicial')).toMatchObject({ kind: 'bft-smt', hashSuite: 'sm3', signatureSuite: 'sm2' });
    for (const c of DEMO_CHAINS) expect(entry(c.id), c.id).toMatchObject({ kind: 'bft-smt', hashSuite: 'sm3', signatureSuite: 'sm2' });
    expect(entry(DEMO_EVM_CHAIN)).toMatchObject({ kind: 'evm', hashSuite: 'sha256', signatureSuite: 'secp256k1' });
    expect(entry(DEMO_NOTARY_CHAIN)).toMatchObject({ kind: 'notary', hashSuite: 'sha256', signatureSuite: 'secp256k1' });

    // Said to the reader: the alliance's suite first, then what a shown proof really rests on.
    expect(out).toContain('密码套件：国密 SM2/SM3');
    expect(out).toContain('签名算法 SM2 · 哈希 SM3（验证人 validators SM2，网关回执 gateway receipt SM2）');
    expect(out).toContain('EVM 链仍按以太坊规则');
    expect(out).toContain('stopped cleanly');
    const work = /working directory (\S+)/.exec(out)?.[1];
    expect(work, out).toBeDefined();
    expect(existsSync(work!)).toBe(false);
  }, 240_000);
});
