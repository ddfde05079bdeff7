/**
 * Notary quorum finality (src/verify/notary.ts): m of n named notaries sign one block; every
 * signature that does not count is named with its reason, and a block signed for another chain,
 * height, hash or root counts for nothing.
 */
import { describe, expect, it } from 'vitest';
import { sha256, signingInput, SignTag } from '../../src/crypto/hash.js';
import { utf8 } from '../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../src/errors.js';
import type { ChainEntry } from '../../src/identity/chain-entry.js';
import { createSigner } from '../../src/identity/signer.js';
import { notarizedBlockLayout, notaryPolicyOf, verifyNotarization, type NotarizedBlock } from '../../src/verify/notary.js';
import { vectorKey } from '../identity/fixture.js';
import { block, notaries, notarize, notaryWorld, policy, T1 } from './notary-fixture.js';

const AT = T1 + 10_000;
const { 'notary-a': a, 'notary-b': b, 'notary-c': c, 'notary-x': x } = notaries;

describe('verifyNotarization', () => {
  it('two of three notaries sign the block: met, both counted', async () => {
    const w = await notaryWorld();
    const v = verifyNotarization(block, [notarize(a), notarize(c)], policy, w.authority, AT);
    expect(v).toEqual({ kind: 'met', counted: [a.did, c.did], ignored: [] });
  });

  it('all three sign: met with three counted', async () => {
    const w = await notaryWorld();
    const v = verifyNotarization(block, [notarize(a), notarize(b), notarize(c)], policy, w.authority, AT);
    expect(v.kind).toBe('met');
    expect(v.counted).toHaveLength(3);
  });

  it('one of three: not_met, with what counted and the threshold', async () => {
    const w = await notaryWorld();
    const v = verifyNotarization(block, [notarize(b)], policy, w.authority, AT);
    expect(v).toEqual({ kind: 'not_met', counted: [b.did], ignored: [], threshold: 2 });
    expect(verifyNotarization(block, [], policy, w.authority, AT)).toEqual({ kind: 'not_met', counted: [], ignored: [], threshold: 2 });
  });

  it('a member outside the notary set is ignored as unknown_notary and never fills a short set', async () => {
    const w = await notaryWorld();
    const v = verifyNotarization(block, [notarize(a), notarize(x)], policy, w.authority, AT);
    expect(v).toEqual({ kind: 'not_met', counted: [a.did], ignored: [{ did: x.did, reason: 'unknown_notary' }], threshold: 2 });
    // Not even a valid signature by a DID that is no member at all.
    const stranger = createSigner('did:alliance:stranger', 'did:alliance:stranger#key-1', vectorKey(90));
    const v2 = verifyNotarization(block, [notarize(stranger), notarize(a)], policy, w.authority, AT);
    expect(v2.kind).toBe('not_met');
    expect(v2.ignored).toEqual([{ did: stranger.did, reason: 'unknown_notary' }]);
  });

  it('the same notary twice counts once (duplicate_notary)', async () => {
    const w = await notaryWorld();
    const v = verifyNotarization(block, [notarize(a), notarize(a)], policy, w.authority, AT);
    expect(v).toEqual({ kind: 'not_met', counted: [a.did], ignored: [{ did: a.did, reason: 'duplicate_notary' }], threshold: 2 });
  });

  const other = (name: string, change: Partial<NotarizedBlock>): [string, NotarizedBlock] => [name, { ...block, ...change }];
  it.each([
    other('another height', { height: block.height + 1 }),
    other('another block hash', { blockHash: sha256(utf8('a fork at 1024')) }),
    other('another state root', { stateRoot: sha256(utf8('another state at 1024')) }),
    other('another chain', { chainId: 'land-evm-2' }),
    other('another time', { timeMs: block.timeMs + 1 }),
  ])('a signature over %s is bad_notary_signature', async (_name, signed) => {
    const w = await notaryWorld();
    const v = verifyNotarization(block, [notarize(a), notarize(b, signed)], policy, w.authority, AT);
    expect(v).toEqual({ kind: 'not_met', counted: [a.did], ignored: [{ did: b.did, reason: 'bad_notary_signature' }], threshold: 2 });
  });

  it('a signature under another tag (an attestation of the same bytes) is bad_notary_signature', async () => {
    const w = await notaryWorld();
    const forged = { notaryDid: b.did, kid: b.kid, signature: b.sign(signingInput(SignTag.Attestation, notarizedBlockLayout(block))) };
    const v = verifyNotarization(block, [notarize(a), forged], policy, w.authority, AT);
    expect(v.ignored).toEqual([{ did: b.did, reason: 'bad_notary_signature' }]);
  });

  it("c's signature passed off as b's is bad_notary_signature", async () => {
    const w = await notaryWorld();
    const v = verifyNotarization(block, [{ ...notarize(c), notaryDid: b.did, kid: b.kid }, notarize(a)], policy, w.authority, AT);
    expect(v.ignored).toEqual([{ did: b.did, reason: 'bad_notary_signature' }]);
  });

  it('before the notaries were registered their keys are unknown (notary_key_unknown)', async () => {
    const w = await notaryWorld();
    const v = verifyNotarization(block, [notarize(a), notarize(b)], policy, w.authority, T1 - 1);
    expect(v).toEqual({
      kind: 'not_met',
      counted: [],
      ignored: [
        { did: a.did, reason: 'notary_key_unknown' },
        { did: b.did, reason: 'notary_key_unknown' },
      ],
      threshold: 2,
    });
  });

  it('a revoked notary counts before its revocation, not at or after it', async () => {
    const w = await notaryWorld();
    const TR = AT + 1_000;
    await w.registry.submit(w.update({ kind: 'revoke_member', did: b.did }, TR), TR);
    const sigs = [notarize(a), notarize(b)];
    expect(verifyNotarization(block, sigs, policy, w.authority, TR - 1).kind).toBe('met');
    const v = verifyNotarization(block, sigs, policy, w.authority, TR);
    expect(v).toEqual({ kind: 'not_met', counted: [a.did], ignored: [{ did: b.did, reason: 'notary_key_unknown' }], threshold: 2 });
  });

  it('a rotated key: the old key counts before the rotation only, the new one after it only', async () => {
    const w = await notaryWorld();
    const TR = AT + 1_000;
    const b2 = createSigner(b.did, `${b.did}#key-2`, vectorKey(84));
    await w.registry.submit(w.update({ kind: 'rotate_key', did: b.did, newKid: '#key-2', newPublicKey: b2.publicKey }, TR), TR);
    const old = [notarize(a), notarize(b)];
    const rotated = [notarize(a), notarize(b2)];
    expect(verifyNotarization(block, old, policy, w.authority, TR - 1).kind).toBe('met');
    expect(verifyNotarization(block, old, policy, w.authority, TR).ignored).toEqual([{ did: b.did, reason: 'notary_key_unknown' }]);
    expect(verifyNotarization(block, rotated, policy, w.authority, TR).kind).toBe('met');
    expect(verifyNotarization(block, rotated, policy, w.authority, TR - 1).ignored).toEqual([{ did: b.did, reason: 'notary_key_unknown' }]);
  });

  it('a policy asking for no notary, or more than there are, is refused (invalid_notary_policy)', async () => {
    const w = await notaryWorld();
    for (const threshold of [0, -1, 1.5, 4]) {
      let reason = 'ok';
      try {
        verifyNotarization(block, [notarize(a)], { ...policy, threshold }, w.authority, AT);
      } catch (e) {
        reason = isCourtbridgeError(e) ? e.reason : String(e);
      }
      expect(reason, `threshold ${threshold}`).toBe('invalid_notary_policy');
    }
  });

  it('a block hash or state root that is not 32 bytes is refused before anything is counted', async () => {
    const w = await notaryWorld();
    expect(() => verifyNotarization({ ...block, blockHash: new Uint8Array(31) }, [], policy, w.authority, AT)).toThrow(/blockHash/);
    expect(() => verifyNotarization({ ...block, stateRoot: new Uint8Array(33) }, [], policy, w.authority, AT)).toThrow(/stateRoot/);
  });

  it("notaryPolicyOf reads the chain entry's attestation set as its notaries", () => {
    const entry = {
      chainId: 'land-evm',
      kind: 'evm',
      attestation: { threshold: 2, attesters: [...policy.notaries] },
    } as Pick<ChainEntry, 'chainId' | 'kind' | 'attestation'> as ChainEntry;
    expect(notaryPolicyOf(entry)).toEqual(policy);
    const { attestation: _none, ...bare } = entry;
    expect(notaryPolicyOf(bare as ChainEntry)).toBeUndefined();
  });
});
