/**
 * Before the demo runs on a NATS server it did not start (`NATS_URL`), it removes the JetStream
 * streams and KV buckets a previous demo run left there: their headers, trusted heads, replay
 * entries and executed orders belong to that run's alliance (other keys, other seeded chains), and
 * the new run's gateway and adapters would otherwise trust or refuse them (`header_mismatch`,
 * `trusted_hash_mismatch`, `adapter_unavailable`). Only the names the demo's parts create are
 * touched; anything else on the server is left as it is.
 */
import { connectNats, natsAuthFromEnv } from '../bus/connection.js';
import { orderReplayBucket } from '../../adapters/sdk/runtime.js';
import { REGISTRY_STREAM } from '../bus/registry-follower.js';
import { Buckets, Streams } from '../bus/subjects.js';
import { BREAKER_BUCKET } from '../relay/breaker.js';
import { FILINGS_STREAM } from '../workflows/filings/filing-stream.js';
import { DEMO_WORKFLOW_BUCKETS } from './workflow-replicas.js';

/** The JetStream streams the demo creates on its NATS server (a KV bucket `b` is stream `KV_b`). */
export function demoStreamNames(chains: readonly string[]): string[] {
  const buckets = [...Object.values(Buckets), BREAKER_BUCKET, ...Object.values(DEMO_WORKFLOW_BUCKETS), ...chains.map(orderReplayBucket)];
  return [...Object.values(Streams).map((s) => s.name), REGISTRY_STREAM.name, FILINGS_STREAM.name, ...buckets.map((b) => `KV_${b}`)];
}

/** Delete those of the demo's streams that exist on the server at `natsUrl`; returns the names deleted. */
export async function resetDemoNats(natsUrl: string, chains: readonly string[]): Promise<string[]> {
  // A NATS of the user's own: open, or secured with the operator's seed in CB_NATS_NKEY_FILE.
  const nc = await connectNats({ servers: natsUrl, name: 'courtbridge-demo-reset' }, natsAuthFromEnv());
  try {
    const jsm = await nc.jetstreamManager();
    const present = new Set<string>();
    for await (const s of jsm.streams.list()) present.add(s.config.name);
    const deleted: string[] = [];
    for (const name of demoStreamNames(chains)) {
      if (!present.has(name)) continue;
      await jsm.streams.delete(name);
      deleted.push(name);
    }
    return deleted;
  } finally {
    await nc.close();
  }
}
