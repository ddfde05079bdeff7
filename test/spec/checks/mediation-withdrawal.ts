/** Runs the product's verifier of a mediation withdrawal (its canonical JSON document) on a vector case. */
import { verifyWithdrawal } from '../../../src/workflows/enforcement/mediation-case.js';
import { withdrawalOf } from '../../vectors/spec/mediation-json.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';
import { registryOf, sigOf, verdict } from './workflow-verdict.js';

export function check(file: VectorFile, c: VectorCase | InvalidCase): string {
  const w = withdrawalOf((c.fields as { withdrawal: Record<string, unknown> }).withdrawal);
  return verdict(() => verifyWithdrawal(w, sigOf(c), registryOf(file)));
}
