/**
 * One light client per chain (`evm` chains: the notary book; `notary` chains: none, see
 * `noteNotarized`), shared by every gateway replica through the JetStream KV trusted
 * store (DESIGN.md "Transport": gateways keep no state of their own), fed by the headers stream.
 *
 * - Feed: one ordered (durable-less) consumer on CB_HEADERS from the last header of each chain,
 *   then live. Each message is a signed `header.announce` envelope (checked: sender, role for
 *   the chain, signature) whose HeaderAnnouncement updates the client; two signed headers for one
 *   height freeze it (LightClient.update, misbehaviour as evidence).
 * - `ensureVerified(chain, height, hash, deadline)`: the hot path of every query. A verified
 *   header is cached in memory (DESIGN.md "Budgets": cache what was verified); a miss asks the
 *   adapter for that light block and updates the client within the deadline.
 * - Status, trusted height, lag and trust time left are kept in memory, refreshed by the
 *   manager's own updates and by a KV watch (another replica's freeze is seen at once).
 * - Refresh: a client with less than a third of its trusting period left is updated from the
 *   adapter's latest light block ("Freshness": the failure IBC operators complain about).
 * - Witnesses (CometBFT's detector): a header verified by skipping is trusted only once another
 *   party serving the chain (an adapter DID other than the one that sent it, `witnesses`)
 *   returns the same header at that height (src/lightclient/witness.ts, src/bus/witness-request.ts).
 *   A witness's different, validly signed header freezes the client with both headers as
 *   evidence (`lunatic_attack` or `fork_detected`); no witness able to confirm holds the header:
 *   nothing is stored and the call fails UNAVAILABLE `witness_unavailable` | `witness_behind` |
 *   `witness_faulty`. Sequential headers (height+1, signed by the set the trusted header named)
 *   need no witness, so a chain served by one party still follows block by block.
 * - Hash suite: each chain's client is made with the suite of its registry entry (ChainConfig
 *   `hashSuite`), and every header and proof of the chain is checked under it. A trusted store
 *   whose client was made under another suite (the registry changed the entry) is dropped and
 *   trust restarts from the entry's anchor, as for a re-anchored chain.
 */
import type { ConsumerMessages, KV, NatsConnection } from 'nats';
import { DeliverPolicy, KvWatchInclude } from 'nats';
import { Gauge, Counter, type Registry } from 'prom-client';
import { checkEnvelope } from '../../bus/envelope-verify.js';
import { askWitnesses } from '../../bus/witness-request.js';
import { onOrderedStall } from '../../bus/ordered-stall.js';
import { ensureKv } from '../../bus/jetstream.js';
import { reportDrop } from '../../bus/dropped.js';
import { Buckets, headersSubject, parseChainSubject, Streams } from '../../bus/subjects.js';
import { KvTrustedStore } from '../../bus/trusted-store-kv.js';
import { headerHash } from '../../chain/header.js';
import type { Misbehaviour } from '../../chain/misbehaviour.js';
import type { LightBlock, SignedHeader } from '../../chain/signed-header.js';
import type { ValidatorSet } from '../../chain/validator-set.js';
import type { HashSuite } from '../../crypto/hash-suite.js';
import { equalBytes, fromUtf8, toHex } from '../../encoding/bytes.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../errors.js';
import type { Authority } from '../../identity/authority.js';
import { hashSuiteOf, type ClientState, type ClientStatus } from '../../lightclient/client-state.js';
import { LightClient, type UpdateOptions, type VerifiedStateRoot } from '../../lightclient/light-client.js';
import { decodeClientState } from '../../lightclient/state-codec.js';
import type { Logger } from '../../log.js';
import type { CourtbridgeMetrics } from '../../metrics.js';
import { decodeMessage } from '../../wire/codec.js';
import { signedHeaderFromWire, validatorSetFromWire } from '../../verify/bundle-convert.js';
import type { AdapterClient } from '../adapter-client.js';
import type { ChainConfig } from './chain-config.js';
import type { NotaryBook } from './notary-book.js';

/** A header this gateway's light client accepted, as queries and WatchHeaders use it. */
export interface VerifiedHeader {
  chainId: string;
  height: number;
  /** Under `hashSuite`. */
  headerHash: Uint8Array;
  /** The chain's hash suite (its registry entry's): proofs against `stateRoot` are checked under it. */
  hashSuite: HashSuite;
  stateRoot: Uint8Array;
  timeMs: number;
  signedHeader: SignedHeader;
  validatorSet: ValidatorSet;
  /** When this gateway accepted it (its clock). */
  verifiedAtMs: number;
}

