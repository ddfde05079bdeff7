/** The bankruptcy signing vectors (test/vectors/bankruptcy.json): bytes, digests and signatures recomputed and verified; a changed byte or another key fails. */
import { describe, expect, it } from 'vitest';
import vectors from './bankruptcy.json' with { type: 'json' };
import { sha256 } from '../../src/crypto/hash.js';
import { toHex } from '../../src/encoding/bytes.js';
import type { ClaimFiling } from '../../adapters/bankruptcy/schema.js';
import {
  ballotSigningBytes,
  checkCreditorSignature,
  claimSigningBytes,
  type BallotFields,
} from '../../adapters/bankruptcy/signed-layout.js';
import { buildBankruptcyVectors } from './generate-bankruptcy.js';

describe('bankruptcy signing vectors', () => {
  it('recomputes every claim and ballot signing layout and verifies its signature against the did:key', () => {
    for (const c of vectors.claims) {
      const bytes = claimSigningBytes(vectors.chainId, c.fields as ClaimFiling);
      expect(toHex(bytes), c.name).toBe(c.signingBytes);
      expect(toHex(sha256(bytes))).toBe(c.sha256);
      expect(checkCreditorSignature(c.fields.creditor, bytes, c.signature)).toBe('ok');
      expect(checkCreditorSignature(c.fields.creditor, claimSigningBytes('another-chain', c.fields as ClaimFiling), c.signature)).toBe(
        'bad_signature',
      );
    }
    for (const b of vectors.ballots) {
      const bytes = ballotSigningBytes(vectors.chainId, b.fields as BallotFields);
      expect(toHex(bytes), b.name).toBe(b.signingBytes);
      expect(toHex(sha256(bytes))).toBe(b.sha256);
      expect(checkCreditorSignature(b.fields.creditor, bytes, b.signature)).toBe('ok');
      const other = vectors.ballots.find((x) => x.fields.creditor !== b.fields.creditor)!;
      expect(checkCreditorSignature(other.fields.creditor, bytes, b.signature)).toBe('bad_signature');
    }
  });
  it('the generator reproduces the file', () => {
    expect(JSON.parse(JSON.stringify(buildBankruptcyVectors()))).toEqual(vectors);
  });
});
