/**
 * The README's mutation tables are the committed records and test/mutation/equivalent.json as
 * they stand (`npm run mutate -- --score --readme` writes them): the README is where a reviewer
 * sees the score and what the tests deliberately do not catch, each with a reason to check.
 */
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readmeWithTables } from '../../scripts/mutation/readme-tables.mjs';
import { score } from '../../scripts/mutation/score.mjs';

const ROOT = resolve(import.meta.dirname, '..', '..');
const equivalents = JSON.parse(readFileSync(resolve(ROOT, 'test/mutation/equivalent.json'), 'utf8')) as { key: string; why: string }[];

describe('the README mutation tables', () => {
  it('show the committed scores and every equivalent mutant with its reason', () => {
    const readme = readFileSync(resolve(ROOT, 'README.md'), 'utf8');
    expect(readme, 'README.md is behind the records: run npm run mutate -- --score --readme').toBe(readmeWithTables(ROOT, score(ROOT)));
  });

  it.each(equivalents.map((e) => [e.key, e.why]))('%s has a reason', (_key, why) => {
    expect(why.trim().length, 'an equivalent mutant needs its reason').toBeGreaterThan(20);
  });
});