/** The gateway's view of one chain's light client (ChainStatus without adapters and breaker). */
export interface ClientView {
  chainId: string;
  /** `uninitialised` until the first trusted header is installed. */
  status: ClientStatus | 'uninitialised';
  trustedHeight: number;
  trustedHeaderHash: Uint8Array;
  lastHeaderTimeMs: number;
  lagMs: number;
  trustTimeLeftMs: number;
  misbehaviour?: Misbehaviour & { frozenAtMs: number };
}

export interface LightClientManagerOptions {
  nc: NatsConnection;
  chains: readonly ChainConfig[];
  authority: Authority;
  adapters: AdapterClient;
  now: () => number;
  logger: Logger;
  /** Prometheus registry for the light-client gauges; none when omitted. */
  registry?: Registry;
  /** Where dropped header announcements are counted (bus/dropped.ts), with the log line. */
  metrics?: CourtbridgeMetrics;
  /** KV bucket of the trusted store; `Buckets.trusted` unless told. */
  bucket?: string;
  /** Replicas of that bucket; 1 unless told (an existing bucket is raised, never lowered: src/bus/jetstream.ts). */
  jetstreamReplicas?: number;
  /** Verified headers kept in memory per chain; 2,048 unless told. */
  cacheSize?: number;
  /** How often the refresh rule is checked; 10,000 ms unless told. */
  refreshCheckMs?: number;
  /** Budget for initialising a client from the adapter at start; 2,000 ms unless told. */
  initBudgetMs?: number;
  /**
   * The parties (adapter DIDs) serving a chain, asked as witnesses of skipping headers; the
   * announced replicas' DIDs in the gateway. None: every skipping header is held.
   */
  witnesses?: (chainId: string) => readonly string[];
  /** How long witnesses may take to answer; 3,000 ms unless told (capped by the caller's deadline). */
  witnessBudgetMs?: number;
  /** The light client of `evm` chains (their blocks are final by notaries); required when one is configured. */
  notaries?: NotaryBook;
}

type Listener = (h: VerifiedHeader) => void;

/** The suite a chain's headers and proofs are checked under: its registry entry's (SHA-256 when the registry does not list it). */
export const suiteOfConfig = (c: Pick<ChainConfig, 'hashSuite'>): HashSuite => c.hashSuite ?? 'sha256';

interface ChainSlot {
  config: ChainConfig;
  client: LightClient;
  state: ClientState | undefined;
  latest: VerifiedHeader | undefined;
  cache: Map<number, VerifiedHeader>;
  /** Updates of one chain run one at a time (the store is compare-and-set anyway; this avoids churn). */
  tail: Promise<unknown>;
  initialising: Promise<void> | undefined;
}

/** A `notary` chain and the newest notarized record this gateway accepted from it (for ListChains and metrics). */
interface NotaryChainSlot {
  config: ChainConfig;
  newest: NotarizedVersion | undefined;
}

/** A notarized record's version and time, and the hash of its layout (what stands for a header hash). */
export interface NotarizedVersion {
  version: number;
  timeMs: number;
  hash: Uint8Array;
}

/** The view of a chain nothing is trusted for yet (no header; for evm chains, no final block). */
export function uninitialisedView(chainId: string): ClientView {
  return {
    chainId,
    status: 'uninitialised',
    trustedHeight: 0,
    trustedHeaderHash: new Uint8Array(0),
    lastHeaderTimeMs: 0,
    lagMs: 0,
    trustTimeLeftMs: 0,
  };
}

const STATUS_CODE: Record<ClientView['status'], number> = { active: 0, frozen: 1, expired: 2, uninitialised: 3 };

export class LightClientManager {
  private readonly slots = new Map<string, ChainSlot>();
  /** `evm` chains: followed by the notary book, not by a header light client. */
  private readonly evm = new Map<string, ChainConfig>();
  /** `notary` chains: no header to follow; each answer stands on its own notaries' signatures. */
  private readonly notary = new Map<string, NotaryChainSlot>();
  /** Chains the registry removed while this gateway ran: named in refusals, not merely unknown. */
  private readonly removed = new Set<string>();
  private readonly listeners = new Set<Listener>();
  private readonly drops: Counter<'chain' | 'reason'> | undefined;
  private consumer: ConsumerMessages | undefined;
  private kv!: KV;
  private timer: NodeJS.Timeout | undefined;
  private stopped = false;
  private readonly background: Promise<unknown>[] = [];

