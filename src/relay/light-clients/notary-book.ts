/**
 * The gateway's light client for `evm` chains: it follows what the chains' notaries publish
 * (src/bus/notary-kv.ts) and holds, per chain, the blocks a quorum of the chain's notaries signed
 * as final. An adapter's answer names a height and a block; the query path accepts it only when
 * that block is the one final here at that height (a reorged or made-up block is refused
 * `evm_block_not_notarized`), so signatures are checked once per notary and block, not per answer.
 *
 * Misbehaviour, as the bft-smt light client treats conflicting headers:
 *   - a notary that signs two different blocks at one height equivocates: the evidence is kept
 *     (src/verify/notary-misbehaviour.ts), the notary's signatures stop counting for that chain,
 *     while the others still make blocks final;
 *   - two different blocks final at one height (a quorum on each) is a fork: the chain is frozen,
 *     nothing is served until an operator resolves it (`client_frozen`), and its breaker trips as
 *     for a frozen light client (misbehaviour-trips.ts reads the frozen view).
 * A signature from outside the chain's notary set, or one that does not verify, counts for nothing.
 */
import { KvWatchInclude, type KV, type KvWatchOptions } from 'nats';
import { reportDrop } from '../../bus/dropped.js';
import { decodeNotarization } from '../../bus/notary-kv.js';
import { toHex } from '../../encoding/bytes.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../errors.js';
import type { Authority } from '../../identity/authority.js';
import type { Logger } from '../../log.js';
import type { CourtbridgeMetrics } from '../../metrics.js';
import { type NotarizedBlock, type NotaryPolicy, type NotarySignature, verifyNotarization } from '../../verify/notary.js';
import { type Notarization, type NotaryEquivocation, notaryEquivocation } from '../../verify/notary-misbehaviour.js';
import { type ClientView, uninitialisedView } from './manager.js';
import { listKvKeys } from '../../bus/kv-keys.js';

/** A block final by the chain's notaries, with the signatures that made it so. */
export interface FinalBlock {
  block: NotarizedBlock;
  /** Valid signatures of distinct notaries of the set, at least the threshold. */
  signatures: NotarySignature[];
}

/** What one chain's notaries agree on, and what they were caught at. */
interface ChainBook {
  chainId: string;
  policy: NotaryPolicy;
  /** Blocks below it are not the admitted chain's concern (its registry anchor). */
  fromHeight: number;
  /** height -> block hash hex -> the signatures over that block, by notary. */
  heights: Map<number, Map<string, { block: NotarizedBlock; sigs: Map<string, Notarization> }>>;
  /** notary -> height -> what it signed there (to catch a second, different block). */
  signed: Map<string, Map<number, Notarization>>;
  /** Notaries caught equivocating: their signatures no longer count. */
  faulty: Set<string>;
  final: Map<number, FinalBlock>;
  latest: FinalBlock | undefined;
  equivocations: NotaryEquivocation[];
  fork: { height: number; a: FinalBlock; b: FinalBlock; atMs: number } | undefined;
}

export interface NotaryBookOptions {
  kv: KV;
  authority: Authority;
  now: () => number;
  logger: Logger;
  /** Where ignored notarizations are counted (bus/dropped.ts), with their log lines. */
  metrics?: CourtbridgeMetrics;
  /** Final blocks kept per chain, newest first (4,096 unless told); older heights are refused. */
  keepHeights?: number;
}

const hashKey = (b: NotarizedBlock): string => `${toHex(b.blockHash)}/${toHex(b.stateRoot)}/${b.timeMs}`;

export class NotaryBook {
  private readonly books = new Map<string, ChainBook>();
  private watcher: { stop(): void } | undefined;
  private loop: Promise<void> | undefined;

  constructor(private readonly o: NotaryBookOptions) {}

  /** Start following the bucket (every chain followed now or later). */
  async start(): Promise<void> {
    // Updates only: what the bucket held before a chain is followed is replayed by `follow`.
    const opts: KvWatchOptions = { key: '>', include: KvWatchInclude.UpdatesOnly };
    const w = await this.o.kv.watch(opts);
    this.watcher = w;
    this.loop = (async () => {
      for await (const e of w) {
        if (e.operation !== 'PUT' || e.value.length === 0) continue;
        try {
          this.note(e.key, e.value);
        } catch (err) {
          this.ignored(e.key, err);
        }
      }
    })();
  }

