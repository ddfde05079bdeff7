import { existsSync, readFileSync, writeFileSync } from 'node:fs';

/**
 * `npm run mutate -- <area> --retest-survivors`: Stryker's incremental mode keeps a survivor's
 * result while its code and the tests that reached it are unchanged, even when a new test file
 * now reaches it. Dropping the survivors (and the mutants no test reached) from the record makes
 * the next run test them again; every other result is kept. Returns how many were dropped.
 */
export function dropSurvivors(path) {
  if (!existsSync(path)) return 0;
  const report = JSON.parse(readFileSync(path, 'utf8'));
  let dropped = 0;
  for (const f of Object.values(report.files)) {
    const kept = f.mutants.filter((m) => m.status !== 'Survived' && m.status !== 'NoCoverage');
    dropped += f.mutants.length - kept.length;
    f.mutants = kept;
  }
  writeFileSync(path, JSON.stringify(report));
  return dropped;
}
