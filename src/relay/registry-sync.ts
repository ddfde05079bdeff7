/**
 * Live alliance registry for every gateway replica ("Alliance": a revocation is seen by
 * every gateway and adapter without restart). Following the `CB_REGISTRY` stream is
 * src/bus/registry-follower.ts (shared with the adapter runtime); this class adds publishing.
 *
 * The stream is the single order: a gateway validates an update against its current state,
 * then publishes it expecting the stream's last sequence to be the one it has applied
 * (optimistic concurrency: a racing replica gets `registry_version_mismatch`), then waits until
 * its own follower applied it. The update is authenticated by its quorum of admin approvals
 * (applyRegistryUpdate); the envelope is signed by the relaying gateway or by an admin.
 */
import type { JetStreamClient, NatsConnection } from 'nats';

import { encodeEnvelope, sealEnvelope, type EnvelopeSigner } from '../bus/envelope.js';
import { RegistryFollower } from '../bus/registry-follower.js';
import { REGISTRY_SUBJECT } from '../bus/subjects.js';
import { CourtbridgeError, ErrorCode } from '../errors.js';
import type { AllianceRegistry } from '../identity/alliance-registry.js';
import type { Authority } from '../identity/authority.js';
import type { RegistryUpdate } from '../identity/registry-update.js';
import type { Logger } from '../log.js';
import type { CourtbridgeMetrics } from '../metrics.js';
import { encodeMessage } from '../wire/codec.js';
import type { MessageInput } from '../wire/messages.js';

export { REGISTRY_STREAM, ROLE_ENUM, registryUpdateFromProto } from '../bus/registry-follower.js';

export interface RegistrySyncOptions {
  nc: NatsConnection;
  registry: AllianceRegistry;
  authority: Authority;
  signer: EnvelopeSigner;
  logger: Logger;
  now?: () => number;
  replicas?: number;
  /** Called after each applied update (token cache invalidation). */
  onApplied?: (update: RegistryUpdate) => void;
  /** Where dropped updates are counted (bus/dropped.ts). */
  metrics?: CourtbridgeMetrics;
}

export class RegistrySync {
  private readonly now: () => number;
  private readonly js: JetStreamClient;
  private readonly follower: RegistryFollower;

  constructor(private readonly o: RegistrySyncOptions) {
    this.now = o.now ?? Date.now;
    this.js = o.nc.jetstream();
    this.follower = new RegistryFollower({
      nc: o.nc,
      registry: o.registry,
      authority: o.authority,
      logger: o.logger,
      now: this.now,
      ...(o.replicas === undefined ? {} : { replicas: o.replicas }),
      ...(o.onApplied === undefined ? {} : { onApplied: o.onApplied }),
      ...(o.metrics === undefined ? {} : { metrics: o.metrics }),
    });
  }

  /** Provision the stream, start applying, resolve once caught up with what the stream held. */
  start(): Promise<void> {
    return this.follower.start();
  }

  stop(): Promise<void> {
    return this.follower.stop();
  }

  /** Resolve when the message with stream sequence `seq` has been processed. */
  waitFor(seq: number, timeoutMs: number): Promise<void> {
    return this.follower.waitFor(seq, timeoutMs);
  }

  /**
   * Validate `update` on the current state, append it to the stream (expecting the stream's
   * last sequence to be ours), and wait until it is applied here.
   * @throws the registry's named reasons; FAILED_PRECONDITION `registry_version_mismatch` on a race
   */
  async publish(signed: MessageInput<'SignedRegistryUpdate'>, update: RegistryUpdate, timeoutMs: number): Promise<void> {
    const env = sealEnvelope(this.o.signer, 'registry.update', encodeMessage('SignedRegistryUpdate', signed), this.now());
    let seq: number;
    try {
      const ack = await this.js.publish(REGISTRY_SUBJECT, encodeEnvelope(env), {
        msgID: `registry-${update.updateId}`,
        expect: { lastSequence: this.follower.processedSeq },
      });
      seq = ack.seq;
    } catch (e) {
      if ((e as { api_error?: { err_code?: number } }).api_error?.err_code === 10071) {
        throw new CourtbridgeError(
          ErrorCode.FailedPrecondition,
          'registry_version_mismatch',
          'another update was applied first; rebuild and re-approve on the current version',
          { cause: e },
        );
      }
      throw new CourtbridgeError(
        ErrorCode.Unavailable,
        'registry_stream_unavailable',
        `cannot append the update: ${(e as Error).message}`,
        { cause: e },
      );
    }
    await this.waitFor(seq, timeoutMs);
  }
}