  async stop(): Promise<void> {
    this.watcher?.stop();
    await this.loop;
  }

  /** Follow `chainId` with its registry notaries; what the bucket already holds for it is replayed. */
  async follow(chainId: string, policy: NotaryPolicy, fromHeight: number): Promise<void> {
    const book: ChainBook = {
      chainId,
      policy,
      fromHeight,
      heights: new Map(),
      signed: new Map(),
      faulty: new Set(),
      final: new Map(),
      latest: undefined,
      equivocations: [],
      fork: undefined,
    };
    this.books.set(chainId, book);
    // The bucket's history for this chain (the watch above sees only what arrives while followed).
    // Keys first: the key lister and a history reader do not iterate well interleaved.
    for (const key of await listKvKeys(this.o.kv, `${chainId}.>`)) {
      for await (const e of await this.o.kv.history({ key })) {
        if (e.operation === 'PUT' && e.value.length > 0) {
          try {
            this.note(e.key, e.value);
          } catch (err) {
            this.ignored(e.key, err);
          }
        }
      }
    }
  }

  unfollow(chainId: string): void {
    this.books.delete(chainId);
  }

  followed(chainId: string): boolean {
    return this.books.has(chainId);
  }

  /** The newest final block of a followed chain. */
  latest(chainId: string): FinalBlock | undefined {
    return this.books.get(chainId)?.latest;
  }

  /** The final block at `height`, if this gateway holds one. */
  at(chainId: string, height: number): FinalBlock | undefined {
    return this.books.get(chainId)?.final.get(height);
  }

  /** The notaries caught equivocating on `chainId`, with the evidence. */
  equivocations(chainId: string): readonly NotaryEquivocation[] {
    return this.books.get(chainId)?.equivocations ?? [];
  }

  /** ChainService's view: the newest final block stands for the trusted header. */
  view(chainId: string): ClientView {
    const b = this.books.get(chainId);
    const latest = b?.latest;
    const nowMs = this.o.now();
    if (b?.fork !== undefined) {
      const f = b.fork;
      return {
        chainId,
        status: 'frozen',
        trustedHeight: f.a.block.height,
        trustedHeaderHash: f.a.block.blockHash,
        lastHeaderTimeMs: f.a.block.timeMs,
        lagMs: Math.max(0, nowMs - f.a.block.timeMs),
        trustTimeLeftMs: 0,
      };
    }
    if (latest === undefined) return uninitialisedView(chainId);
    return {
      chainId,
      status: 'active',
      trustedHeight: latest.block.height,
      trustedHeaderHash: latest.block.blockHash,
      lastHeaderTimeMs: latest.block.timeMs,
      lagMs: Math.max(0, nowMs - latest.block.timeMs),
      trustTimeLeftMs: 0,
    };
  }

