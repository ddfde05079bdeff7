/**
 * Reads the Stryker JSON report of every area, prints the score per area and per folder, lists
 * each surviving mutant, and says whether the trust code meets the bar: a score of at least
 * THRESHOLD, and every survivor an equivalent mutant named, with its reason, in
 * test/mutation/equivalent.json (the README shows the same list). Exit code 1 when it does not.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { AREAS, incrementalFileOf } from './areas.mjs';

export const THRESHOLD = 95;
export const EQUIVALENT_FILE = 'test/mutation/equivalent.json';

const DETECTED = new Set(['Killed', 'Timeout']);
const UNDETECTED = new Set(['Survived', 'NoCoverage']);

/**
 * A survivor's identity that outlives line moves: file, mutator, the line's text, where in that
 * text the mutant starts and the replacement. One equivalent entry excuses one survivor: alike
 * survivors with one key need as many entries.
 */
export function survivorKey(file, mutant, lines) {
  const raw = lines[mutant.location.start.line - 1] ?? '';
  const lineText = raw.trim();
  const at = mutant.location.start.column - 1 - (raw.length - raw.trimStart().length);
  return `${file} | ${mutant.mutatorName} | ${lineText} | @${at} | ${mutant.replacement ?? ''}`;
}

function tally() {
  return { detected: 0, undetected: 0, ignored: 0, static: 0, errors: 0 };
}

export const percent = (t) => (t.detected + t.undetected === 0 ? 100 : (100 * t.detected) / (t.detected + t.undetected));

/** The score of every area's last report under `root` (a missing report is an area not run). */
export function score(root = process.cwd()) {
  return scoreReports(
    root,
    Object.keys(AREAS).map((area) => ({ name: area, path: join(root, incrementalFileOf(area)) })),
  );
}

/** The score of the given reports, each named. */
export function scoreReports(root, reports) {
  const equivalentFile = join(root, EQUIVALENT_FILE);
  const equivalents = existsSync(equivalentFile) ? JSON.parse(readFileSync(equivalentFile, 'utf8')) : [];
  // How many survivors each key may excuse: one per entry, so two alike mutants (the same line
  // twice in a file, or two mutants starting at one place) need two entries.
  const allowance = new Map();
  for (const e of equivalents) allowance.set(e.key, (allowance.get(e.key) ?? 0) + 1);
  const byArea = new Map();
  const byFolder = new Map();
  const total = tally();
  const unexplained = [];
  const explained = new Map();
  const seenFiles = new Set();
  const missing = [];
  for (const { name: area, path: reportFile } of reports) {
    if (!existsSync(reportFile)) {
      missing.push(area);
      continue;
    }
    const report = JSON.parse(readFileSync(reportFile, 'utf8'));
    const areaTally = tally();
    for (const [file, { source, mutants }] of Object.entries(report.files)) {
      const lines = source.split('\n');
      seenFiles.add(file);
      const folder = dirname(file);
      if (!byFolder.has(folder)) byFolder.set(folder, tally());
      for (const m of mutants) {
        const kind = DETECTED.has(m.status)
          ? 'detected'
          : UNDETECTED.has(m.status)
            ? 'undetected'
            : m.status !== 'Ignored'
              ? 'errors'
              : /static/i.test(m.statusReason ?? '')
                ? 'static'
                : 'ignored';
        for (const t of [areaTally, byFolder.get(folder), total]) t[kind] += 1;
        if (kind !== 'undetected') continue;
        const key = survivorKey(file, m, lines);
        const used = explained.get(key) ?? 0;
        if (used < (allowance.get(key) ?? 0)) explained.set(key, used + 1);
        else
          unexplained.push({
            area,
            file,
            line: m.location.start.line,
            status: m.status,
            mutator: m.mutatorName,
            key,
            was: lines[m.location.start.line - 1]?.trim(),
            replacement: m.replacement,
          });
      }
    }
    byArea.set(area, areaTally);
  }
  return {
    byArea,
    byFolder,
    total,
    unexplained,
    missing,
    stale: [...allowance]
      .filter(([key, n]) => seenFiles.has(key.split(' | ')[0]) && (explained.get(key) ?? 0) < n)
      .map(([key]) => equivalents.find((e) => e.key === key)),
  };
}

function row(name, t) {
  return `${name.padEnd(28)} ${percent(t).toFixed(2).padStart(7)}%  ${String(t.detected).padStart(6)} ${String(t.undetected).padStart(6)} ${String(t.ignored).padStart(6)} ${String(t.static).padStart(6)}`;
}

export function printScore(result) {
  const header = `${'范围 area/folder'.padEnd(26)} ${'得分 score'.padStart(9)}  ${'杀死 killed'.padStart(6)} ${'存活 survived'.padStart(6)} ${'文字 prose'.padStart(6)} ${'静态 static'.padStart(6)}`;
  console.log(header);
  for (const [area, t] of result.byArea) console.log(row(area, t));
  console.log('');
  for (const [folder, t] of [...result.byFolder].sort()) console.log(row(folder, t));
  console.log('');
  console.log(row('合计 total', result.total));
  for (const s of result.unexplained) {
    console.log(
      `存活 survived: ${s.file}:${s.line} ${s.mutator} (${s.status})\n    原文 was:  ${s.was}\n    变异 now:  ${s.replacement}\n    key: ${s.key}`,
    );
  }
  for (const e of result.stale) console.log(`等价变异已不存在 equivalent entry no longer matches a survivor: ${e.key}`);
  for (const a of result.missing) console.log(`未运行 not run: area ${a} has no report`);
  const ok =
    result.missing.length === 0 && result.unexplained.length === 0 && result.stale.length === 0 && percent(result.total) >= THRESHOLD;
  console.log(
    ok
      ? `通过 passed: score ${percent(result.total).toFixed(2)}% >= ${THRESHOLD}%, every survivor is a listed equivalent mutant`
      : `未通过 failed: score ${percent(result.total).toFixed(2)}% (needs >= ${THRESHOLD}%), ${result.unexplained.length} survivor(s) not listed as equivalent, ${result.missing.length} area(s) not run`,
  );
  return ok;
}
