/**
 * Bring the adapter's judicial light client up to a light block, fetching intermediate light
 * blocks when the judicial validator set changed too much for one skipping step.
 *
 * A skipping update needs more than 1/3 of the power of a set the client trusts to have signed
 * the new header (tendermint `VerifyNonAdjacent`, src/lightclient/verify-update.ts). When the
 * set changed by more than that between the trusted height and the target, the update fails with
 * `insufficient_trusted_power`; like the tendermint light client's bisection, we then fetch the
 * light block halfway (`lightblockSubject(judicial)`, request/reply), trust it first, and try
 * again, until the target is reached or the step budget is spent. The fetched blocks are as
 * untrusted as the one in the request: each passes the same verification before it counts.
 *
 * Every block verified by skipping (target or intermediate) is cross-checked with `witness` (the
 * judicial chain's adapter parties) before the client trusts it; one no witness confirms stops
 * the sync with a `held` outcome, one a witness contradicts freezes the client (src/lightclient/
 * witness.ts). Blocks verified sequentially need no witness.
 */
import type { LightBlock } from '../../src/chain/signed-header.js';
import { isCourtbridgeError } from '../../src/errors.js';
import type { LightClient, UpdateOutcome } from '../../src/lightclient/light-client.js';
import type { Witness } from '../../src/lightclient/witness.js';

/** Fetch the judicial light block at a height (the runtime asks the judicial adapters over NATS). */
export type LightBlockFetcher = (height: number) => Promise<LightBlock>;

/** What the sync did: the final update outcome and the heights it verified on the way. */
export interface JudicialSyncResult {
  outcome: UpdateOutcome;
  /** Intermediate heights fetched and trusted before the target (empty for a direct update). */
  intermediate: number[];
}

export interface JudicialSyncOptions {
  /** Absent: no bisection, the first failure is final. */
  fetch?: LightBlockFetcher;
  /** Most intermediate light blocks fetched for one target; 32 unless told (bisection: log2 of the gap). */
  maxSteps?: number;
  /** Confirms blocks verified by skipping; without it they are held (never trusted). */
  witness?: Witness;
}

/**
 * Update `client` to `target`. Throws what the light client throws (a named VerificationError)
 * when the target, or an intermediate block, does not verify; returns early with a `frozen`
 * outcome if a block revealed misbehaviour, or a `held` one if no witness confirmed a block.
 */
export async function syncJudicialClient(
  client: LightClient,
  target: LightBlock,
  nowMs: number,
  options: JudicialSyncOptions = {},
): Promise<JudicialSyncResult> {
  const maxSteps = options.maxSteps ?? 32;
  const pending: LightBlock[] = [target];
  const intermediate: number[] = [];
  let fetches = 0;
  for (;;) {
    const next = pending[pending.length - 1]!;
    let outcome: UpdateOutcome;
    try {
      outcome = await client.update(
        next.signedHeader,
        next.validatorSet,
        nowMs,
        options.witness === undefined ? {} : { witness: options.witness },
      );
    } catch (e) {
      if (options.fetch === undefined || !isCourtbridgeError(e) || e.reason !== 'insufficient_trusted_power' || fetches >= maxSteps)
        throw e;
      const trusted = (await client.latest()).height;
      const height = next.signedHeader.header.height;
      const mid = Math.floor((trusted + height) / 2);
      // Adjacent (or below the trusted height): nothing to bisect, the failure stands.
      if (trusted >= height || mid <= trusted) throw e;
      fetches += 1;
      const lb = await options.fetch(mid);
      if (lb.signedHeader.header.height !== mid) throw e;
      pending.push(lb);
      continue;
    }
    pending.pop();
    if (outcome.kind === 'frozen' || outcome.kind === 'held' || pending.length === 0) return { outcome, intermediate };
    intermediate.push(next.signedHeader.header.height);
  }
}
