/**
 * The demo's enforcement contract as it is deployed: `courtbridge workflows start --config
 * workflows.json`, two replicas (one active per case), configured here in the alliance directory
 * (README "Running the contract"). Its timings are short so that a case runs its course while
 * the demo watches: a pass every 200 ms, a dead replica's leases free after 1.5 s, deduction 3 s
 * after the freezes. Its JetStream buckets carry the demo's names, so that a later run on the
 * same NATS server (`NATS_URL`) deletes them (reset-demo-nats.ts).
 */
import type { NatsClientAuth } from '../bus/connection.js';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { DevAlliance } from '../devtools/dev-alliance.js';

export const DEMO_WORKFLOW_REPLICAS = 2;

/** The JetStream KV buckets of the demo's workflow service. */
export const DEMO_WORKFLOW_BUCKETS = {
  state: 'cb_workflows_demo',
  lease: 'cb_workflow_leases_demo',
  replay: 'cb_workflow_replay_demo',
  filingsCursor: 'cb_filings_cursor_demo',
} as const;

export const DEMO_WORKFLOW_TIMING = { tickIntervalMs: 200, leaseTtlMs: 1_500, deductAfterMs: 3_000 } as const;

/** Write `<alliance>/workflows.json`; returns its path. */
export function writeDemoWorkflowsConfig(o: {
  alliance: DevAlliance;
  natsUrl: string;
  natsAuth?: NatsClientAuth;
  gateway: { address: string; did: string };
}): string {
  const file = join(o.alliance.dir, 'workflows.json');
  const config = {
    natsServers: [o.natsUrl],
    ...(o.natsAuth === undefined ? {} : { natsAuth: o.natsAuth }),
    courtKeyFile: o.alliance.keyFiles['court']!,
    // The judicial chain's write door admits the gateway's key.
    ledgerKeyFile: o.alliance.keyFiles['gateway']!,
    gatewayAddress: o.gateway.address,
    gatewayDid: o.gateway.did,
    genesisFile: o.alliance.genesisFile,
    genesisHash: o.alliance.genesisHashHex,
    orderAudience: 'did:alliance:{chain}-adapter',
    tickIntervalMs: DEMO_WORKFLOW_TIMING.tickIntervalMs,
    leaseTtlMs: DEMO_WORKFLOW_TIMING.leaseTtlMs,
    policy: {
      legalBasis: '《民事诉讼法》第二百四十九条',
      maxOrderCents: '10000000000',
      orderLifetimeMs: 600_000,
      deductAfterMs: DEMO_WORKFLOW_TIMING.deductAfterMs,
      rankOrder: ['secured', 'preferential', 'ordinary'],
    },
    stateBucket: DEMO_WORKFLOW_BUCKETS.state,
    leaseBucket: DEMO_WORKFLOW_BUCKETS.lease,
    replayBucket: DEMO_WORKFLOW_BUCKETS.replay,
    filings: { publish: true, cursorBucket: DEMO_WORKFLOW_BUCKETS.filingsCursor, intervalMs: 500 },
  };
  writeFileSync(file, `${JSON.stringify(config, null, 2)}\n`);
  return file;
}
