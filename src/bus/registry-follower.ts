/**
 * Follows the alliance registry stream ("Alliance": a revocation is seen by every gateway
 * and adapter without restart). Registry updates are persisted, in order, in the JetStream stream
 * `CB_REGISTRY` (subject `cb.v1.registry`) as signed `registry.update` envelopes (body: protobuf
 * SignedRegistryUpdate). A follower reads the stream from its first message with an ordered
 * consumer and applies each update to its in-memory `AllianceRegistry` (`submit` re-runs every
 * registry rule: quorum of admin approvals, order, exactly once); `start` resolves once it caught
 * up with what the stream held, so a process serves nothing on a stale registry.
 *
 * Used by the gateway (src/relay/registry-sync.ts adds publishing) and by the adapter
 * runtime (adapters/sdk/runtime.ts `registry` option), so both see the same registry versions.
 * The envelope is signed by the relaying gateway or by an admin (GATEWAY_POLICY, ADMIN_POLICY).
 */
import type { Consumer, ConsumerMessages, NatsConnection } from 'nats';

import { reportDrop } from './dropped.js';
import { checkEnvelope } from './envelope-verify.js';
import { ensureStream } from './jetstream.js';
import { REGISTRY_SUBJECT } from './subjects.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError, type Reason } from '../errors.js';
import type { AllianceRegistry } from '../identity/alliance-registry.js';
import type { Authority, Role } from '../identity/authority.js';
import type { RegistryState } from '../identity/registry.js';
import { opSubject, type RegistryOp, type RegistryUpdate } from '../identity/registry-update.js';
import { chainEntryFromProto } from './chain-entry-proto.js';
import { toHex } from '../encoding/bytes.js';
import type { Logger } from '../log.js';
import type { CourtbridgeMetrics } from '../metrics.js';
import { decodeMessage } from '../wire/codec.js';
import type { MessageOutput } from '../wire/messages.js';

/** The registry stream. */
export const REGISTRY_STREAM = { name: 'CB_REGISTRY', subjects: [REGISTRY_SUBJECT] } as const;

/** Proto `MemberRole` name <-> registry role. */
export const ROLE_ENUM: Readonly<Record<Role, string>> = {
  admin: 'MEMBER_ROLE_ADMIN',
  court: 'MEMBER_ROLE_COURT',
  gateway: 'MEMBER_ROLE_GATEWAY',
  adapter: 'MEMBER_ROLE_ADAPTER',
  validator: 'MEMBER_ROLE_VALIDATOR',
  agency: 'MEMBER_ROLE_AGENCY',
  procuratorate: 'MEMBER_ROLE_PROCURATORATE',
  police: 'MEMBER_ROLE_POLICE',
  justice: 'MEMBER_ROLE_JUSTICE',
};

const bad = (reason: Reason, message: string): CourtbridgeError => new CourtbridgeError(ErrorCode.InvalidArgument, reason, message);

/**
 * The registry transaction a proto RegistryUpdate stands for, on the registry `state` it names
 * (`base_registry_version` must be `state.sequence`). Admins compute the same body and approve
 * it with `approveRegistryUpdate` (src/identity/registry-update.ts), so the mapping is fixed:
 *   allianceId = state.allianceId, sequence = base + 1, prevStateHash = state.stateHash,
 *   updateId = hex(nonce) (16 bytes), effectiveAtMs = effective_at_ms,
 *   REGISTER -> register_member(member.did, member.organisation, roles, chains, keys)
 *   REVOKE -> revoke_member(did); ROTATE_KEY -> rotate_key(did, new_key.kid, new_key.public_key)
 *   ADMIT_CHAIN -> admit_chain(chain), UPDATE_CHAIN -> update_chain(chain) (chainEntryFromProto),
 *   REMOVE_CHAIN -> remove_chain(chain_id)
 * (`retire_kid` must be empty or name the current key: a rotation retires the current key.)
 * @throws INVALID_ARGUMENT `update_malformed`, `operation_mismatch`; FAILED_PRECONDITION `registry_version_mismatch`
 */
