/**
 * `announce`: the adapter announces itself correctly: a signed `adapter.announce`
 * envelope on `announceSubject(chain)` from a DID holding the adapter role FOR THIS CHAIN, whose
 * AdapterAnnouncement names this chain, the sender's own DID, at least one record type and a
 * version. The kit waits for the next heartbeat (10 s by default).
 */
import { checkEnvelope, type EnvelopeDrop } from '../../bus/envelope-verify.js';
import { announceSubject } from '../../bus/subjects.js';
import { decodeMessage } from '../../wire/codec.js';
import type { MessageOutput } from '../../wire/messages.js';
import { fail, pass, type ConformanceCheck, type CheckVerdict } from '../check.js';
import type { ConformanceContext, SeenAnnouncement } from '../context.js';

/** Judge one announcement wire; a string says what is wrong with it. */
export function judgeAnnouncement(ctx: ConformanceContext, data: Uint8Array): SeenAnnouncement | string {
  const r = checkEnvelope(data, {
    authority: ctx.authority,
    nowMs: ctx.now(),
    maxAgeMs: 120_000,
    maxFutureSkewMs: 30_000,
    chain: ctx.chain,
  });
  if (r.kind === 'dropped') return describeDrop(r.drop);
  const env = r.envelope;
  if (env.type !== 'adapter.announce') return `envelope type ${env.type}, expected adapter.announce`;
  let ann: MessageOutput<'AdapterAnnouncement'>;
  try {
    ann = decodeMessage('AdapterAnnouncement', env.body);
  } catch (e) {
    return `AdapterAnnouncement does not decode: ${(e as Error).message}`;
  }
  if (ann.chainId !== ctx.chain) return `announces chain ${JSON.stringify(ann.chainId).slice(0, 70)} on the subject of ${ctx.chain}`;
  if (ann.adapterDid !== env.senderDid) return `announces adapter ${ann.adapterDid} but is signed by ${env.senderDid}`;
  if (ann.recordTypes.length === 0) return 'announces no record types';
  if (ann.version.trim() === '') return 'announces no version';
  return {
    adapterDid: ann.adapterDid,
    recordTypes: [...ann.recordTypes],
    actions: ann.actions.map(String),
    version: ann.version,
    replicaId: ann.replicaId,
  };
}

export function describeDrop(d: EnvelopeDrop): string {
  return `envelope dropped: ${d.reason}${d.authorityReason ? ` (${d.authorityReason})` : ''}: ${d.message}`;
}

export const announceCheck: ConformanceCheck = {
  id: 'announce',
  title: 'announces itself: signed adapter.announce with chain id, record types, actions, version',
  async run(ctx: ConformanceContext): Promise<CheckVerdict> {
    const problems: string[] = [];
    const sub = ctx.nc.subscribe(announceSubject(ctx.chain));
    const timer = setTimeout(() => sub.unsubscribe(), ctx.o.announceWaitMs);
    try {
      for await (const m of sub) {
        const v = judgeAnnouncement(ctx, m.data);
        if (typeof v === 'string') {
          problems.push(v);
          continue;
        }
        if (ctx.o.adapterDid !== undefined && v.adapterDid !== ctx.o.adapterDid) {
          problems.push(`announced by ${v.adapterDid}, the kit was told the adapter is ${ctx.o.adapterDid}`);
          continue;
        }
        ctx.announcement = v;
        ctx.adapterDid = v.adapterDid;
        const verdict = pass(
          `${v.adapterDid} v${v.version} serves ${v.recordTypes.join(', ')}; actions: ${v.actions.join(', ') || 'none'}`,
          {
            adapterDid: v.adapterDid,
            version: v.version,
            recordTypes: v.recordTypes.join(','),
            actions: v.actions.join(','),
          },
        );
        return problems.length === 0
          ? verdict
          : fail(`a valid announcement came only after invalid ones: ${problems[0]}`, verdict.evidence);
      }
    } finally {
      clearTimeout(timer);
      if (!sub.isClosed()) sub.unsubscribe();
    }
    return fail(
      problems.length === 0
        ? `no announcement on ${announceSubject(ctx.chain)} within ${ctx.o.announceWaitMs} ms`
        : `no valid announcement within ${ctx.o.announceWaitMs} ms: ${problems.join('; ')}`,
    );
  },
};
