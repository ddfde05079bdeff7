import { describe, expect, it } from 'vitest';
import { sha256, signingInput, SignTag } from '../../src/crypto/hash.js';
import * as secp from '../../src/crypto/secp256k1.js';
import {
  checkSignatureShape,
  checkSignatureShapeFor,
  isValidPublicKey,
  publicKeyFor,
  readPublicKey,
  signWith,
  suiteOfKey,
  verify,
  verifyAsync,
  writePublicKey,
} from '../../src/crypto/signature-suite.js';
import { SM2_N, sm2Verify } from '../../src/crypto/sm2.js';
import { ByteReader, ByteWriter, concatBytes, fromHex, toHex, utf8 } from '../../src/encoding/bytes.js';
import { didKeyOf, publicKeyOfDidKey } from '../../src/identity/did-key.js';
import { createSigner } from '../../src/identity/signer.js';

const SK = sha256(utf8('courtbridge vector key 1'));
const SM2_KEY = publicKeyFor('sm2', SK);
const SECP_KEY = publicKeyFor('secp256k1', SK);
const MSG = signingInput(SignTag.Envelope, utf8('an envelope'));
const big = (n: bigint): Uint8Array => fromHex(n.toString(16).padStart(64, '0'));
const sigOf = (r: bigint, s: bigint): Uint8Array => concatBytes(big(r), big(s));

describe('signature suites: keys say their suite', () => {
  it('an SM2 key is the multicodec sm2-pub (0x86 0x24) and a compressed point; secp256k1 keys are unchanged', () => {
    expect(SM2_KEY.length).toBe(35);
    expect(toHex(SM2_KEY.subarray(0, 2))).toBe('8624');
    expect(suiteOfKey(SM2_KEY)).toBe('sm2');
    expect(toHex(SECP_KEY)).toBe(toHex(secp.publicKeyOf(SK)));
    expect(suiteOfKey(SECP_KEY)).toBe('secp256k1');
    expect(isValidPublicKey(SM2_KEY) && isValidPublicKey(SECP_KEY)).toBe(true);
  });

  it('refuses keys of no suite or off their curve', () => {
    expect(suiteOfKey(SM2_KEY.subarray(2))).toBe('secp256k1'); // shape only: the bare point looks like secp256k1 ...
    expect(isValidPublicKey(concatBytes(Uint8Array.of(0x86, 0x25), SM2_KEY.subarray(2)))).toBe(false); // wrong codec
    expect(isValidPublicKey(concatBytes(Uint8Array.of(0x86, 0x24, 0x04), SM2_KEY.subarray(3)))).toBe(false); // not compressed
    // a changed x is on the curve about half the time: find one that is not
    const bad = SM2_KEY.slice();
    for (let i = 0; i < 64 && isValidPublicKey(bad); i++) bad[34] = (bad[34]! + 1) & 0xff;
    expect(isValidPublicKey(bad)).toBe(false);
  });

  it('reads and writes keys of both suites in one layout, each in its own length', () => {
    const w = new ByteWriter();
    writePublicKey(w, SECP_KEY);
    writePublicKey(w, SM2_KEY);
    const r = new ByteReader(w.finish());
    expect(toHex(readPublicKey(r))).toBe(toHex(SECP_KEY));
    expect(toHex(readPublicKey(r))).toBe(toHex(SM2_KEY));
    r.end();
    expect(() => readPublicKey(new ByteReader(concatBytes(Uint8Array.of(0x04), new Uint8Array(40))))).toThrow(/neither/);
    expect(() => writePublicKey(new ByteWriter(), new Uint8Array(34))).toThrow(/expected/);
  });

  it('did:key of an SM2 key round-trips; the same point under the secp256k1 codec is another DID', () => {
    const did = didKeyOf(SM2_KEY);
    expect(toHex(publicKeyOfDidKey(did)!)).toBe(toHex(SM2_KEY));
    expect(didKeyOf(SECP_KEY)).not.toBe(did);
    expect(toHex(publicKeyOfDidKey(didKeyOf(SECP_KEY))!)).toBe(toHex(SECP_KEY));
  });
});

