/**
 * WatchService.WatchHeaders (watch.proto): verified headers of a chain, resumable from a height.
 * `from_height` > 0 replays the chain's headers from the JetStream headers stream (each one
 * verified through the light client: a known height is a cache hit, a missing one fills the
 * gap), then continues live with each header the light client accepts; `from_height` 0 starts
 * at the latest trusted header. Live headers are subscribed to before the replay starts, so
 * none falls between the two.
 */
import type * as grpc from '@grpc/grpc-js';
import type { NatsConnection } from 'nats';
import type { WatchServiceHandlers } from '../../generated/courtbridge/v1/WatchService.js';
import type { WatchHeadersRequest__Output } from '../../generated/courtbridge/v1/WatchHeadersRequest.js';
import { checkEnvelope } from '../../bus/envelope-verify.js';
import { headersSubject, Streams } from '../../bus/subjects.js';
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import type { Authority } from '../../identity/authority.js';
import type { Logger } from '../../log.js';
import { decodeMessage } from '../../wire/codec.js';
import type { MessageInput } from '../../wire/messages.js';
import { signedHeaderFromWire, signedHeaderToWire, validatorSetFromWire, validatorSetToWire } from '../../verify/bundle-convert.js';
import type { LightClientManager, VerifiedHeader } from '../light-clients/manager.js';
import type { ContextOf } from '../host/call-context.js';
import { serverStream, type StreamSignal } from '../host/handlers.js';

export interface WatchServiceOptions {
  nc: NatsConnection;
  manager: LightClientManager;
  authority: Authority;
  now: () => number;
  logger: Logger;
  /** The call's context; the guard's unless told (host/call-context.ts). */
  contextOf?: ContextOf;
}

const toWire = (h: VerifiedHeader): MessageInput<'VerifiedHeader'> => ({
  signedHeader: signedHeaderToWire(h.signedHeader),
  validatorSet: validatorSetToWire(h.validatorSet),
  verifiedAtMs: h.verifiedAtMs,
});

async function lastSequence(nc: NatsConnection, subject: string): Promise<number> {
  const jsm = await nc.jetstreamManager();
  try {
    return (await jsm.streams.getMessage(Streams.headers.name, { last_by_subj: subject })).seq;
  } catch {
    return 0;
  }
}

async function stream(
  o: WatchServiceOptions,
  call: grpc.ServerWritableStream<WatchHeadersRequest__Output, MessageInput<'VerifiedHeader'>>,
  signal: StreamSignal,
): Promise<'follow'> {
  const chainId = call.request.chainId;
  if (typeof chainId !== 'string' || chainId === '')
    throw new CourtbridgeError(ErrorCode.InvalidArgument, 'missing_chain_id', 'chain_id: required');
  const config = o.manager.config(chainId);
  const from = call.request.fromHeight ?? 0;
  let lastSent = 0;
  const send = (h: VerifiedHeader): void => {
    if (signal.cancelled || h.height <= lastSent || h.height < from) return;
    lastSent = h.height;
    call.write(toWire(h));
  };
  const buffered: VerifiedHeader[] = [];
  let live = false;
  const unsubscribe = o.manager.onVerified((h) => (live ? send(h) : buffered.push(h)));
  signal.onCancel(unsubscribe);
  try {
    if (from === 0) {
      const v = o.manager.view(chainId);
      if (v.status !== 'uninitialised') send(await o.manager.ensureVerified(chainId, v.trustedHeight, undefined, o.now() + 5_000));
    } else {
      const subject = headersSubject(chainId);
      const last = await lastSequence(o.nc, subject);
      if (last > 0) {
        // Walk the chain's headers by stream sequence (STREAM.MSG.GET next_by_subj, which the
        // server supports but nats.js 2.29 does not type): no consumer
        // to create or clean up, and it stops exactly at the sequence that was last when we began.
        const jsm = await o.nc.jetstreamManager();
        let seq = 1;
        let first = true;
        while (!signal.cancelled && seq <= last) {
          const m = await jsm.streams.getMessage(Streams.headers.name, { seq, next_by_subj: subject } as unknown as { seq: number });
          seq = m.seq + 1;
          const r = checkEnvelope(m.data, {
            authority: o.authority,
            nowMs: o.now(),
            maxAgeMs: config.trustingPeriodMs,
            maxFutureSkewMs: config.maxClockDriftMs,
            chain: chainId,
          });
          if (r.kind !== 'accepted') continue;
          try {
            const ann = decodeMessage('HeaderAnnouncement', r.envelope.body);
            const sh = signedHeaderFromWire(ann.signedHeader);
            const height = sh.header.height;
            if (first && height > from)
              throw new CourtbridgeError(
                ErrorCode.FailedPrecondition,
                'height_pruned',
                `the oldest header of ${chainId} still kept is ${height}, after the requested ${from}`,
              );
            first = false;
            if (height >= from && height > lastSent)
              send(await o.manager.applyLightBlock(chainId, { signedHeader: sh, validatorSet: validatorSetFromWire(ann.validatorSet) }));
          } catch (e) {
            if (e instanceof CourtbridgeError && e.reason === 'height_pruned') throw e;
            o.logger.warn({ err: e, chain: chainId }, 'watch: replayed header not verified');
          }
        }
      }
    }
    live = true;
    for (const h of buffered.splice(0)) send(h);
    return 'follow';
  } catch (e) {
    unsubscribe();
    throw e;
  }
}

export function watchServiceHandlers(o: WatchServiceOptions): Pick<WatchServiceHandlers, 'WatchHeaders'> {
  return {
    // A follower: it streams until the caller cancels.
    WatchHeaders: serverStream(
      (call: grpc.ServerWritableStream<WatchHeadersRequest__Output, MessageInput<'VerifiedHeader'>>, _ctx, signal) =>
        stream(o, call, signal),
      o.contextOf,
    ),
  };
}
