/** Runs the product's verifier of a judgment or ruling (its canonical JSON document, decoded by the product) on a vector case. */
import { verifyInstrument } from '../../../src/workflows/enforcement/instrument.js';
import { instrumentOf } from '../../vectors/spec/mediation-json.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';
import { registryOf, sigOf, verdict } from './workflow-verdict.js';

export function check(file: VectorFile, c: VectorCase | InvalidCase): string {
  const i = instrumentOf((c.fields as { instrument: Record<string, unknown> }).instrument);
  return verdict(() => verifyInstrument(i, sigOf(c), registryOf(file)));
}
