/**
 * Suite `header`: full header verifications per second (validateBasic + header hash +
 * validator-set hash check + quorum commit verification) with 4 and 21 equal-power validators.
 * Compared with native secp256k1 verify: a >2/3 quorum needs 3 of 4 and 15 of 21 signatures,
 * and verification stops at the quorum, so the bound is ceiling / 3 and ceiling / 15.
 */
import { equalBytes } from '../src/encoding/bytes.js';
import { validateBasic } from '../src/chain/header.js';
import { verifyCommit } from '../src/chain/commit.js';
import { validatorSetHash } from '../src/chain/validator-set.js';
import { ChainFixture, fixtureValidators } from '../test/helpers/chain-fixture.js';
import { opsPerSecond, withCeiling, type BenchSuite } from './lib.js';

function verifier(n: number): () => void {
  const chain = new ChainFixture('bench-1', fixtureValidators(n, { from: 1000 }));
  const { signedHeader, validatorSet } = chain.advanceTo(2);
  const { header, commit } = signedHeader;
  return () => {
    validateBasic(header);
    if (!equalBytes(validatorSetHash(validatorSet), header.validatorsHash)) throw new Error('bench: wrong set');
    verifyCommit(header, commit, validatorSet);
  };
}

export const headerSuite: BenchSuite = {
  name: 'header',
  async run(ctx) {
    for (const [n, quorum] of [
      [4, 3],
      [21, 15],
    ] as const) {
      const name = `header.verify.v${n}`;
      ctx.progress(name);
      const value = opsPerSecond(verifier(n), ctx.durationMs, 4);
      ctx.emit(withCeiling(ctx, name, value, 'headers/s', 'secp256k1.verify.native', 1 / quorum));
    }
  },
};
