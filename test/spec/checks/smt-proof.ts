/** docs/spec/smt.md `smt-proof`: the product's proof decoder, then its verifier, on a case's root, key, value and proof bytes. */
import { isCourtbridgeError } from '../../../src/errors.js';
import { decodeProof, encodeProof } from '../../../src/proof/proof-codec.js';
import { verifyProof } from '../../../src/proof/verify.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';

const hex = (v: unknown): Uint8Array => new Uint8Array(Buffer.from(String(v), 'hex'));

export function check(_file: VectorFile, c: VectorCase | InvalidCase): string {
  try {
    const proof = decodeProof(hex(c.bytes));
    verifyProof(hex(c.root), hex(c.key), c.value === null ? null : hex(c.value), proof);
    // One proof, one encoding: a valid case's bytes are what the encoder makes of the decoded proof.
    if (Buffer.from(encodeProof(proof)).toString('hex') !== c.bytes) return 'encoding_differs';
    if (Array.isArray(c.siblings) && proof.siblings.map((s) => Buffer.from(s).toString('hex')).join() !== c.siblings.join())
      return 'siblings_differ';
    return 'ok';
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
}
