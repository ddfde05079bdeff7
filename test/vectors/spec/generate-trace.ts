import { sha256 } from '../../../src/crypto/hash.js';
import type { HashSuite } from '../../../src/crypto/hash-suite.js';
import { ByteWriter, toHex, utf8 } from '../../../src/encoding/bytes.js';
import { headerBytes, headerHash, type Header } from '../../../src/chain/header.js';
import { writeLightBlock, type LightBlock } from '../../../src/chain/signed-header.js';
import { encodeValidatorSet, validatorSetHash } from '../../../src/chain/validator-set.js';
import { verifyAnchoredTrace } from '../../../src/verify/anchored-trace.js';
import type { ChainAnchor } from '../../../src/identity/chain-entry.js';
import {
  blockOf,
  ChainFixture,
  fixtureValidators,
  forkOf,
  signCommit,
  validatorSetOf,
  type FixtureBlock,
  type FixtureValidator,
} from '../../helpers/chain-fixture.js';
import { headerFields, keysJson, writeVector } from './vector-kit.js';

// Three sets, power 10 each: A (keys 1-4) until height 4, B (keys 5-7) from 5 to 7, C (keys 8-11) from 8.
const setA = fixtureValidators(4, { from: 1, power: 10 });
const setB = fixtureValidators(3, { from: 5, power: 10 });
const setC = fixtureValidators(4, { from: 8, power: 10 });
/** Keys outside every set: a made-up ("lunatic") set. */
const forgers = fixtureValidators(2, { from: 90, power: 10 });

function chainOf(id: string, suite: HashSuite, changes: Record<number, FixtureValidator[]>, height: number): ChainFixture {
  const chain = new ChainFixture(id, setA, undefined, undefined, suite);
  for (let h = 1; h <= height; h++) {
    const next = changes[h];
    chain.next(next === undefined ? {} : { nextValidators: next });
  }
  return chain;
}

const CHAIN = 'land-registry';
const chain = chainOf(CHAIN, 'sha256', { 4: setB, 7: setC }, 10);
const at = (h: number): FixtureBlock => chain.at(h);
const sm3Chain = chainOf('judicial-sm3', 'sm3', { 3: setB }, 6);

const anchorOf = (b: LightBlock, suite: HashSuite = 'sha256'): ChainAnchor => ({
  height: b.signedHeader.header.height,
  headerHash: headerHash(b.signedHeader.header, suite),
  validatorsHash: b.signedHeader.header.validatorsHash,
});

const blockFields = (lb: LightBlock) => {
  const { header, commit } = lb.signedHeader;
  return {
    headerLength: headerBytes(header).length,
    header: headerFields(header),
    commit: {
      height: commit.height,
      headerHash: toHex(commit.headerHash),
      signatures: commit.signatures.map((s) => ({ validatorDid: s.validatorDid, signature: toHex(s.signature) })),
    },
    validatorSetLength: encodeValidatorSet(lb.validatorSet).length,
    validatorSet: {
      validators: lb.validatorSet.validators.map((v) => ({ did: v.did, publicKey: toHex(v.publicKey), power: v.power })),
    },
  };
};

const traceBytes = (blocks: readonly LightBlock[]): string => {
  const w = new ByteWriter().u32(blocks.length);
  for (const b of blocks) writeLightBlock(w, b);
  return toHex(w.finish());
};

const anchorFields = (a: ChainAnchor) => ({ height: a.height, headerHash: toHex(a.headerHash), validatorsHash: toHex(a.validatorsHash) });

const lb = (b: FixtureBlock): LightBlock => ({ signedHeader: b.signedHeader, validatorSet: b.validatorSet });

interface Given {
  trace: LightBlock[];
  target: Header;
  anchors: ChainAnchor[];
  hashSuite?: HashSuite;
}

/** The data a verifier is given; the verdict is the product's, checked against `expect`. */
function data(g: Given, expect: string, name: string) {
  const suite = g.hashSuite ?? 'sha256';
  const v = verifyAnchoredTrace(g.trace, g.target, g.anchors, suite);
  const got = v.ok ? 'ok' : v.reason;
  if (got !== expect) throw new Error(`${name}: the product says ${got}, the case expects ${expect}`);
  return {
    hashSuite: suite,
    anchors: g.anchors.map(anchorFields),
    target: headerFields(g.target),
    ...(v.ok ? { steps: v.steps, validatorSetChanges: v.validatorSetChanges } : {}),
  };
}

const valid = (name: string, g: Given) => ({
  name,
  fields: { blocks: g.trace.map(blockFields) },
  bytes: traceBytes(g.trace),
  ...data(g, 'ok', name),
});

const invalid = (name: string, reason: string, why: string, g: Given) => ({
  name,
  reason,
  why,
  fields: { blocks: g.trace.map(blockFields) },
  ...data(g, reason, name),
});

