/**
 * Loops over test/vectors/notary.json: recomputes each notarized block's layout from the
 * primitives (ByteWriter, sha256, secp256k1), checks the library agrees byte for byte, that the
 * signature is the deterministic one and verifies through verifyNotarization, and that the
 * equivocating pair is evidence.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { publicKeyOf, sign, verify } from '../../src/crypto/secp256k1.js';
import { ByteWriter, concatBytes, fromHex, toHex, utf8 } from '../../src/encoding/bytes.js';
import type { Authority } from '../../src/identity/authority.js';
import { notarizedBlockLayout, notarySigningInput, verifyNotarization } from '../../src/verify/notary.js';
import { notaryEquivocation, type Notarization } from '../../src/verify/notary-misbehaviour.js';
import { blockOf, buildVectors, type NotaryVectorInput } from './generate-notary.js';

interface NotaryVector extends NotaryVectorInput {
  publicKeyHex: string;
  layoutHex: string;
  signingInputHex: string;
  signingDigestHex: string;
  signatureHex: string;
}

const file = JSON.parse(readFileSync(new URL('./notary.json', import.meta.url), 'utf8')) as { vectors: NotaryVector[] };
const key = (n: number): Uint8Array => sha256(utf8(`courtbridge vector key ${n}`));

/** Each vector's DID holds its vector key, at any time. */
const authority: Authority = {
  keyAt(did, kid) {
    const v = file.vectors.find((x) => x.notaryDid === did && x.kid === kid);
    return v === undefined
      ? { ok: false, reason: 'unknown_key', message: `no vector key ${kid}` }
      : { ok: true, did, kid, publicKey: fromHex(v.publicKeyHex) };
  },
  mayAct: () => ({ ok: true }),
};

const notarizationOf = (v: NotaryVector): Notarization => ({
  block: blockOf(v),
  signature: { notaryDid: v.notaryDid, kid: v.kid, signature: fromHex(v.signatureHex) },
});

describe('vectors: notarized blocks', () => {
  it('the file is what the generator writes', () => {
    expect(JSON.parse(JSON.stringify(buildVectors()))).toEqual(file);
  });

  for (const v of file.vectors) {
    it(`recomputes: ${v.name}`, () => {
      expect(toHex(publicKeyOf(key(v.keyIndex)))).toBe(v.publicKeyHex);
      const layout = new ByteWriter()
        .string(v.chainId)
        .u64(v.height)
        .fixed(fromHex(v.blockHashHex), 32)
        .fixed(fromHex(v.stateRootHex), 32)
        .u64(v.timeMs)
        .finish();
      expect(toHex(layout)).toBe(v.layoutHex);
      expect(toHex(notarizedBlockLayout(blockOf(v)))).toBe(v.layoutHex);
      const input = concatBytes(utf8('courtbridge/v1/notary'), Uint8Array.of(0), sha256(layout));
      expect(toHex(input)).toBe(v.signingInputHex);
      expect(toHex(notarySigningInput(blockOf(v)).bytes('secp256k1'))).toBe(v.signingInputHex);
      expect(toHex(sha256(input))).toBe(v.signingDigestHex);
      expect(toHex(sign(input, key(v.keyIndex)))).toBe(v.signatureHex);
      expect(verify(fromHex(v.signatureHex), input, fromHex(v.publicKeyHex))).toBe(true);
      const verdict = verifyNotarization(
        blockOf(v),
        [notarizationOf(v).signature],
        { threshold: 1, notaries: [v.notaryDid] },
        authority,
        v.timeMs,
      );
      expect(verdict).toEqual({ kind: 'met', counted: [v.notaryDid], ignored: [] });
    });
  }

  it('the two blocks one notary signed at one height are evidence of equivocation', () => {
    const [first, second] = file.vectors.filter((v) => v.name.startsWith('equivocation'));
    const v = notaryEquivocation(notarizationOf(first!), notarizationOf(second!), authority);
    expect(v.kind).toBe('evidence');
    const [one, two] = file.vectors;
    expect(notaryEquivocation(notarizationOf(one!), notarizationOf(two!), authority)).toMatchObject({ reason: 'different_notaries' });
  });
});
