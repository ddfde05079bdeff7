/**
 * Cross-checking a header verified by skipping with witnesses (CometBFT light/detector.go).
 * A skipping header rests on more than trustLevel (1/3) of a trusted set, so validators holding
 * a third of the power can sign a made-up ("lunatic") header that passes. Before such a header
 * is trusted, another source of the same chain (a replica of the chain's adapter run by another
 * party, a second configured source) is asked for its header at that height:
 *
 * - same hash                             -> confirmed: the header may be trusted;
 * - another header that verifies from the
 *   same trusted state                    -> misbehaviour (`lunatic_attack` when the validator
 *                                             sets differ, else `fork_detected`): freeze;
 * - nothing usable (unreachable, behind,
 *   an answer that does not verify)       -> held: not trusted, the caller says why.
 *
 * A conflict wins over confirmations (one honest witness is enough to expose a lie). Pure: the
 * answers are fetched by the caller (gateway, adapter) and given here.
 */
import { equalBytes } from '../encoding/bytes.js';
import { isCourtbridgeError } from '../errors.js';
import { headerHash } from '../chain/header.js';
import { isLunaticPair, type Misbehaviour } from '../chain/misbehaviour.js';
import type { LightBlock } from '../chain/signed-header.js';
import { hashSuiteOf } from './client-state.js';
import { verifyHeader, type TrustedView } from './verify-update.js';

/** What one witness said about the target height. */
export type WitnessAnswer =
  /** Its light block at the asked height, or its latest when it has not reached that height. */
  { kind: 'block'; witness: string; block: LightBlock } | { kind: 'unreachable'; witness: string; detail: string };

/** Asks the witnesses for their light block at `target`'s height (I/O lives with the caller). */
export type Witness = (target: LightBlock) => Promise<WitnessAnswer[]>;

/** Why a skipping header was held instead of trusted. */
export type HeldReason =
  /** No witness was given or none answered. */
  | 'witness_unavailable'
  /** The witnesses have not reached that height yet (a header ahead of the chain). */
  | 'witness_behind'
  /** The witnesses answered with headers that do not verify (not evidence: anyone can send bytes). */
  | 'witness_faulty';

export type CrossCheckVerdict =
  | { kind: 'confirmed'; witnesses: string[] }
  | { kind: 'conflict'; witness: string; misbehaviour: Misbehaviour }
  | { kind: 'held'; reason: HeldReason; detail: string };

/**
 * Judge `answers` about `primary` (verified by skipping from `view`) at `nowMs`. A witness's
 * different header counts as evidence only if it verifies from the same trusted state as the
 * primary did: then a correct chain could not have signed both.
 */
export function crossCheck(view: TrustedView, primary: LightBlock, answers: readonly WitnessAnswer[], nowMs: number): CrossCheckVerdict {
  const target = primary.signedHeader.header;
  // The client's suite (its chain entry's), for the primary and every witness alike.
  const suite = hashSuiteOf(view.clientState);
  const want = headerHash(target, suite);
  const confirmed: string[] = [];
  const behind: string[] = [];
  const faulty: string[] = [];
  const unreachable: string[] = [];
  for (const a of answers) {
    if (a.kind === 'unreachable') {
      unreachable.push(`${a.witness}: ${a.detail}`);
      continue;
    }
    const got = a.block.signedHeader.header;
    if (got.chainId !== target.chainId || got.height > target.height) {
      faulty.push(`${a.witness}: answered ${got.chainId}@${got.height} for ${target.chainId}@${target.height}`);
      continue;
    }
    if (got.height < target.height) {
      behind.push(`${a.witness}: at ${got.height}`);
      continue;
    }
    if (equalBytes(headerHash(got, suite), want)) {
      confirmed.push(a.witness);
      continue;
    }
    try {
      verifyHeader(view, a.block, nowMs);
    } catch (e) {
      if (!isCourtbridgeError(e)) throw e;
      faulty.push(`${a.witness}: its header ${got.height} does not verify (${e.reason})`);
      continue;
    }
    const kind = isLunaticPair(target, got) ? 'lunatic_attack' : 'fork_detected';
    return { kind: 'conflict', witness: a.witness, misbehaviour: { kind, first: primary, second: a.block } };
  }
  if (confirmed.length > 0) return { kind: 'confirmed', witnesses: confirmed };
  if (behind.length > 0)
    return {
      kind: 'held',
      reason: 'witness_behind',
      detail: `no witness has ${target.chainId}@${target.height} yet (${behind.join('; ')})`,
    };
  if (faulty.length > 0)
    return {
      kind: 'held',
      reason: 'witness_faulty',
      detail: `no witness confirmed ${target.chainId}@${target.height} (${faulty.join('; ')})`,
    };
  return {
    kind: 'held',
    reason: 'witness_unavailable',
    detail:
      unreachable.length === 0
        ? `no witness to confirm ${target.chainId}@${target.height}`
        : `no witness answered for ${target.chainId}@${target.height} (${unreachable.join('; ')})`,
  };
}