const anchor1 = anchorOf(at(1));
const anchors = [anchor1];

/** `b`'s header with `change`, re-signed by `signers` of its own set (a fork of `b`). */
const forked = (b: FixtureBlock, change: Partial<Header>, signers?: FixtureValidator[]): FixtureBlock => forkOf(b, change, signers);

/** `b` with its commit cut to the first `n` signatures. */
function signedBy(b: FixtureBlock, n: number): LightBlock {
  return { signedHeader: { header: b.header, commit: signCommit(b.header, b.validators.slice(0, n)) }, validatorSet: b.validatorSet };
}

/** A header at `b`'s height naming the forgers' set, signed by all of it (a lunatic header). */
function lunatic(b: FixtureBlock): FixtureBlock {
  const forged = validatorSetHash(validatorSetOf(forgers));
  return blockOf(
    { ...b.header, stateRoot: sha256(utf8('a state of the forgers')), validatorsHash: forged, nextValidatorsHash: forged },
    forgers,
  );
}

const otherChain = chainOf('water-registry', 'sha256', { 4: setB }, 5);
const sm3Anchor = anchorOf(sm3Chain.at(1), 'sm3');

const file = {
  structure: 'trace',
  title: "Anchored validator-set trace: from the chain's anchor in the alliance registry to the header an answer is proven against",
  spec: 'docs/spec/trace.md',
  tag: null,
  layout: 'trace',
  keys: keysJson([...setA, ...setB, ...setC, ...forgers].map((v) => v.n)),
  valid: [
    valid('the target is the anchor itself', { trace: [lb(at(1))], target: at(1).header, anchors }),
    valid('no validator-set change: the anchor alone reaches height 3', { trace: [lb(at(1))], target: at(3).header, anchors }),
    valid('one change (A to B announced at 4): the target at 5 links to 4 by prevHash', {
      trace: [lb(at(1)), lb(at(4))],
      target: at(5).header,
      anchors,
    }),
    valid('two changes (A to B at 4, B to C at 7): the target at 10 is signed by C', {
      trace: [lb(at(1)), lb(at(4)), lb(at(7))],
      target: at(10).header,
      anchors,
    }),
    valid('a header announcing no change may be on the trace too', {
      trace: [lb(at(1)), lb(at(2)), lb(at(4)), lb(at(7))],
      target: at(9).header,
      anchors,
    }),
    valid('re-anchored chain: the trace starts at the later anchor (height 7)', {
      trace: [lb(at(7))],
      target: at(10).header,
      anchors: [anchor1, anchorOf(at(7))],
    }),
    valid('SM3 chain: every header and set hashed with SM3, one change at 3', {
      trace: [lb(sm3Chain.at(1)), lb(sm3Chain.at(3))],
      target: sm3Chain.at(6).header,
      anchors: [sm3Anchor],
      hashSuite: 'sm3',
    }),
  ],
  invalid: [
    invalid('empty trace', 'trace_missing', "a bundle must carry at least the anchor's own light block", {
      trace: [],
      target: at(5).header,
      anchors,
    }),
    invalid(
      'the trace starts at height 2, which is no anchor',
      'trace_not_anchored',
      "the first block's height and header hash must be those of an anchor the registry holds for the chain",
      { trace: [lb(at(2)), lb(at(4))], target: at(5).header, anchors },
    ),
    invalid(
      'the first block is a fork of the anchor height',
      'trace_not_anchored',
      "a different header at the anchor's height (another state root, signed by the same set) hashes to another header hash",
      { trace: [lb(forked(at(1), { stateRoot: sha256(utf8('another state')) }))], target: at(3).header, anchors },
    ),
    invalid(
      'an SM3 trace walked with SHA-256',
      'trace_not_anchored',
      "the suite is the chain's registry entry's: hashed with SHA-256, the SM3 anchor block is no anchor the registry holds",
      { trace: [lb(sm3Chain.at(1))], target: sm3Chain.at(2).header, anchors: [sm3Anchor], hashSuite: 'sha256' },
    ),
    invalid(
      'the anchor block carries another set than the one its header names',
      'wrong_validator_set_hash',
      "the anchor's validator set must hash to its header's validatorsHash (the set B is given for a header signed by A)",
      { trace: [{ signedHeader: at(1).signedHeader, validatorSet: at(5).validatorSet }], target: at(3).header, anchors },
    ),
    invalid(
      "the registry's anchor names another validators hash",
      'wrong_validator_set_hash',
      "the anchor's validatorsHash in the registry must equal the first header's validatorsHash",
      {
        trace: [lb(at(1))],
        target: at(3).header,
        anchors: [{ ...anchor1, validatorsHash: at(5).header.validatorsHash }],
      },
    ),
    invalid('the target is of another chain', 'trace_wrong_chain', "the target header's chainId must be the trace's", {
      trace: [lb(at(1))],
      target: otherChain.at(3).header,
      anchors,
    }),
    invalid(
      'a re-anchored trace asked for a header below its anchor',
      'header_below_anchor',
      'a trace from the anchor at 7 cannot reach height 5 (heights only grow along a trace)',
      { trace: [lb(at(7))], target: at(5).header, anchors: [anchor1, anchorOf(at(7))] },
    ),
    invalid(
      'a trace block of another chain',
      'trace_wrong_chain',
      'every block after the anchor must be of the anchor chain (here a block of water-registry signed by the same set)',
      { trace: [lb(at(1)), lb(otherChain.at(4))], target: at(5).header, anchors },
    ),
    invalid('heights out of order', 'trace_out_of_order', 'each block must be above the one trusted before it (4 then 2)', {
      trace: [lb(at(1)), lb(at(4)), lb(at(2))],
      target: at(5).header,
      anchors,
    }),
    invalid('the same block twice', 'trace_out_of_order', 'a block at the trusted height is not after it', {
      trace: [lb(at(1)), lb(at(1))],
      target: at(3).header,
      anchors,
    }),
    invalid(
      'a higher block with no later time',
      'trace_out_of_order',
      'block times must strictly grow along the trace: height 3 carries the time of height 1',
      { trace: [lb(at(1)), lb(forked(at(3), { timeMs: at(1).header.timeMs }))], target: at(5).header, anchors },
    ),
    invalid(
      'a set change skipped',
      'trace_gap',
      'height 7 is signed by B, which the trusted anchor (height 1) did not announce: the block at 4 announcing B is left out',
      { trace: [lb(at(1)), lb(at(7))], target: at(9).header, anchors },
    ),
    invalid(
      'a lunatic trace block naming a made-up set',
      'trace_gap',
      'the block at 3 names (and is signed by all of) a set of other keys, not the set the anchor announced',
      { trace: [lb(at(1)), lunatic(at(3))], target: at(5).header, anchors },
    ),
    invalid(
      'a lunatic target naming a made-up set',
      'trace_gap',
      "the target names a validator set that the trace's last block did not announce",
      { trace: [lb(at(1))], target: lunatic(at(3)).header, anchors },
    ),
    invalid(
      'an adjacent block that does not link',
      'trace_broken_link',
      "height 2 follows the trusted height 1, so its prevHash must be height 1's header hash",
      { trace: [lb(at(1)), lb(forked(at(2), { prevHash: sha256(utf8('not the anchor')) }))], target: at(3).header, anchors },
    ),
    invalid(
      'an adjacent target that does not link',
      'trace_broken_link',
      "the target at 5 follows the trace's last block at 4, so its prevHash must be that block's header hash",
      { trace: [lb(at(1)), lb(at(4))], target: { ...at(5).header, prevHash: sha256(utf8('not height 4')) }, anchors },
    ),
    invalid(
      'a trace block with the set it announced instead of its own',
      'wrong_validator_set_hash',
      'the block at 4 is signed by A and names A; the set given with it (B) does not hash to its validatorsHash',
      { trace: [lb(at(1)), { signedHeader: at(4).signedHeader, validatorSet: at(5).validatorSet }], target: at(5).header, anchors },
    ),
    invalid(
      'a step signed by half of the announced set',
      'trace_commit_invalid',
      'the block at 4 is signed by 2 of the 4 validators of A (20 of 40 power): more than the 1/3 a skipping light client takes, but a trace step needs more than 2/3',
      { trace: [lb(at(1)), signedBy(at(4), 2)], target: at(5).header, anchors },
    ),
    invalid(
      'a step signed by exactly 2/3 of the announced set',
      'trace_commit_invalid',
      'the block at 7 is signed by 2 of the 3 validators of B (20 of 30 power): exactly 2/3 is not more than 2/3',
      { trace: [lb(at(1)), lb(at(4)), signedBy(at(7), 2)], target: at(8).header, anchors },
    ),
    invalid(
      'a step whose commit is for another header',
      'trace_commit_invalid',
      "the block at 4 carries the commit of height 3: the commit's height and header hash must be the block's own",
      {
        trace: [lb(at(1)), { signedHeader: { header: at(4).header, commit: at(3).signedHeader.commit }, validatorSet: at(4).validatorSet }],
        target: at(5).header,
        anchors,
      },
    ),
    invalid(
      'the target differs from the last trace block at its height',
      'trace_conflict',
      'the target at 4 has another state root than the trace block at 4: two headers at one height',
      { trace: [lb(at(1)), lb(at(4))], target: { ...at(4).header, stateRoot: sha256(utf8('a rewritten state')) }, anchors },
    ),
  ],
};

writeVector('trace', file);
process.stderr.write('wrote test/vectors/spec/trace.json\n');
