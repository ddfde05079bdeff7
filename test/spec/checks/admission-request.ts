/**
 * docs/spec/admission-request.md: what an admin's tooling does with a request file: parse it,
 * check the requester's signature by the key it carries, then that it is for this alliance (the
 * vector file's `allianceId`).
 */
import { checkAdmissionAlliance } from '../../../src/cli/commands/alliance.js';
import { toHex } from '../../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import { admissionRequestFromJson, admissionRequestSignBytes, verifyAdmissionRequest } from '../../../src/identity/admission-request.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';

export function check(file: VectorFile, c: VectorCase | InvalidCase): string {
  try {
    const r = verifyAdmissionRequest(admissionRequestFromJson(c.request));
    checkAdmissionAlliance(r, {
      allianceId: (file as VectorFile & { allianceId: string }).allianceId,
      version: 0,
      stateHash: new Uint8Array(32),
    });
    if ('bytes' in c && toHex(admissionRequestSignBytes(r)) !== c.bytes) return 'the request does not have the case bytes';
    return 'ok';
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
}
