/**
 * The national-cryptography suite against the primitives it stands beside: SM2 verify (SM3 with
 * Z_A, sm-crypto-v2 in JS, the key's multiples precomputed as the verifier caches them) against
 * native secp256k1 verify, and SM3 against SHA-256 (both one-shot through node:crypto).
 */
import { randomBytes } from 'node:crypto';
import { sm3 } from '../src/crypto/hash-suite.js';
import { generatePrivateKey, publicKeyFor, signWith, verify } from '../src/crypto/signature-suite.js';
import { opsPerSecond, withCeiling, type BenchSuite } from './lib.js';

export const gm: BenchSuite = {
  name: 'gm',
  async run(ctx) {
    // Quick mode keeps the whole run under a minute: these lines are stable at a few hundred ms.
    const ms = ctx.quick ? 150 : ctx.durationMs;
    const sk = generatePrivateKey('sm2');
    const pk = publicKeyFor('sm2', sk);
    const msg = randomBytes(64);
    const sig = signWith('sm2', msg, sk);
    if (!verify(sig, msg, pk)) throw new Error('bench: SM2 signature does not verify');
    ctx.progress('sm2.verify');
    ctx.emit(
      withCeiling(
        ctx,
        'sm2.verify',
        opsPerSecond(() => verify(sig, msg, pk), ms, 4),
        'ops/s',
        'secp256k1.verify.native',
      ),
    );
    ctx.progress('sm2.sign');
    ctx.emit(
      withCeiling(
        ctx,
        'sm2.sign',
        opsPerSecond(() => signWith('sm2', msg, sk), ms, 4),
        'ops/s',
        'secp256k1.verify.native',
      ),
    );
    const input = randomBytes(64);
    ctx.progress('sm3.hash');
    ctx.emit(
      withCeiling(
        ctx,
        'sm3.hash',
        opsPerSecond(() => sm3(input), ms, 256),
        'ops/s',
        'sha256.native',
      ),
    );
  },
};