  /**
   * The final block an answer may rest on: `height`, or the newest when 0.
   * @throws FAILED_PRECONDITION `client_frozen` (a fork); UNAVAILABLE `client_not_initialised` (none
   *   final yet); NOT_FOUND `evm_block_not_notarized` (none final at that height here)
   */
  finalFor(chainId: string, height: number): FinalBlock {
    const b = this.books.get(chainId);
    if (b === undefined) throw new CourtbridgeError(ErrorCode.NotFound, 'unknown_chain', `this gateway follows no evm chain ${chainId}`);
    if (b.fork !== undefined) {
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'client_frozen',
        `${chainId} is frozen: its notaries made two different blocks final at height ${b.fork.height}; nothing is served until an operator resolves it`,
      );
    }
    const f = height === 0 ? b.latest : b.final.get(height);
    if (f !== undefined) return f;
    if (b.latest === undefined) {
      throw new CourtbridgeError(
        ErrorCode.Unavailable,
        'client_not_initialised',
        `no block of ${chainId} is final yet: fewer than ${b.policy.threshold} of its notaries have signed one; are its notaries running?`,
      );
    }
    throw new CourtbridgeError(
      ErrorCode.NotFound,
      'evm_block_not_notarized',
      `block ${height} of ${chainId} is not final here (newest final: ${b.latest.block.height}); ask at a notarized height or latest`,
    );
  }

  // ---- internals ----

  /** One value from the bucket. */
  /** A notarization in the KV that does not check: counted and logged, never trusted. */
  private ignored(key: string, err: unknown): void {
    reportDrop(this.o, {
      kind: 'notarization',
      reason: isCourtbridgeError(err) ? err.reason : 'malformed',
      subject: key,
      message: `notarization ignored: ${err instanceof Error ? err.message : String(err)}`,
    });
  }

  private note(key: string, value: Uint8Array): void {
    const n = decodeNotarization(value);
    const b = this.books.get(n.block.chainId);
    if (b === undefined) return;
    const org = n.signature.notaryDid.split(':').at(-1);
    if (key !== `${n.block.chainId}.${n.block.height}.${org}`) throw new Error(`key ${key} does not name what its value signs`);
    if (n.block.height < b.fromHeight) return;
    const did = n.signature.notaryDid;
    if (b.faulty.has(did)) return;
    // Counted only when it is a valid signature of one of the chain's notaries.
    const v = verifyNotarization(n.block, [n.signature], { threshold: 1, notaries: b.policy.notaries }, this.o.authority, n.block.timeMs);
    if (v.kind !== 'met') {
      this.o.logger.warn({ chain: b.chainId, height: n.block.height, notary: did, why: v.ignored[0]?.reason }, 'notarization not counted');
      return;
    }
    const mine = b.signed.get(did) ?? new Map<number, Notarization>();
    b.signed.set(did, mine);
    const earlier = mine.get(n.block.height);
    if (earlier !== undefined && hashKey(earlier.block) !== hashKey(n.block)) {
      this.equivocated(b, earlier, n);
      return;
    }
    mine.set(n.block.height, n);
    const atHeight = b.heights.get(n.block.height) ?? new Map();
    b.heights.set(n.block.height, atHeight);
    const k = hashKey(n.block);
    const group = atHeight.get(k) ?? { block: n.block, sigs: new Map<string, Notarization>() };
    atHeight.set(k, group);
    group.sigs.set(did, n);
    this.settle(b, n.block.height);
  }

  /** Whether the blocks at `height` reach the quorum; a second final block there is a fork. */
  private settle(b: ChainBook, height: number): void {
    const groups = b.heights.get(height);
    if (groups === undefined) return;
    const finals: FinalBlock[] = [];
    for (const g of groups.values()) {
      const sigs = [...g.sigs.values()].filter((n) => !b.faulty.has(n.signature.notaryDid)).map((n) => n.signature);
      if (sigs.length >= b.policy.threshold) finals.push({ block: g.block, signatures: sigs });
    }
    if (finals.length > 1 && b.fork === undefined) {
      b.fork = { height, a: finals[0]!, b: finals[1]!, atMs: this.o.now() };
      this.o.logger.error({ chain: b.chainId, height }, 'notaries made two blocks final at one height: chain frozen');
      return;
    }
    const f = finals[0];
    if (f === undefined) return;
    b.final.set(height, f);
    if (b.latest === undefined || height >= b.latest.block.height) b.latest = f;
    this.prune(b);
  }

  private equivocated(b: ChainBook, first: Notarization, second: Notarization): void {
    const v = notaryEquivocation(first, second, this.o.authority);
    if (v.kind !== 'evidence') return;
    const did = v.evidence.notaryDid;
    b.faulty.add(did);
    b.equivocations.push(v.evidence);
    this.o.logger.error(
      { chain: b.chainId, height: v.evidence.height, notary: did },
      'notary signed two blocks at one height: its signatures no longer count',
    );
    // What the notary helped make final is counted again without it.
    for (const [height, f] of [...b.final]) {
      if (f.signatures.some((s) => s.notaryDid === did)) {
        b.final.delete(height);
        if (b.latest?.block.height === height) b.latest = undefined;
        this.settle(b, height);
      }
    }
    if (b.latest === undefined) {
      const top = Math.max(...b.final.keys());
      b.latest = Number.isFinite(top) ? b.final.get(top) : undefined;
    }
  }

  /** Keep the newest `keepHeights` heights. */
  private prune(b: ChainBook): void {
    const keep = this.o.keepHeights ?? 4_096;
    if (b.heights.size <= keep * 2) return;
    const cut = (b.latest?.block.height ?? 0) - keep;
    for (const h of b.heights.keys()) if (h < cut) b.heights.delete(h);
    for (const h of b.final.keys()) if (h < cut) b.final.delete(h);
    for (const m of b.signed.values()) for (const h of m.keys()) if (h < cut) m.delete(h);
  }
}
