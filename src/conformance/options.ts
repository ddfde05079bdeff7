/**
 * What the conformance kit is told, checked where it enters (STYLE.md 8, 9): the chain under
 * test, how to reach NATS, who the kit signs as, whom it trusts, and what it may act on.
 *
 * The kit acts as the alliance would around a new adapter:
 *   - as a COURT (`court`): it signs the test orders (ES256K JWTs, purpose `order`);
 *   - as a GATEWAY (`gateway`): it forwards them as signed `action.request` envelopes;
 *   - as a VERIFIER (`authority`, the alliance registry from the pinned genesis, caught up on the
 *     registry stream when `registry` is given): it checks
 *     every envelope the adapter signs, and proves every answer with its own light client.
 * A test order must exist on the judicial chain before an adapter may act on it (DESIGN.md
 * "Actions"). The protocol gives no one but courts a way to write there, so the kit is handed an
 * `OrderDesk` (the court's way of issuing orders: the judicial workflows' `issueOrder` port);
 * without one, the checks that need an ACCEPTED order fail and say so.
 */
import type { NatsClientAuth } from '../bus/connection.js';
import type { NatsConnection } from 'nats';
import { assertChainId } from '../bus/subjects.js';
import { CourtbridgeError, ErrorCode } from '../errors.js';
import type { Authority } from '../identity/authority.js';
import type { AllianceRegistry } from '../identity/alliance-registry.js';
import type { ChainDirectory } from '../identity/chain-entry.js';
import type { Signer } from '../identity/signer.js';
import type { JudicialOrder } from '../judicial/order.js';
import type { EvmRecordLayout } from '../verify/evm/evm-record.js';
import { chainUnderTest, type ChainUnderTest } from './chain-under-test.js';

/** Issues an order on the judicial chain; resolves once it is committed (ports.ts `JudicialLedger.issueOrder`). */
export interface OrderDesk {
  issueOrder(order: JudicialOrder): Promise<unknown>;
}

/**
 * The action the kit orders to test execution (a harmless one on a test record: freezing a
 * small amount, suspending a test licence). `kind` is the adapter's action kind (`freeze`,
 * `seize`, `list`, `suspend`, ...), `recordType` and `key` the target as the request names it.
 */
export interface ConformanceAction {
  kind: string;
  /** The record id the order names (`target` claim), e.g. an account number. */
  target: string;
  /** The target's record type (the action spec's `targetRecordType`). */
  recordType: string;
  /** The target's key as the request names it (`ActionTarget.key`); `<recordType>/<target>` unless told. */
  key?: string;
  /**
   * The state key whose record shows the action's effect (queried before and after each order);
   * `key` unless told. Differs when the record type of the action spec is not a state prefix
   * (ip: `copyright|trademark|patent`, target `trademark/<regNo>`).
   */
  stateKey?: string;
  /** Integer minor units as a decimal string, for actions that take an amount. */
  amount?: string;
  /**
   * The case the test orders are under, when the chain binds an action to the case its target
   * belongs to (bankruptcy: a meeting is closed only under its own case); a fresh one unless told.
   */
  caseId?: string;
}

