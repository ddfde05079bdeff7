/** Runs the product's verifier of a court-signed mediation (its canonical JSON document) on a vector case. */
import { verifyMediation } from '../../../src/workflows/enforcement/mediation-case.js';
import { mediationOf } from '../../vectors/spec/mediation-json.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';
import { registryOf, sigOf, verdict } from './workflow-verdict.js';

export function check(file: VectorFile, c: VectorCase | InvalidCase): string {
  const m = mediationOf((c.fields as { mediation: Record<string, unknown> }).mediation);
  return verdict(() => verifyMediation(m, sigOf(c), registryOf(file)));
}
