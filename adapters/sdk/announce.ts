/**
 * Presence: a signed `adapter.announce` envelope (AdapterAnnouncement: chain, record types,
 * actions, version, replica) on `announceSubject(chain)`, at start and then as a heartbeat, so
 * gateways count the live replicas of each chain (DESIGN.md "Transport"; ).
 */
import type { NatsConnection } from 'nats';
import { announceSubject } from '../../src/bus/subjects.js';
import { encodeEnvelope, sealEnvelope, type EnvelopeSigner } from '../../src/bus/envelope.js';
import { encodeMessage } from '../../src/wire/codec.js';
import type { Logger } from '../../src/log.js';
import type { AdapterDefinition } from './definition.js';
import { wireKindOf } from '../../src/judicial/wire-kind.js';

export interface AnnounceOptions {
  nc: NatsConnection;
  signer: EnvelopeSigner;
  definition: Pick<AdapterDefinition, 'chainId' | 'recordTypes' | 'actions' | 'version'>;
  replicaId: string;
  /** Heartbeat period; 10,000 ms unless told. */
  intervalMs?: number;
  now: () => number;
  logger: Logger;
}

/** The announcement body (protobuf AdapterAnnouncement). */
export function announcementBytes(o: Pick<AnnounceOptions, 'signer' | 'definition' | 'replicaId'>): Uint8Array {
  const coarse = [...new Set(o.definition.actions.map((a) => wireKindOf(a.kind)).filter((k) => k !== 'ACTION_KIND_UNSPECIFIED'))];
  // A chain whose actions all have chain-specific kinds (bankruptcy `close_meeting`) still takes
  // orders: it says so with UNSPECIFIED, the kind that travels with the order's `kind` claim.
  const kinds = coarse.length === 0 && o.definition.actions.length > 0 ? ['ACTION_KIND_UNSPECIFIED' as const] : coarse;
  return encodeMessage('AdapterAnnouncement', {
    chainId: o.definition.chainId,
    adapterDid: o.signer.did,
    recordTypes: o.definition.recordTypes.map((r) => r.name),
    actions: kinds,
    version: o.definition.version,
    replicaId: o.replicaId,
  });
}

/** Announce now and every `intervalMs`; returns the function that stops the heartbeat. */
export function startAnnouncing(o: AnnounceOptions): () => void {
  const body = announcementBytes(o);
  const subject = announceSubject(o.definition.chainId);
  const once = (): void => {
    try {
      o.nc.publish(subject, encodeEnvelope(sealEnvelope(o.signer, 'adapter.announce', body, o.now())));
    } catch (e) {
      o.logger.warn({ err: e }, 'adapter announce failed');
    }
  };
  once();
  const timer = setInterval(once, o.intervalMs ?? 10_000);
  timer.unref();
  return () => clearInterval(timer);
}
