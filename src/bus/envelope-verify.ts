/**
 * Deciding whether to trust an envelope (DESIGN.md "Transport": receivers drop what is unsigned,
 * unknown, revoked, out of role or stale). Pure: no I/O, no clock; `nowMs`, the `Authority`
 * (registry state in memory) and the `ReplayGuard` are given.
 *
 * Checks, in this order (cheap and stateless first; the replay guard last, so only authenticated
 * ids are ever recorded):
 *   1. decode strictly                          -> `malformed` | `unsigned`
 *   2. the type is in the policy                -> `unknown_type`
 *   3. freshness against `nowMs`                -> `stale` | `from_future`
 *   4. the sender's key at the envelope's time  -> `unknown_sender` | `revoked`
 *      (rotation: a `#key-1` signature made before `#key-2` replaced it still verifies)
 *   5. the signature over the signing input     -> `tampered` (thread pool in `openEnvelope`)
 *   6. the sender's role now (for the chain)    -> `out_of_role` | `revoked`
 *      (a revocation takes effect at once, whatever time the envelope claims)
 *   7. the id is new for this sender            -> `replayed` | `replay_unavailable`
 */
import type { Authority, AuthorityRejection, Role } from '../identity/authority.js';
import { verify, verifyAsync } from '../crypto/signature-suite.js';
import { isCourtbridgeError } from '../errors.js';
import { decodeEnvelope, envelopeSigningInput, type Envelope } from './envelope.js';
import { DEFAULT_ENVELOPE_POLICY, type EnvelopePolicy, type RoleScope, type TypeRule } from './envelope-policy.js';
import type { ReplayGuard, ReplayVerdict } from './replay-guard.js';

export const DropReasons = [
  'malformed',
  'unsigned',
  'unknown_type',
  'stale',
  'from_future',
  'unknown_sender',
  'revoked',
  'tampered',
  'out_of_role',
  'replayed',
  'replay_unavailable',
] as const;
export type DropReason = (typeof DropReasons)[number];

/** Why an envelope was dropped, with what could be read of it (for the counted, logged drop). */
export interface EnvelopeDrop {
  reason: DropReason;
  message: string;
  /** Present once the envelope decoded. Never trusted: the drop may be for a forgery. */
  claimed?: { senderDid: string; kid: string; type: string; msgId: string; timestampMs: number };
  /** The Authority's own reason when it caused the drop (`unknown_key`, `key_not_valid_at_time`, ...). */
  authorityReason?: AuthorityRejection;
}

/** The evidence an accepted envelope carries: which key verified it, at what time, under what role. */
export interface EnvelopeEvidence {
  publicKey: Uint8Array;
  /** The envelope's timestamp: the time the key was looked up at. */
  keyValidAtMs: number;
  role: Role;
  scope: RoleScope;
  /** The chain the role was checked for (chain-scoped types only). */
  chain?: string;
  verifiedAtMs: number;
}

export interface VerifiedEnvelope extends Envelope {
  evidence: EnvelopeEvidence;
}

export type OpenResult = { kind: 'accepted'; envelope: VerifiedEnvelope } | { kind: 'dropped'; drop: EnvelopeDrop };

export interface CheckOptions {
  authority: Authority;
  /** The receiver's clock, ms since the epoch. */
  nowMs: number;
  /** Oldest accepted age of `timestampMs`. */
  maxAgeMs: number;
  /** How far ahead of `nowMs` a sender's clock may run. */
  maxFutureSkewMs: number;
  /** Type -> required role; `DEFAULT_ENVELOPE_POLICY` unless told. */
  policy?: EnvelopePolicy;
  /** The chain the subject names (from `parseChainSubject`); required for chain-scoped types. */
  chain?: string;
  maxBodyBytes?: number;
}

export interface OpenOptions extends CheckOptions {
  replay: ReplayGuard;
}

function checkOptions(o: CheckOptions): void {
  if (!Number.isSafeInteger(o.nowMs) || o.nowMs < 0) throw new TypeError('options.nowMs: expected a non-negative integer');
  if (!Number.isSafeInteger(o.maxAgeMs) || o.maxAgeMs <= 0) throw new TypeError('options.maxAgeMs: expected a positive integer');
  if (!Number.isSafeInteger(o.maxFutureSkewMs) || o.maxFutureSkewMs < 0)
    throw new TypeError('options.maxFutureSkewMs: expected a non-negative integer');
  if (typeof o.authority?.keyAt !== 'function' || typeof o.authority?.mayAct !== 'function')
    throw new TypeError('options.authority: expected an Authority');
}

const drop = (reason: DropReason, message: string, env?: Envelope, authorityReason?: AuthorityRejection): OpenResult => {
  const d: EnvelopeDrop = { reason, message };
  if (env !== undefined)
    d.claimed = { senderDid: env.senderDid, kid: env.kid, type: env.type, msgId: env.msgId, timestampMs: env.timestampMs };
  if (authorityReason !== undefined) d.authorityReason = authorityReason;
  return { kind: 'dropped', drop: d };
};

