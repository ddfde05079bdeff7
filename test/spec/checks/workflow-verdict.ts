/**
 * The verdict of a product verifier that throws: 'ok', or the reason of the CourtbridgeError it
 * throws (shared by the mediation, judicial-instrument checks). Anything else is a bug, rethrown.
 */
import { isCourtbridgeError } from '../../../src/errors.js';
import type { RegistryMemberJson } from '../../vectors/spec/vector-kit.js';
import { authorityOf } from '../../vectors/spec/vector-kit.js';
import type { VectorFile } from '../layout.js';

export function verdict(run: () => void): string {
  try {
    run();
    return 'ok';
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
}

/** The registry the file describes, as the product's Authority. */
export const registryOf = (file: VectorFile) => authorityOf(file.keys, (file as unknown as { registry: RegistryMemberJson[] }).registry);

export const sigOf = (c: Record<string, unknown>): Uint8Array => Buffer.from(c.signature as string, 'hex');
