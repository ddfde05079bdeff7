/**
 * Runs the product's re-check of a signed collab statement on a vector case: its shape as the
 * intake and the records read it (`invalid_record`), then its signature under the key its signer
 * held at its time (checkStatementSignature, against the registry the file describes).
 */
import { checkStatementSignature, readSignedStatementFrom } from '../../../adapters/collab/statement.js';
import type { CanonicalObject } from '../../../src/encoding/canonical-json.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';
import { registryOf } from './workflow-verdict.js';

export function check(file: VectorFile, c: VectorCase | InvalidCase): string {
  try {
    const signed = readSignedStatementFrom(c.signed as CanonicalObject, 'signed');
    // A valid case's statement is the one its fields lay out.
    if (c.fields !== undefined && JSON.stringify(signed.statement) !== JSON.stringify((c.fields as { statement: unknown }).statement))
      return 'statement_differs_from_fields';
    const v = checkStatementSignature(signed, registryOf(file));
    return v.ok ? 'ok' : v.reason;
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
}
