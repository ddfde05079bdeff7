/**
 * A dev-ledger transaction: a named contract operation with an opaque body.
 *
 * Encoding (fixed layout): string type, string sender (DID), string id, bytes body.
 * `txHash = H(encodeTx(tx))`; a block's txRoot is the RFC 6962 root of its encoded txs under H,
 * H the chain's hash suite (SHA-256 unless the ledger is made for an SM3 chain).
 * `id` is the submitter's idempotency key: a second tx with the same id is refused.
 */
import { type ByteReader, ByteWriter } from '../../encoding/bytes.js';
import { sha256 } from '../../crypto/hash.js';
import { digest, type HashSuite } from '../../crypto/hash-suite.js';

export interface Tx {
  /** `<contract>.<operation>`, e.g. `property.register`. */
  type: string;
  sender: string;
  id: string;
  body: Uint8Array;
}

export function encodeTx(tx: Tx): Uint8Array {
  return writeTx(new ByteWriter(), tx).finish();
}

export function writeTx(w: ByteWriter, tx: Tx): ByteWriter {
  return w.string(tx.type).string(tx.sender).string(tx.id).bytes(tx.body);
}

export function readTx(r: ByteReader): Tx {
  return { type: r.string('tx.type'), sender: r.string('tx.sender'), id: r.string('tx.id'), body: r.bytes('tx.body').slice() };
}

export const txHash = (tx: Tx, suite: HashSuite = 'sha256'): Uint8Array =>
  suite === 'sha256' ? sha256(encodeTx(tx)) : digest(suite, encodeTx(tx));
