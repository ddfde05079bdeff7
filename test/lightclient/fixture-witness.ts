/**
 * Witnesses for light-client tests: a party that answers from a fixture chain (honest: the real
 * header at the asked height, or its latest when it has not reached it), one that never answers.
 */
import type { LightBlock } from '../../src/chain/signed-header.js';
import type { UpdateOptions } from '../../src/lightclient/light-client.js';
import type { Witness } from '../../src/lightclient/witness.js';
import type { ChainFixture } from '../helpers/chain-fixture.js';

/** A witness answering from `chain` (the real chain) as party `did`. */
export function chainWitness(chain: ChainFixture, did = 'did:alliance:witness-adapter'): Witness {
  return async (target: LightBlock) => {
    const h = target.signedHeader.header.height;
    const have = chain.blocks.length;
    const b = h <= have ? chain.at(h) : chain.at(have);
    return [{ kind: 'block', witness: did, block: { signedHeader: b.signedHeader, validatorSet: b.validatorSet } }];
  };
}

/** Update options with an honest witness of `chain`. */
export const witnessed = (chain: ChainFixture): UpdateOptions => ({ witness: chainWitness(chain) });

/** A witness that is down. */
export const unreachableWitness: Witness = async () => [
  { kind: 'unreachable', witness: 'did:alliance:witness-adapter', detail: 'no responders' },
];
