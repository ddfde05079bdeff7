/**
 * The workflows service's config (src/config/workflows-config.ts): defaults, then the JSON file,
 * then COURTBRIDGE_WF_* variables, then overrides; every refusal names its field.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadWorkflowsConfig } from '../../src/config/workflows-config.js';

const dir = mkdtempSync(join(tmpdir(), 'cb-wf-config-'));
const HASH = 'ab'.repeat(32);
const REQUIRED = {
  courtKeyFile: 'court.key',
  ledgerKeyFile: 'gateway.key',
  gatewayAddress: '127.0.0.1:50051',
  gatewayDid: 'did:alliance:gateway',
  genesisFile: 'genesis.json',
  genesisHash: HASH,
};

describe('workflows config', () => {
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('defaults fill what the file leaves out; env beats the file; overrides beat env', () => {
    const file = join(dir, 'workflows.json');
    writeFileSync(file, JSON.stringify({ ...REQUIRED, tickIntervalMs: 500, policy: { legalBasis: '依法' } }));
    const c = loadWorkflowsConfig({
      file,
      env: {
        COURTBRIDGE_WF_TICK_INTERVAL_MS: '700',
        COURTBRIDGE_WF_NATS: 'nats://a:4222, nats://b:4222',
        COURTBRIDGE_WF_REPLICA_ID: 'env',
        COURTBRIDGE_WF_REINVESTIGATE_EVERY_MS: '2592000000',
      },
      overrides: { replicaId: 'flag' },
    });
    expect(c.tickIntervalMs).toBe(700);
    expect(c.natsServers).toEqual(['nats://a:4222', 'nats://b:4222']);
    expect(c.replicaId).toBe('flag');
    // A terminated case is re-investigated every 30 days (the environment), reports of one debtor pass once a minute (the default).
    expect(c.policy).toEqual({
      legalBasis: '依法',
      maxOrderCents: '10000000000',
      orderLifetimeMs: 600_000,
      deductAfterMs: 0,
      rankOrder: ['secured', 'preferential', 'ordinary'],
      reinvestigateEveryMs: 2_592_000_000,
      assetReportMinIntervalMs: 60_000,
    });
    expect(c.leaseTtlMs).toBe(10_000);
    expect(c.leaseBucket).toBe('cb_workflow_leases');
    expect(c.caseConcurrency).toBe(8);
    expect(c.stepsPerPass).toBe(64);
    expect(loadWorkflowsConfig({ env: { COURTBRIDGE_WF_STEPS_PER_PASS: '1' }, overrides: REQUIRED }).stepsPerPass).toBe(1);
    expect(loadWorkflowsConfig({ env: { COURTBRIDGE_WF_CASE_CONCURRENCY: '3' }, overrides: REQUIRED }).caseConcurrency).toBe(3);
    expect(() => loadWorkflowsConfig({ env: { COURTBRIDGE_WF_CASE_CONCURRENCY: '0' }, overrides: REQUIRED })).toThrow(/caseConcurrency/);
  });

  it('jetstreamReplicas: 1 unless told, from the file or COURTBRIDGE_WF_JETSTREAM_REPLICAS, 1 to 5', () => {
    expect(loadWorkflowsConfig({ overrides: REQUIRED }).jetstreamReplicas).toBe(1);
    expect(loadWorkflowsConfig({ overrides: { ...REQUIRED, jetstreamReplicas: 3 } }).jetstreamReplicas).toBe(3);
    expect(loadWorkflowsConfig({ env: { COURTBRIDGE_WF_JETSTREAM_REPLICAS: '3' }, overrides: REQUIRED }).jetstreamReplicas).toBe(3);
    expect(() => loadWorkflowsConfig({ overrides: { ...REQUIRED, jetstreamReplicas: 0 } })).toThrow(/config\.jetstreamReplicas/);
    expect(() => loadWorkflowsConfig({ overrides: { ...REQUIRED, jetstreamReplicas: 6 } })).toThrow(/jetstreamReplicas.*1 to 5/);
  });

  it('takes the distribution rank order from the environment', () => {
    const c = loadWorkflowsConfig({ overrides: REQUIRED, env: { COURTBRIDGE_WF_RANK_ORDER: 'preferential, secured, ordinary' } });
    expect(c.policy.rankOrder).toEqual(['preferential', 'secured', 'ordinary']);
  });

  it('the metrics endpoint: off unless told, COURTBRIDGE_WF_METRICS_PORT / _HOST set it', () => {
    const off = loadWorkflowsConfig({ overrides: REQUIRED });
    expect(off.metricsPort).toBe(-1);
    expect(off.metricsHost).toBe('127.0.0.1');
    expect(off.replayBucket).toBe('cb_workflow_replay');
    const on = loadWorkflowsConfig({
      env: { COURTBRIDGE_WF_METRICS_PORT: '9465', COURTBRIDGE_WF_METRICS_HOST: '0.0.0.0' },
      overrides: REQUIRED,
    });
    expect(on.metricsPort).toBe(9465);
    expect(on.metricsHost).toBe('0.0.0.0');
  });

  it('refuses, naming the field: a missing key file, a bad hash, a lease shorter than two passes, a passphrase in the file', () => {
    const { courtKeyFile: _omit, ...noCourt } = REQUIRED;
    expect(() => loadWorkflowsConfig({ overrides: noCourt })).toThrow(/config\.courtKeyFile/);
    expect(() => loadWorkflowsConfig({ overrides: { ...REQUIRED, genesisHash: 'xyz' } })).toThrow(/config\.genesisHash/);
    expect(() => loadWorkflowsConfig({ overrides: { ...REQUIRED, tickIntervalMs: 1000, leaseTtlMs: 1500 } })).toThrow(/config\.leaseTtlMs/);
    expect(() => loadWorkflowsConfig({ overrides: { ...REQUIRED, policy: { orderLifetimeMs: 7_200_000 } } })).toThrow(
      /config\.policy\.orderLifetimeMs/,
    );
    expect(() => loadWorkflowsConfig({ overrides: { ...REQUIRED, policy: { rankOrder: ['secured', 'ordinary'] } } })).toThrow(
      /config\.policy\.rankOrder/,
    );
    expect(() => loadWorkflowsConfig({ overrides: REQUIRED, env: { COURTBRIDGE_WF_RANK_ORDER: 'secured,wages,ordinary' } })).toThrow(
      /config\.policy\.rankOrder/,
    );
    expect(() => loadWorkflowsConfig({ overrides: { ...REQUIRED, metricsPort: 70_000 } })).toThrow(/config\.metricsPort/);
    expect(() => loadWorkflowsConfig({ env: { COURTBRIDGE_WF_METRICS_PORT: 'nine' }, overrides: REQUIRED })).toThrow(/metricsPort/);
    const file = join(dir, 'secret.json');
    writeFileSync(file, JSON.stringify({ ...REQUIRED, keyPassphrase: 'x' }));
    expect(() => loadWorkflowsConfig({ file })).toThrow(/COURTBRIDGE_WF_KEY_PASSPHRASE/);
  });
});
