import { Resolver } from 'did-resolver';
import { sha256 } from '../src/crypto/hash.js';
import { publicKeyOf } from '../src/crypto/secp256k1.js';
import { toHex, utf8 } from '../src/encoding/bytes.js';
import { AllianceAuthority } from '../src/identity/alliance-authority.js';
import { genesisHashHex, loadGenesis } from '../src/identity/genesis.js';
import { signJwtNative } from '../src/identity/jwt.js';
import type { JwtVerifyOptions } from '../src/identity/jwt-inspect.js';
import { verifyJwtFast } from '../src/identity/jwt-verify-fast.js';
import { verifyJwtDidJwt } from '../src/identity/jwt-verify.js';
import { registryStateFromGenesis } from '../src/identity/registry.js';
import { getResolver } from '../src/identity/resolver.js';
import { createSigner } from '../src/identity/signer.js';
import { opsPerSecond, opsPerSecondAsync, withCeiling, type BenchSuite } from './lib.js';

/**
 * Full JWT verification (every check of jwt-inspect.ts, key from the in-memory registry) on
 * both paths, against the native secp256k1 verify ceiling.
 */
export const jwt: BenchSuite = {
  name: 'jwt',
  async run(ctx) {
    const T0 = 1_700_000_000_000;
    const sk = sha256(utf8('courtbridge bench key 1'));
    const genesis = utf8(
      JSON.stringify({
        allianceId: 'bench',
        quorum: 1,
        members: [
          {
            did: 'did:alliance:court-a',
            org: 'Court A',
            roles: ['admin', 'court'],
            chains: [],
            keys: [{ kid: '#key-1', publicKeyHex: toHex(publicKeyOf(sk)), validFromMs: T0 }],
          },
          {
            did: 'did:alliance:gateway',
            org: 'Gateway',
            roles: ['gateway'],
            chains: [],
            keys: [{ kid: '#key-1', publicKeyHex: toHex(publicKeyOf(sha256(sk))), validFromMs: T0 }],
          },
        ],
      }),
    );
    const state = registryStateFromGenesis(loadGenesis(genesis, genesisHashHex(genesis)));
    const authority = new AllianceAuthority(() => state);
    const resolver = new Resolver(getResolver(() => state));
    const signer = createSigner('did:alliance:court-a', 'did:alliance:court-a#key-1', sk);
    const nowMs = T0 + 3_600_000;
    const token = signJwtNative(signer, { audience: 'did:alliance:gateway', purpose: 'auth', nowMs, lifetimeMs: 300_000, jti: 'bench' });
    const opts: JwtVerifyOptions = { audience: 'did:alliance:gateway', purpose: 'auth', nowMs, authority };
    verifyJwtFast(token, opts);
    await verifyJwtDidJwt(token, { ...opts, resolver });

    ctx.progress('jwt.verify.didjwt');
    const slow = await opsPerSecondAsync(() => verifyJwtDidJwt(token, { ...opts, resolver }), ctx.durationMs, 1);
    ctx.emit(withCeiling(ctx, 'jwt.verify.didjwt', slow, 'ops/s', 'secp256k1.verify.native'));
    ctx.progress('jwt.verify.fast');
    const fast = opsPerSecond(() => verifyJwtFast(token, opts), ctx.durationMs, 16);
    ctx.emit(withCeiling(ctx, 'jwt.verify.fast', fast, 'ops/s', 'secp256k1.verify.native'));
  },
};
