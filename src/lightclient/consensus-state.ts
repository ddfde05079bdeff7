/**
 * What a light client keeps per trusted height (ibc-go `ConsensusState`): the header's hash,
 * time, state root, next validators hash and validator set; plus the signed header itself so a
 * later conflict can be shown as evidence with both signed headers. The header hash is under the
 * chain's hash suite (its client state's, from the registry entry), kept with it.
 */
import { headerHash } from '../chain/header.js';
import type { HashSuite } from '../crypto/hash-suite.js';
import type { LightBlock, SignedHeader } from '../chain/signed-header.js';
import type { ValidatorSet } from '../chain/validator-set.js';

export interface ConsensusState {
  height: number;
  /** H(header bytes) under `hashSuite`. */
  headerHash: Uint8Array;
  /** The suite `headerHash` is under (the client state's); absent in states stored before suites existed: SHA-256. */
  hashSuite?: HashSuite;
  timeMs: number;
  stateRoot: Uint8Array;
  nextValidatorsHash: Uint8Array;
  /** The set that signed this header (hash = header.validatorsHash). */
  validatorSet: ValidatorSet;
  /** The set for height+1 when known (hash = nextValidatorsHash); skipping trusts it first. */
  nextValidatorSet?: ValidatorSet;
  signedHeader: SignedHeader;
}

/** The consensus state a verified light block becomes, its header hashed under the chain's `suite`. */
export function consensusStateOf(block: LightBlock, nextValidatorSet?: ValidatorSet, suite: HashSuite = 'sha256'): ConsensusState {
  const h = block.signedHeader.header;
  const cs: ConsensusState = {
    height: h.height,
    headerHash: headerHash(h, suite),
    timeMs: h.timeMs,
    stateRoot: h.stateRoot,
    nextValidatorsHash: h.nextValidatorsHash,
    validatorSet: block.validatorSet,
    signedHeader: block.signedHeader,
  };
  if (suite !== 'sha256') cs.hashSuite = suite;
  if (nextValidatorSet !== undefined) cs.nextValidatorSet = nextValidatorSet;
  return cs;
}

/** The light block a consensus state was made from (for misbehaviour evidence). */
export function lightBlockOf(cs: ConsensusState): LightBlock {
  return { signedHeader: cs.signedHeader, validatorSet: cs.validatorSet };
}
