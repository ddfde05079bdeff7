/**
 * Suite `receipt-signer`: the latency of one receipt signature as a lone answer sees it
 * (sequential calls, the c1 path of bench/query.ts): libsecp256k1 on the event loop (the
 * gateway's default, receipts/libsecp-signer.ts), and noble's RFC 6979 signer on the event loop
 * it falls back to (receipts/noble-signer.ts). Lines: `receipt_signer.<mode>.p50_us` / `.p99_us`.
 */
import { sha256 } from '../src/crypto/hash.js';
import { utf8 } from '../src/encoding/bytes.js';
import { libsecpReceiptSigner } from '../src/relay/receipts/libsecp-signer.js';
import type { ReceiptSigner } from '../src/relay/receipts/root-signer.js';
import { nobleReceiptSigner } from '../src/relay/receipts/noble-signer.js';
import { createSigner } from '../src/identity/signer.js';
import { round, type BenchSuite } from './lib.js';

export const receiptSigner: BenchSuite = {
  name: 'receipt-signer',
  async run(ctx) {
    const sk = sha256(utf8('courtbridge vector key 903'));
    const count = ctx.quick ? 1_000 : 5_000;
    const did = 'did:alliance:bench';
    const signers: [string, () => Promise<ReceiptSigner>][] = [
      [
        'libsecp256k1',
        async () => {
          const s = libsecpReceiptSigner(did, `${did}#key-1`, sk);
          if (s === undefined) throw new Error('libsecp256k1 did not load (npm ci installs the secp256k1 addon)');
          return s;
        },
      ],
      ['noble', async () => nobleReceiptSigner(createSigner(did, `${did}#key-1`, sk))],
    ];
    for (const [mode, start] of signers) {
      ctx.progress(`receipt-signer: ${mode}`);
      const signer = await start();
      {
        const xs: number[] = [];
        for (let i = 0; i < count + 50; i++) {
          const t0 = performance.now();
          await signer.sign(utf8(`courtbridge/v1/receipt-batch ${i}`));
          if (i >= 50) xs.push(performance.now() - t0); // after 50 warm-up signatures
          // A pause (~1 ms, a timer turn) every other signature, as between sequential calls.
          if (i % 2 === 0) await new Promise((r) => setTimeout(r, 0));
        }
        xs.sort((a, b) => a - b);
        const at = (q: number): number => xs[Math.min(xs.length - 1, Math.floor(q * xs.length))]! * 1000;
        ctx.emit({ name: `receipt_signer.${mode}.p50_us`, value: round(at(0.5)), unit: 'µs' });
        ctx.emit({ name: `receipt_signer.${mode}.p99_us`, value: round(at(0.99)), unit: 'µs' });
      }
    }
  },
};
