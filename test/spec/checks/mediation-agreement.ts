/** Runs the product's verifier of a court-signed mediation agreement on a vector case. */
import { toHex } from '../../../src/encoding/bytes.js';
import { agreementBytes, verifyAgreement } from '../../../src/workflows/enforcement/agreement.js';
import { agreementOf } from '../../vectors/spec/mediation-json.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';
import { registryOf, sigOf, verdict } from './workflow-verdict.js';

export function check(file: VectorFile, c: VectorCase | InvalidCase): string {
  const a = agreementOf(c.message as Record<string, unknown>);
  // A valid case's protobuf must be what the product encodes from its message.
  if (c.fields !== undefined && toHex(agreementBytes(a)) !== (c.fields as { protobuf: string }).protobuf)
    return 'bytes_differ_from_message';
  return verdict(() => verifyAgreement(a, sigOf(c), registryOf(file)));
}