export interface ConformanceOptions {
  /** Chain id of the adapter under test. */
  chain: string;
  /** NATS URL(s); or pass a connection in `nc`. */
  servers?: string | readonly string[];
  /** Alias of `servers` (the CLI's `--nats`). */
  natsUrl?: string;
  /** A connection to use (the kit does not close it). */
  nc?: NatsConnection;
  /** Credentials on a secured bus when the kit connects itself (the operator's seed: it plays gateway and court). */
  natsAuth?: NatsClientAuth;
  /** Signs the test orders: a DID holding the court role. */
  court: Signer;
  /** Forwards the test orders: a DID holding the gateway role (`--gateway-key`). */
  gateway?: Signer;
  /**
   * The alliance registry (from the pinned genesis: `registryFromGenesis`, or `authorityFromGenesis`
   * for the genesis alone). Its entry for `chain`
   * decides what the kit checks (chain-under-test.ts): an `evm` chain by its notaries and contract;
   * a `notary` chain by its notaries' signatures over each record;
   * a chain it does not list (or an authority without `chainAt`) as `bft-smt`.
   */
  authority: Authority & Partial<ChainDirectory>;
  /**
   * The live registry `authority` reads (`registryFromGenesis`). When given, the kit catches up on
   * the registry stream `CB_REGISTRY` before its first check and follows it during the run
   * (registry-catch-up.ts), so an adapter admitted after the genesis is known, as it is to the
   * gateway. Without it the kit trusts the genesis alone.
   */
  registry?: AllianceRegistry;
  /**
   * Where the alliance's evm chains keep each record type, by record type (adapters/catalog.ts
   * `ALLIANCE_EVM_RECORDS`); required when `chain` is an `evm` chain.
   */
  evmRecords?: ReadonlyMap<string, EvmRecordLayout>;
  /** Issues test orders on the judicial chain (see the file header). */
  orderDesk?: OrderDesk;
  /** The judicial chain's id; `judicial` unless told. */
  judicialChainId?: string;
  /** Keys of records known to exist (`TYPE/ID`, `--probe-key`); the action's target unless told. */
  probeKeys?: readonly string[];
  /** The action to test execution with (`--action`). */
  action?: ConformanceAction;
  /** The adapter's DID, if known in advance (`--adapter-did`); read from its announcement otherwise. */
  adapterDid?: string;
  /** Budget of one exchange (a query, an action's result); 10,000 ms unless told. */
  timeoutMs?: number;
  /** How long to wait for an announcement (the heartbeat is 10 s by default); 15,000 ms unless told. */
  announceWaitMs?: number;
  /** Headers read from the headers stream; 4 unless told (at least 2). */
  headerCount?: number;
  /** How far back to read the headers stream; 15 minutes unless told. */
  headerLookbackMs?: number;
  /** The kit's clock; `Date.now` unless told. */
  now?: () => number;
  /** Only these check ids (in kit order); all unless told. */
  only?: readonly string[];
  /** Called when a check finishes (progress for long runs). */
  onCheck?: (id: string, status: 'pass' | 'fail' | 'skip') => void;
}

/** Options after checking, with defaults applied. */
export interface ResolvedOptions {
  chain: string;
  servers: string[];
  nc: NatsConnection | undefined;
  natsAuth: NatsClientAuth | undefined;
  court: Signer;
  gateway: Signer | undefined;
  authority: Authority & Partial<ChainDirectory>;
  registry: AllianceRegistry | undefined;
  evmRecords: ReadonlyMap<string, EvmRecordLayout> | undefined;
  /** The chain as the registry lists it (its kind, and for `evm` its contract, notaries and layouts). */
  target: ChainUnderTest;
  orderDesk: OrderDesk | undefined;
  judicialChainId: string;
  probeKeys: string[];
  action: (ConformanceAction & { key: string; stateKey: string; amount: string }) | undefined;
  adapterDid: string | undefined;
  timeoutMs: number;
  announceWaitMs: number;
  headerCount: number;
  headerLookbackMs: number;
  now: () => number;
  only: string[] | undefined;
  onCheck: ConformanceOptions['onCheck'];
}

const invalid = (field: string, why: string): CourtbridgeError =>
  new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_conformance_options', `options.${field}: ${why}`);

const isSigner = (s: unknown): s is Signer =>
  typeof s === 'object' &&
  s !== null &&
  typeof (s as Signer).sign === 'function' &&
  typeof (s as Signer).did === 'string' &&
  typeof (s as Signer).kid === 'string';

function positive(v: number | undefined, field: string, dflt: number): number {
  if (v === undefined) return dflt;
  if (!Number.isSafeInteger(v) || v <= 0) throw invalid(field, 'expected a positive integer');
  return v;
}

const PROBE_KEY = /^[a-z][a-z0-9_-]*\/[^\u0000-\u001f\u007f]{1,500}$/u;

