/**
 * `headers`: the adapter's signed headers link and carry a valid quorum. The kit reads
 * the chain's recent `header.announce` envelopes from the JetStream headers stream (waiting for
 * new ones when fewer than two are there), checks each envelope (adapter role for this chain),
 * then feeds the headers in height order to its own light client: the oldest anchors it, every
 * later one must verify against it (>2/3 commit, sequential link or the 1/3 skipping rule, not
 * from the future), exactly as a gateway's light client would. Finally the `lightblock` service
 * must serve the same header at the newest height (the stream and the service agree).
 *
 * An `evm` chain has no signed headers: its blocks are final by its registry notaries
 * (notary-final-block.ts), which is what this check requires of it instead. A `notary` chain (a
 * registry in a database) has none either: its registry notaries must answer for a probe record
 * (notary-responders.ts).
 */
import { DeliverPolicy, type JsMsg } from 'nats';
import { checkEnvelope } from '../../bus/envelope-verify.js';
import { headersSubject, Streams } from '../../bus/subjects.js';
import { headerHash } from '../../chain/header.js';
import type { LightBlock } from '../../chain/signed-header.js';
import { equalBytes, toHex } from '../../encoding/bytes.js';
import { isCourtbridgeError } from '../../errors.js';
import { decodeMessage } from '../../wire/codec.js';
import { signedHeaderFromWire, validatorSetFromWire } from '../../verify/bundle-convert.js';
import { failCheck, pass, type CheckVerdict, type ConformanceCheck } from '../check.js';
import type { ConformanceContext } from '../context.js';
import { describeDrop } from './announce.js';
import { notaryFinalBlockVerdict } from './notary-final-block.js';
import { notaryRespondersVerdict } from './notary-responders.js';

/** Decode and verify one `header.announce` wire into a light block; a string says why not. */
export function judgeHeaderAnnouncement(ctx: ConformanceContext, data: Uint8Array, maxAgeMs: number): LightBlock | string {
  const r = checkEnvelope(data, { authority: ctx.authority, nowMs: ctx.now(), maxAgeMs, maxFutureSkewMs: 30_000, chain: ctx.chain });
  if (r.kind === 'dropped') return describeDrop(r.drop);
  if (r.envelope.type !== 'header.announce') return `envelope type ${r.envelope.type}, expected header.announce`;
  if (ctx.adapterDid !== undefined && r.envelope.senderDid !== ctx.adapterDid)
    return `header announced by ${r.envelope.senderDid}, not the adapter ${ctx.adapterDid}`;
  try {
    const ann = decodeMessage('HeaderAnnouncement', r.envelope.body);
    return {
      signedHeader: signedHeaderFromWire(ann.signedHeader, 'signedHeader'),
      validatorSet: validatorSetFromWire(ann.validatorSet, 'validatorSet'),
    };
  } catch (e) {
    return `HeaderAnnouncement: ${isCourtbridgeError(e) ? `${e.reason}: ` : ''}${(e as Error).message}`;
  }
}

async function readStream(ctx: ConformanceContext): Promise<JsMsg[]> {
  const c = await ctx.js.consumers.get(Streams.headers.name, {
    filterSubjects: headersSubject(ctx.chain),
    deliver_policy: DeliverPolicy.StartTime,
    opt_start_time: new Date(ctx.now() - ctx.o.headerLookbackMs).toISOString(),
  });
  const out: JsMsg[] = [];
  const batch = await c.fetch({ max_messages: 10_000, expires: 2_000 });
  for await (const m of batch) {
    out.push(m);
    if (m.info.pending === 0) break;
  }
  await c.delete().catch(() => undefined);
  return out;
}

export const headersCheck: ConformanceCheck = {
  id: 'headers',
  title:
    'headers on the headers stream link and carry a valid >2/3 quorum (light client); evm: a block final by the registry notaries; notary: the registry notaries answer',
  async run(ctx: ConformanceContext): Promise<CheckVerdict> {
    if (ctx.notaries !== undefined) return notaryFinalBlockVerdict(ctx);
    if (ctx.target.kind === 'notary') return notaryRespondersVerdict(ctx);
    const maxAgeMs = ctx.o.headerLookbackMs + 60_000;
    const blocks = new Map<number, LightBlock>();
    const take = (data: Uint8Array): void => {
      const v = judgeHeaderAnnouncement(ctx, data, maxAgeMs);
      if (typeof v === 'string') failCheck(`a header on ${headersSubject(ctx.chain)} is not acceptable: ${v}`);
      const h = v.signedHeader.header.height;
      const seen = blocks.get(h);
      if (
        seen !== undefined &&
        !equalBytes(headerHash(seen.signedHeader.header, ctx.hashSuite), headerHash(v.signedHeader.header, ctx.hashSuite))
      ) {
        failCheck(`two different headers were announced for height ${h}`, { height: h });
      }
      blocks.set(h, v);
    };
    // Subscribe first so no header is missed between the stream read and the wait.
    const sub = ctx.nc.subscribe(headersSubject(ctx.chain));
    try {
      for (const m of await readStream(ctx)) take(m.data);
      if (blocks.size < 2) {
        const until = ctx.now() + ctx.o.timeoutMs;
        const timer = setTimeout(() => sub.unsubscribe(), ctx.o.timeoutMs);
        try {
          for await (const m of sub) {
            take(m.data);
            if (blocks.size >= 2 || ctx.now() > until) break;
          }
        } finally {
          clearTimeout(timer);
        }
      }
    } finally {
      if (!sub.isClosed()) sub.unsubscribe();
    }
    if (blocks.size === 0)
      failCheck(
        `no header on ${headersSubject(ctx.chain)} (stream ${Streams.headers.name}) in the last ${ctx.o.headerLookbackMs} ms nor within ${ctx.o.timeoutMs} ms`,
      );
    if (blocks.size < 2)
      failCheck(`only one header (height ${[...blocks.keys()][0]}) was announced within ${ctx.o.timeoutMs} ms: a link needs two`);
    const heights = [...blocks.keys()].sort((x, y) => x - y).slice(-ctx.o.headerCount);
    for (const h of heights) await ctx.trust(blocks.get(h)!);
    // The lightblock service serves the same newest header.
    const newest = blocks.get(heights.at(-1)!)!;
    let served: LightBlock;
    try {
      served = await ctx.lightBlock(newest.signedHeader.header.height);
    } catch (e) {
      if (isCourtbridgeError(e))
        failCheck(`the lightblock service did not serve height ${newest.signedHeader.header.height}: ${e.reason}: ${e.message}`);
      throw e;
    }
    const hash = headerHash(newest.signedHeader.header, ctx.hashSuite);
    if (!equalBytes(headerHash(served.signedHeader.header, ctx.hashSuite), hash))
      failCheck(`the lightblock service serves another header at ${newest.signedHeader.header.height} than the headers stream`);
    return pass(
      `${heights.length} headers (heights ${heights.join(', ')}) verified by the kit's light client; the lightblock service agrees`,
      {
        heights: heights.join(','),
        newestHeaderHash: toHex(hash),
        validators: newest.validatorSet.validators.length,
      },
    );
  },
};
