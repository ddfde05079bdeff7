import { encodeEnvelope, decodeEnvelope, privateKeySigner, sealEnvelope } from '../src/bus/envelope.js';
import { checkEnvelope, openEnvelope } from '../src/bus/envelope-verify.js';
import { MemoryReplayGuard } from '../src/bus/replay-guard.js';
import { sha256 } from '../src/crypto/hash.js';
import { publicKeyOf } from '../src/crypto/secp256k1.js';
import { utf8 } from '../src/encoding/bytes.js';
import type { Authority } from '../src/identity/authority.js';
import { opsPerSecond, opsPerSecondAsync, round, withCeiling, type BenchSuite } from './lib.js';

/**
 * Signed envelopes: seal (one signature), decode, check (one native verify + an authority
 * lookup), open (check + in-memory replay claim). Check is compared with the raw native verify.
 */
export const envelope: BenchSuite = {
  name: 'envelope',
  async run(ctx) {
    const did = 'did:alliance:credit-agency';
    const sk = sha256(utf8('courtbridge bench key 1'));
    const pk = publicKeyOf(sk);
    const signer = privateKeySigner(did, `${did}#key-1`, sk);
    const authority: Authority = {
      keyAt: (d, kid) => ({ ok: true, did: d, kid, publicKey: pk }),
      mayAct: () => ({ ok: true }),
    };
    const now = 1_704_067_200_000;
    const body = new Uint8Array(256);
    const wire = encodeEnvelope(sealEnvelope(signer, 'header.announce', body, now, 'bench-1'));
    const opts = { authority, nowMs: now, maxAgeMs: 60_000, maxFutureSkewMs: 5_000, chain: 'credit' };

    ctx.progress('envelope.seal');
    ctx.emit({
      name: 'envelope.seal',
      value: round(opsPerSecond(() => sealEnvelope(signer, 'header.announce', body, now, 'bench-1'), ctx.durationMs, 8)),
      unit: 'ops/s',
    });
    ctx.progress('envelope.decode');
    ctx.emit(
      withCeiling(
        ctx,
        'envelope.decode',
        opsPerSecond(() => decodeEnvelope(wire), ctx.durationMs, 256),
        'ops/s',
        'sha256.native',
      ),
    );
    ctx.progress('envelope.check');
    ctx.emit(
      withCeiling(
        ctx,
        'envelope.check',
        opsPerSecond(() => checkEnvelope(wire, opts), ctx.durationMs, 16),
        'ops/s',
        'secp256k1.verify.native',
      ),
    );
    ctx.progress('envelope.open.memory-replay');
    // A fresh guard per call, so every open is a first claim (as on a live receiver) without
    // sealing millions of distinct ids up front; a guard costs one small Map.
    const value = await opsPerSecondAsync(
      () => openEnvelope(wire, { ...opts, replay: new MemoryReplayGuard({ windowMs: 65_000 }) }),
      ctx.durationMs,
      1,
    );
    ctx.emit(withCeiling(ctx, 'envelope.open.memory-replay', value, 'ops/s', 'secp256k1.verify.native'));
  },
};
