import { describe, expect, it } from 'vitest';
import { headerBytes } from '../../src/chain/header.js';
import { encodeCommit, writeCommit } from '../../src/chain/commit.js';
import {
  decodeLightBlock,
  decodeSignedHeader,
  encodeLightBlock,
  encodeSignedHeader,
  writeSignedHeader,
} from '../../src/chain/signed-header.js';
import { encodeValidatorSet } from '../../src/chain/validator-set.js';
import { ByteWriter, concatBytes } from '../../src/encoding/bytes.js';
import { ChainFixture, fixtureValidators } from '../helpers/chain-fixture.js';

const chain = new ChainFixture('ip-1', fixtureValidators(4));
chain.next();
const b2 = chain.next();
const sh = b2.signedHeader;

describe('signed header encoding', () => {
  it('round-trips: the header in its own length, then the commit', () => {
    const b = encodeSignedHeader(sh);
    const hb = headerBytes(sh.header);
    expect(b).toEqual(concatBytes(new ByteWriter().bytes(hb).finish(), encodeCommit(sh.commit)));
    expect(decodeSignedHeader(b)).toEqual(sh);
  });

  it('refuses trailing bytes after the commit', () => {
    expect(() => decodeSignedHeader(Uint8Array.of(...encodeSignedHeader(sh), 0))).toThrow(/^signed header: 1 trailing bytes$/);
  });

  it('refuses bytes after the header inside its length', () => {
    // The header's length would otherwise hide extra bytes: one signed header, two encodings.
    const w = new ByteWriter().bytes(Uint8Array.of(...headerBytes(sh.header), 0));
    expect(() => decodeSignedHeader(writeCommit(w, sh.commit).finish())).toThrow(/^header: 1 trailing bytes$/);
  });

  it('a truncated header length or header names what it reads', () => {
    const b = encodeSignedHeader(sh);
    expect(() => decodeSignedHeader(b.subarray(0, 3))).toThrow(/^signedHeader\.header: truncated/);
    expect(() => decodeSignedHeader(b.subarray(0, 10))).toThrow(/^signedHeader\.header: truncated/);
  });
});

describe('light block encoding', () => {
  const signedHeaderBytes = (): ByteWriter => writeSignedHeader(new ByteWriter(), sh);

  it('round-trips', () => {
    expect(decodeLightBlock(encodeLightBlock(b2))).toEqual({ signedHeader: sh, validatorSet: b2.validatorSet });
  });

  it('a truncated validator set length or set names it', () => {
    const b = encodeLightBlock(b2);
    const at = signedHeaderBytes().finish().length;
    expect(() => decodeLightBlock(b.subarray(0, at + 3))).toThrow(/^lightBlock\.validatorSet: truncated/);
    expect(() => decodeLightBlock(b.subarray(0, b.length - 1))).toThrow(/^lightBlock\.validatorSet: truncated/);
  });

  it('refuses bytes after the validator set inside its length', () => {
    const b = signedHeaderBytes()
      .bytes(Uint8Array.of(...encodeValidatorSet(b2.validatorSet), 0))
      .finish();
    expect(() => decodeLightBlock(b)).toThrow(/^lightBlock\.validatorSet: 1 trailing bytes$/);
  });
});
