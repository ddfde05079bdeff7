/**
 * docs/spec/envelope.md: the receiver's own `openEnvelope` on each case's wire, with the case's
 * receiver settings, the file's registry and a fresh replay guard (a replay case delivers the
 * same wire first).
 */
import { openEnvelope } from '../../../src/bus/envelope-verify.js';
import { MemoryReplayGuard } from '../../../src/bus/replay-guard.js';
import { fromHex } from '../../../src/encoding/bytes.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';
import { authorityOf } from './relay-registry.js';

interface Receiver {
  nowMs: number;
  maxAgeMs: number;
  maxFutureSkewMs: number;
  chain: string | null;
}

export async function check(file: VectorFile, c: VectorCase | InvalidCase): Promise<string> {
  const r = c.receiver as Receiver;
  const wire = fromHex(c.wire as string);
  const options = {
    authority: authorityOf(file),
    nowMs: r.nowMs,
    maxAgeMs: r.maxAgeMs,
    maxFutureSkewMs: r.maxFutureSkewMs,
    replay: new MemoryReplayGuard({ windowMs: r.maxAgeMs + r.maxFutureSkewMs }),
    ...(r.chain === null ? {} : { chain: r.chain }),
  };
  for (let i = 0; i < ((c.deliveredBefore as number | undefined) ?? 0); i++) {
    const first = await openEnvelope(wire, options);
    if (first.kind !== 'accepted') return `first delivery dropped: ${first.drop.reason}`;
  }
  const out = await openEnvelope(wire, options);
  return out.kind === 'accepted' ? 'ok' : out.drop.reason;
}
