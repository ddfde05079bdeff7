/** The test harness's private nats-server (lives in src/devtools so the demo and benches share it). */
export { startNatsServer, freePort, natsServerBinary, type NatsServerHandle } from '../../src/devtools/nats-server.js';
export { startNatsCluster, type NatsClusterHandle } from '../../src/devtools/nats-cluster.js';
