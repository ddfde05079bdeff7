/**
 * The walk from a chain's registry anchor to a bundle's header (src/verify/anchored-trace.ts),
 * at its own layer: light blocks and anchors in, a verdict out. The verdict of an honest trace
 * counts its steps and the validator-set changes it crossed (not one that the header's own block,
 * on the trace, announces for later heights); a trace is refused, with the entry
 * it fails at named, when its first block matches the anchor's hash but not its height, when the
 * header is of another chain (also at the anchor's or the last block's height), and when a block is no step
 * forward from the one before it (a fork at the same height, even one signed later). Real
 * signatures throughout.
 */
import { describe, expect, it } from 'vitest';
import { headerHash } from '../../src/chain/header.js';
import type { LightBlock } from '../../src/chain/signed-header.js';
import type { ChainAnchor } from '../../src/identity/chain-entry.js';
import { verifyAnchoredTrace } from '../../src/verify/anchored-trace.js';
import { ChainFixture, type FixtureBlock, fixtureValidators, forkOf } from '../helpers/chain-fixture.js';

const lbOf = (b: FixtureBlock): LightBlock => ({ signedHeader: b.signedHeader, validatorSet: b.validatorSet });

/** A chain of `height` blocks whose header at each height in `changesAt` announces a new set. */
function chainOf(id: string, height: number, changesAt: readonly number[] = []): ChainFixture {
  const chain = new ChainFixture(id, fixtureValidators(4));
  let from = 20;
  for (let h = 1; h <= height; h++) {
    const change = changesAt.includes(h);
    if (change) from += 4;
    chain.next(change ? { nextValidators: fixtureValidators(4, { from }) } : {});
  }
  return chain;
}

/** The anchor the registry would pin for `b` (SHA-256). */
const anchorOf = (b: FixtureBlock): ChainAnchor => ({
  height: b.header.height,
  headerHash: headerHash(b.header),
  validatorsHash: b.header.validatorsHash,
});

describe('an honest trace: its verdict counts steps and set changes', () => {
  it('the anchor alone, no set change before the header: one step, no change (SHA-256 unless told)', () => {
    const chain = chainOf('property', 6);
    expect(verifyAnchoredTrace([lbOf(chain.at(1))], chain.at(6).header, [anchorOf(chain.at(1))])).toEqual({
      ok: true,
      anchorHeight: 1,
      steps: 1,
      validatorSetChanges: 0,
    });
  });

  it('a header past a change announced on the trace: one change counted', () => {
    const chain = chainOf('property', 6, [3]);
    const trace = [lbOf(chain.at(1)), lbOf(chain.at(3))];
    expect(verifyAnchoredTrace(trace, chain.at(6).header, [anchorOf(chain.at(1))], 'sha256')).toEqual({
      ok: true,
      anchorHeight: 1,
      steps: 2,
      validatorSetChanges: 1,
    });
  });

  it("the header is the trace's last block: the steps are the trace's after the anchor, and a change its block announces is not crossed", () => {
    const chain = chainOf('property', 6, [3]);
    const whole = [lbOf(chain.at(1)), lbOf(chain.at(2)), lbOf(chain.at(3))];
    expect(verifyAnchoredTrace(whole, chain.at(3).header, [anchorOf(chain.at(1))])).toEqual({
      ok: true,
      anchorHeight: 1,
      steps: 2,
      validatorSetChanges: 0,
    });
    // One height further, the header is signed by the set 3 announced: that change is crossed.
    expect(verifyAnchoredTrace(whole, chain.at(4).header, [anchorOf(chain.at(1))])).toEqual({
      ok: true,
      anchorHeight: 1,
      steps: 3,
      validatorSetChanges: 1,
    });
  });

  it('the header is the anchor itself, which announces a change: no step, no change', () => {
    const chain = chainOf('property', 3, [1]);
    expect(verifyAnchoredTrace([lbOf(chain.at(1))], chain.at(1).header, [anchorOf(chain.at(1))])).toEqual({
      ok: true,
      anchorHeight: 1,
      steps: 0,
      validatorSetChanges: 0,
    });
    expect(verifyAnchoredTrace([lbOf(chain.at(1))], chain.at(2).header, [anchorOf(chain.at(1))])).toEqual({
      ok: true,
      anchorHeight: 1,
      steps: 1,
      validatorSetChanges: 1,
    });
  });
});

describe('the first block must be the anchor: height and hash', () => {
  it("a registry anchor whose hash is the first block's but whose height is another: trace_not_anchored", () => {
    const chain = chainOf('property', 4);
    const first = chain.at(1);
    const v = verifyAnchoredTrace([lbOf(first)], chain.at(4).header, [{ ...anchorOf(first), height: 2 }]);
    expect(v).toEqual({
      ok: false,
      reason: 'trace_not_anchored',
      message: `the trace starts at property@1 (${Buffer.from(headerHash(first.header)).toString('hex').slice(0, 16)}…), which is not an anchor of the chain in the alliance registry`,
    });
  });
});

describe('a header of another chain: trace_wrong_chain, at any height', () => {
  const chain = chainOf('property', 4);
  const other = chainOf('credit', 4);
  const anchors = [anchorOf(chain.at(1))];
  const wrongChain = {
    ok: false,
    reason: 'trace_wrong_chain',
    message: 'the trace is of chain property, the header of credit',
  };

  it("above the anchor's height", () => {
    expect(verifyAnchoredTrace([lbOf(chain.at(1))], other.at(3).header, anchors)).toEqual(wrongChain);
  });

  it("at the anchor's height (not a conflicting header of this chain)", () => {
    expect(verifyAnchoredTrace([lbOf(chain.at(1))], other.at(1).header, anchors)).toEqual(wrongChain);
  });

  it("at the last trace block's height", () => {
    const trace = [lbOf(chain.at(1)), lbOf(chain.at(2))];
    expect(verifyAnchoredTrace(trace, other.at(2).header, anchors)).toEqual(wrongChain);
  });
});

describe('every block must be a step forward from the trusted one', () => {
  const chain = chainOf('property', 6);
  const anchors = [anchorOf(chain.at(1))];

  it('a fork at the trusted height, signed by the same set a second later: trace_out_of_order naming the entry', () => {
    const fork = forkOf(chain.at(2), { timeMs: chain.at(2).header.timeMs + 1_000 });
    const trace = [lbOf(chain.at(1)), lbOf(chain.at(2)), lbOf(fork)];
    expect(verifyAnchoredTrace(trace, chain.at(6).header, anchors)).toEqual({
      ok: false,
      reason: 'trace_out_of_order',
      message: 'trace[2] (property@2) is not after the trusted 2 in height and time',
    });
  });

  it('a fork of the anchor itself, a second later: trace_out_of_order at trace[1]', () => {
    const fork = forkOf(chain.at(1), { timeMs: chain.at(1).header.timeMs + 1_000 });
    expect(verifyAnchoredTrace([lbOf(chain.at(1)), lbOf(fork)], chain.at(6).header, anchors)).toEqual({
      ok: false,
      reason: 'trace_out_of_order',
      message: 'trace[1] (property@1) is not after the trusted 1 in height and time',
    });
  });

  it('a lower block after a higher one: trace_out_of_order naming the entry', () => {
    const trace = [lbOf(chain.at(1)), lbOf(chain.at(4)), lbOf(chain.at(3))];
    expect(verifyAnchoredTrace(trace, chain.at(6).header, anchors)).toEqual({
      ok: false,
      reason: 'trace_out_of_order',
      message: 'trace[2] (property@3) is not after the trusted 4 in height and time',
    });
  });
});
