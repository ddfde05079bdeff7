/**
 * Every equivalent mutant the mutation bar accepts (test/mutation/equivalent.json) is shown in
 * README.md with its reason, and each has a reason a reader can check: the README is where a
 * reviewer sees what the tests deliberately do not catch.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '..', '..');
const equivalents = JSON.parse(readFileSync(resolve(ROOT, 'test/mutation/equivalent.json'), 'utf8')) as { key: string; why: string }[];
const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
const section = readme.slice(readme.indexOf('## Mutation testing'), readme.indexOf('## Benchmarks'));

describe('equivalent mutants are listed in the README', () => {
  it('the README has the mutation section', () => {
    expect(section.length).toBeGreaterThan(100);
  });

  it.each(equivalents.map((e) => [e.key, e.why]))('%s', (key, why) => {
    const [file, mutator, , , replacement] = key.split(' | ') as [string, string, string, string, string];
    expect(why.trim().length, 'an equivalent mutant needs its reason').toBeGreaterThan(20);
    const row = section.split('\n').find((l) => l.startsWith('|') && l.includes(file) && l.includes(mutator) && l.includes(why));
    expect(row, `README "Mutation testing" has no row for ${file} ${mutator} → ${replacement} with its reason`).toBeDefined();
  });
});
