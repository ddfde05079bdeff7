/** Runs the product's verifier of a performance report on a vector case. */
import { toHex } from '../../../src/encoding/bytes.js';
import { reportBytes, verifyReport } from '../../../src/workflows/enforcement/agreement.js';
import { reportOf } from '../../vectors/spec/mediation-json.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';
import { registryOf, sigOf, verdict } from './workflow-verdict.js';

export function check(file: VectorFile, c: VectorCase | InvalidCase): string {
  const r = reportOf(c.message as Record<string, unknown>);
  if (c.fields !== undefined && toHex(reportBytes(r)) !== (c.fields as { protobuf: string }).protobuf) return 'bytes_differ_from_message';
  return verdict(() => verifyReport(r, sigOf(c), registryOf(file)));
}
