/**
 * A private nats-server for tests, benches and the demo on a free loopback port with JetStream in a temp dir.
 * Every messaging test uses this; none relies on a server already running on the machine.
 * The server does not outlive its parent: an orphan watchdog kills it and removes its store when
 * the parent dies without stopping it (a SIGKILL, a crash).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync, existsSync } from 'node:fs';
import { createServer, connect as netConnect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type OrphanWatchdog, startOrphanWatchdog } from './orphan-watchdog.js';

export interface NatsServerHandle {
  url: string;
  port: number;
  storeDir: string;
  /** What the server printed since it last started (permission violations show here). */
  logs(): string;
  /** The server's process id while it runs (for a real `kill -9` from outside). */
  pid(): number | undefined;
  /** Stop the server (SIGTERM, then SIGKILL) and remove its JetStream directory. */
  stop(): Promise<void>;
  /** Kill and start again on the same port and store (JetStream state survives). */
  restart(): Promise<void>;
  /** SIGKILL the server (no shutdown, as a crash); `start()` brings it back on the same port and store. */
  kill9(): Promise<void>;
  /** Start a killed server again. */
  start(): Promise<void>;
}

export interface NatsServerOptions {
  /** More nats-server flags (e.g. `--user`, `-c file`). */
  extraArgs?: string[];
  /** Listen here instead of a free port (a cluster's nodes know each other's ports in advance). */
  port?: number;
  /** A 2nd member of a cluster: its server name, cluster name, route port and the routes to its peers. */
  cluster?: { serverName: string; name: string; port: number; routes: readonly string[] };
}

export function natsServerBinary(): string {
  const fromEnv = process.env['NATS_SERVER_BIN'];
  if (fromEnv) return fromEnv;
  for (const p of ['/usr/sbin/nats-server', '/usr/bin/nats-server', '/usr/local/bin/nats-server']) {
    if (existsSync(p)) return p;
  }
  return 'nats-server';
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address();
      if (addr === null || typeof addr === 'string') return reject(new Error('no port'));
      const port = addr.port;
      s.close(() => resolve(port));
    });
  });
}

async function waitForPort(port: number, timeoutMs: number, proc: ChildProcess, logs: () => string): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (proc.exitCode !== null) throw new Error(`nats-server exited with ${proc.exitCode}: ${logs()}`);
    const ok = await new Promise<boolean>((resolve) => {
      const c = netConnect(port, '127.0.0.1');
      c.once('connect', () => {
        c.destroy();
        resolve(true);
      });
      c.once('error', () => resolve(false));
    });
    if (ok) return;
    await new Promise((r) => setTimeout(r, 25));
  }
  throw new Error(`nats-server did not listen on ${port} within ${timeoutMs} ms: ${logs()}`);
}

export async function startNatsServer(opts: NatsServerOptions = {}): Promise<NatsServerHandle> {
  const port = opts.port ?? (await freePort());
  const storeDir = mkdtempSync(join(tmpdir(), 'courtbridge-nats-'));
  let proc: ChildProcess;
  let watchdog: OrphanWatchdog | undefined;
  let out = '';
  const bin = natsServerBinary();
  const found = bin.includes('/')
    ? existsSync(bin)
    : (process.env['PATH'] ?? '').split(':').some((d) => d !== '' && existsSync(join(d, bin)));
  if (!found) {
    throw new Error(
      'nats-server is not installed. Install it with: sudo apt-get update && sudo apt-get install -y nats-server (or set NATS_SERVER_BIN, or NATS_URL to use a running server)',
    );
  }
  const launch = async (): Promise<void> => {
    out = '';
    const cluster = opts.cluster;
    const clusterArgs =
      cluster === undefined
        ? []
        : [
            '--server_name',
            cluster.serverName,
            '--cluster_name',
            cluster.name,
            '--cluster',
            `nats://127.0.0.1:${cluster.port}`,
            '--routes',
            cluster.routes.join(','),
          ];
    proc = spawn(bin, ['-a', '127.0.0.1', '-p', String(port), '-js', '-sd', storeDir, ...clusterArgs, ...(opts.extraArgs ?? [])], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    proc.on('error', (e) => (out += `\n${e.message}`));
    proc.stdout?.on('data', (d: Buffer) => (out += d.toString()));
    proc.stderr?.on('data', (d: Buffer) => (out += d.toString()));
    if (proc.pid !== undefined) watchdog = startOrphanWatchdog({ pids: [proc.pid], dirs: [storeDir] });
    await waitForPort(port, 10_000, proc, () => out.slice(-2000));
  };
  const kill = async (): Promise<void> => {
    watchdog?.stop();
    watchdog = undefined;
    if (proc.exitCode !== null || proc.signalCode !== null) return;
    const exited = new Promise<void>((r) => proc.once('exit', () => r()));
    proc.kill('SIGTERM');
    const t = setTimeout(() => proc.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(t);
  };
  await launch();
  return {
    url: `nats://127.0.0.1:${port}`,
    port,
    storeDir,
    logs: () => out,
    pid: () => (proc.exitCode === null && proc.signalCode === null ? proc.pid : undefined),
    async kill9() {
      watchdog?.stop();
      watchdog = undefined;
      if (proc.exitCode !== null || proc.signalCode !== null) return;
      const exited = new Promise<void>((r) => proc.once('exit', () => r()));
      proc.kill('SIGKILL');
      await exited;
    },
    start: () => launch(),
    async stop() {
      await kill();
      rmSync(storeDir, { recursive: true, force: true });
    },
    async restart() {
      await kill();
      await launch();
    },
  };
}
