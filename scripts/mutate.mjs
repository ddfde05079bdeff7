/**
 * npm run mutate [-- <area> ...]: mutation testing of the trust code, one Stryker run per area
 * (scripts/mutation/areas.mjs), each incremental against its file in test/mutation/incremental/,
 * then the score of all areas (scripts/mutation/score.mjs). Exit code 1 under the bar.
 * `npm run mutate -- --score` prints the score of the committed records without running anything;
 * `--readme` also writes the README's score and equivalent tables from them.
 * `npm run mutate -- <area> --files <glob,...>` mutates only those files (a quick check of one
 * change), its record in a temp dir, judged by the same bar. `--retest-survivors` tests an area's
 * survivors again (scripts/mutation/drop-survivors.mjs).
 */
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { areaNames, incrementalFileOf } from './mutation/areas.mjs';
import { dropSurvivors } from './mutation/drop-survivors.mjs';
import { writeReadmeTables } from './mutation/readme-tables.mjs';
import { printScore, score, scoreReports } from './mutation/score.mjs';

const args = process.argv.slice(2);
const scoreOnly = args.includes('--score');
const readme = args.includes('--readme');
const filesAt = args.indexOf('--files');
const files = filesAt >= 0 ? args[filesAt + 1] : undefined;
const asked = args.filter((a, i) => !a.startsWith('--') && (filesAt < 0 || i !== filesAt + 1));
if (filesAt >= 0 && (!files || asked.length !== 1)) {
  console.error('用法 usage: npm run mutate -- <area> --files <glob,...> (exactly one area, whose tests and settings are used)');
  process.exit(2);
}
for (const a of asked) {
  if (!areaNames.includes(a)) {
    console.error(`未知范围 unknown area "${a}": choose from ${areaNames.join(', ')}`);
    process.exit(2);
  }
}

let child;
/** A --files run's own temp dir (its record and Stryker's sandbox), removed however the run ends. */
let tempOut;
/**
 * The test runners' TMPDIR, removed however the run ends: Stryker ends a runner that timed out
 * with its whole process tree, the orphan watchdogs of the nats-servers some tests start
 * included, and the store directories those tests made would be left behind.
 */
const runnersTmp = mkdtempSync(join(tmpdir(), 'courtbridge-mutate-tmp-'));
const cleanUp = () => {
  for (const d of [tempOut, runnersTmp]) if (d) rmSync(d, { recursive: true, force: true });
};
// Stryker and its test runners live in their own process group, ended with this process.
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
  process.on(signal, () => {
    if (child?.pid) {
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {}
    }
    cleanUp();
    process.exit(130);
  });
}

function runArea(area, extraEnv = {}) {
  return new Promise((resolve) => {
    console.log(`== 变异测试 mutation testing: ${area}`);
    child = spawn('npx', ['stryker', 'run'], {
      stdio: 'inherit',
      detached: true,
      env: { ...process.env, TMPDIR: runnersTmp, COURTBRIDGE_MUTATE_AREA: area, ...extraEnv },
    });
    child.on('exit', (code) => resolve(code ?? 1));
  });
}

if (files) {
  if (!process.env.COURTBRIDGE_MUTATE_OUT) tempOut = mkdtempSync(join(tmpdir(), 'courtbridge-mutate-'));
  const out = process.env.COURTBRIDGE_MUTATE_OUT ?? tempOut;
  const code = await runArea(asked[0], { COURTBRIDGE_MUTATE_FILES: files, COURTBRIDGE_MUTATE_OUT: out });
  const result = scoreReports(process.cwd(), [{ name: asked[0], path: join(out, 'incremental.json') }]);
  cleanUp();
  const passed = printScore(result);
  process.exit(code === 0 && passed ? 0 : 1);
}

if (!scoreOnly) {
  for (const area of asked.length > 0 ? asked : areaNames) {
    if (args.includes('--retest-survivors')) dropSurvivors(incrementalFileOf(area));
    const code = await runArea(area);
    if (code !== 0) {
      console.error(`Stryker 运行失败 failed for area ${area} (exit ${code})`);
      cleanUp();
      process.exit(1);
    }
  }
}
cleanUp();
const result = score();
if (readme) writeReadmeTables(process.cwd(), result);
process.exit(printScore(result) ? 0 : 1);
