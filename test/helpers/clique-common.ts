/**
 * An @ethereumjs/common Common for a Clique chain (epoch 30000), at a pre-London or London
 * hardfork: what @ethereumjs/block's clique functions need to seal (test/vectors/generate-evm-clique.ts)
 * and to recover a sealer independently of src/verify/evm (test/verify/evm/clique-seal.test.ts).
 * Every fork is at block 0 and there is no DAO fork, so no chain rule of mainnet's (the DAO
 * extraData, the first London block's base fee) applies to the made-up block numbers.
 */
import { Common, type ChainConfig } from '@ethereumjs/common';

const FORKS = [
  'chainstart',
  'homestead',
  'tangerineWhistle',
  'spuriousDragon',
  'byzantium',
  'constantinople',
  'petersburg',
  'istanbul',
  'berlin',
  'london',
];

const CLIQUE_CHAIN: ChainConfig = {
  name: 'courtbridge-clique-test',
  chainId: 1337,
  defaultHardfork: 'istanbul',
  consensus: { type: 'poa', algorithm: 'clique', clique: { period: 5, epoch: 30_000 } },
  genesis: { gasLimit: 30_000_000, difficulty: 1, nonce: '0x0000000000000000', extraData: '0x' },
  hardforks: FORKS.map((name) => ({ name, block: 0 })),
  bootstrapNodes: [],
};

export function cliqueCommon(hardfork: 'istanbul' | 'london'): Common {
  return new Common({ chain: CLIQUE_CHAIN, hardfork });
}
