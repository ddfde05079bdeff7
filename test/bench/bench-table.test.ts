/**
 * README's benchmark table is what `npm run bench:table` made from a full run
 * (bench/results/full.jsonl): a hand edit of a number, or a run whose lines never reached the
 * README, fails here.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type BenchMeta,
  currentTable,
  parseBenchLines,
  renderTable,
  replaceTable,
  TABLE_END,
  TABLE_START,
} from '../../bench/bench-table.js';

const root = join(import.meta.dirname, '../..');
const read = (p: string): string => readFileSync(join(root, p), 'utf8');
const meta: BenchMeta = { date: '2026-12-06', commit: 'abc1234', cpus: 2, loadBefore: 1.5, seconds: 300 };

describe('README benchmark table', () => {
  it('is the table rendered from the committed full run', () => {
    const lines = parseBenchLines(read('bench/results/full.jsonl'));
    const recorded = JSON.parse(read('bench/results/full.meta.json')) as BenchMeta;
    expect(lines.length).toBeGreaterThan(20);
    expect(currentTable(read('README.md'))).toBe(renderTable(lines, recorded));
  });

  it('shows each line with its ceiling, ratio and target', () => {
    const t = renderTable(
      [
        { name: 'ceiling.relay_min.c64', value: 2000.4, unit: 'calls/s' },
        { name: 'query.verified.c64', value: 1800, unit: 'calls/s', ceiling: 'ceiling.relay_min.c64', ratio: 0.9 },
      ],
      meta,
    );
    expect(t).toContain('| `ceiling.relay_min.c64` | 2,000 calls/s |                         |       |               |');
    expect(t).toContain('| `query.verified.c64`    | 1,800 calls/s | `ceiling.relay_min.c64` | 0.9   | ratio >= 0.85 |');
    expect(t).toContain('commit abc1234');
  });

  it('refuses lines that are not bench lines', () => {
    expect(() => parseBenchLines('{"name":"x","value":1,"unit":"ops/s"}\nnot json')).toThrow(/line 2 is not JSON/);
    expect(() => parseBenchLines('{"name":"x","value":"1","unit":"ops/s"}')).toThrow(/lacks name, value or unit/);
  });

  it('replaces only what lies between its markers, and needs exactly one pair', () => {
    const doc = `a\n${TABLE_START}\nold\n${TABLE_END}\nb`;
    expect(replaceTable(doc, `${TABLE_START}\nnew\n${TABLE_END}`)).toBe(`a\n${TABLE_START}\nnew\n${TABLE_END}\nb`);
    expect(() => replaceTable('no table', 'x')).toThrow(/one/);
    expect(() => replaceTable(`${doc}\n${TABLE_START}`, 'x')).toThrow(/one/);
  });
});
