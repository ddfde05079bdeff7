/**
 * Loops over test/vectors/service.json: recomputes the recipient binding, the ServiceOfProcess
 * bytes, the service id and the receipt bytes from the primitives (HMAC-SHA256, sha256,
 * ByteWriter, the wire codec), checks the library agrees byte for byte, that both signatures are
 * the deterministic ones and verify, and that the recipient's signature does not verify as the
 * court's (the tags differ) nor over another document.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hmacSha256, sha256, signingInput, SignTag } from '../../src/crypto/hash.js';
import { verify } from '../../src/crypto/secp256k1.js';
import { ByteWriter, concatBytes, fromHex, toHex, utf8 } from '../../src/encoding/bytes.js';
import { receiptBytes, recipientBindingOf, SERVICE_RECEIPT_TAG } from '../../src/workflows/service-of-process.js';
import { buildVectors } from './generate-service.js';

type Vector = Record<string, string | number | null> & { name: string };
const file = JSON.parse(readFileSync(new URL('./service.json', import.meta.url), 'utf8')) as { vectors: Vector[] };
const hex = (v: Vector, k: string): Uint8Array => fromHex(String(v[k]));

describe('service of process vectors', () => {
  it('the file is what the generator writes (regenerate with npx tsx test/vectors/generate-service.ts)', () => {
    expect(JSON.parse(JSON.stringify(buildVectors()))).toEqual(file.vectors);
  });

  for (const v of file.vectors) {
    it(v.name, () => {
      const documentHash = hex(v, 'documentHashHex');
      const binding = hmacSha256(
        documentHash,
        concatBytes(utf8('courtbridge/v1/service-recipient'), new Uint8Array([0]), utf8(String(v.recipientDid))),
      );
      expect(toHex(binding)).toBe(v.recipientBindingHex);
      expect(toHex(recipientBindingOf(documentHash, String(v.recipientDid)))).toBe(v.recipientBindingHex);
      const bytes = hex(v, 'serviceProtobufHex');
      expect(toHex(sha256(bytes))).toBe(v.serviceId);
      const input = signingInput(SignTag.ServiceOfProcess, bytes);
      expect(toHex(input.bytes('secp256k1'))).toBe(v.serviceSigningInputHex);
      expect(verify(hex(v, 'courtSignatureHex'), input, hex(v, 'courtPublicKeyHex'))).toBe(true);
      const rb = new ByteWriter().string(String(v.serviceId)).fixed(documentHash, 32, 'documentHash').finish();
      expect(toHex(rb)).toBe(v.receiptBytesHex);
      expect(toHex(receiptBytes(String(v.serviceId), documentHash))).toBe(v.receiptBytesHex);
      const rInput = signingInput(SERVICE_RECEIPT_TAG, rb);
      expect(toHex(rInput.bytes('secp256k1'))).toBe(v.receiptSigningInputHex);
      const rSig = hex(v, 'receiptSignatureHex');
      expect(verify(rSig, rInput, hex(v, 'recipientPublicKeyHex'))).toBe(true);
      // Domain separation: the receipt is never the court's signature, nor a receipt of another document.
      expect(verify(rSig, signingInput(SignTag.ServiceOfProcess, rb), hex(v, 'recipientPublicKeyHex'))).toBe(false);
      const other = new ByteWriter()
        .string(String(v.serviceId))
        .fixed(sha256(utf8('other')), 32, 'documentHash')
        .finish();
      expect(verify(rSig, signingInput(SERVICE_RECEIPT_TAG, other), hex(v, 'recipientPublicKeyHex'))).toBe(false);
    });
  }
});
