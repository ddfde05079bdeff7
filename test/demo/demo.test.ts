/**
 * Runs `npm run demo`'s scenario non-interactively, as a real child process (NATS, seven adapter
 * processes, the gateway, two workflow-service replicas), and checks its outcomes from the JSON summary, not its text.
 */
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DemoSummary } from '../../src/demo/scenario.js';
import { expectDemoOutcomes } from './demo-outcomes.js';
import { freePort } from '../helpers/nats-server.js';
import { runDemo } from './run-demo.js';

const dir = mkdtempSync(join(tmpdir(), 'cb-demo-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('npm run demo', () => {
  it('plays the whole scenario over the real parts and stops cleanly', async () => {
    const summaryFile = join(dir, 'summary.json');
    // The gateway on the port asked for (README: `npm run demo -- --port 50051`).
    const port = await freePort();
    const { code, out } = await runDemo(['--records', '300', '--port', String(port), '--summary', summaryFile]);
    expect(code, out).toBe(0);
    const s = JSON.parse(readFileSync(summaryFile, 'utf8')) as DemoSummary;
    expect(s.gateway).toMatch(new RegExp(`:${port}$`));
    expectDemoOutcomes(s);
    // The plain run is on secp256k1/SHA-256 (`--sm2` is not given).
    expect(s.suites).toEqual({ signature: 'secp256k1', judicialHash: 'sha256' });
    expect(out).toContain('密码套件：secp256k1/SHA-256');
    expect(out).toContain('签名算法 secp256k1 · 哈希 SHA-256');
    expect(out).toContain('第六十四条');
    expect(out).toMatch(/kill -9 副本 wf-[12]/);
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
