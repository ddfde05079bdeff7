/**
 * Runs `npm run demo`'s scenario non-interactively, as a real child process (NATS, six adapter
 * processes, the gateway), and checks its outcomes from the JSON summary, not its text.
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { DemoSummary } from '../../src/demo/scenario.js';

const dir = mkdtempSync(join(tmpdir(), 'cb-demo-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function runDemo(args: string[]): Promise<{ code: number | null; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/cli/demo.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'], env: { ...process.env, NATS_URL: '' } });
    let out = '';
    child.stdout.on('data', (d: Buffer) => (out += d.toString()));
    child.stderr.on('data', (d: Buffer) => (out += d.toString()));
    child.on('exit', (code) => resolve({ code, out }));
  });
}

describe('npm run demo', () => {
  it('plays the whole scenario over the real parts and stops cleanly', async () => {
    const summaryFile = join(dir, 'summary.json');
    const { code, out } = await runDemo(['--records', '300', '--summary', summaryFile]);
    expect(code, out).toBe(0);
    const s = JSON.parse(readFileSync(summaryFile, 'utf8')) as DemoSummary;
    expect([...s.chainsActive].sort()).toEqual(['credit', 'finance', 'ip', 'judicial', 'lawyer', 'property']);
    expect(s.lawyer).toMatchObject({ status: 'active', verdict: 'valid' });
    // The debtor's apartment, both accounts and the trademark, each once, each proof valid.
    expect(s.property.items).toBe(4);
    expect(s.property.allVerified).toBe(true);
    expect(s.property.failures).toEqual([]);
    expect(s.creditAbsent).toEqual({ proven: true, verdict: 'valid' });
    expect(out).toContain('stopped cleanly');
  }, 240_000);
});