describe('SM2 signatures', () => {
  it('sign and verify over the SM3-framed signing input', () => {
    const sig = signWith('sm2', MSG, SK);
    expect(sig.length).toBe(64);
    expect(verify(sig, MSG, SM2_KEY)).toBe(true);
    expect(verify(sig, signingInput(SignTag.Header, utf8('an envelope')), SM2_KEY)).toBe(false); // another tag
  });

  it('frames with SM3 for SM2 keys and SHA-256 for secp256k1 keys', () => {
    expect(toHex(MSG.bytes('sm2'))).not.toBe(toHex(MSG.bytes('secp256k1')));
    const sig = signWith('sm2', MSG.bytes('secp256k1'), SK);
    expect(verify(sig, MSG, SM2_KEY)).toBe(false);
  });

  it('shape rules: 64 bytes, 1 <= r, s <= n - 1, r + s != n, with the same reason names as secp256k1', () => {
    expect(checkSignatureShapeFor('sm2', new Uint8Array(63))).toBe('bad_length');
    expect(checkSignatureShapeFor('sm2', sigOf(0n, 5n))).toBe('r_out_of_range');
    expect(checkSignatureShapeFor('sm2', sigOf(SM2_N, 5n))).toBe('r_out_of_range');
    expect(checkSignatureShapeFor('sm2', sigOf(5n, 0n))).toBe('s_out_of_range');
    expect(checkSignatureShapeFor('sm2', sigOf(5n, SM2_N))).toBe('s_out_of_range');
    expect(checkSignatureShapeFor('sm2', sigOf(5n, SM2_N - 5n))).toBe('s_out_of_range');
    // SM2 has no low-S rule: s > n/2 is as valid as any; a secp256k1 key's rules call it high-S.
    expect(checkSignatureShapeFor('sm2', sigOf(5n, SM2_N - 1n))).toBe('ok');
    expect(checkSignatureShape(sigOf(5n, SM2_N - 1n), SECP_KEY)).toBe('high_s');
  });

  it('refuses s >= n before the library, which reduces r + s mod n and would not notice', () => {
    const sig = signWith('sm2', MSG, SK);
    const s = BigInt(`0x${toHex(sig.subarray(32))}`);
    // The twin (r, s + n) fits 32 bytes only when s < 2^256 - n (about 2^-32 of signatures): build
    // the shape with the largest s + kn that fits and check the rule names it before any math.
    const twin = concatBytes(sig.subarray(0, 32), big(s + SM2_N < 2n ** 256n ? s + SM2_N : SM2_N));
    expect(checkSignatureShapeFor('sm2', twin)).toBe('s_out_of_range');
    expect(verify(twin, MSG, SM2_KEY)).toBe(false);
    expect(sm2Verify(twin, MSG.bytes('sm2'), SM2_KEY.subarray(2))).toBe(false);
  });

  it('async verify gives the same verdicts', async () => {
    const sig = signWith('sm2', MSG, SK);
    expect(await verifyAsync(sig, MSG, SM2_KEY)).toBe(true);
    expect(await verifyAsync(sig, MSG, SECP_KEY)).toBe(false);
  });
});

describe('suite confusion', () => {
  it('an SM2 signature presented against the secp256k1 key of the same secret does not verify, nor the reverse', () => {
    const sm2Sig = signWith('sm2', MSG, SK);
    const secpSig = signWith('secp256k1', MSG, SK);
    expect(verify(sm2Sig, MSG, SECP_KEY)).toBe(false);
    expect(verify(secpSig, MSG, SM2_KEY)).toBe(false);
  });

  it('an SM2 point passed off as a 33-byte secp256k1 key verifies nothing signed with SM2', () => {
    const sm2Sig = signWith('sm2', MSG, SK);
    const bare = SM2_KEY.slice(2);
    expect(verify(sm2Sig, MSG, bare)).toBe(false);
  });

  it('a signer signs with its own suite and says so', () => {
    const signer = createSigner('did:alliance:court-gm', 'did:alliance:court-gm#key-1', SK, 'sm2');
    expect(signer.suite).toBe('sm2');
    expect(toHex(signer.publicKey)).toBe(toHex(SM2_KEY));
    expect(verify(signer.sign(MSG), MSG, signer.publicKey)).toBe(true);
    expect(JSON.stringify(signer)).not.toContain(toHex(SK));
  });
});
