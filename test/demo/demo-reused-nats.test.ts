/**
 * `NATS_URL=... npm run demo` twice on one server: the second run meets the first run's streams
 * and KV buckets (another alliance's headers, trusted heads and orders), deletes them, says so,
 * and plays the whole scenario; a stream that is not the demo's is left alone.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DemoSummary } from '../../src/demo/scenario.js';
import { DEMO_CHAINS_ACTIVE } from './demo-chains.js';
import { type NatsServerHandle, startNatsServer } from '../helpers/nats-server.js';
import { runDemo } from './run-demo.js';

const dir = mkdtempSync(join(tmpdir(), 'cb-demo-nats-test-'));
let nats: NatsServerHandle;
beforeAll(async () => {
  nats = await startNatsServer();
});
afterAll(async () => {
  await nats?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function streamNames(): Promise<string[]> {
  const nc = await connect({ servers: nats.url });
  try {
    const jsm = await nc.jetstreamManager();
    const names: string[] = [];
    for await (const s of jsm.streams.list()) names.push(s.config.name);
    return names.sort();
  } finally {
    await nc.close();
  }
}

describe('npm run demo on a reused NATS server', () => {
  it('the second run deletes the first run’s streams and KV buckets (only those) and passes', async () => {
    const first = await runDemo(['--records', '300', '--summary', join(dir, 'first.json')], nats.url);
    expect(first.code, first.out).toBe(0);
    expect(first.out).toContain('no streams or KV buckets of an earlier demo run');
    const left = await streamNames();
    expect(left).toEqual(expect.arrayContaining(['CB_HEADERS', 'KV_cb_trusted', 'KV_cb_orders_finance']));
    // The workflow service's: its case state, leases, replay guard, the filings it published and their cursor.
    expect(left).toEqual(
      expect.arrayContaining([
        'KV_cb_workflows_demo',
        'KV_cb_workflow_leases_demo',
        'KV_cb_workflow_replay_demo',
        'CB_FILINGS',
        'KV_cb_filings_cursor_demo',
      ]),
    );

    // Someone else's stream on the same server.
    const nc = await connect({ servers: nats.url });
    await (await nc.jetstreamManager()).streams.add({ name: 'OTHER', subjects: ['other.>'] });
    await nc.close();

    const second = await runDemo(['--records', '300', '--summary', join(dir, 'second.json')], nats.url);
    expect(second.code, second.out).toBe(0);
    expect(second.out).toMatch(/已删除以前演示留下的流和 KV 桶.*deleted what an earlier demo run left on it.*CB_HEADERS.*KV_cb_trusted/);
    const s = JSON.parse(readFileSync(join(dir, 'second.json'), 'utf8')) as DemoSummary;
    expect([...s.chainsActive].sort()).toEqual(DEMO_CHAINS_ACTIVE);
    expect(s.enforcement.auditVerified).toBe(true);
    // A fresh case state and leases: the second run's judgment closes like the first's.
    expect(second.out).toMatch(/deleted what an earlier demo run left on it.*KV_cb_workflows_demo.*KV_cb_workflow_leases_demo/);
    expect(s.enforcement.phase).toBe('satisfied');
    expect(s.bank.freeze.status).toBe('ACTION_STATUS_EXECUTED');
    expect(await streamNames()).toContain('OTHER');
  }, 360_000);
});
