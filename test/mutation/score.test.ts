/**
 * `npm run mutate -- --score` judges the last Stryker reports: the score per area and folder, and
 * the bar (at least 95%, every survivor a listed equivalent mutant, every area run). Run for real
 * as a process over report files written to a temp dir, as Stryker writes them.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { AREAS, incrementalFileOf } from '../../scripts/mutation/areas.mjs';
import { survivorKey } from '../../scripts/mutation/score.mjs';

const run = promisify(execFile);
const SCRIPT = resolve(import.meta.dirname, '..', '..', 'scripts', 'mutate.mjs');
const SOURCE = 'export function f(a) {\n  if (a > 1) return 1;\n  return 0;\n}\n';

interface Mutant {
  id: string;
  statusReason?: string;
  mutatorName: string;
  replacement: string;
  status: string;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}

function mutant(id: number, status: string, mutatorName = 'EqualityOperator', replacement = 'a >= 1'): Mutant {
  return { id: String(id), mutatorName, replacement, status, location: { start: { line: 2, column: 7 }, end: { line: 2, column: 12 } } };
}

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A repo-shaped temp dir with one report per area; `mutantsOf(area)` gives that area's mutants of one file. */
function reports(mutantsOf: (area: string) => Mutant[], equivalents: { key: string; why: string }[] = []): string {
  const root = mkdtempSync(join(tmpdir(), 'cb-mutate-score-'));
  dirs.push(root);
  mkdirSync(join(root, 'test', 'mutation', 'incremental'), { recursive: true });
  mkdirSync(join(root, 'test', 'mutation'), { recursive: true });
  for (const area of Object.keys(AREAS)) {
    const files = { [`src/${area}/f.ts`]: { language: 'typescript', source: SOURCE, mutants: mutantsOf(area) } };
    writeFileSync(join(root, incrementalFileOf(area)), JSON.stringify({ schemaVersion: '2', thresholds: { high: 95, low: 90 }, files }));
  }
  writeFileSync(join(root, 'test', 'mutation', 'equivalent.json'), JSON.stringify(equivalents));
  return root;
}

async function judge(root: string): Promise<{ code: number; out: string }> {
  try {
    const { stdout } = await run(process.execPath, [SCRIPT, '--score'], { cwd: root });
    return { code: 0, out: stdout };
  } catch (e) {
    const err = e as { code: number; stdout: string };
    return { code: err.code, out: err.stdout };
  }
}

const killedOnly = () => Array.from({ length: 20 }, (_, i) => mutant(i, i % 2 === 0 ? 'Killed' : 'Timeout'));

