/** docs/spec/header.md `header`: the product's stateless header checks and header hash, on a case's fields. */
import { headerBytes, headerHash, validateBasic, type Header } from '../../../src/chain/header.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';

const hex = (v: unknown): Uint8Array => new Uint8Array(Buffer.from(String(v), 'hex'));

export function headerOf(f: Record<string, unknown>): Header {
  return {
    chainId: f.chainId as string,
    height: f.height as number,
    timeMs: f.timeMs as number,
    prevHash: hex(f.prevHash),
    stateRoot: hex(f.stateRoot),
    txRoot: hex(f.txRoot),
    validatorsHash: hex(f.validatorsHash),
    nextValidatorsHash: hex(f.nextValidatorsHash),
    proposer: f.proposer as string,
  };
}

export function check(_file: VectorFile, c: VectorCase | InvalidCase): string {
  const h = headerOf(c.fields as Record<string, unknown>);
  try {
    validateBasic(h);
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
  // A valid case's bytes and hash must be the product's own.
  if (typeof c.bytes === 'string' && Buffer.from(headerBytes(h)).toString('hex') !== c.bytes) return 'bytes_differ';
  if (typeof c.hash === 'string' && Buffer.from(headerHash(h)).toString('hex') !== c.hash) return 'hash_differs';
  if (typeof c.hashSm3 === 'string' && Buffer.from(headerHash(h, 'sm3')).toString('hex') !== c.hashSm3) return 'sm3_hash_differs';
  return 'ok';
}
