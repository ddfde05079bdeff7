/**
 * Notary equivocation (src/verify/notary-misbehaviour.ts): one notary, one (chain, height), two
 * different blocks, both signatures valid -> evidence; every other pair -> no evidence, named.
 */
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { utf8 } from '../../src/encoding/bytes.js';
import { createSigner, type Signer } from '../../src/identity/signer.js';
import type { NotarizedBlock } from '../../src/verify/notary.js';
import { notaryEquivocation, type Notarization } from '../../src/verify/notary-misbehaviour.js';
import { vectorKey } from '../identity/fixture.js';
import { block, notaries, notarize, notaryWorld } from './notary-fixture.js';

const { 'notary-a': a, 'notary-b': b } = notaries;
const fork: NotarizedBlock = { ...block, blockHash: sha256(utf8('land-evm fork 1024')) };
const by = (s: Signer, blk: NotarizedBlock = block): Notarization => ({ block: blk, signature: notarize(s, blk) });

describe('notaryEquivocation', () => {
  it('two block hashes at one height, both signed by notary-a: evidence naming both', async () => {
    const w = await notaryWorld();
    const first = by(a);
    const second = by(a, fork);
    expect(notaryEquivocation(first, second, w.authority)).toEqual({
      kind: 'evidence',
      evidence: { notaryDid: a.did, chainId: block.chainId, height: block.height, first, second },
    });
  });

  it('the same block hash with two state roots is evidence too', async () => {
    const w = await notaryWorld();
    const v = notaryEquivocation(by(a), by(a, { ...block, stateRoot: sha256(utf8('another root')) }), w.authority);
    expect(v.kind).toBe('evidence');
  });

  it('still evidence after the notary rotated its key or was revoked (keys at each block time)', async () => {
    const w = await notaryWorld();
    const later = block.timeMs + 60_000;
    await w.registry.submit(w.update({ kind: 'revoke_member', did: a.did }, later), later);
    expect(w.authority.keyAt(a.did, a.kid, later).ok).toBe(false);
    expect(notaryEquivocation(by(a), by(a, fork), w.authority).kind).toBe('evidence');
  });

  const noEvidence = async (x: Notarization, y: Notarization): Promise<string> => {
    const w = await notaryWorld();
    const v = notaryEquivocation(x, y, w.authority);
    if (v.kind === 'evidence') return 'evidence';
    expect(v.message.length).toBeGreaterThan(0);
    return v.reason;
  };

  it('the same block twice (even with another time) is no evidence: same_block', async () => {
    expect(await noEvidence(by(a), by(a))).toBe('same_block');
    expect(await noEvidence(by(a), by(a, { ...block, timeMs: block.timeMs + 1 }))).toBe('same_block');
  });

  it('two heights are no evidence: different_heights', async () => {
    expect(await noEvidence(by(a), by(a, { ...fork, height: block.height + 1 }))).toBe('different_heights');
  });

  it('two chains are no evidence: different_chains', async () => {
    expect(await noEvidence(by(a), by(a, { ...fork, chainId: 'other-evm' }))).toBe('different_chains');
  });

  it('two notaries signing two blocks accuse neither: different_notaries', async () => {
    expect(await noEvidence(by(a), by(b, fork))).toBe('different_notaries');
  });

  it('a bad signature on either side is no evidence: bad_notary_signature', async () => {
    const forged: Notarization = { block: fork, signature: { ...notarize(b, fork), notaryDid: a.did, kid: a.kid } };
    expect(await noEvidence(by(a), forged)).toBe('bad_notary_signature');
    expect(await noEvidence(forged, by(a))).toBe('bad_notary_signature');
    // A valid signature over one block presented as another block's.
    expect(await noEvidence(by(a), { block: fork, signature: notarize(a, block) })).toBe('bad_notary_signature');
  });

  it('a key the notary did not hold at the block time is no evidence: notary_key_unknown', async () => {
    const imposter = createSigner(a.did, `${a.did}#key-9`, vectorKey(91));
    expect(await noEvidence(by(a), by(imposter, fork))).toBe('notary_key_unknown');
    // Before the notaries were registered (T1), even their real key is unknown.
    const early = { ...fork, timeMs: 0 };
    expect(await noEvidence(by(a), by(a, early))).toBe('notary_key_unknown');
  });

  it('a block hash that is not 32 bytes is no evidence: malformed_notarization', async () => {
    const bad: Notarization = { block: { ...fork, blockHash: new Uint8Array(20) }, signature: notarize(a) };
    expect(await noEvidence(by(a), bad)).toBe('malformed_notarization');
    const badRoot: Notarization = { block: { ...fork, stateRoot: new Uint8Array(31) }, signature: notarize(a) };
    expect(await noEvidence(by(a), badRoot)).toBe('malformed_notarization');
  });
});