/** Check `o` and apply the defaults. @throws CourtbridgeError INVALID_ARGUMENT `invalid_conformance_options` naming the field */
export function resolveOptions(o: ConformanceOptions): ResolvedOptions {
  if (o === null || typeof o !== 'object') throw invalid('', 'expected ConformanceOptions');
  assertChainId(o.chain, 'options.chain');
  const servers =
    o.servers === undefined
      ? o.natsUrl === undefined
        ? []
        : o.natsUrl.split(',')
      : typeof o.servers === 'string'
        ? o.servers.split(',')
        : [...o.servers];
  if (o.nc === undefined && servers.length === 0) throw invalid('servers', 'a NATS URL (or a connection in options.nc) is required');
  if (!isSigner(o.court)) throw invalid('court', 'expected the court signer (a key file holding the court role)');
  if (o.gateway !== undefined && !isSigner(o.gateway)) throw invalid('gateway', 'expected a signer (a key file holding the gateway role)');
  if (typeof o.authority?.keyAt !== 'function' || typeof o.authority?.mayAct !== 'function')
    throw invalid('authority', 'expected the alliance registry (genesis file and its pinned hash)');
  if (o.registry !== undefined && (typeof o.registry.submit !== 'function' || o.registry.state === undefined))
    throw invalid('registry', 'expected the AllianceRegistry the authority reads (registryFromGenesis)');
  if (o.adapterDid !== undefined && (typeof o.adapterDid !== 'string' || !/^did:[a-z0-9]+:\S+$/.test(o.adapterDid)))
    throw invalid('adapterDid', 'expected a DID, e.g. did:alliance:lawyer-bureau');
  if (o.orderDesk !== undefined && typeof o.orderDesk.issueOrder !== 'function')
    throw invalid('orderDesk', 'expected { issueOrder(order) }');
  const judicialChainId = o.judicialChainId ?? 'judicial';
  assertChainId(judicialChainId, 'options.judicialChainId');
  const probeKeys = [...(o.probeKeys ?? [])];
  for (const [i, k] of probeKeys.entries())
    if (typeof k !== 'string' || !PROBE_KEY.test(k)) throw invalid(`probeKeys[${i}]`, 'expected TYPE/ID, e.g. account/6222020200112345678');
  let action: ResolvedOptions['action'];
  if (o.action !== undefined) {
    const a = o.action;
    if (typeof a.kind !== 'string' || !/^[a-z][a-z0-9_]{0,39}$/.test(a.kind))
      throw invalid('action.kind', 'expected an action kind, e.g. freeze');
    if (typeof a.target !== 'string' || a.target.length === 0 || a.target.length > 256)
      throw invalid('action.target', 'expected the target record id');
    if (typeof a.recordType !== 'string' || a.recordType.length === 0)
      throw invalid('action.recordType', 'expected the target record type');
    if (a.amount !== undefined && !/^(0|[1-9][0-9]{0,17})$/.test(a.amount))
      throw invalid('action.amount', 'expected integer minor units as a decimal string');
    const key = a.key ?? `${a.recordType}/${a.target}`;
    const stateKey = a.stateKey ?? key;
    if (!PROBE_KEY.test(stateKey)) throw invalid('action.stateKey', 'expected TYPE/ID');
    action = { ...a, key, stateKey, amount: a.amount ?? '' };
  }
  if (o.only !== undefined && (!Array.isArray(o.only) || o.only.some((x) => typeof x !== 'string')))
    throw invalid('only', 'expected check ids');
  const now = o.now ?? Date.now;
  if (o.evmRecords !== undefined && !(o.evmRecords instanceof Map)) throw invalid('evmRecords', 'expected a Map of record type to layout');
  const target = chainUnderTest(o.authority, o.chain, now(), o.evmRecords);
  const headerCount = positive(o.headerCount, 'headerCount', 4);
  if (headerCount < 2) throw invalid('headerCount', 'expected at least 2 (a link needs two headers)');
  return {
    chain: o.chain,
    servers,
    natsAuth: o.natsAuth,
    nc: o.nc,
    court: o.court,
    gateway: o.gateway,
    authority: o.authority,
    registry: o.registry,
    evmRecords: o.evmRecords,
    target,
    orderDesk: o.orderDesk,
    judicialChainId,
    probeKeys: probeKeys.length > 0 ? probeKeys : action !== undefined ? [action.stateKey] : [],
    action,
    adapterDid: o.adapterDid,
    timeoutMs: positive(o.timeoutMs, 'timeoutMs', 10_000),
    announceWaitMs: positive(o.announceWaitMs, 'announceWaitMs', 15_000),
    headerCount,
    headerLookbackMs: positive(o.headerLookbackMs, 'headerLookbackMs', 15 * 60_000),
    now,
    only: o.only === undefined ? undefined : [...o.only],
    onCheck: o.onCheck,
  };
}
