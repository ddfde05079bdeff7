/**
 * The worker-thread receipt signer makes real low-S secp256k1 signatures over sha256(message)
 * that the project's verifiers accept, and that fail for another message or key.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../crypto/hash.js';
import { checkSignatureShape, publicKeyOf, verify, verifyReference } from '../../crypto/secp256k1.js';
import { utf8 } from '../../encoding/bytes.js';
import { workerReceiptSigner, type WorkerReceiptSigner } from './worker-signer.js';

const SK = sha256(utf8('courtbridge vector key 901'));
const OTHER = sha256(utf8('courtbridge vector key 902'));
let signer: WorkerReceiptSigner | undefined;
afterAll(async () => signer?.close());

describe('workerReceiptSigner', () => {
  it('signs off the event loop; native and reference verifiers accept; malleated inputs are rejected', async () => {
    signer = await workerReceiptSigner('did:alliance:gw', 'did:alliance:gw#key-1', SK);
    const msg = utf8('courtbridge/v1/receipt-batch root');
    const sigs = await Promise.all([signer.sign(msg), signer.sign(msg), signer.sign(utf8('other'))]);
    expect(checkSignatureShape(sigs[0]!)).toBe('ok');
    expect(verify(sigs[0]!, msg, publicKeyOf(SK))).toBe(true);
    expect(verifyReference(sigs[1]!, msg, publicKeyOf(SK))).toBe(true);
    const cases: { name: string; malleate: () => boolean }[] = [
      { name: 'another message', malleate: () => verify(sigs[0]!, utf8('courtbridge/v1/receipt-batch rooT'), publicKeyOf(SK)) },
      { name: 'another key', malleate: () => verify(sigs[0]!, msg, publicKeyOf(OTHER)) },
      { name: 'signature of another message', malleate: () => verify(sigs[2]!, msg, publicKeyOf(SK)) },
      { name: 'flipped bit', malleate: () => verify(Uint8Array.from(sigs[0]!, (b, i) => (i === 5 ? b ^ 1 : b)), msg, publicKeyOf(SK)) },
    ];
    for (const c of cases) expect(c.malleate(), c.name).toBe(false);
  });

  it('checks its arguments where they enter', async () => {
    await expect(workerReceiptSigner('did:alliance:gw', 'did:alliance:gw#key-1', new Uint8Array(31))).rejects.toThrow(/privateKey/);
    await expect(workerReceiptSigner('did:alliance:gw', 'did:alliance:other#key-1', SK)).rejects.toThrow(/kid/);
  });
});
