/**
 * The README's mutation tables, made from the committed records and test/mutation/equivalent.json
 * so they cannot drift from them: `npm run mutate -- --readme` writes them between their markers,
 * and a test requires the README to hold exactly what this renders.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AREA_LABELS } from './areas.mjs';
import { EQUIVALENT_FILE, percent } from './score.mjs';

const cell = (s) => String(s).replaceAll('|', '\\|');

/** A markdown table padded the way a formatter pads it, so the file is stable under formatting. */
function table(header, rows) {
  const all = [header, ...rows].map((r) => r.map(cell));
  const widths = header.map((_, i) => Math.max(3, ...all.map((r) => [...r[i]].length + wide(r[i]))));
  const line = (r) => `| ${r.map((c, i) => c + ' '.repeat(widths[i] - [...c].length - wide(c))).join(' | ')} |`;
  return [line(all[0]), `| ${widths.map((w) => '-'.repeat(w)).join(' | ')} |`, ...all.slice(1).map(line)].join('\n');
}

/** CJK characters take two columns. */
function wide(s) {
  return [...s].filter((ch) => /[\u3000-\u9fff\uff00-\uffef]/u.test(ch)).length;
}

/** The score table: one row per area (an area without a record says so) and the total. */
export function scoreTable(result) {
  const rows = Object.entries(AREA_LABELS).map(([area, label]) => {
    const t = result.byArea.get(area);
    if (!t) return [area, label, '未运行 not run yet', '', '', ''];
    const listed = t.undetected - result.unexplained.filter((u) => u.area === area).length;
    return [area, label, `${percent(t).toFixed(2)}%`, String(t.detected), String(t.undetected), String(listed)];
  });
  const t = result.total;
  rows.push([
    '合计 total',
    '',
    `${percent(t).toFixed(2)}%`,
    String(t.detected),
    String(t.undetected),
    String(t.undetected - result.unexplained.length),
  ]);
  return table(['范围 area', 'code', '得分 score', 'killed', 'survived', 'of which listed equivalent'], rows);
}

/** The equivalent-mutant table: file, mutator, the code and what it became, and why nothing observable changes. */
export function equivalentTable(equivalents) {
  const rows = equivalents.map(({ key, why }) => {
    const [file, mutator, code, at, replacement] = key.split(' | ');
    return [`\`${file}\``, mutator, `\`${code}\` (${at}) → \`${replacement}\``, why];
  });
  return table(['file', 'mutator', 'code → mutant', 'why it is equivalent'], rows);
}

const between = (text, marker, body) => {
  const open = `<!-- ${marker} -->\n`;
  const close = `\n<!-- /${marker} -->`;
  const from = text.indexOf(open);
  const to = text.indexOf(close);
  if (from < 0 || to < from) throw new Error(`README.md lacks the ${marker} markers`);
  return text.slice(0, from + open.length) + body + text.slice(to);
};

/** README.md as it should read, given the score result. */
export function readmeWithTables(root, result) {
  const equivalents = JSON.parse(readFileSync(join(root, EQUIVALENT_FILE), 'utf8'));
  const readme = readFileSync(join(root, 'README.md'), 'utf8');
  return between(between(readme, 'mutation-score', scoreTable(result)), 'mutation-equivalents', equivalentTable(equivalents));
}

export function writeReadmeTables(root, result) {
  writeFileSync(join(root, 'README.md'), readmeWithTables(root, result));
}