  private constructor(private readonly o: LightClientManagerOptions) {
    if (o.registry !== undefined) {
      const registers = [o.registry];
      const views = (): ClientView[] => [...this.slots.keys(), ...this.evm.keys(), ...this.notary.keys()].map((c) => this.view(c));
      new Gauge({
        name: 'courtbridge_lightclient_trusted_height',
        help: 'Latest trusted height per chain.',
        labelNames: ['chain'] as const,
        registers,
        collect() {
          for (const v of views()) this.set({ chain: v.chainId }, v.trustedHeight);
        },
      });
      new Gauge({
        name: 'courtbridge_lightclient_trust_time_left_seconds',
        help: 'Time left before the trusted header leaves the trusting period.',
        labelNames: ['chain'] as const,
        registers,
        collect() {
          for (const v of views()) this.set({ chain: v.chainId }, v.trustTimeLeftMs / 1000);
        },
      });
      new Gauge({
        name: 'courtbridge_lightclient_lag_seconds',
        help: "How far the trusted header's time is behind the gateway's clock.",
        labelNames: ['chain'] as const,
        registers,
        collect() {
          for (const v of views()) this.set({ chain: v.chainId }, v.lagMs / 1000);
        },
      });
      new Gauge({
        name: 'courtbridge_lightclient_status',
        help: 'Light client status: 0 active, 1 frozen, 2 expired, 3 uninitialised.',
        labelNames: ['chain'] as const,
        registers,
        collect() {
          for (const v of views()) this.set({ chain: v.chainId }, STATUS_CODE[v.status]);
        },
      });
      this.drops = new Counter({
        name: 'courtbridge_lightclient_header_drops_total',
        help: 'Announced headers not applied, by chain and named reason.',
        labelNames: ['chain', 'reason'] as const,
        registers,
      });
    }
  }

  /**
   * Open the trusted store, initialise missing clients from their adapters (best effort, within
   * `initBudgetMs`), start the header feed, the KV watch and the refresh timer.
   */
  static async start(options: LightClientManagerOptions): Promise<LightClientManager> {
    const m = new LightClientManager(options);
    m.kv = await ensureKv(options.nc.jetstream(), options.bucket ?? Buckets.trusted, {
      history: 1,
      replicas: options.jetstreamReplicas ?? 1,
    });
    const store = new KvTrustedStore(m.kv);
    for (const config of options.chains) {
      if (m.slots.has(config.chainId) || m.evm.has(config.chainId) || m.notary.has(config.chainId))
        throw new TypeError(`chains: ${config.chainId} is configured twice`);
      if (config.evm !== undefined) {
        await m.followEvm(config);
        continue;
      }
      if (config.notary !== undefined) {
        m.notary.set(config.chainId, { config, newest: undefined });
        continue;
      }
      m.slots.set(config.chainId, {
        config,
        client: new LightClient(config.chainId, store),
        state: undefined,
        latest: undefined,
        cache: new Map(),
        tail: Promise.resolve(),
        initialising: undefined,
      });
    }
    await Promise.all(
      [...m.slots.values()].map((s) => m.initialise(s, options.now() + (options.initBudgetMs ?? 2_000)).catch(() => undefined)),
    );
    await m.startFeed();
    m.background.push(m.watchStates());
    m.timer = setInterval(() => void m.refreshAll(), options.refreshCheckMs ?? 10_000);
    m.timer.unref();
    return m;
  }

  /** Configured chains, sorted by id. */
  chains(): ChainConfig[] {
    return [...[...this.slots.values()].map((s) => s.config), ...this.evm.values(), ...[...this.notary.values()].map((n) => n.config)].sort(
      (a, b) => a.chainId.localeCompare(b.chainId),
    );
  }

  /** The chain's configuration. @throws NOT_FOUND `unknown_chain` */
  config(chainId: string): ChainConfig {
    return this.evm.get(chainId) ?? this.notary.get(chainId)?.config ?? this.slot(chainId).config;
  }

  /** The hash of the header this gateway holds as verified at `height`, if it holds one in memory. */
  trustedHeaderHash(chainId: string, height: number): Uint8Array | undefined {
    if (this.evm.has(chainId)) return this.o.notaries?.at(chainId, height)?.block.blockHash;
    // A notary chain has no headers: each bundle stands on its own notaries' signatures.
    if (this.notary.has(chainId)) return undefined;
    return this.slots.get(chainId)?.cache.get(height)?.headerHash;
  }

