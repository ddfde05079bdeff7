/**
 * The adapter's own light client of the judicial chain (DESIGN.md "Actions": the adapter checks
 * the order's proof on the judicial chain with the same verification core the gateway uses).
 *
 * Initialised like an IBC client (ibc-go `MsgCreateClient`): from a trusted height and header
 * hash in the configuration. The light block at that height is fetched from the judicial
 * chain's adapters (`lightblockSubject`), its hash must equal the configured one, then the
 * client is initialised with it; later light blocks (carried by each action request) update it,
 * through intermediate light blocks fetched the same way when the validator set changed
 * (judicial-sync.ts).
 *
 * A judicial header verified by skipping is trusted only once a witness confirmed it
 * (`judicialWitness`): the judicial chain's adapter parties, as they announce themselves, or the
 * DIDs configured in `witnesses`. With a single judicial party that party is its own witness: it
 * still defends against a header made up by anyone else on the way (the gateway, the bus, a
 * court), not against that party; run the judicial adapter at two parties to close that gap.
 */
import type { SignatureSuite } from '../../src/crypto/signature-suite.js';
import { signatureSuiteOfSet } from '../../src/chain/validator-set.js';
import type { NatsConnection } from 'nats';
import { request } from '../../src/bus/request.js';
import { askWitnesses } from '../../src/bus/witness-request.js';
import type { Authority } from '../../src/identity/authority.js';
import type { Witness } from '../../src/lightclient/witness.js';
import { lightblockSubject } from '../../src/bus/subjects.js';
import { headerHash } from '../../src/chain/header.js';
import type { HashSuite } from '../../src/crypto/hash-suite.js';
import { decodeLightBlock, type LightBlock } from '../../src/chain/signed-header.js';
import { ByteWriter, fromHex, equalBytes, toHex } from '../../src/encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import { LightClient } from '../../src/lightclient/light-client.js';
import { MemoryTrustedStore } from '../../src/lightclient/memory-store.js';
import type { TrustedStore } from '../../src/lightclient/store.js';

/**
 * Where an operator reads the trusted judicial height and hash (`CB_JUDICIAL_HEIGHT`,
 * `CB_JUDICIAL_HASH`): the alliance gateway's judicial light client (GetChainStatus), printed
 * as shell assignments by the CLI. Named by every error about a missing anchor.
 */
export const JUDICIAL_ANCHOR_COMMAND = 'courtbridge adapter judicial-anchor --gateway HOST:PORT';

export interface JudicialTrustOptions {
  /** The judicial chain's id, e.g. `judicial`. */
  chainId: string;
  /** Trusted height and the hex header hash at it (from the alliance's operators), under `hashSuite`. */
  height: number;
  headerHashHex: string;
  /**
   * The judicial chain's hash suite as its registry entry names it (the runtime reads the entry
   * when its authority holds the registry); SHA-256 unless told.
   */
  hashSuite?: HashSuite;
  /**
   * The judicial chain's signature suite, from its registry entry. Without an entry in reach,
   * the suite of the anchor's validator set, which the configured header hash authenticates.
   */
  signatureSuite?: SignatureSuite;
  /** 14 days unless told (keep it below the judicial chain's unbonding period). */
  trustingPeriodMs?: number;
  /** 10,000 ms unless told. */
  maxClockDriftMs?: number;
  /** Where the trusted headers live; in memory unless told. */
  store?: TrustedStore;
  /** How long to keep asking for the trusted light block at start; 30,000 ms unless told. */
  syncTimeoutMs?: number;
  /** The judicial chain's least block interval in header time (held-header rule); 1 ms unless told. */
  minBlockIntervalMs?: number;
  /** Adapter DIDs asked as witnesses; the judicial adapters that announce themselves unless told. */
  witnesses?: readonly string[];
}

/** Witnesses of judicial headers verified by skipping: every party in `parties()`, asked at once. */
export function judicialWitness(
  nc: NatsConnection,
  authority: Authority,
  chainId: string,
  parties: () => readonly string[],
  now: () => number,
  budgetMs = 3_000,
): Witness {
  return (target) =>
    askWitnesses({
      nc,
      authority,
      chain: chainId,
      dids: parties(),
      height: target.signedHeader.header.height,
      deadlineMs: now() + budgetMs,
      now,
    });
}

/** Ask the judicial chain's adapters for the light block at `height` (0 = latest), by `deadlineMs` on the clock `now`. */
export async function fetchLightBlock(
  nc: NatsConnection,
  chainId: string,
  height: number,
  deadlineMs: number,
  now: () => number = Date.now,
): Promise<LightBlock> {
  const reply = await request(nc, lightblockSubject(chainId), new ByteWriter().u64(height).finish(), { deadlineMs, now });
  return decodeLightBlock(reply.data);
}

/** Fetch the trusted light block (retrying until `syncTimeoutMs`), check its hash, init the client. */
export async function initJudicialClient(
  nc: NatsConnection,
  o: JudicialTrustOptions,
  now: () => number,
  logger: Logger,
): Promise<LightClient> {
  const want = fromHex(o.headerHashHex, 'judicialTrust.headerHashHex');
  if (want.length !== 32)
    throw new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_trust_options', 'judicialTrust.headerHashHex: expected 32 bytes of hex');
  if (!Number.isSafeInteger(o.height) || o.height < 1)
    throw new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_trust_options', 'judicialTrust.height: expected an integer >= 1');
  const until = now() + (o.syncTimeoutMs ?? 30_000);
  let lb: LightBlock | undefined;
  while (lb === undefined) {
    try {
      lb = await fetchLightBlock(nc, o.chainId, o.height, Math.min(until, now() + 2_000), now);
    } catch (e) {
      if (now() >= until) {
        throw new CourtbridgeError(
          ErrorCode.Unavailable,
          'judicial_unreachable',
          `cannot fetch the trusted judicial light block ${o.chainId}@${o.height}: ${(e as Error).message}`,
          { cause: e },
        );
      }
      logger.warn({ err: e, chain: o.chainId, height: o.height }, 'waiting for the judicial chain');
      await new Promise((r) => setTimeout(r, 250));
    }
  }
  const suite = o.hashSuite ?? 'sha256';
  const got = headerHash(lb.signedHeader.header, suite);
  if (!equalBytes(got, want) || lb.signedHeader.header.height !== o.height) {
    throw new CourtbridgeError(
      ErrorCode.FailedPrecondition,
      'trusted_hash_mismatch',
      `judicial header ${o.chainId}@${o.height} has hash ${toHex(got)} (${suite}, the chain's hash suite), the configuration trusts ${o.headerHashHex}; refusing to start`,
    );
  }
  const client = new LightClient(o.chainId, o.store ?? new MemoryTrustedStore());
  if ((await client.clientState().catch(() => undefined)) === undefined) {
    const signatureSuite = o.signatureSuite ?? signatureSuiteOfSet(lb.validatorSet);
    await client.init(lb.signedHeader, lb.validatorSet, undefined, {
      hashSuite: suite,
      ...(signatureSuite === 'mixed' ? {} : { signatureSuite }),
      trustingPeriodMs: o.trustingPeriodMs ?? 14 * 86_400_000,
      maxClockDriftMs: o.maxClockDriftMs ?? 10_000,
      ...(o.minBlockIntervalMs === undefined ? {} : { minBlockIntervalMs: o.minBlockIntervalMs }),
      nowMs: now(),
    });
  }
  return client;
}
