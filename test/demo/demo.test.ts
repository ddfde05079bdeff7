/**
 * Runs `npm run demo`'s scenario non-interactively, as a real child process (NATS, six adapter
 * processes, the gateway), and checks its outcomes from the JSON summary, not its text.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DemoSummary } from '../../src/demo/scenario.js';
import { freePort } from '../helpers/nats-server.js';

const dir = mkdtempSync(join(tmpdir(), 'cb-demo-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runDemo(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/demo.ts', ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, NATS_URL: '' },
    });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('npm run demo', () => {
  it('plays the whole scenario over the real parts and stops cleanly', async () => {
    const summaryFile = join(dir, 'summary.json');
    // The gateway on the port asked for (README: `npm run demo -- --port 50051`).
    const port = await freePort();
    const { code, out } = await runDemo(['--records', '300', '--port', String(port), '--summary', summaryFile]);
    expect(code, out).toBe(0);
    const s = JSON.parse(readFileSync(summaryFile, 'utf8')) as DemoSummary;
    expect(s.gateway).toMatch(new RegExp(`:${port}$`));
    expect([...s.chainsActive].sort()).toEqual(['bank', 'credit', 'enterprise', 'finance', 'ip', 'judicial', 'lawyer', 'property']);
    expect(s.lawyer).toMatchObject({ status: 'active', verdict: 'valid' });
    // The debtor's apartment, both accounts and the trademark, each once, each proof valid.
    expect(s.property.items).toBe(4);
    expect(s.property.allVerified).toBe(true);
    expect(s.property.failures).toEqual([]);
    expect(s.creditAbsent).toEqual({ proven: true, verdict: 'valid' });
    // The EVM chain: the account proven by eth_getProof at a block two notaries signed, the unopened
    // one proven absent, a freeze executed once and proven by a later block; all valid offline.
    expect(s.bank).toMatchObject({ balanceCents: '120000000', verdict: 'valid', absentProven: true, absentVerdict: 'valid' });
    expect(s.bank.notaries).toBeGreaterThanOrEqual(2);
    expect(s.bank.freeze).toEqual({ status: 'ACTION_STATUS_EXECUTED', frozenCents: '30000000', verdict: 'valid' });
    // The database registry: a company read and signed by two of its three notaries, an unregistered code proven absent.
    expect(s.enterprise).toMatchObject({ name: '北京示例科技有限公司', verdict: 'valid', absentProven: true, absentVerdict: 'valid' });
    expect(s.enterprise.notaries).toBeGreaterThanOrEqual(2);
    expect(s.evidence).toEqual({ anchored: true, verified: true, alteredAnchored: false });
    // 8,000,000 yuan owed, 6,655,000 found: both accounts frozen in full, the apartment seized,
    // then the shortfall lists and restricts the debtor; every step in a verified audit log.
    expect(s.enforcement.actions).toEqual([
      { chain: 'finance', kind: 'freeze', amountCents: '3500000', status: 'executed' },
      { chain: 'finance', kind: 'freeze', amountCents: '12000000', status: 'executed' },
      { chain: 'property', kind: 'seize', amountCents: '', status: 'executed' },
      { chain: 'credit', kind: 'list', amountCents: '', status: 'executed' },
      { chain: 'credit', kind: 'restrict', amountCents: '', status: 'executed' },
    ]);
    expect(s.enforcement.debtorListed).toBe(true);
    expect(s.enforcement.auditVerified).toBe(true);
    expect(s.enforcement.auditEntries).toBeGreaterThanOrEqual(10);
    expect(out).toContain('stopped cleanly');
    // Written for people: every step titled in Chinese first; dates in Beijing time, money in 元
    // with two decimals, never epoch milliseconds, cents or a shortened id a reader must copy whole.
    const titles = out.split('\n').filter((l) => /^\[\s*\d+\] /.test(l));
    expect(titles.length).toBeGreaterThanOrEqual(10);
    for (const t of titles) expect(t, t).toMatch(/^\[\s*\d+\] [\u4e00-\u9fff]/);
    expect(out).toMatch(/\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} 北京时间/);
    expect(out).toMatch(/\d{1,3}(,\d{3})*\.\d{2} 元/);
    expect(out).not.toMatch(/\b1[7-9]\d{11}\b/);
    expect(out).not.toMatch(/\bcents\b/);
    expect(out).not.toMatch(/[0-9a-f]{8}(\.\.\.|…)/);
    expect(out).toMatch(/pinned sha256 [0-9a-f]{64}\n/);
    // Its working directory (the alliance's keys, ledgers, logs) is gone with it.
    const work = /working directory (\S+)/.exec(out)?.[1];
    expect(work, out).toBeDefined();
    expect(existsSync(work!)).toBe(false);
  }, 240_000);
});
