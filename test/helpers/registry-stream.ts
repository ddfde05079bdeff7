/**
 * Registry updates on the real registry stream `CB_REGISTRY`, as a gateway relays them after
 * the admins approved (src/relay/registry-sync.ts `publish`): a `registry.update` envelope whose
 * body is a `SignedRegistryUpdate`, the approvals over identity's fixed sign bytes. Tests admit
 * a member after the genesis with it, and forge what an attacker could put on the stream.
 *
 * @example
 * const u = registerAdapterUpdate(fx, fx.state, { did: 'did:alliance:new-adapter', chain: 'newchain', publicKey });
 * await publishRegistryUpdate(nc, fx.gateway, u.signed);
 */
import type { NatsConnection } from 'nats';
import { encodeEnvelope, sealEnvelope, type EnvelopeSigner } from '../../src/bus/envelope.js';
import { ensureStream } from '../../src/bus/jetstream.js';
import { REGISTRY_STREAM } from '../../src/bus/registry-follower.js';
import { REGISTRY_SUBJECT } from '../../src/bus/subjects.js';
import { sha256 } from '../../src/crypto/hash.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { applyRegistryUpdate, type RegistryState } from '../../src/identity/registry.js';
import type { RegistryOp, RegistryUpdate } from '../../src/identity/registry-update.js';
import type { Signer } from '../../src/identity/signer.js';
import { encodeMessage } from '../../src/wire/codec.js';
import type { MessageInput } from '../../src/wire/messages.js';
import type { AllianceFixture } from './alliance-fixture.js';
import { approvedBy, fixtureAdmins, nextUpdateBody } from './registry-next.js';

export interface BuiltUpdate {
  /** What goes on the stream. */
  signed: MessageInput<'SignedRegistryUpdate'>;
  /** The update the registry applies (to compute the next state). */
  update: RegistryUpdate;
}

export interface RegisterAdapterOptions {
  did: string;
  chain: string;
  publicKey: Uint8Array;
  /** When it takes effect; a minute ago unless told. */
  effectiveAtMs?: number;
  /** Who approves; the fixture's two admins (its quorum) unless told. */
  approvers?: readonly Signer[];
}

/** A `register_member` update giving `did` the adapter role for `chain`, on `state`. */
export function registerAdapterUpdate(fx: AllianceFixture, state: RegistryState, o: RegisterAdapterOptions): BuiltUpdate {
  const nonce = sha256(utf8(`register ${o.did} at ${state.sequence}`)).slice(0, 16);
  const effectiveAtMs = o.effectiveAtMs ?? Date.now() - 60_000;
  const op: RegistryOp = {
    kind: 'register_member',
    did: o.did,
    org: `${o.chain} partner agency`,
    roles: ['adapter'],
    chains: [o.chain],
    keys: [{ kid: '#key-1', publicKey: o.publicKey }],
  };
  const update = approvedBy(nextUpdateBody(state, op, effectiveAtMs, toHex(nonce)), o.approvers ?? fixtureAdmins(fx));
  const { approvals } = update;
  return {
    update,
    signed: {
      update: {
        operation: 'REGISTRY_OPERATION_REGISTER',
        did: o.did,
        member: {
          did: o.did,
          organisation: `${o.chain} partner agency`,
          roles: ['MEMBER_ROLE_ADAPTER'],
          chains: [o.chain],
          keys: [{ kid: '#key-1', publicKey: o.publicKey }],
        },
        effectiveAtMs,
        baseRegistryVersion: state.sequence,
        nonce,
      },
      approvals: approvals.map((a) => ({ adminDid: a.adminDid, kid: a.kid, signature: a.signature })),
    },
  };
}

/** The same update with its first approval's signature broken (one bit flipped). */
export function withForgedApproval(u: BuiltUpdate): BuiltUpdate {
  const approvals = [...(u.signed.approvals ?? [])].map((a, i) => {
    if (i !== 0) return a;
    const sig = new Uint8Array(a.signature as Uint8Array);
    sig[10] = sig[10]! ^ 0x01;
    return { ...a, signature: sig };
  });
  return { update: u.update, signed: { ...u.signed, approvals } };
}

/** The same update with only its first approval (below a quorum of 2). */
export function belowQuorum(u: BuiltUpdate): BuiltUpdate {
  return { update: u.update, signed: { ...u.signed, approvals: (u.signed.approvals ?? []).slice(0, 1) } };
}

/** The state after `u` (what every follower computes). */
export function stateAfterUpdate(state: RegistryState, u: BuiltUpdate, nowMs = Date.now()): RegistryState {
  return applyRegistryUpdate(state, u.update, nowMs).state;
}

/** Append `signed` to `CB_REGISTRY` in an envelope signed by `sender` (a gateway or an admin); resolves with its stream sequence. */
export async function publishRegistryUpdate(
  nc: NatsConnection,
  sender: EnvelopeSigner,
  signed: MessageInput<'SignedRegistryUpdate'>,
): Promise<number> {
  await ensureStream(await nc.jetstreamManager(), {
    name: REGISTRY_STREAM.name,
    subjects: [...REGISTRY_STREAM.subjects],
    duplicateWindowMs: 120_000,
  });
  const env = sealEnvelope(sender, 'registry.update', encodeMessage('SignedRegistryUpdate', signed), Date.now());
  const ack = await nc.jetstream().publish(REGISTRY_SUBJECT, encodeEnvelope(env));
  return ack.seq;
}

/** A `revoke_member` update of `did`, on `state`, approved by the fixture's two admins. */
export function revokeMemberUpdate(
  fx: AllianceFixture,
  state: RegistryState,
  did: string,
  effectiveAtMs = Date.now() - 1_000,
): BuiltUpdate {
  const nonce = sha256(utf8(`revoke ${did} at ${state.sequence}`)).slice(0, 16);
  const update = approvedBy(nextUpdateBody(state, { kind: 'revoke_member', did }, effectiveAtMs, toHex(nonce)), fixtureAdmins(fx));
  const { approvals } = update;
  return {
    update,
    signed: {
      update: { operation: 'REGISTRY_OPERATION_REVOKE', did, reason: 'test', effectiveAtMs, baseRegistryVersion: state.sequence, nonce },
      approvals: approvals.map((a) => ({ adminDid: a.adminDid, kid: a.kid, signature: a.signature })),
    },
  };
}
