/**
 * A private 3-node (or n-node) nats-server cluster with JetStream on loopback, for the tests,
 * benches and README runs that need a cluster: every node a real process with its own store,
 * routes to all its peers, each one killable (`kill9`) and restartable on the same port and store.
 * Streams and buckets created with `replicas: 3` are then replicated by real Raft groups.
 */
import { connect } from 'nats';
import { freePort, type NatsServerHandle, startNatsServer } from './nats-server.js';

export interface NatsClusterHandle {
  /** Client URLs of every node, for `servers: [...]`. */
  urls: string[];
  nodes: NatsServerHandle[];
  /** Resolves once the JetStream meta group has a leader (streams can be created). */
  ready(timeoutMs?: number): Promise<void>;
  /** Stop every node and remove their stores. */
  stop(): Promise<void>;
}

export async function startNatsCluster(options: { nodes?: number; name?: string; extraArgs?: string[] } = {}): Promise<NatsClusterHandle> {
  const n = options.nodes ?? 3;
  const name = options.name ?? 'cb-cluster';
  const clientPorts: number[] = [];
  const routePorts: number[] = [];
  for (let i = 0; i < n; i++) {
    clientPorts.push(await freePort());
    routePorts.push(await freePort());
  }
  const nodes: NatsServerHandle[] = [];
  try {
    for (let i = 0; i < n; i++) {
      nodes.push(
        await startNatsServer({
          port: clientPorts[i]!,
          cluster: {
            serverName: `${name}-n${i + 1}`,
            name,
            port: routePorts[i]!,
            routes: routePorts.filter((_, j) => j !== i).map((p) => `nats://127.0.0.1:${p}`),
          },
          ...(options.extraArgs === undefined ? {} : { extraArgs: options.extraArgs }),
        }),
      );
    }
  } catch (e) {
    await Promise.all(nodes.map((s) => s.stop()));
    throw e;
  }
  const urls = nodes.map((s) => s.url);
  const handle: NatsClusterHandle = {
    urls,
    nodes,
    async ready(timeoutMs = 30_000) {
      const deadline = Date.now() + timeoutMs;
      let last: unknown;
      while (Date.now() < deadline) {
        const nc = await connect({ servers: urls, timeout: 2_000 }).catch((e: unknown) => {
          last = e;
          return undefined;
        });
        if (nc !== undefined) {
          try {
            const jsm = await nc.jetstreamManager({ timeout: 2_000 });
            await jsm.getAccountInfo();
            return;
          } catch (e) {
            last = e;
          } finally {
            await nc.close();
          }
        }
        await new Promise((r) => setTimeout(r, 250));
      }
      throw new Error(`nats cluster ${name}: JetStream not ready within ${timeoutMs} ms: ${(last as Error)?.message}`);
    },
    async stop() {
      await Promise.all(nodes.map((s) => s.stop()));
    },
  };
  return handle;
}
