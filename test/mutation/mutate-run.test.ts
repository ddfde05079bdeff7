/**
 * `npm run mutate` works on this toolchain (StrykerJS 9 with its vitest runner, vitest 4,
 * TypeScript 7): a real Stryker run over one real trust file, its real tests, its record in a
 * temp dir. Every mutant of the fast JWT verifier must be killed: dropping the signature check,
 * returning another key, or skipping the async verify would let a forged token in.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createHash } from 'node:crypto';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const out = mkdtempSync(join(tmpdir(), 'cb-mutate-run-'));
/** The run's TMPDIR: whatever the run or its test runners put there must be gone when it ends. */
const runTmp = mkdtempSync(join(tmpdir(), 'cb-mutate-tmp-'));
const AREA_RECORD = join(ROOT, 'test', 'mutation', 'incremental', 'identity-jwt.json');
const fingerprint = () => (existsSync(AREA_RECORD) ? createHash('sha256').update(readFileSync(AREA_RECORD)).digest('hex') : 'none');
afterAll(() => {
  rmSync(out, { recursive: true, force: true });
  rmSync(runTmp, { recursive: true, force: true });
});

describe('npm run mutate, for real', () => {
  it('mutates the fast JWT verifier, runs its tests against every mutant, and every mutant is killed', async () => {
    const before = fingerprint();
    const { stdout } = await promisify(execFile)(
      'npm',
      ['run', 'mutate', '--', 'identity-jwt', '--files', 'src/identity/jwt-verify-fast.ts'],
      {
        cwd: ROOT,
        env: { ...process.env, COURTBRIDGE_MUTATE_OUT: out, COURTBRIDGE_MUTATE_CONCURRENCY: '1', TMPDIR: runTmp },
        maxBuffer: 64 * 1024 * 1024,
      },
    );
    expect(stdout).toMatch(/^identity-jwt +100\.00%/m);
    expect(stdout).toContain('通过 passed');
    const report = JSON.parse(readFileSync(join(out, 'incremental.json'), 'utf8')) as {
      files: Record<string, { mutants: { status: string; mutatorName: string }[] }>;
    };
    const mutants = report.files['src/identity/jwt-verify-fast.ts']!.mutants;
    const counted = mutants.filter((m) => m.status !== 'Ignored');
    expect(counted.length).toBeGreaterThanOrEqual(8);
    expect(counted.every((m) => m.status === 'Killed' || m.status === 'Timeout')).toBe(true);
    // The sentence of the refusal is prose, not mutated; the reason code is.
    expect(mutants.some((m) => m.status === 'Ignored' && m.mutatorName === 'StringLiteral')).toBe(true);
    // A run of some files leaves the area's own record as it was.
    expect(fingerprint()).toBe(before);
    expect(readdirSync(runTmp), 'temp dirs left behind by the run').toEqual([]);
  }, 600_000);
});
