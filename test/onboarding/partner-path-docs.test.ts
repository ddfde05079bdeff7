/**
 * The documented partner path is the one the end-to-end test runs: every command line of
 * partner-path-steps.ts is a line, word for word, of an `sh` block of README.md and of
 * adapters/sdk/README.md.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../cli/cli-helpers.js';
import { PARTNER_PATH } from './partner-path-steps.js';

const shLines = (file: string): string[] =>
  [...readFileSync(join(ROOT, file), 'utf8').matchAll(/```sh\n([\s\S]*?)```/g)].flatMap((m) => m[1]!.split('\n').map((l) => l.trim()));

describe('the partner path in the docs', () => {
  for (const file of ['README.md', 'adapters/sdk/README.md']) {
    it(`${file} shows every command the end-to-end test runs, in order`, () => {
      const lines = shLines(file);
      const at = PARTNER_PATH.map((s) => lines.indexOf(s.line));
      expect(
        PARTNER_PATH.filter((_, i) => at[i] === -1).map((s) => s.line),
        file,
      ).toEqual([]);
      expect([...at].sort((a, b) => a - b)).toEqual(at);
    });
  }
});
