/**
 * A validator's vote for a header: the only thing a header signature means.
 *
 * Vote bytes, fixed layout, pinned by test/vectors/header.json:
 *   string chainId, u64 height, fixed32 headerHash   (H(headerBytes), H the chain entry's hash suite)
 * The signature (the validator key's suite) is over `signingInput(SignTag.Header, voteBytes)` (src/crypto/hash.ts):
 * chain id and height are inside the signed bytes, so a vote for another chain or height counts
 * for nothing here, and the tag keeps it from verifying as any other kind of message. Votes are
 * verified in one place, the commit tally (commit.ts), which names each bad vote's reason.
 */
import { ByteWriter } from '../encoding/bytes.js';
import { SignTag, signingInput, type SigningInput } from '../crypto/hash.js';
import type { HashSuite } from '../crypto/hash-suite.js';
import { signWith, type SignatureSuite } from '../crypto/signature-suite.js';
import { HASH_LENGTH, headerHash, type Header } from './header.js';

export function voteBytes(chainId: string, height: number, hash: Uint8Array): Uint8Array {
  return new ByteWriter().string(chainId).u64(height).fixed(hash, HASH_LENGTH, 'vote.headerHash').finish();
}

/** The message a validator's key signs for a vote. */
export function voteSigningInput(chainId: string, height: number, hash: Uint8Array): SigningInput {
  return signingInput(SignTag.Header, voteBytes(chainId, height, hash));
}

/**
 * Sign a vote for `header` with a validator key of `signatureSuite`; the vote names the header
 * by its hash under the chain's `hashSuite`.
 */
export function signVote(
  header: Header,
  privateKey: Uint8Array,
  hashSuite: HashSuite = 'sha256',
  signatureSuite: SignatureSuite = 'secp256k1',
): Uint8Array {
  return signWith(signatureSuite, voteSigningInput(header.chainId, header.height, headerHash(header, hashSuite)), privateKey);
}
