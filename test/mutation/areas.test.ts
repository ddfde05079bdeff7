/**
 * The mutation areas (scripts/mutation/areas.mjs) split the trust code without overlap (a file in
 * two areas would be counted twice) and without gaps where a folder is meant whole: a new file
 * in src/verify or src/identity's verify half has to be placed in an area by name.
 */
import { readdirSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { AREA_LABELS, AREAS } from '../../scripts/mutation/areas.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** The files one area's patterns name: `dir/*.ts`, `dir/{a,b}.ts` and `!file` exclusions. */
function filesOf(patterns: readonly string[]): string[] {
  const out = new Set<string>();
  for (const p of patterns.filter((p) => !p.startsWith('!'))) {
    const dir = p.slice(0, p.lastIndexOf('/'));
    const name = p.slice(p.lastIndexOf('/') + 1);
    const braces = /^\{(.+)\}\.ts$/.exec(name);
    const names =
      name === '*.ts'
        ? readdirSync(resolve(ROOT, dir)).filter((f) => f.endsWith('.ts'))
        : braces
          ? braces[1]!.split(',').map((n) => `${n}.ts`)
          : [name];
    for (const n of names) out.add(`${dir}/${n}`);
  }
  for (const p of patterns.filter((p) => p.startsWith('!'))) out.delete(p.slice(1));
  return [...out];
}

const placed = Object.entries(AREAS).flatMap(([area, patterns]) => filesOf(patterns).map((file) => ({ area, file })));

describe('mutation areas', () => {
  it('name files that exist, each in one area only', () => {
    for (const { file } of placed) expect(readdirSync(resolve(ROOT, file, '..')), file).toContain(file.slice(file.lastIndexOf('/') + 1));
    const seen = new Map<string, string>();
    for (const { area, file } of placed) {
      expect(seen.get(file), `${file} is in ${seen.get(file)} and ${area}`).toBeUndefined();
      seen.set(file, area);
    }
  });

  it('cover every verifier in src/verify and src/verify/evm', () => {
    const files = new Set(placed.map((p) => p.file));
    for (const dir of ['src/verify', 'src/verify/evm']) {
      for (const f of readdirSync(resolve(ROOT, dir)).filter((f) => f.endsWith('.ts')))
        expect(files, `${dir}/${f} is in no area`).toContain(`${dir}/${f}`);
    }
  });

  it('each have a label for the README score table', () => {
    expect(Object.keys(AREA_LABELS).sort()).toEqual(Object.keys(AREAS).sort());
  });
});
