/**
 * A block header of an alliance chain: what validators sign and what the light client trusts
 * (DESIGN.md "Header proofs"). Pure: bytes in, verdict out.
 *
 * Sign bytes, fixed layout (src/encoding/bytes.ts), in this order, pinned by test/vectors/header.json:
 *   string   chainId
 *   u64      height               (>= 1)
 *   u64      timeMs               (unix milliseconds, block time chosen by the proposer)
 *   fixed32  prevHash             (headerHash of height-1; all zero at height 1)
 *   fixed32  stateRoot            (sparse Merkle root of the chain's state after this block)
 *   fixed32  txRoot
 *   fixed32  validatorsHash       (validatorSetHash of the set that signs this header)
 *   fixed32  nextValidatorsHash   (validatorSetHash of the set that signs height+1)
 *   string   proposer             (DID)
 *
 * Every hash above is H(...), H the hash suite of the chain's registry entry
 * (src/crypto/hash-suite.ts: SHA-256, or SM3 for a chain on national cryptography). The layout
 * is the same under both; the suite is never read from a header, always from the entry (or the
 * light client state made from it), so a header hashed under the other suite simply matches nothing.
 */
import { ByteReader, ByteWriter, assertBytes } from '../encoding/bytes.js';
import { digest, type HashSuite } from '../crypto/hash-suite.js';
import { VerificationError } from '../errors.js';

export const HASH_LENGTH = 32;

export interface Header {
  chainId: string;
  height: number;
  timeMs: number;
  prevHash: Uint8Array;
  stateRoot: Uint8Array;
  txRoot: Uint8Array;
  validatorsHash: Uint8Array;
  nextValidatorsHash: Uint8Array;
  proposer: string;
}

/** Reasons `validateBasic` rejects a header with (stateless checks, ibc-go `ValidateBasic`). */
export type HeaderRejection =
  | 'invalid_chain_id'
  | 'invalid_height'
  | 'invalid_time'
  | 'invalid_hash_length'
  | 'invalid_prev_hash'
  | 'invalid_proposer';

/**
 * Chain ids double as NATS KV key tokens and subject tokens (src/bus/trusted-store-kv.ts),
 * so they are restricted to letters, digits, `_` and `-`, at most 64 characters.
 */
export const CHAIN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9_-]{0,63}$/;

export const ZERO_HASH: Uint8Array = new Uint8Array(HASH_LENGTH);

/** True when every byte is zero: an empty hash is never a root anyone may trust (the Nomad lesson). */
export function isZeroHash(h: Uint8Array): boolean {
  for (const b of h) if (b !== 0) return false;
  return true;
}

/** The exact bytes validators sign over (through the vote, see vote.ts) and that `headerHash` hashes. */
export function headerBytes(h: Header): Uint8Array {
  return new ByteWriter()
    .string(h.chainId)
    .u64(h.height)
    .u64(h.timeMs)
    .fixed(h.prevHash, HASH_LENGTH, 'header.prevHash')
    .fixed(h.stateRoot, HASH_LENGTH, 'header.stateRoot')
    .fixed(h.txRoot, HASH_LENGTH, 'header.txRoot')
    .fixed(h.validatorsHash, HASH_LENGTH, 'header.validatorsHash')
    .fixed(h.nextValidatorsHash, HASH_LENGTH, 'header.nextValidatorsHash')
    .string(h.proposer)
    .finish();
}

/** `H(headerBytes(h))`, H the chain's hash suite: the id of a header, linked by the next header's `prevHash`. */
export function headerHash(h: Header, suite: HashSuite = 'sha256'): Uint8Array {
  return digest(suite, headerBytes(h));
}

/** Wire encoding of a header: the sign bytes themselves (one layout, one source of truth). */
export const encodeHeader = headerBytes;

/** Decode `encodeHeader` output; trailing bytes are an error so one header has one encoding. */
export function decodeHeader(bytes: Uint8Array): Header {
  assertBytes(bytes, undefined, 'header bytes');
  const r = new ByteReader(bytes);
  return readHeader(r, true);
}

/** Read a header from a larger structure (signed-header.ts). */
export function readHeader(r: ByteReader, toEnd = false): Header {
  const h: Header = {
    chainId: r.string('header.chainId'),
    height: r.u64n('header.height'),
    timeMs: r.u64n('header.timeMs'),
    prevHash: r.fixed(HASH_LENGTH, 'header.prevHash').slice(),
    stateRoot: r.fixed(HASH_LENGTH, 'header.stateRoot').slice(),
    txRoot: r.fixed(HASH_LENGTH, 'header.txRoot').slice(),
    validatorsHash: r.fixed(HASH_LENGTH, 'header.validatorsHash').slice(),
    nextValidatorsHash: r.fixed(HASH_LENGTH, 'header.nextValidatorsHash').slice(),
    proposer: r.string('header.proposer'),
  };
  if (toEnd) r.end('header');
  return h;
}

const reject = (reason: HeaderRejection, message: string): never => {
  throw new VerificationError(reason, message);
};

/**
 * Stateless checks (ibc-go 07-tendermint `Header.ValidateBasic`): everything that can be
 * judged from the header alone. Checks against trusted state live in src/lightclient.
 * Throws `VerificationError` with a `HeaderRejection` reason.
 */
export function validateBasic(h: Header): void {
  if (typeof h.chainId !== 'string' || !CHAIN_ID_PATTERN.test(h.chainId)) {
    reject('invalid_chain_id', `header.chainId: expected ${CHAIN_ID_PATTERN.source}, got ${JSON.stringify(h.chainId)}`);
  }
  if (!Number.isSafeInteger(h.height) || h.height < 1)
    reject('invalid_height', `header.height: expected a safe integer >= 1, got ${h.height}`);
  if (!Number.isSafeInteger(h.timeMs) || h.timeMs < 1)
    reject('invalid_time', `header.timeMs: expected a positive safe integer, got ${h.timeMs}`);
  for (const f of ['prevHash', 'stateRoot', 'txRoot', 'validatorsHash', 'nextValidatorsHash'] as const) {
    const v = h[f];
    if (!(v instanceof Uint8Array) || v.length !== HASH_LENGTH) reject('invalid_hash_length', `header.${f}: expected ${HASH_LENGTH} bytes`);
  }
  // Height 1 has no parent; every later header must name one (a zero link would let any header follow).
  if (h.height === 1 && !isZeroHash(h.prevHash)) reject('invalid_prev_hash', 'header.prevHash: must be zero at height 1');
  if (h.height > 1 && isZeroHash(h.prevHash)) reject('invalid_prev_hash', `header.prevHash: must not be zero at height ${h.height}`);
  if (typeof h.proposer !== 'string' || !h.proposer.startsWith('did:')) reject('invalid_proposer', 'header.proposer: expected a DID');
}
