import { hash, randomBytes } from 'node:crypto';
import { generatePrivateKey, publicKeyOf, sign, verify } from '../src/crypto/secp256k1.js';
import { opsPerSecond, round, type BenchSuite } from './lib.js';

/** Raw primitives every other line is measured against: native secp256k1 verify, one-shot SHA-256 (as the code hashes). */
export const ceilings: BenchSuite = {
  name: 'ceilings',
  async run(ctx) {
    const sk = generatePrivateKey();
    const pk = publicKeyOf(sk);
    const msg = randomBytes(64);
    const sig = sign(msg, sk);
    ctx.progress('secp256k1.verify.native');
    ctx.emit({
      name: 'secp256k1.verify.native',
      value: round(opsPerSecond(() => verify(sig, msg, pk), ctx.durationMs, 16)),
      unit: 'ops/s',
    });
    const input = randomBytes(64);
    ctx.progress('sha256.native');
    ctx.emit({
      name: 'sha256.native',
      value: round(opsPerSecond(() => hash('sha256', input, 'buffer'), ctx.durationMs, 256)),
      unit: 'ops/s',
    });
  },
};