  /** Called for each header this gateway verifies from now on; returns an unsubscribe function. */
  onVerified(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** The gateway's view of the chain's client now (answers when frozen or uninitialised). */
  view(chainId: string): ClientView {
    if (this.evm.has(chainId)) return this.o.notaries!.view(chainId);
    const n = this.notary.get(chainId);
    if (n !== undefined) return notaryView(chainId, n.newest, this.o.now());
    const s = this.slot(chainId);
    const nowMs = this.o.now();
    const st = s.state;
    const latest = s.latest;
    if (st === undefined || latest === undefined) return uninitialisedView(chainId);
    const left = latest.timeMs + st.trustingPeriodMs - nowMs;
    const view: ClientView = {
      chainId,
      status: st.status === 'frozen' ? 'frozen' : left > 0 ? 'active' : 'expired',
      trustedHeight: latest.height,
      trustedHeaderHash: latest.headerHash,
      lastHeaderTimeMs: latest.timeMs,
      lagMs: Math.max(0, nowMs - latest.timeMs),
      trustTimeLeftMs: Math.max(0, left),
    };
    if (st.frozenEvidence !== undefined)
      view.misbehaviour = { ...st.frozenEvidence.misbehaviour, frozenAtMs: st.frozenEvidence.frozenAtMs };
    return view;
  }

  /**
   * Note a notarized record this gateway verified on a `notary` chain: the newest version seen
   * stands for its trusted height in ListChains and the metrics (query-notary.ts calls it).
   */
  noteNotarized(chainId: string, seen: NotarizedVersion): void {
    const n = this.notary.get(chainId);
    if (n !== undefined && (n.newest === undefined || seen.version > n.newest.version)) n.newest = seen;
  }

  /**
   * Refuse to serve a chain whose client cannot vouch for anything.
   * @throws FAILED_PRECONDITION `client_frozen` | `client_expired`; UNAVAILABLE `client_not_initialised`
   */
  assertServing(chainId: string): void {
    const v = this.view(chainId);
    if (v.status === 'frozen')
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'client_frozen',
        `the light client of ${chainId} is frozen after misbehaviour; nothing is served until an operator resolves it (ChainService.GetChainStatus shows the evidence)`,
      );
    if (v.status === 'expired')
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'client_expired',
        `the light client of ${chainId} expired: its latest trusted header (${v.trustedHeight}) is older than the trusting period`,
      );
    if (v.status === 'uninitialised')
      throw new CourtbridgeError(
        ErrorCode.Unavailable,
        'client_not_initialised',
        `the light client of ${chainId} has no trusted header yet; is its adapter running?`,
      );
  }

  /**
   * The verified header of `chainId` at `height`, whose hash must be `expectedHash` when given.
   * Cached headers answer at once; otherwise the adapter's light block is verified within the
   * deadline (sequential or skipping update, or gap fill below the latest trusted height).
   *
   * @throws FAILED_PRECONDITION `client_frozen` (also when the header conflicts: the client froze);
   *   UNAVAILABLE `unverifiable_header` when the adapter's header does not verify;
   *   DEADLINE_EXCEEDED; the adapter client's errors.
   */
  async ensureVerified(chainId: string, height: number, expectedHash: Uint8Array | undefined, deadlineMs: number): Promise<VerifiedHeader> {
    const s = this.slot(chainId);
    let v = s.cache.get(height);
    if (v === undefined) {
      if (s.state === undefined) await this.initialise(s, deadlineMs);
      v = s.cache.get(height) ?? (await this.fromStore(s, height)) ?? (await this.fetchAndApply(s, height, deadlineMs));
    }
    if (expectedHash !== undefined && !equalBytes(v.headerHash, expectedHash)) {
      throw new CourtbridgeError(
        ErrorCode.Unavailable,
        'header_mismatch',
        `the adapter's answer refers to header ${toHex(expectedHash).slice(0, 16)}… at ${chainId}@${height}, but the verified header there is ${toHex(v.headerHash).slice(0, 16)}…`,
      );
    }
    this.assertServing(chainId);
    return v;
  }

  /**
   * Verify and apply one announced light block (the feed, the adapter, or a test). `source`: the
   * DID that sent it, never asked as its witness (undefined: every party is asked).
   * @returns the verified header, or throws with the light client's named reason (UNAVAILABLE
   *   `witness_*` when a skipping header is held)
   */
  applyLightBlock(chainId: string, lb: LightBlock, source?: string, deadlineMs?: number): Promise<VerifiedHeader> {
    const s = this.slot(chainId);
    const run = s.tail.then(async () => {
      const nowMs = this.o.now();
      const out = await s.client.update(lb.signedHeader, lb.validatorSet, nowMs, this.witnessFor(chainId, source, deadlineMs));
      const height = lb.signedHeader.header.height;
      if (out.kind === 'frozen') {
        s.state = await s.client.clientState();
        const kind = out.frozen.misbehaviour.kind;
        this.o.logger.error({ chain: chainId, height, kind, source, witness: out.witness }, 'light client frozen: misbehaviour');
        throw new CourtbridgeError(
          ErrorCode.FailedPrecondition,
          'client_frozen',
          `${kind} at ${chainId}@${height}${out.witness === undefined ? '' : ` (witness ${out.witness} holds another header)`}: the light client is frozen; ChainService.GetChainStatus shows both headers`,
          { details: { chainId, height, kind } },
        );
      }
      if (out.kind === 'held') {
        this.drops?.inc({ chain: chainId, reason: out.reason });
        this.o.logger.warn(
          { chain: chainId, height, reason: out.reason, source },
          'header held: verified by skipping, not confirmed by a witness',
        );
        throw new CourtbridgeError(
          ErrorCode.Unavailable,
          out.reason,
          `header ${chainId}@${height} is held, not trusted: it was verified by skipping and no witness confirmed it (${out.detail})`,
          {
            details: { chainId, height },
          },
        );
      }
      const h = lb.signedHeader.header;
      const suite = suiteOfConfig(s.config);
      const hash = headerHash(h, suite);
      if (out.kind === 'duplicate') {
        const known = s.cache.get(h.height) ?? (await this.fromStore(s, h.height));
        if (known !== undefined) return known;
      }
      const vh: VerifiedHeader = {
        chainId,
        height: h.height,
        headerHash: hash,
        hashSuite: suite,
        stateRoot: h.stateRoot,
        timeMs: h.timeMs,
        signedHeader: lb.signedHeader,
        validatorSet: lb.validatorSet,
        verifiedAtMs: nowMs,
      };
      this.remember(s, vh);
      if (out.kind === 'updated') {
        s.state =
          s.state === undefined ? await s.client.clientState() : { ...s.state, latestHeight: Math.max(s.state.latestHeight, h.height) };
        for (const l of this.listeners) l(vh);
      }
      return vh;
    });
    s.tail = run.catch(() => undefined);
    return run;
  }

  /**
   * Follow a chain admitted (or re-anchored) in the registry while the gateway runs: a fresh slot
   * whose client starts from the config's trust anchor (or the trusted store's state), initialised
   * best effort within `initBudgetMs`; the header feed picks its announcements up from now on.
   */
  async addChain(config: ChainConfig): Promise<void> {
    if (config.evm !== undefined) {
      this.removed.delete(config.chainId);
      await this.followEvm(config);
      return;
    }
    if (config.notary !== undefined) {
      this.removed.delete(config.chainId);
      this.notary.set(config.chainId, { config, newest: this.notary.get(config.chainId)?.newest });
      return;
    }
    const s: ChainSlot = {
      config,
      client: new LightClient(config.chainId, new KvTrustedStore(this.kv)),
      state: undefined,
      latest: undefined,
      cache: new Map(),
      tail: Promise.resolve(),
      initialising: undefined,
    };
    this.removed.delete(config.chainId);
    this.slots.set(config.chainId, s);
    await this.initialise(s, this.o.now() + (this.o.initBudgetMs ?? 2_000)).catch((e: unknown) =>
      this.o.logger.warn({ err: e, chain: config.chainId }, 'added chain: light client not initialised yet'),
    );
  }

  /** Stop following a chain the registry removed; its queries are refused `chain_removed` from now on. */
  removeChain(chainId: string): void {
    this.slots.delete(chainId);
    if (this.evm.delete(chainId)) this.o.notaries?.unfollow(chainId);
    this.notary.delete(chainId);
    this.removed.add(chainId);
  }

  /** Stop the feed, the watch and the timer. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== undefined) clearInterval(this.timer);
    await this.consumer?.close();
    await Promise.allSettled(this.background);
  }

  // ---- internals ----

  /** An `evm` chain: its notaries' final blocks stand for verified headers. */
  private async followEvm(config: ChainConfig): Promise<void> {
    const book = this.o.notaries;
    if (book === undefined || config.evm === undefined)
      throw new TypeError(`chains: ${config.chainId} is an evm chain; give the manager a notary book`);
    this.evm.set(config.chainId, config);
    await book.follow(config.chainId, config.evm.notaries, config.trustAnchor?.height ?? 1);
  }

  /** The witness cross-check for one update: every party serving the chain but the sender. */
  private witnessFor(chainId: string, source: string | undefined, deadlineMs: number | undefined): UpdateOptions {
    const list = this.o.witnesses;
    if (list === undefined) return {};
    return {
      witness: (target) => {
        const budget = this.o.now() + (this.o.witnessBudgetMs ?? 3_000);
        return askWitnesses({
          nc: this.o.nc,
          authority: this.o.authority,
          chain: chainId,
          dids: list(chainId).filter((d) => d !== source),
          height: target.signedHeader.header.height,
          deadlineMs: deadlineMs === undefined ? budget : Math.min(budget, deadlineMs),
          now: this.o.now,
        });
      },
    };
  }

  private slot(chainId: string): ChainSlot {
    const s = this.slots.get(chainId);
    if (s === undefined && this.removed.has(chainId)) {
      throw new CourtbridgeError(
        ErrorCode.FailedPrecondition,
        'chain_removed',
        `chain ${chainId} was removed from the alliance registry: this gateway no longer serves it (its earlier bundles still verify against its anchors)`,
      );
    }
    if (s === undefined)
      throw new CourtbridgeError(
        ErrorCode.NotFound,
        'unknown_chain',
        `the gateway does not follow chain ${JSON.stringify(chainId).slice(0, 70)} (ChainService.ListChains lists those it does)`,
      );
    return s;
  }

  private remember(s: ChainSlot, vh: VerifiedHeader): void {
    s.cache.set(vh.height, vh);
    if (s.latest === undefined || vh.height > s.latest.height) s.latest = vh;
    const max = this.o.cacheSize ?? 2048;
    if (s.cache.size > max) {
      for (const k of s.cache.keys()) {
        if (s.cache.size <= max) break;
        if (k !== s.latest?.height) s.cache.delete(k);
      }
    }
  }

  private async fromStore(s: ChainSlot, height: number): Promise<VerifiedHeader | undefined> {
    if (s.state === undefined || height > s.state.latestHeight) return undefined;
    let root: VerifiedStateRoot;
    try {
      root = await s.client.verifiedStateRoot(height, this.o.now());
    } catch (e) {
      if (isCourtbridgeError(e) && e.reason === 'height_not_trusted') return undefined;
      throw e;
    }
    const vh: VerifiedHeader = {
      chainId: s.config.chainId,
      height: root.height,
      headerHash: root.headerHash,
      hashSuite: root.hashSuite,
      stateRoot: root.stateRoot,
      timeMs: root.timeMs,
      signedHeader: root.signedHeader,
      validatorSet: await this.validatorSetAt(s, height),
      verifiedAtMs: this.o.now(),
    };
    this.remember(s, vh);
    return vh;
  }

  private async validatorSetAt(s: ChainSlot, height: number): Promise<ValidatorSet> {
    const store = new KvTrustedStore(this.kv);
    const cs = await store.getConsensusState(s.config.chainId, height);
    if (cs === undefined)
      throw new CourtbridgeError(ErrorCode.Internal, 'corrupt_trusted_store', `trusted store lost ${s.config.chainId}@${height}`);
    return cs.validatorSet;
  }

  private async fetchAndApply(s: ChainSlot, height: number, deadlineMs: number): Promise<VerifiedHeader> {
    const { lb, source } = await this.fetchLightBlock(s.config.chainId, height, deadlineMs);
    if (lb.signedHeader.header.height !== height || lb.signedHeader.header.chainId !== s.config.chainId) {
      throw new CourtbridgeError(
        ErrorCode.Unavailable,
        'unverifiable_header',
        `the adapter of ${s.config.chainId} sent another header than ${height}`,
      );
    }
    try {
      return await this.applyLightBlock(s.config.chainId, lb, source, deadlineMs);
    } catch (e) {
      if (isCourtbridgeError(e) && e.code !== ErrorCode.FailedPrecondition && !e.reason.startsWith('witness_')) {
        this.drops?.inc({ chain: s.config.chainId, reason: e.reason });
        throw new CourtbridgeError(
          ErrorCode.Unavailable,
          'unverifiable_header',
          `header ${s.config.chainId}@${height} from the adapter does not verify: ${e.message}`,
          { cause: e },
        );
      }
      throw e;
    }
  }

  /**
   * The light block at `height` (0 = latest) from one known party, so that its witnesses are the
   * others; from any adapter of the queue group (source unknown) while no party has announced.
   */
  private async fetchLightBlock(chainId: string, height: number, deadlineMs: number): Promise<{ lb: LightBlock; source?: string }> {
    const parties = this.o.witnesses?.(chainId) ?? [];
    for (const did of parties.slice(0, 2)) {
      const [a] = await askWitnesses({
        nc: this.o.nc,
        authority: this.o.authority,
        chain: chainId,
        dids: [did],
        height,
        deadlineMs,
        now: this.o.now,
      });
      if (a?.kind === 'block' && (height === 0 || a.block.signedHeader.header.height === height)) return { lb: a.block, source: did };
    }
    return { lb: await this.o.adapters.lightBlock(chainId, height, deadlineMs) };
  }

  private initialise(s: ChainSlot, deadlineMs: number): Promise<void> {
    s.initialising ??= (async () => {
      const anchor = s.config.trustAnchor;
      let lb: LightBlock | undefined;
      // Replicas re-anchoring at once may interleave their resets: each re-checks what the store
      // holds after its own, until one reset stands whole.
      for (let attempt = 1; ; attempt++) {
        const existing = await s.client.clientState().catch(() => undefined);
        if (existing !== undefined && !(await this.offAnchor(s, existing))) break;
        if (existing !== undefined) await new KvTrustedStore(this.kv).forget(s.config.chainId);
        lb ??= await this.o.adapters.lightBlock(s.config.chainId, anchor?.height ?? 0, deadlineMs);
        // Hashed under the entry's suite: a header of the other suite is not the anchor (trust_anchor_mismatch).
        if (anchor !== undefined && !equalBytes(headerHash(lb.signedHeader.header, suiteOfConfig(s.config)), anchor.headerHash)) {
          throw new CourtbridgeError(
            ErrorCode.FailedPrecondition,
            'trust_anchor_mismatch',
            `the adapter's header ${s.config.chainId}@${anchor.height} is not the configured trust anchor (hashed with ${suiteOfConfig(s.config)}, the chain's suite)`,
          );
        }
        try {
          await s.client.init(lb.signedHeader, lb.validatorSet, undefined, {
            ...(s.config.hashSuite === undefined ? {} : { hashSuite: s.config.hashSuite }),
            ...(s.config.signatureSuite === undefined ? {} : { signatureSuite: s.config.signatureSuite }),
            trustingPeriodMs: s.config.trustingPeriodMs,
            maxClockDriftMs: s.config.maxClockDriftMs,
            ...(s.config.minBlockIntervalMs === undefined ? {} : { minBlockIntervalMs: s.config.minBlockIntervalMs }),
            nowMs: this.o.now(),
          });
          break;
        } catch (e) {
          if (!(isCourtbridgeError(e) && e.reason === 'client_exists')) throw e;
          if (anchor === undefined || attempt >= 5) break;
        }
      }
      s.state = await s.client.clientState();
      if (s.state.status !== 'frozen') await this.fromStore(s, s.state.latestHeight);
      else {
        const cs = await new KvTrustedStore(this.kv).getConsensusState(s.config.chainId, s.state.latestHeight);
        if (cs !== undefined)
          this.remember(s, {
            chainId: s.config.chainId,
            height: cs.height,
            headerHash: cs.headerHash,
            hashSuite: cs.hashSuite ?? 'sha256',
            stateRoot: cs.stateRoot,
            timeMs: cs.timeMs,
            signedHeader: cs.signedHeader,
            validatorSet: cs.validatorSet,
            verifiedAtMs: this.o.now(),
          });
      }
    })().catch((e: unknown) => {
      s.initialising = undefined;
      throw e;
    });
    return s.initialising;
  }

  /**
   * Whether the shared trusted store's trust of the chain does not reach back to its anchor (no
   * trusted header at the anchor's height, or another one there), or is not whole (its latest
   * trusted header missing: a reset interleaved with another replica's): the registry re-anchored
   * the chain (update_chain), and the admins' anchor, not what was trusted before, is where trust
   * starts. A replica that already restarted from the new anchor holds it, so replicas converge.
   */
  private async offAnchor(s: ChainSlot, existing: ClientState): Promise<boolean> {
    // A client made under another suite than the entry's checks nothing the entry vouches for.
    if (hashSuiteOf(existing) !== suiteOfConfig(s.config)) {
      this.o.logger.warn(
        { chain: s.config.chainId, stored: hashSuiteOf(existing), entry: suiteOfConfig(s.config) },
        "trusted store's client was made under another hash suite than the chain's registry entry names: its trust of the chain is dropped and restarts from the anchor",
      );
      return true;
    }
    const anchor = s.config.trustAnchor;
    if (anchor === undefined) return false;
    const store = new KvTrustedStore(this.kv);
    const cs = await store.getConsensusState(s.config.chainId, anchor.height);
    const held = cs !== undefined && equalBytes(cs.headerHash, anchor.headerHash);
    if (held && (await store.getConsensusState(s.config.chainId, existing.latestHeight)) !== undefined) return false;
    this.o.logger.warn(
      { chain: s.config.chainId, anchorHeight: anchor.height, held: cs === undefined ? undefined : toHex(cs.headerHash) },
      'trusted store does not hold the registry anchor: its trust of the chain is dropped and restarts from the anchor',
    );
    return true;
  }

  private async startFeed(): Promise<void> {
    const js = this.o.nc.jetstream();
    // One filter for every chain (nats-server 2.9 has no multi-subject filters); others are skipped below.
    const consumer = await js.consumers.get(Streams.headers.name, {
      filterSubjects: Streams.headers.subjects[0],
      deliver_policy: DeliverPolicy.LastPerSubject,
    });
    this.consumer = await consumer.consume();
    const messages = this.consumer;
    // A recreate stuck on a lost cluster node: a fresh consumer instead (the last header of each chain replays; updates are idempotent).
    onOrderedStall(messages, 10_000, () => {
      if (this.stopped || this.consumer !== messages) return;
      this.o.logger.warn({ stream: Streams.headers.name }, 'header feed consumer not recreated within 10 s; opening a fresh one');
      void messages.close().catch(() => undefined);
      void this.startFeed().catch((e: unknown) => this.o.logger.error({ err: e }, 'header feed could not be reopened'));
    });
    this.background.push(
      (async () => {
        for await (const m of messages) {
          const chain = parseChainSubject(m.subject)?.chain;
          if (chain === undefined || !this.slots.has(chain)) continue;
          await this.onAnnouncement(chain, m.data).catch(() => undefined);
        }
      })(),
    );
  }

  private async onAnnouncement(chain: string, data: Uint8Array): Promise<void> {
    const s = this.slot(chain);
    // Old announcements replay from the stream: the header authenticates itself by its commit,
    // the envelope only names who relayed it, so its age is judged against the trusting period.
    const r = checkEnvelope(data, {
      authority: this.o.authority,
      nowMs: this.o.now(),
      maxAgeMs: s.config.trustingPeriodMs,
      maxFutureSkewMs: s.config.maxClockDriftMs,
      chain,
    });
    const drop = (reason: string, sender: string | undefined, message: string): void => {
      this.drops?.inc({ chain, reason });
      reportDrop(this.o, {
        kind: 'header_announce',
        reason,
        sender,
        subject: headersSubject(chain),
        message: `header of ${chain}: ${message}`,
      });
    };
    if (r.kind === 'dropped') return drop(r.drop.reason, r.drop.claimed?.senderDid, r.drop.message);
    if (r.envelope.type !== 'header.announce')
      return drop('wrong_type', r.envelope.senderDid, `a ${r.envelope.type} on the headers subject`);
    let lb: LightBlock;
    try {
      const ann = decodeMessage('HeaderAnnouncement', r.envelope.body);
      lb = { signedHeader: signedHeaderFromWire(ann.signedHeader), validatorSet: validatorSetFromWire(ann.validatorSet) };
    } catch {
      return drop('malformed_announcement', r.envelope.senderDid, 'the body is not a HeaderAnnouncement');
    }
    if (lb.signedHeader.header.chainId !== chain)
      return drop('wrong_chain_id', r.envelope.senderDid, `the header is of chain ${lb.signedHeader.header.chainId}`);
    if (s.state === undefined) await this.initialise(s, this.o.now() + 2_000).catch(() => undefined);
    if (s.state === undefined) return;
    // The relaying adapter is the source: its own replicas are no witness of what it sent.
    await this.applyLightBlock(chain, lb, r.envelope.senderDid).catch((e: unknown) => {
      if (!(isCourtbridgeError(e) && e.reason.startsWith('witness_')))
        drop(isCourtbridgeError(e) ? e.reason : 'internal', r.envelope.senderDid, isCourtbridgeError(e) ? e.message : 'the update failed');
    });
  }

  /** Another replica's update or freeze, seen through the KV (DESIGN.md "Scale": stateless replicas). */
  private async watchStates(): Promise<void> {
    const w = await this.kv.watch({ key: '*.client', include: KvWatchInclude.UpdatesOnly });
    const stop = setInterval(() => {
      if (this.stopped) w.stop();
    }, 200);
    stop.unref();
    try {
      for await (const e of w) {
        if (this.stopped) break;
        if (e.operation !== 'PUT') continue;
        const chain = e.key.slice(0, e.key.indexOf('.'));
        const s = this.slots.get(chain);
        if (s === undefined) continue;
        try {
          const st = decodeClientState(fromUtf8(e.value));
          const before = s.state;
          s.state = st;
          if (st.status !== 'frozen' && (s.latest === undefined || st.latestHeight > s.latest.height))
            await this.fromStore(s, st.latestHeight).catch(() => undefined);
          if (before?.status !== st.status) this.o.logger.info({ chain, status: st.status }, 'light client status changed');
        } catch {
          /* a state we cannot read is not ours to judge; the next update rewrites it */
        }
      }
    } finally {
      clearInterval(stop);
    }
  }

  private async refreshAll(): Promise<void> {
    for (const s of this.slots.values()) {
      const v = this.view(s.config.chainId);
      if (v.status !== 'active' || v.trustTimeLeftMs >= s.config.trustingPeriodMs / 3) continue;
      try {
        const { lb, source } = await this.fetchLightBlock(s.config.chainId, 0, this.o.now() + 5_000);
        await this.applyLightBlock(s.config.chainId, lb, source);
        this.o.logger.info({ chain: s.config.chainId }, 'light client refreshed before a third of its trusting period was left');
      } catch (e) {
        this.o.logger.warn({ err: e, chain: s.config.chainId }, 'light client refresh failed');
      }
    }
  }
}

/**
 * A `notary` chain's view: `active` once admitted (there is no header to follow, freeze or let
 * expire; each answer is judged on its own notaries' signatures), its trusted height the newest
 * notarized version this gateway accepted (0 before the first answer).
 */
function notaryView(chainId: string, newest: NotarizedVersion | undefined, nowMs: number): ClientView {
  return {
    chainId,
    status: 'active',
    trustedHeight: newest?.version ?? 0,
    trustedHeaderHash: newest?.hash ?? new Uint8Array(0),
    lastHeaderTimeMs: newest?.timeMs ?? 0,
    lagMs: newest === undefined ? 0 : Math.max(0, nowMs - newest.timeMs),
    trustTimeLeftMs: 0,
  };
}
