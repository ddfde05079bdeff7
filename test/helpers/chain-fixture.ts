/**
 * Chains of signed headers from fixed validator keys, for tests across the project
 * (light client, proofs, adapters). Keys are the vector keys: private key N =
 * sha256("courtbridge vector key N"), so every run signs the same bytes.
 *
 * @example
 * const chain = new ChainFixture('ip-1', fixtureValidators(4));
 * const b1 = chain.next();                                   // height 1, all 4 sign
 * const b2 = chain.next({ nextValidators: fixtureValidators(5, { from: 10 }) }); // handover after 2
 * const b3 = chain.next();                                   // signed by the new set
 * const sm3 = new ChainFixture('judicial', fixtureValidators(4), undefined, undefined, 'sm3'); // an SM3 chain
 */
import { publicKeyFor, type SignatureSuite } from '../../src/crypto/signature-suite.js';
import { sha256 } from '../../src/crypto/hash.js';
import type { HashSuite } from '../../src/crypto/hash-suite.js';
import { utf8 } from '../../src/encoding/bytes.js';
import { ZERO_HASH, headerHash, type Header } from '../../src/chain/header.js';
import { newValidatorSet, validatorSetHash, type ValidatorSet } from '../../src/chain/validator-set.js';
import { signVote } from '../../src/chain/vote.js';
import type { Commit } from '../../src/chain/commit.js';
import type { LightBlock } from '../../src/chain/signed-header.js';

export interface FixtureValidator {
  n: number;
  did: string;
  privateKey: Uint8Array;
  publicKey: Uint8Array;
  power: number;
  /** secp256k1 unless the fixture was asked for SM2 validators. */
  suite?: SignatureSuite;
}

export const FIXTURE_START_MS = 1_700_000_000_000;
export const FIXTURE_BLOCK_MS = 1_000;

/** The fixed private key N used by vectors and fixtures. */
export function vectorKey(n: number): Uint8Array {
  return sha256(utf8(`courtbridge vector key ${n}`));
}

/** `count` validators with keys `from .. from+count-1`, DIDs `did:alliance:validator-N`. */
export function fixtureValidators(
  count: number,
  opts: { from?: number; power?: number | ((i: number) => number); suite?: SignatureSuite } = {},
): FixtureValidator[] {
  const from = opts.from ?? 1;
  const suite = opts.suite ?? 'secp256k1';
  return Array.from({ length: count }, (_, i) => {
    const n = from + i;
    const privateKey = vectorKey(n);
    const p = opts.power ?? 1;
    return {
      n,
      did: `did:alliance:validator-${String(n).padStart(3, '0')}`,
      privateKey,
      publicKey: publicKeyFor(suite, privateKey),
      power: typeof p === 'function' ? p(i) : p,
      ...(suite === 'secp256k1' ? {} : { suite }),
    };
  });
}

export function validatorSetOf(vs: readonly FixtureValidator[]): ValidatorSet {
  return newValidatorSet(vs.map((v) => ({ did: v.did, publicKey: v.publicKey, power: v.power })));
}

/** A commit of `header` signed by `signers`, in the order given (the header named by its hash under `suite`). */
export function signCommit(header: Header, signers: readonly FixtureValidator[], suite: HashSuite = 'sha256'): Commit {
  return {
    height: header.height,
    headerHash: headerHash(header, suite),
    signatures: signers.map((v) => ({ validatorDid: v.did, signature: signVote(header, v.privateKey, suite, v.suite) })),
  };
}

export interface FixtureBlock extends LightBlock {
  header: Header;
  validators: FixtureValidator[];
}

export interface NextOptions {
  /** The set that signs the NEXT height (recorded in this header's nextValidatorsHash). */
  nextValidators?: FixtureValidator[];
  /** Who signs this header (default: every validator of the current set). */
  signers?: FixtureValidator[];
  timeMs?: number;
  stateRoot?: Uint8Array;
}

/** A well-formed chain, one header per `next()`. */
export class ChainFixture {
  readonly blocks: FixtureBlock[] = [];
  private current: FixtureValidator[];

  constructor(
    readonly chainId: string,
    validators: FixtureValidator[],
    private readonly startMs = FIXTURE_START_MS,
    private readonly blockMs = FIXTURE_BLOCK_MS,
    /** The chain's hash suite (its registry entry's): headers, validator sets and commits are hashed with it. */
    readonly hashSuite: HashSuite = 'sha256',
  ) {
    this.current = validators;
  }

  get height(): number {
    return this.blocks.length;
  }

  get validators(): FixtureValidator[] {
    return this.current;
  }

  next(opts: NextOptions = {}): FixtureBlock {
    const height = this.blocks.length + 1;
    const prev = this.blocks[height - 2];
    const validators = this.current;
    const nextValidators = opts.nextValidators ?? validators;
    const header: Header = {
      chainId: this.chainId,
      height,
      timeMs: opts.timeMs ?? this.startMs + (height - 1) * this.blockMs,
      prevHash: prev === undefined ? ZERO_HASH : headerHash(prev.header, this.hashSuite),
      stateRoot: opts.stateRoot ?? sha256(utf8(`state ${this.chainId} ${height}`)),
      txRoot: sha256(utf8(`txs ${this.chainId} ${height}`)),
      validatorsHash: validatorSetHash(validatorSetOf(validators), this.hashSuite),
      nextValidatorsHash: validatorSetHash(validatorSetOf(nextValidators), this.hashSuite),
      proposer: validators[(height - 1) % validators.length]!.did,
    };
    const block = blockOf(header, validators, opts.signers ?? validators, this.hashSuite);
    this.blocks.push(block);
    this.current = nextValidators;
    return block;
  }

  /** Advance to `height` with default blocks. */
  advanceTo(height: number): FixtureBlock {
    while (this.blocks.length < height) this.next();
    return this.blocks[height - 1]!;
  }

  at(height: number): FixtureBlock {
    const b = this.blocks[height - 1];
    if (b === undefined) throw new RangeError(`fixture has no block at ${height}`);
    return b;
  }
}

/** A light block for `header`, signed by `signers`, with `validators` as its set (hashed under `suite`). */
export function blockOf(
  header: Header,
  validators: FixtureValidator[],
  signers: readonly FixtureValidator[] = validators,
  suite: HashSuite = 'sha256',
): FixtureBlock {
  return {
    header,
    validators,
    signedHeader: { header, commit: signCommit(header, signers, suite) },
    validatorSet: validatorSetOf(validators),
  };
}

/** A different header at the same height (a fork), re-signed by the same validators. */
export function forkOf(
  block: FixtureBlock,
  change: Partial<Header>,
  signers: readonly FixtureValidator[] = block.validators,
  suite: HashSuite = 'sha256',
): FixtureBlock {
  return blockOf({ ...block.header, ...change }, block.validators, signers, suite);
}
