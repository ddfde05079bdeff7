/** docs/spec/canonical-json.md: the product's strict decoder (and, for a valid case, its encoder) on a vector's bytes. */
import { decodeCanonical, encodeCanonical } from '../../../src/encoding/canonical-json.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';

export function check(_file: VectorFile, c: VectorCase | InvalidCase): string {
  const bytes = new Uint8Array(Buffer.from(String(c.bytes), 'hex'));
  try {
    const value = decodeCanonical(bytes);
    // Round trip: the decoded value encodes to the same bytes, and a valid case's value to them too.
    if (!Buffer.from(encodeCanonical(value)).equals(Buffer.from(bytes))) return 'round_trip_differs';
    if ('fields' in c && !Buffer.from(encodeCanonical((c.fields as { value: unknown }).value)).equals(Buffer.from(bytes)))
      return 'encoding_differs';
    return 'ok';
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
}
