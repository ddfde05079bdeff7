/**
 * The enforcement contract as a deployable service (`courtbridge workflows start`): the
 * `EnforcementEngine` on the network ports (judicial chain through its write door, Investigate
 * and SubmitAction through the gateway, state in JetStream KV), driven by a `CaseRunner` that
 * advances only the cases this replica holds the lease of. Any number of replicas may run: one
 * is active per case, and a dead one's cases pass to another when its leases expire. The
 * registry is the alliance's as the stream has it (caught up from the pinned genesis before the
 * first step, then followed), so a court revoked after the genesis is refused here too.
 * Partner chains' asset reports (asset-reports.ts) are hints that make a terminated case's
 * lease holder re-investigate at once (恢复执行 when the proven investigation finds assets).
 * Every replica also answers the gateways' MediationService calls and serves its metrics
 * (workflows-surface.ts).
 */
import { readFileSync } from 'node:fs';
import type { NatsConnection } from 'nats';
import { connectNats } from '../../bus/connection.js';
import { RegistryFollower } from '../../bus/registry-follower.js';
import { createLogger } from '../../log.js';
import { ensureKv } from '../../bus/jetstream.js';
import { retryTransient } from '../../bus/transient.js';
import { courtBearer } from '../../client/court-bearer.js';
import { connectGateway } from '../../client/gateway-client.js';
import type { WorkflowsConfig } from '../../config/workflows-config.js';
import { AllianceAuthority } from '../../identity/alliance-authority.js';
import { hashSuiteAt } from '../../identity/chain-entry.js';
import { AllianceRegistry } from '../../identity/alliance-registry.js';
import { readKeyFile } from '../../identity/keystore.js';
import { MemoryRegistryStore } from '../../identity/registry-store.js';
import { systemClock } from '../clock.js';
import { DEFAULT_TARGETS, equityProfile, financeProfile, ipProfile, propertyProfile } from '../enforcement/asset-profiles.js';
import { EnforcementEngine, type StepTaken } from '../enforcement/engine.js';
import { GatewayInvestigator, GatewayOrderer } from '../network/gateway-ports.js';
import { NatsJudicialLedger } from '../network/nats-judicial-ledger.js';
import { startFilingRelay, type FilingRelay } from '../filings/filing-relay.js';
import type { PublishedFiling } from '../filings/filing-publisher.js';
import { KvWorkflowStore } from '../store/kv-store.js';
import { CaseLeases } from './case-lease.js';
import { CaseRunner } from './case-runner.js';
import { startAssetReportSubscriber, type AssetReportCounts, type AssetReportSubscriber } from './asset-reports.js';
import { startWorkflowsSurface, type WorkflowsSurface } from './workflows-surface.js';

export interface RunningWorkflows {
  replicaId: string;
  courtDid: string;
  engine: EnforcementEngine;
  /** Asset reports this replica took and dropped (by reason). */
  assetReports: AssetReportCounts;
  /** Port of the `/metrics` endpoint; undefined when it is off (`metricsPort: -1`). */
  metricsPort: number | undefined;
  /** Drain: finish the step in flight, release every lease, close the connections. */
  shutdown(): Promise<void>;
}

export interface WorkflowsServiceHooks {
  onStep?: (step: StepTaken) => void;
  onError?: (caseId: string, e: unknown) => void;
  /** Each judicial-chain filing this replica published to CB_FILINGS (filings/filing-relay.ts). */
  onFiling?: (p: PublishedFiling) => void;
  /** A filing not published this pass (the judicial door unreachable, the bus down): retried next pass. */
  onFilingError?: (caseId: string, e: unknown) => void;
}

/** How long a start keeps trying while JetStream is transiently unavailable (a node failing over). */
const START_RETRY_BUDGET_MS = 120_000;

/**
 * Start one replica. A start during a cluster failover (a stream or bucket without a leader for a
 * few seconds) is retried with backoff, everything opened by the failed try closed first, instead
 * of the replica exiting on a timeout.
 */
export function startWorkflowsService(config: WorkflowsConfig, hooks: WorkflowsServiceHooks = {}): Promise<RunningWorkflows> {
  return retryTransient(() => startOnce(config, hooks), {
    budgetMs: START_RETRY_BUDGET_MS,
    logger: createLogger({ component: 'workflows-start', level: 'warn', destination: process.stderr }),
    what: 'start the workflow service',
  });
}

