/**
 * UnfreezeChain's check of the header the admins chose (checkChosenHeader) under the frozen
 * client's hash suite (its chain entry's): an SM3 chain's header is the approved one under SM3,
 * and not under SHA-256 (`trusted_header_mismatch`: its hash is not the approved hash).
 */
import { describe, expect, it } from 'vitest';
import { headerHash } from '../../src/chain/header.js';
import { checkChosenHeader } from '../../src/relay/modules/unfreeze-chain.js';
import { signedHeaderToWire, validatorSetToWire } from '../../src/verify/bundle-convert.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';
import { reasonOf } from '../helpers/reason-of.js';
import { ChainFixture, fixtureValidators } from '../helpers/chain-fixture.js';

const chain = new ChainFixture('judicial', fixtureValidators(4), undefined, undefined, 'sm3');
chain.advanceTo(3);
const b = chain.at(3);
const req = decodeMessage(
  'UnfreezeChainRequest',
  encodeMessage('UnfreezeChainRequest', {
    trustedHeader: signedHeaderToWire(b.signedHeader),
    validatorSet: validatorSetToWire(b.validatorSet),
  }),
);

describe("the admins' chosen header of an SM3 chain", () => {
  it("is accepted under the client's SM3 when the order approved its SM3 hash", () => {
    const lb = checkChosenHeader(req, 'judicial', headerHash(b.header, 'sm3'), 'sm3');
    expect(lb.signedHeader.header.height).toBe(3);
  });

  it('is refused under SHA-256: trusted_header_mismatch (approved SM3 hash), invalid_trusted_header (approved SHA-256 hash)', () => {
    expect(reasonOf(() => checkChosenHeader(req, 'judicial', headerHash(b.header, 'sm3')))).toBe('trusted_header_mismatch');
    // Even an order that approved the SHA-256 hash cannot install it: its set and commit are SM3's.
    expect(reasonOf(() => checkChosenHeader(req, 'judicial', headerHash(b.header)))).toBe('invalid_trusted_header');
  });
});