export function registryUpdateFromProto(
  u: MessageOutput<'RegistryUpdate'> | null,
  approvals: ReadonlyArray<MessageOutput<'AdminApproval'>>,
  state: RegistryState,
  expected?: MessageOutput<'RegistryUpdate'>['operation'],
): RegistryUpdate {
  if (u === null) throw bad('update_malformed', 'update: required');
  if (expected !== undefined && u.operation !== expected)
    throw bad('operation_mismatch', `update.operation ${u.operation} sent to the method for ${expected}`);
  if (u.baseRegistryVersion !== state.sequence) {
    throw new CourtbridgeError(
      ErrorCode.FailedPrecondition,
      'registry_version_mismatch',
      `update.base_registry_version ${u.baseRegistryVersion}, the registry is at ${state.sequence}; rebuild and re-approve the update on the current version`,
    );
  }
  if (u.nonce.length !== 16) throw bad('update_malformed', 'update.nonce: expected 16 random bytes');
  let op: RegistryOp;
  switch (u.operation) {
    case 'REGISTRY_OPERATION_REGISTER': {
      const m = u.member;
      if (m === null) throw bad('update_malformed', 'update.member: required for REGISTER');
      if (m.did !== u.did) throw bad('update_malformed', 'update.member.did must equal update.did');
      const roles = m.roles.map((r, i) => {
        const found = (Object.keys(ROLE_ENUM) as Role[]).find((k) => ROLE_ENUM[k] === r);
        if (found === undefined) throw bad('update_malformed', `update.member.roles[${i}]: ${r} is not a role`);
        return found;
      });
      op = {
        kind: 'register_member',
        did: u.did,
        org: m.organisation,
        roles,
        chains: [...m.chains],
        keys: m.keys.map((k) => ({ kid: k.kid, publicKey: new Uint8Array(k.publicKey) })),
      };
      break;
    }
    case 'REGISTRY_OPERATION_REVOKE':
      op = { kind: 'revoke_member', did: u.did };
      break;
    case 'REGISTRY_OPERATION_ADMIT_CHAIN':
    case 'REGISTRY_OPERATION_UPDATE_CHAIN':
      if (u.chain === null) throw bad('update_malformed', `update.chain: required for ${u.operation.slice('REGISTRY_OPERATION_'.length)}`);
      op = {
        kind: u.operation === 'REGISTRY_OPERATION_ADMIT_CHAIN' ? 'admit_chain' : 'update_chain',
        chain: chainEntryFromProto(u.chain, 'update.chain'),
      };
      break;
    case 'REGISTRY_OPERATION_REMOVE_CHAIN':
      if (u.chainId === '') throw bad('update_malformed', 'update.chain_id: required for REMOVE_CHAIN');
      op = { kind: 'remove_chain', chainId: u.chainId };
      break;
    case 'REGISTRY_OPERATION_ROTATE_KEY':
      if (u.newKey === null) throw bad('update_malformed', 'update.new_key: required for ROTATE_KEY');
      op = { kind: 'rotate_key', did: u.did, newKid: u.newKey.kid, newPublicKey: new Uint8Array(u.newKey.publicKey) };
      break;
    default:
      throw bad('update_malformed', `update.operation: ${u.operation} is not an operation`);
  }
  return {
    allianceId: state.allianceId,
    sequence: state.sequence + 1,
    prevStateHash: state.stateHash,
    updateId: toHex(u.nonce),
    effectiveAtMs: u.effectiveAtMs,
    op,
    approvals: approvals.map((a) => ({ adminDid: a.adminDid, kid: a.kid, signature: new Uint8Array(a.signature) })),
  };
}

export interface RegistryFollowerOptions {
  nc: NatsConnection;
  registry: AllianceRegistry;
  /** Checks the envelopes' senders; usually an `AllianceAuthority` over `registry.state`. */
  authority: Authority;
  logger: Logger;
  now?: () => number;
  /** JetStream replicas of the stream when this follower creates it; 1 unless told. */
  replicas?: number;
  /** Called after each applied update (e.g. token cache invalidation). */
  onApplied?: (update: RegistryUpdate) => void;
  /** How long `start` waits for its ordered consumer to be created, ms; 10,000 unless told (then a transient failure). */
  consumerCreateMs?: number;
  /** How long `start` waits to catch up with the stream, ms; 30,000 unless told. */
  catchUpMs?: number;
  /** Where dropped updates are counted (bus/dropped.ts); the log line is written either way. */
  metrics?: CourtbridgeMetrics;
}

const GATEWAY_POLICY = { 'registry.update': { role: 'gateway', scope: 'alliance' } } as const;
const ADMIN_POLICY = { 'registry.update': { role: 'admin', scope: 'alliance' } } as const;

/** What happened to one registry message (evidence for logs and tests). */
export type RegistryMessageOutcome =
  | { readonly kind: 'applied'; readonly seq: number; readonly update: RegistryUpdate }
  | { readonly kind: 'dropped'; readonly seq: number; readonly reason: string };

export class RegistryFollower {
  private readonly now: () => number;
  private messages: ConsumerMessages | undefined;
  private processed = 0;
  private readonly waiters: Array<{ seq: number; resolve: () => void }> = [];

  constructor(private readonly o: RegistryFollowerOptions) {
    this.now = o.now ?? Date.now;
  }

  /** Stream sequence of the last message processed (applied or dropped). */
  get processedSeq(): number {
    return this.processed;
  }

