/**
 * The SMT node hashes: each refuses an input of the wrong length naming the field, the one-shot
 * SHA-256 is SHA-256, and the empty-subtree hash of each suite, which is a module-level table, is
 * H(0x02) in a freshly loaded module (an edit to it only shows in a module evaluated after it).
 */
import { createHash } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { hashInner, hashLeaf, sha256Fast } from '../../src/proof/node-hash.js';

const h32 = new Uint8Array(32).fill(7);
const h31 = new Uint8Array(31);

describe('node hash inputs', () => {
  it('hashLeaf names the field that is not 32 bytes', () => {
    expect(() => hashLeaf(h31, h32)).toThrow(/^keyHash: expected 32 bytes/);
    expect(() => hashLeaf(h32, h31)).toThrow(/^valueHash: expected 32 bytes/);
  });

  it('hashInner names the field that is not 32 bytes', () => {
    expect(() => hashInner(h31, h32)).toThrow(/^left: expected 32 bytes/);
    expect(() => hashInner(h32, h31)).toThrow(/^right: expected 32 bytes/);
  });
});

describe('sha256Fast', () => {
  it('is SHA-256 (FIPS 180-4 "abc"), as a Uint8Array', () => {
    const d = sha256Fast(utf8('abc'));
    expect(d).toBeInstanceOf(Uint8Array);
    expect(toHex(d)).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});

describe('the empty-subtree hash table', () => {
  it('is H(0x02) under SHA-256 and SM3 in a freshly loaded module', async () => {
    vi.resetModules();
    const m = await import('../../src/proof/node-hash.js');
    const sha = toHex(createHash('sha256').update(Uint8Array.of(2)).digest());
    expect(sha).toBe('dbc1b4c900ffe48d575b5da5c638040125f65db0fe3e24494b76ea986457d986');
    expect(toHex(m.emptyHashOf('sha256'))).toBe(sha);
    expect(toHex(m.emptyHashOf())).toBe(sha);
    expect(toHex(m.EMPTY_HASH)).toBe(sha);
    // docs/spec/smt.md: SM3(0x02).
    expect(toHex(m.emptyHashOf('sm3'))).toBe('c1be86994ae8741d802cf422ce0bc117680ad2b139857a378f9573a6f9ec35ad');
  });
});