describe('npm run mutate -- --score', () => {
  it('passes when every area is at 100%, and prints each area and folder', async () => {
    const { code, out } = await judge(reports(killedOnly));
    expect(code).toBe(0);
    for (const area of Object.keys(AREAS)) expect(out).toMatch(new RegExp(`^${area} +100\\.00%`, 'm'));
    expect(out).toMatch(/^src\/gate +100\.00%/m);
    expect(out).toContain('通过 passed: score 100.00%');
  });

  it('fails on one unlisted survivor, even with the score above 95%, and names it', async () => {
    const { code, out } = await judge(reports((a) => [...killedOnly(), ...(a === 'proof' ? [mutant(99, 'Survived')] : [])]));
    expect(code).toBe(1);
    expect(out).toContain('存活 survived: src/proof/f.ts:2 EqualityOperator (Survived)');
    expect(out).toContain('原文 was:  if (a > 1) return 1;');
    expect(out).toContain('1 survivor(s) not listed as equivalent');
  });

  it('an equivalent entry excuses one mutant: the same replacement elsewhere on the line still fails', async () => {
    const here = mutant(99, 'Survived', 'ConditionalExpression', 'false');
    const there = {
      ...mutant(98, 'Survived', 'ConditionalExpression', 'false'),
      location: { start: { line: 2, column: 3 }, end: { line: 2, column: 20 } },
    };
    const key = survivorKey('src/proof/f.ts', here, SOURCE.split('\n'));
    expect(key).toBe('src/proof/f.ts | ConditionalExpression | if (a > 1) return 1; | @4 | false');
    const { code, out } = await judge(reports((a) => [...killedOnly(), ...(a === 'proof' ? [here, there] : [])], [{ key, why: 'listed' }]));
    expect(code).toBe(1);
    expect(out).toContain('key: src/proof/f.ts | ConditionalExpression | if (a > 1) return 1; | @0 | false');
  });

  it('one entry excuses one survivor: two alike survivors (the same line twice) need two entries', async () => {
    const twice = `${SOURCE}${SOURCE.replace('function f', 'function g')}`;
    const first = mutant(99, 'Survived');
    const second = { ...mutant(98, 'Survived'), location: { start: { line: 6, column: 7 }, end: { line: 6, column: 12 } } };
    const key = survivorKey('src/proof/f.ts', first, twice.split('\n'));
    expect(survivorKey('src/proof/f.ts', second, twice.split('\n'))).toBe(key);
    const root = (entries: number) => {
      const r = reports(
        (a) => [...killedOnly(), ...(a === 'proof' ? [first, second] : [])],
        Array(entries).fill({ key, why: 'equivalent' }),
      );
      const file = join(r, incrementalFileOf('proof'));
      const report = JSON.parse(readFileSync(file, 'utf8'));
      report.files['src/proof/f.ts'].source = twice;
      writeFileSync(file, JSON.stringify(report));
      return r;
    };
    const once = await judge(root(1));
    expect(once.code).toBe(1);
    expect(once.out).toContain('1 survivor(s) not listed as equivalent');
    expect((await judge(root(2))).code).toBe(0);
    const thrice = await judge(root(3));
    expect(thrice.code).toBe(1);
    expect(thrice.out).toContain('equivalent entry no longer matches a survivor');
  });

  it('counts a mutant no test reaches as a survivor', async () => {
    const { code, out } = await judge(reports((a) => [...killedOnly(), ...(a === 'gate' ? [mutant(98, 'NoCoverage')] : [])]));
    expect(code).toBe(1);
    expect(out).toContain('src/gate/f.ts:2 EqualityOperator (NoCoverage)');
  });

  it('passes with a survivor listed as equivalent, with its reason, while the score stays at or above 95%', async () => {
    const key = survivorKey('src/proof/f.ts', mutant(99, 'Survived'), SOURCE.split('\n'));
    const root = reports(
      (a) => [...killedOnly(), ...(a === 'proof' ? [mutant(99, 'Survived')] : [])],
      [{ key, why: 'a and 1 never meet' }],
    );
    const { code, out } = await judge(root);
    expect(code).toBe(0);
    expect(out).toMatch(/^proof +95\.24%/m);
  });

  it('judges the whole trust code: one weak area shows in its row, and a total under 95% fails even with every survivor listed', async () => {
    const lines = SOURCE.split('\n');
    const survivors = [mutant(90, 'Survived', 'EqualityOperator', 'a >= 1'), mutant(91, 'Survived', 'EqualityOperator', 'a < 1')];
    const listed = (areas: string[]) =>
      areas.flatMap((a) => survivors.map((m) => ({ key: survivorKey(`src/${a}/f.ts`, m, lines), why: 'equivalent' })));
    const weakChain = await judge(
      reports((a) => (a === 'chain' ? [...killedOnly().slice(0, 10), ...survivors] : killedOnly()), listed(['chain'])),
    );
    expect(weakChain.out).toMatch(/^chain +83\.33%/m);
    expect(weakChain.code).toBe(0);
    const weakAll = await judge(reports(() => [...killedOnly().slice(0, 1), ...survivors], listed(Object.keys(AREAS))));
    expect(weakAll.out).toContain('未通过 failed: score 33.33%');
    expect(weakAll.code).toBe(1);
  });

  it('fails when an equivalent entry matches no survivor any more (the code changed under it)', async () => {
    const { code, out } = await judge(reports(killedOnly, [{ key: 'src/proof/f.ts | EqualityOperator | gone | @0 | x', why: 'old' }]));
    expect(code).toBe(1);
    expect(out).toContain('equivalent entry no longer matches a survivor');
  });

  it('fails when an area has not been run, naming it', async () => {
    const root = reports(killedOnly);
    rmSync(join(root, incrementalFileOf('verify-notary')));
    const { code, out } = await judge(root);
    expect(code).toBe(1);
    expect(out).toContain('未运行 not run: area verify-notary');
  });

  it('does not count ignored mutants either way, and shows prose and static ones apart', async () => {
    const prose = { ...mutant(97, 'Ignored', 'StringLiteral', '""'), statusReason: 'text for people, not a decision' };
    const stat = { ...mutant(96, 'Ignored', 'StringLiteral', '""'), statusReason: 'Static mutant (and "ignoreStatic" was enabled)' };
    const { code, out } = await judge(reports((a) => [...killedOnly(), ...(a === 'bus' ? [prose, stat, stat] : [])]));
    expect(code).toBe(0);
    expect(out).toMatch(/^bus +100\.00% +20 +0 +1 +2$/m);
  });

  it('--readme writes the score and equivalent tables between their README markers, and nothing else', async () => {
    const key = survivorKey('src/proof/f.ts', mutant(99, 'Survived'), SOURCE.split('\n'));
    const root = reports((a) => [...killedOnly(), ...(a === 'proof' ? [mutant(99, 'Survived')] : [])], [{ key, why: 'a | 1 never meet' }]);
    const before =
      '# R\n\n<!-- mutation-score -->\nold\n<!-- /mutation-score -->\n\nmiddle\n\n<!-- mutation-equivalents -->\nold\n<!-- /mutation-equivalents -->\n\nend\n';
    writeFileSync(join(root, 'README.md'), before);
    const { stdout } = await run(process.execPath, [SCRIPT, '--score', '--readme'], { cwd: root });
    expect(stdout).toContain('通过 passed');
    const after = readFileSync(join(root, 'README.md'), 'utf8');
    expect(after.startsWith('# R\n\n<!-- mutation-score -->\n| 范围 area')).toBe(true);
    expect(after).toMatch(/^\| proof +\| `src\/proof\/` checks +\| 95\.24% +\| 20 +\| 1 +\| 1 +\|$/m);
    const killed = Object.keys(AREAS).length * 20;
    const total = ((100 * killed) / (killed + 1)).toFixed(2);
    expect(after).toMatch(new RegExp(`^\\| 合计 total +\\| +\\| ${total}% +\\| ${killed} +\\| 1 +\\| 1 +\\|$`, 'm'));
    expect(after).toContain('\n<!-- /mutation-score -->\n\nmiddle\n\n<!-- mutation-equivalents -->\n| file ');
    expect(after).toContain('| `src/proof/f.ts` | EqualityOperator | `if (a > 1) return 1;` (@4) → `a >= 1` | a \\| 1 never meet    |');
    expect(after.endsWith('\n<!-- /mutation-equivalents -->\n\nend\n')).toBe(true);
  });

  it('refuses an unknown area by name', async () => {
    const { code, out } = await run(process.execPath, [SCRIPT, 'nosuch'], { cwd: tmpdir() }).then(
      () => ({ code: 0, out: '' }),
      (e: { code: number; stderr: string }) => ({ code: e.code, out: e.stderr }),
    );
    expect(code).toBe(2);
    expect(out).toContain('unknown area "nosuch"');
  });
});
