/**
 * docs/spec/header.md `validator-set`: a set as a gateway receives it (the protobuf list, built
 * and checked by the product's converter) or as stored (the canonical bytes, by its decoder),
 * and its hash against the one a header names.
 */
import { decodeValidatorSet, encodeValidatorSet, validatorSetHash, type ValidatorSet } from '../../../src/chain/validator-set.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import { validatorSetFromWire } from '../../../src/verify/bundle-convert.js';
import type { MessageOutput } from '../../../src/wire/messages.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';

const hex = (v: unknown): Uint8Array => new Uint8Array(Buffer.from(String(v), 'hex'));
const toHex = (b: Uint8Array): string => Buffer.from(b).toString('hex');

interface SetEntry {
  did: string;
  publicKey: string;
  power: number;
}

export function check(_file: VectorFile, c: VectorCase | InvalidCase): string {
  try {
    const list = (c.validators ?? (c.fields as { validators?: SetEntry[] } | undefined)?.validators) as SetEntry[] | undefined;
    let set: ValidatorSet;
    if (list === undefined) set = decodeValidatorSet(hex(c.bytes));
    else {
      const wire = { validators: list.map((v) => ({ did: v.did, publicKey: hex(v.publicKey), power: v.power })) };
      set = validatorSetFromWire(wire as unknown as MessageOutput<'ValidatorSet'>);
    }
    if (typeof c.validatorsHash === 'string' && toHex(validatorSetHash(set)) !== c.validatorsHash) return 'wrong_validator_set_hash';
    if (typeof c.hash === 'string') {
      // A valid case: the product's encoding, its decoder and both hashes agree with the vector.
      if (toHex(encodeValidatorSet(set)) !== c.bytes) return 'bytes_differ';
      if (toHex(encodeValidatorSet(decodeValidatorSet(hex(c.bytes)))) !== c.bytes) return 'decode_differs';
      if (toHex(validatorSetHash(set)) !== c.hash) return 'hash_differs';
      if (typeof c.hashSm3 === 'string' && toHex(validatorSetHash(set, 'sm3')) !== c.hashSm3) return 'sm3_hash_differs';
    }
    return 'ok';
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
}