/** Authority rejections -> envelope drop reasons. */
function fromAuthority(r: AuthorityRejection): DropReason {
  switch (r) {
    case 'revoked':
      return 'revoked';
    case 'out_of_role':
    case 'chain_not_allowed':
      return 'out_of_role';
    case 'unknown_did':
    case 'unknown_key':
    case 'key_not_valid_at_time':
    case 'resolver_failed':
      return 'unknown_sender';
  }
}

interface Prechecked {
  env: Envelope;
  rule: TypeRule;
  publicKey: Uint8Array;
}

/** Steps 1-4: decode, type, freshness, the key at the envelope's time. */
function precheck(wire: Uint8Array, options: CheckOptions): Prechecked | OpenResult {
  checkOptions(options);
  const { authority, nowMs } = options;
  let env: Envelope;
  try {
    env = decodeEnvelope(wire, options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes });
  } catch (e) {
    if (isCourtbridgeError(e) && (e.reason === 'unsigned' || e.reason === 'malformed')) return drop(e.reason, e.message);
    if (e instanceof TypeError) return drop('malformed', e.message);
    throw e;
  }

  const policy = options.policy ?? DEFAULT_ENVELOPE_POLICY;
  const rule = Object.hasOwn(policy, env.type) ? policy[env.type] : undefined;
  if (rule === undefined) return drop('unknown_type', `no policy for message type ${env.type}`, env);

  if (nowMs - env.timestampMs > options.maxAgeMs) {
    return drop('stale', `envelope is ${nowMs - env.timestampMs} ms old (max ${options.maxAgeMs})`, env);
  }
  if (env.timestampMs - nowMs > options.maxFutureSkewMs) {
    return drop('from_future', `envelope is ${env.timestampMs - nowMs} ms ahead (max skew ${options.maxFutureSkewMs})`, env);
  }

  const key = authority.keyAt(env.senderDid, env.kid, env.timestampMs);
  if (!key.ok) return drop(fromAuthority(key.reason), key.message, env, key.reason);
  return { env, rule, publicKey: key.publicKey };
}

/** Steps 5 (given the signature verdict) and 6: the signature, then the role now. */
function conclude(p: Prechecked, signatureOk: boolean, options: CheckOptions): OpenResult {
  const { env, rule } = p;
  if (!signatureOk) return drop('tampered', `signature does not verify under ${env.kid}`, env);
  let chain: string | undefined;
  if (rule.scope === 'chain') {
    if (options.chain === undefined) return drop('out_of_role', `${env.type} is chain-scoped but the receiver gave no chain`, env);
    chain = options.chain;
  }
  const role = options.authority.mayAct(env.senderDid, rule.role, chain, options.nowMs);
  if (!role.ok) return drop(fromAuthority(role.reason), role.message, env, role.reason);
  const evidence: EnvelopeEvidence = {
    publicKey: p.publicKey,
    keyValidAtMs: env.timestampMs,
    role: rule.role,
    scope: rule.scope,
    verifiedAtMs: options.nowMs,
  };
  if (chain !== undefined) evidence.chain = chain;
  return { kind: 'accepted', envelope: { ...env, evidence } };
}

const isResult = (r: Prechecked | OpenResult): r is OpenResult => 'kind' in r;

/**
 * Steps 1-6 (everything but the replay guard): synchronous and stateless. Use `openEnvelope`
 * on a receiver; this is for verifying a stored envelope again later (no replay question).
 */
export function checkEnvelope(wire: Uint8Array, options: CheckOptions): OpenResult {
  const p = precheck(wire, options);
  if (isResult(p)) return p;
  return conclude(p, verify(p.env.signature, envelopeSigningInput(p.env), p.publicKey), options);
}

/**
 * Decode and verify an envelope received at `options.nowMs`, then claim its id in the replay
 * guard. Never throws for bad input: every rejection is a drop with a named reason.
 *
 * @example
 * const r = await openEnvelope(msg.data, { authority, nowMs: Date.now(), maxAgeMs: 60_000, maxFutureSkewMs: 5_000, replay, chain: 'credit' });
 * if (r.kind === 'dropped') metrics.envelopeDropped.inc({ reason: r.drop.reason, type: r.drop.claimed?.type ?? 'unknown' });
 */
export async function openEnvelope(wire: Uint8Array, options: OpenOptions): Promise<OpenResult> {
  if (typeof options.replay?.claim !== 'function') throw new TypeError('options.replay: expected a ReplayGuard');
  const p = precheck(wire, options);
  if (isResult(p)) return p;
  // Same verdict as `verify`, computed on libuv's thread pool so a busy receiver keeps its
  // event loop free (DESIGN.md "Budgets": more verifies/s through the async pool).
  const r = conclude(p, await verifyAsync(p.env.signature, envelopeSigningInput(p.env), p.publicKey), options);
  if (r.kind === 'dropped') return r;
  const env = r.envelope;
  let verdict: ReplayVerdict;
  try {
    verdict = await options.replay.claim(env.senderDid, env.msgId, options.nowMs);
  } catch (e) {
    return drop('replay_unavailable', `replay guard failed: ${(e as Error).message}`, env);
  }
  if (verdict === 'replayed') return drop('replayed', `msgId ${env.msgId} from ${env.senderDid} was seen before`, env);
  if (verdict !== 'fresh') return drop('replay_unavailable', 'replay guard could not record the id (fail closed)', env);
  return r;
}
