/**
 * The hash functions of the RFC 6962 tree are module-level constants (arrow functions): the leaf
 * prefix 0x00, the node prefix 0x01, H("") for the empty list, each under the suite asked for.
 * An edit to such a constant only shows in a module evaluated after it, so this test loads
 * binary-merkle afresh and checks each against an independent SHA-256 and SM3.
 */
import { createHash } from 'node:crypto';
import { sm3 as sm3Js } from 'sm-crypto-v2';
import { expect, it, vi } from 'vitest';
import { concatBytes, fromHex, toHex, utf8 } from '../../src/encoding/bytes.js';

const sha = (...parts: Uint8Array[]): Uint8Array =>
  new Uint8Array(
    createHash('sha256')
      .update(concatBytes(...parts))
      .digest(),
  );
const sm3 = (...parts: Uint8Array[]): Uint8Array => fromHex(sm3Js(concatBytes(...parts)));

async function loadFresh() {
  vi.resetModules();
  return import('../../src/proof/binary-merkle.js');
}

it('leaf, node and empty-list hashes of a freshly loaded module match an independent SHA-256 and SM3', async () => {
  const m = await loadFresh();
  const [a, b] = [utf8('item-0'), utf8('item-1')];
  const L = Uint8Array.of(0);
  const N = Uint8Array.of(1);

  expect(toHex(m.leafHash(a))).toBe(toHex(sha(L, a)));
  expect(toHex(m.leafHashIn('sha256', a))).toBe(toHex(sha(L, a)));
  expect(toHex(m.leafHashIn('sm3', a))).toBe(toHex(sm3(L, a)));

  // allAuditPaths hashes its nodes through the module's node hash.
  const shaLeaves = [sha(L, a), sha(L, b)];
  expect(toHex(m.allAuditPaths(shaLeaves).root)).toBe(toHex(sha(N, shaLeaves[0]!, shaLeaves[1]!)));
  const sm3Leaves = [sm3(L, a), sm3(L, b)];
  expect(toHex(m.allAuditPaths(sm3Leaves, 'sm3').root)).toBe(toHex(sm3(N, sm3Leaves[0]!, sm3Leaves[1]!)));

  expect(toHex(m.merkleRoot([]))).toBe('e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855');
  expect(toHex(m.merkleRoot([], 'sm3'))).toBe('1ab21d8355cfa17f8e61194831e81a8f22bec8c728fefb747ed035eb5082aa2b');
});
