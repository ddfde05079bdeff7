/**
 * docs/spec/personal-id.md: the product's keyed hash on a vector's salt, kind and identifier; a
 * valid case must give its HMAC, and its message must be the one the product normalises to.
 */
import { concatBytes, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import { normalisePersonalId, personalIdHash, type PersonalIdKind } from '../../../src/privacy/keyed-hash.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';

export function check(_file: VectorFile, c: VectorCase | InvalidCase): string {
  const salt = new Uint8Array(Buffer.from(String(c.salt), 'hex'));
  const kind = c.kind as PersonalIdKind;
  try {
    const hmac = personalIdHash(salt, kind, c.input as string);
    if ('fields' in c) {
      const message = concatBytes(
        utf8(`courtbridge/v1/personal-id/${kind}`),
        Uint8Array.of(0),
        utf8(normalisePersonalId(kind, c.input as string)),
      );
      if (toHex(message) !== c.bytes) return 'message_differs';
      if (hmac !== c.hmac) return 'hmac_differs';
    }
    return 'ok';
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
}
