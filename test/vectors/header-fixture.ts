/**
 * The two headers and two validator sets the header vectors are made of (test/vectors/header.json
 * and the spec's test/vectors/spec/header-*.json): set A of four validators (powers 10..40), set B
 * of three of equal power (keys 3..5); h1 announces the change from A to B, h2 is signed by B.
 */
import { sha256 } from '../../src/crypto/hash.js';
import { utf8 } from '../../src/encoding/bytes.js';
import { ZERO_HASH, headerHash, type Header } from '../../src/chain/header.js';
import { validatorSetHash } from '../../src/chain/validator-set.js';
import { fixtureValidators, validatorSetOf } from '../helpers/chain-fixture.js';

export const validators = fixtureValidators(4, { power: (i) => 10 * (i + 1) });
export const setA = validatorSetOf(validators);
export const nextValidators = fixtureValidators(3, { from: 3, power: 25 });
export const setB = validatorSetOf(nextValidators);

export const h1: Header = {
  chainId: 'judicial-1',
  height: 1,
  timeMs: 1_700_000_000_000,
  prevHash: ZERO_HASH,
  stateRoot: sha256(utf8('vector state 1')),
  txRoot: sha256(utf8('vector txs 1')),
  validatorsHash: validatorSetHash(setA),
  nextValidatorsHash: validatorSetHash(setB),
  proposer: validators[0]!.did,
};

export const h2: Header = {
  chainId: 'judicial-1',
  height: 2,
  timeMs: 1_700_000_001_500,
  prevHash: headerHash(h1),
  stateRoot: sha256(utf8('vector state 2')),
  txRoot: sha256(utf8('vector txs 2')),
  validatorsHash: validatorSetHash(setB),
  nextValidatorsHash: validatorSetHash(setB),
  proposer: 'did:alliance:court-of-appeal',
};
