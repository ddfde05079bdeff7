/**
 * Does a header trace back to its chain's anchor in the alliance registry? Pure: light blocks
 * and anchors in, a verdict out (DESIGN.md "Trust ends at an anchor").
 *
 * A trace is the anchor's own light block, then trusted headers in height order, each of
 * which may announce a validator-set change (`nextValidatorsHash` differs from
 * `validatorsHash`); the target (the bundle's header) follows the last one. Walking it:
 *   - the first block is the anchor: same height, header hash and validators hash as an anchor
 *     the registry holds for the chain (the admin quorum vouched for it; its commit adds nothing);
 *   - every next block B after the trusted block T: same chain, higher height, later time,
 *     its set hashes to its `validatorsHash`, that hash is the set T announced
 *     (`T.nextValidatorsHash`: a trace may not skip a set change), B links to T when adjacent,
 *     and validators holding more than 2/3 of that set's power signed B.
 * So every header on the path is signed by more than 2/3 of a set that the previous trusted
 * header, and in the end the anchor, named. Unlike a live light client's skipping rule (more
 * than 1/3 of the old set, then a witness), an offline check has no witness to ask, so it
 * takes nothing less than the 2/3 a header itself needs.
 *
 * Every hash is taken under the chain's hash suite, its registry entry's (the caller passes
 * `entry.hashSuite`). A trace of an SM3 chain walked as SHA-256 (or the other way round) fails
 * at its first block, `trace_not_anchored`: its hash under the wrong suite is no anchor the
 * registry holds. No reason of its own is needed: the verifier cannot tell a trace of the other
 * suite from a made-up one, and must not try (that would read the suite from the data).
 */
import { verifyCommit } from '../chain/commit.js';
import { headerHash, type Header } from '../chain/header.js';
import type { LightBlock } from '../chain/signed-header.js';
import { validatorSetHash } from '../chain/validator-set.js';
import type { HashSuite } from '../crypto/hash-suite.js';
import { equalBytes, toHex } from '../encoding/bytes.js';
import { isCourtbridgeError } from '../errors.js';
import type { ChainAnchor } from '../identity/chain-entry.js';

export type TraceRejection =
  | 'trace_missing'
  | 'trace_not_anchored'
  | 'header_below_anchor'
  | 'trace_wrong_chain'
  | 'trace_out_of_order'
  | 'trace_gap'
  | 'trace_broken_link'
  | 'trace_conflict'
  | 'wrong_validator_set_hash'
  | 'trace_commit_invalid';

export type TraceVerdict =
  | { ok: true; anchorHeight: number; steps: number; validatorSetChanges: number }
  | { ok: false; reason: TraceRejection; message: string };

const no = (reason: TraceRejection, message: string): TraceVerdict => ({ ok: false, reason, message });

/**
 * Check that `target` is reached from one of `anchors` through `trace`, hashing under `suite`
 * (the chain's registry entry's). The target's own commit is not checked here (the bundle
 * verifier checks it against its set); its set must be the one the trace's last block announced.
 */
export function verifyAnchoredTrace(
  trace: readonly LightBlock[],
  target: Header,
  anchors: readonly ChainAnchor[],
  suite: HashSuite = 'sha256',
): TraceVerdict {
  if (trace.length === 0) return no('trace_missing', "the bundle carries no trace from the chain's anchor to its header");
  const first = trace[0]!.signedHeader.header;
  const firstHash = headerHash(first, suite);
  const anchor = anchors.find((a) => a.height === first.height && equalBytes(a.headerHash, firstHash));
  if (anchor === undefined) {
    return no(
      'trace_not_anchored',
      `the trace starts at ${first.chainId}@${first.height} (${toHex(firstHash).slice(0, 16)}…), which is not an anchor of the chain in the alliance registry`,
    );
  }
  if (
    !equalBytes(anchor.validatorsHash, first.validatorsHash) ||
    !equalBytes(validatorSetHash(trace[0]!.validatorSet, suite), first.validatorsHash)
  ) {
    return no(
      'wrong_validator_set_hash',
      `the anchor's validator set is not the one the registry pinned for ${first.chainId}@${first.height}`,
    );
  }
  if (target.chainId !== first.chainId)
    return no('trace_wrong_chain', `the trace is of chain ${first.chainId}, the header of ${target.chainId}`);
  if (target.height < first.height)
    return no(
      'header_below_anchor',
      `header ${target.chainId}@${target.height} is below the chain's anchor (${first.height}); it cannot be traced from it`,
    );

  let trusted = first;
  let trustedHash = firstHash;
  let changes = 0;
  for (let i = 1; i < trace.length; i++) {
    const b = trace[i]!;
    const h = b.signedHeader.header;
    const step = link(trusted, trustedHash, h, `trace[${i}]`);
    if (step !== undefined) return step;
    if (!equalBytes(validatorSetHash(b.validatorSet, suite), h.validatorsHash))
      return no('wrong_validator_set_hash', `trace[${i}]: its validator set does not hash to the header's validators_hash`);
    try {
      verifyCommit(h, b.signedHeader.commit, b.validatorSet, { hashSuite: suite });
    } catch (e) {
      return no(
        'trace_commit_invalid',
        `trace[${i}] (${h.chainId}@${h.height}) is not signed by more than 2/3 of its validators: ${isCourtbridgeError(e) ? e.reason : 'malformed'}`,
      );
    }
    if (!equalBytes(trusted.validatorsHash, trusted.nextValidatorsHash)) changes++;
    trusted = h;
    trustedHash = headerHash(h, suite);
  }
  if (target.height === trusted.height) {
    return equalBytes(headerHash(target, suite), trustedHash)
      ? { ok: true, anchorHeight: first.height, steps: trace.length - 1, validatorSetChanges: changes }
      : no('trace_conflict', `the header at ${target.chainId}@${target.height} differs from the trace's header at that height`);
  }
  // One more step: the target is signed by the set the last block announced (a change only when
  // the target is past that block; one the target's own block announces is not crossed).
  if (!equalBytes(trusted.validatorsHash, trusted.nextValidatorsHash)) changes++;
  const last = link(trusted, trustedHash, target, 'the header');
  return last ?? { ok: true, anchorHeight: first.height, steps: trace.length, validatorSetChanges: changes };
}

/** The rules between a trusted header and the next one on the path (commit checked by the caller). */
function link(trusted: Header, trustedHash: Uint8Array, h: Header, what: string): TraceVerdict | undefined {
  if (h.chainId !== trusted.chainId) return no('trace_wrong_chain', `${what} is of chain ${h.chainId}, the trace of ${trusted.chainId}`);
  if (h.height <= trusted.height || h.timeMs <= trusted.timeMs) {
    return no('trace_out_of_order', `${what} (${h.chainId}@${h.height}) is not after the trusted ${trusted.height} in height and time`);
  }
  if (!equalBytes(h.validatorsHash, trusted.nextValidatorsHash)) {
    return no(
      'trace_gap',
      `${what} (${h.chainId}@${h.height}) is signed by a validator set that the trusted header ${trusted.height} did not announce: the trace skips a validator-set change`,
    );
  }
  if (h.height === trusted.height + 1 && !equalBytes(h.prevHash, trustedHash)) {
    return no('trace_broken_link', `${what} (${h.chainId}@${h.height}) does not link to the trusted header ${trusted.height}`);
  }
  return undefined;
}
