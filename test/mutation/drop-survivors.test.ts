/**
 * `--retest-survivors` (scripts/mutation/drop-survivors.mjs): survivors and unreached mutants
 * leave the record so the next run tests them again; killed and timed-out results stay.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { dropSurvivors } from '../../scripts/mutation/drop-survivors.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('dropSurvivors', () => {
  it('drops Survived and NoCoverage mutants of every file, keeps the rest and the report around them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'courtbridge-drop-survivors-'));
    dirs.push(dir);
    const path = join(dir, 'area.json');
    const m = (id: string, status: string) => ({ id, status, mutatorName: 'StringLiteral' });
    const report = {
      schemaVersion: '2',
      files: {
        'src/a.ts': { language: 'typescript', source: 'a', mutants: [m('1', 'Killed'), m('2', 'Survived'), m('3', 'Timeout')] },
        'src/b.ts': { language: 'typescript', source: 'b', mutants: [m('4', 'NoCoverage'), m('5', 'Killed')] },
      },
      testFiles: { 't.test.ts': { tests: [] } },
    };
    writeFileSync(path, JSON.stringify(report));
    expect(dropSurvivors(path)).toBe(2);
    const after = JSON.parse(readFileSync(path, 'utf8')) as typeof report;
    expect(after.files['src/a.ts'].mutants.map((x) => x.id)).toEqual(['1', '3']);
    expect(after.files['src/b.ts'].mutants.map((x) => x.id)).toEqual(['5']);
    expect(after.testFiles).toEqual(report.testFiles);
    expect(after.files['src/b.ts'].source).toBe('b');
  });

  it('an area with no record yet is left alone', () => {
    const dir = mkdtempSync(join(tmpdir(), 'courtbridge-drop-survivors-'));
    dirs.push(dir);
    expect(dropSurvivors(join(dir, 'missing.json'))).toBe(0);
  });
});
