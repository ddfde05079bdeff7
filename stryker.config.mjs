/**
 * Mutation testing of the trust code: every check that decides whether to believe a signature,
 * a quorum, a proof, a header, a token or an order. `npm run mutate` runs it one area at a time
 * (scripts/mutation/areas.mjs) by setting COURTBRIDGE_MUTATE_AREA; README "Mutation testing".
 */
import { AREAS, incrementalFileOf } from './scripts/mutation/areas.mjs';

const area = process.env.COURTBRIDGE_MUTATE_AREA;
if (!area || !(area in AREAS)) {
  throw new Error(`COURTBRIDGE_MUTATE_AREA must name an area (${Object.keys(AREAS).join(', ')}): run npm run mutate`);
}

// `npm run mutate -- <area> --files <glob,...>`: only those files, with a throwaway record in
// COURTBRIDGE_MUTATE_OUT, so the area's own record is left as it is.
const files = process.env.COURTBRIDGE_MUTATE_FILES?.split(',');
const out = process.env.COURTBRIDGE_MUTATE_OUT;

export default {
  testRunner: 'vitest',
  vitest: { configFile: 'vitest.mutate.config.ts' },
  plugins: ['@stryker-mutator/vitest-runner', './scripts/mutation/prose-ignorer.mjs'],
  ignorers: ['prose'],
  mutate: files ?? AREAS[area],
  coverageAnalysis: 'perTest',
  // A static mutant (a module-level constant, run once at import) needs the whole test set per
  // mutant: about 88% of the run's time for 22% of the mutants. Tags and constants are pinned
  // byte for byte by the spec vectors instead (test/spec).
  ignoreStatic: true,
  incremental: true,
  incrementalFile: files ? `${out}/incremental.json` : incrementalFileOf(area),
  reporters: ['clear-text', 'progress'],
  clearTextReporter: { allowColor: false, logTests: false, reportScoreTable: true },
  thresholds: { high: 95, low: 90, break: null },
  // Both cores; a test of the tool itself sets 1 so the rest of the suite keeps a core.
  concurrency: Number(process.env.COURTBRIDGE_MUTATE_CONCURRENCY ?? 2),
  timeoutMS: 20_000,
  tempDirName: files ? `${out}/stryker-tmp` : `.stryker-tmp/${area}`,
  cleanTempDir: 'always',
  // TypeScript 7 has no compiler API for Stryker's tsconfig rewrite; vitest needs no tsconfig.
  tsconfigFile: 'tsconfig.stryker-none.json',
  ignorePatterns: ['.stryker-tmp', 'web', 'deploy', 'bench', '.scratch', 'test-output', '.courtbridge'],
};