  /** Provision the stream, start applying, resolve once caught up with what the stream held. */
  async start(): Promise<void> {
    const jsm = await this.o.nc.jetstreamManager();
    const { info } = await ensureStream(jsm, {
      name: REGISTRY_STREAM.name,
      subjects: REGISTRY_STREAM.subjects,
      replicas: this.o.replicas ?? 1,
      duplicateWindowMs: 120_000,
    });
    const target = info.state.last_seq;
    const consumer = await this.o.nc.jetstream().consumers.get(REGISTRY_STREAM.name);
    this.messages = await this.consumeWithin(consumer, this.o.consumerCreateMs ?? 10_000);
    const messages = this.messages;
    void (async () => {
      for await (const m of messages) {
        await this.apply(m.data, m.seq).catch((e: unknown) => this.o.logger.error({ err: e, seq: m.seq }, 'registry message failed'));
        this.processed = m.seq;
        for (let i = this.waiters.length - 1; i >= 0; i--) {
          if (this.waiters[i]!.seq <= m.seq) this.waiters.splice(i, 1)[0]!.resolve();
        }
      }
    })();
    if (target > 0) await this.waitFor(target, this.o.catchUpMs ?? 30_000);
  }

  async stop(): Promise<void> {
    await this.messages?.close();
  }

  /**
   * Start the ordered consumer, or fail transiently after `ms`. nats.js retries a failed create of
   * an ordered consumer itself, with the same name, every 15 to 45 s, up to 30 times; on a cluster
   * that lost a node that retry can time out again and again (the consumer's one replica placed on
   * the dead peer), so a start would hang for minutes. Failing here instead lets the caller retry
   * on a fresh connection with a freshly named consumer (workflows-service.ts `retryTransient`).
   */
  private async consumeWithin(consumer: Consumer, ms: number): Promise<ConsumerMessages> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    let late = false;
    const pending = consumer.consume();
    const expired = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        late = true;
        reject(
          new CourtbridgeError(
            ErrorCode.Unavailable,
            'registry_not_synced',
            `联盟登记流的消费者 ${ms} 毫秒内未建立，请检查 NATS 集群 / the registry stream's consumer was not created within ${ms} ms (JetStream unavailable)`,
            { cause: Object.assign(new Error('ordered consumer create timed out'), { code: 'TIMEOUT' }) },
          ),
        );
      }, ms);
    });
    // A consumer that comes up after the deadline is closed at once; a create that gives up later is ignored.
    pending.then((m) => (late ? m.close() : undefined)).catch(() => undefined);
    try {
      return await Promise.race([pending, expired]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** Resolve when the message with stream sequence `seq` has been processed. */
  waitFor(seq: number, timeoutMs: number): Promise<void> {
    if (this.processed >= seq) return Promise.resolve();
    return new Promise((resolve, reject) => {
      const t = setTimeout(
        () =>
          reject(
            new CourtbridgeError(
              ErrorCode.Unavailable,
              'registry_not_synced',
              `联盟登记流 ${timeoutMs} 毫秒内未追到第 ${seq} 条，请检查 NATS 连接与 CB_REGISTRY 流 / registry stream not caught up to ${seq} within ${timeoutMs} ms`,
            ),
          ),
        timeoutMs,
      );
      this.waiters.push({
        seq,
        resolve: () => {
          clearTimeout(t);
          resolve();
        },
      });
    });
  }

  /** Check one stream message and apply its update; never throws for bad input. */
  async apply(wire: Uint8Array, seq: number): Promise<RegistryMessageOutcome> {
    const now = this.now();
    const opts = { authority: this.o.authority, nowMs: now, maxAgeMs: 100 * 365 * 86_400_000, maxFutureSkewMs: 30_000 };
    // Persisted updates are replayed long after they were signed: age is not a reason to drop.
    let r = checkEnvelope(wire, { ...opts, policy: GATEWAY_POLICY });
    if (r.kind === 'dropped' && r.drop.reason === 'out_of_role') r = checkEnvelope(wire, { ...opts, policy: ADMIN_POLICY });
    if (r.kind === 'dropped') {
      reportDrop(this.o, {
        kind: 'registry_update',
        reason: r.drop.reason,
        sender: r.drop.claimed?.senderDid,
        subject: REGISTRY_SUBJECT,
        message: `registry envelope dropped: ${r.drop.message}`,
        details: { seq },
      });
      return { kind: 'dropped', seq, reason: r.drop.reason };
    }
    try {
      const signed = decodeMessage('SignedRegistryUpdate', r.envelope.body);
      const update = registryUpdateFromProto(signed.update, signed.approvals, this.o.registry.state);
      // submit re-runs every rule (quorum, order, exactly once) against the current state.
      await this.o.registry.submit(update, now);
      this.o.onApplied?.(update);
      this.o.logger.info({ seq, subject: opSubject(update.op), op: update.op.kind, version: update.sequence }, 'registry update applied');
      return { kind: 'applied', seq, update };
    } catch (e) {
      const reason = isCourtbridgeError(e) ? e.reason : 'error';
      reportDrop(this.o, {
        kind: 'registry_update',
        reason,
        sender: r.envelope.senderDid,
        subject: REGISTRY_SUBJECT,
        message: `registry update not applied: ${isCourtbridgeError(e) ? e.message : 'it does not decode or apply'}`,
        details: { seq },
      });
      return { kind: 'dropped', seq, reason };
    }
  }
}