async function startOnce(config: WorkflowsConfig, hooks: WorkflowsServiceHooks): Promise<RunningWorkflows> {
  const passphrase = config.keyPassphrase === undefined ? {} : { passphrase: config.keyPassphrase };
  const court = await readKeyFile(config.courtKeyFile, passphrase);
  const ledgerSigner = await readKeyFile(config.ledgerKeyFile, passphrase);
  const registry = await AllianceRegistry.open(
    new MemoryRegistryStore(new Uint8Array(readFileSync(config.genesisFile))),
    config.genesisHash,
    systemClock.now(),
  );
  const authority = new AllianceAuthority(() => registry.state);
  const nc: NatsConnection = await connectNats(
    { servers: [...config.natsServers], name: `${config.name}-${config.replicaId}` },
    config.natsAuth,
    { logger: createLogger({ component: 'workflows-bus', level: 'warn', destination: process.stderr }) },
  );
  const client = connectGateway({
    address: config.gatewayAddress,
    bearer: courtBearer({ caller: court, gatewayDid: config.gatewayDid, now: systemClock.now }),
    timeoutMs: 20_000,
  });
  let follower: RegistryFollower | undefined;
  let reports: AssetReportSubscriber | undefined;
  let surface: WorkflowsSurface | undefined;
  try {
    // Instruments are checked against the registry now (revocations, rotations, new members), not the genesis.
    follower = new RegistryFollower({
      nc,
      registry,
      authority,
      logger: createLogger({ component: 'workflows-registry', level: 'warn', destination: process.stderr }),
      now: systemClock.now,
      replicas: config.jetstreamReplicas,
    });
    await follower.start();
    const js = nc.jetstream();
    // A bucket kept at more replicas than configured is said so on stderr (never lowered).
    const replicated = {
      replicas: config.jetstreamReplicas,
      logger: createLogger({ component: 'workflows-jetstream', level: 'warn', destination: process.stderr }),
    };
    const ledger = new NatsJudicialLedger({
      nc,
      signer: ledgerSigner,
      now: systemClock.now,
      // Proofs are checked under the judicial chain's hash suite, as its registry entry names it now.
      hashSuite: () => hashSuiteAt(authority, 'judicial', systemClock.now()),
    });
    const engine = new EnforcementEngine({
      ledger,
      investigator: new GatewayInvestigator(client, [financeProfile, propertyProfile, equityProfile, ipProfile]),
      orderer: new GatewayOrderer({ gateway: client, judicial: ledger }),
      store: new KvWorkflowStore(await ensureKv(js, config.stateBucket, replicated), await nc.jetstreamManager()),
      clock: systemClock,
      court,
      authority,
      policy: {
        maxOrderCents: BigInt(config.policy.maxOrderCents),
        legalBasis: config.policy.legalBasis,
        orderLifetimeMs: config.policy.orderLifetimeMs,
        ...(config.policy.deductAfterMs > 0 ? { deductAfterMs: config.policy.deductAfterMs } : {}),
        rankOrder: config.policy.rankOrder,
        reinvestigateEveryMs: config.policy.reinvestigateEveryMs,
        assetReportMinIntervalMs: config.policy.assetReportMinIntervalMs,
      },
      targets: DEFAULT_TARGETS,
      orderAudience: (chain) => config.orderAudience.replaceAll('{chain}', chain),
      maxStepsPerTick: config.stepsPerPass,
    });
    const leases = new CaseLeases({
      kv: await ensureKv(js, config.leaseBucket, replicated),
      replicaId: config.replicaId,
      ttlMs: config.leaseTtlMs,
      now: systemClock.now,
    });
    const { onFiling, onFilingError, ...runnerHooks } = hooks;
    let runner: CaseRunner | undefined;
    surface = await startWorkflowsSurface({
      config,
      nc,
      leasesHeld: () => runner?.heldCount ?? 0,
      logger: createLogger({ component: 'workflows-rpc', level: 'warn', destination: process.stderr }),
      now: systemClock.now,
    });
    runner = new CaseRunner({
      engine,
      leases,
      intervalMs: config.tickIntervalMs,
      concurrency: config.caseConcurrency,
      now: systemClock.now,
      ...surface.counted(runnerHooks),
    });
    reports = startAssetReportSubscriber({
      nc,
      authority,
      engine,
      now: systemClock.now,
      minIntervalMs: config.policy.assetReportMinIntervalMs,
      logger: createLogger({ component: 'workflows-asset-reports', level: 'warn', destination: process.stderr }),
      metrics: surface.metrics,
    });
    const assetReports = reports;
    await surface.serve(engine, authority);
    runner.start();
    // The judicial chain's filings (courts' and this contract's enf-/trial- cases), once each, to CB_FILINGS.
    const filings: FilingRelay | undefined = config.filings.publish
      ? await startFilingRelay({
          nc,
          ledger,
          signer: ledgerSigner,
          cursorBucket: config.filings.cursorBucket,
          jetstreamReplicas: config.jetstreamReplicas,
          intervalMs: config.filings.intervalMs,
          now: systemClock.now,
          ...(onFiling ? { onPublished: onFiling } : {}),
          ...(onFilingError ? { onError: (e: unknown, caseId: string) => onFilingError(caseId, e) } : {}),
        })
      : undefined;
    const started = { runner, surface };
    return {
      replicaId: config.replicaId,
      courtDid: court.did,
      engine,
      assetReports: assetReports.counts,
      metricsPort: surface.metricsPort,
      async shutdown() {
        await started.surface.stop();
        await filings?.stop();
        await assetReports.drain();
        await started.runner.stop();
        await follower?.stop();
        client.close();
        await nc.drain();
      },
    };
  } catch (e) {
    await reports?.drain().catch(() => undefined);
    await surface?.stop().catch(() => undefined);
    await follower?.stop().catch(() => undefined);
    client.close();
    await nc.close();
    throw e;
  }
}
