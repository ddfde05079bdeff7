/**
 * An officer's device as a real process (`node --import tsx test/helpers/mobile-device.ts <dir>`):
 * it holds the device key (`<dir>/device-key.json`) and the offline queue (`<dir>/queue.log`,
 * src/mobile/offline-queue.ts) and takes one JSON command per stdin line, answering one JSON line on
 * stdout each (after the queue's fsync):
 *   {"cmd":"capture", ...OnsiteCapture}  -> {"ok":true,"record":{...}}
 *   {"cmd":"flush","servers":["nats://..."]} -> {"ok":true,"report":{...}} (bus credentials from CB_NATS_*)
 *   {"cmd":"status"}                     -> {"ok":true,"pending":[...],"delivered":[...],"refused":[...]}
 * On start it prints {"ready":true,"did":"did:key:..."}. `spawnDevice` drives it from a test; a
 * test kills it with SIGKILL and starts it again on the same directory.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export interface DeviceProcess {
  proc: ChildProcess;
  did: string;
  send(cmd: Record<string, unknown>): Promise<Record<string, unknown>>;
  /** SIGKILL, and wait until it is gone. */
  kill9(): Promise<void>;
  stop(): Promise<void>;
}

/** Start the device process on `dir` with `env` (CB_NATS_* credentials); resolves once it is ready. */
export async function spawnDevice(dir: string, env: Record<string, string>): Promise<DeviceProcess> {
  const proc = spawn(process.execPath, ['--import', 'tsx', fileURLToPath(import.meta.url), dir], {
    cwd: process.cwd(),
    env: { PATH: process.env['PATH'] ?? '', HOME: process.env['HOME'] ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let err = '';
  proc.stderr?.on('data', (d: Buffer) => (err += d.toString()));
  const lines = createInterface({ input: proc.stdout! });
  const waiting: ((l: Record<string, unknown>) => void)[] = [];
  const early: Record<string, unknown>[] = [];
  lines.on('line', (l) => {
    const msg = JSON.parse(l) as Record<string, unknown>;
    const w = waiting.shift();
    if (w) w(msg);
    else early.push(msg);
  });
  const exited = new Promise<void>((r) => proc.once('exit', () => r()));
  const next = (): Promise<Record<string, unknown>> =>
    early.length > 0
      ? Promise.resolve(early.shift()!)
      : new Promise((resolve, reject) => {
          waiting.push(resolve);
          void exited.then(() => reject(new Error(`device process exited: ${err.slice(-2000)}`)));
        });
  const ready = await next();
  if (ready.ready !== true) throw new Error(`device process did not start: ${JSON.stringify(ready)} ${err}`);
  return {
    proc,
    did: String(ready.did),
    send(cmd) {
      const p = next();
      proc.stdin!.write(`${JSON.stringify(cmd)}\n`);
      return p;
    },
    async kill9() {
      proc.kill('SIGKILL');
      await exited;
    },
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        proc.kill('SIGTERM');
        await exited;
      }
    },
  };
}

/** The process itself (run when this file is the entry script). */
async function main(dir: string): Promise<void> {
  const { loadOrCreateDeviceKey } = await import('../../src/mobile/device-key.js');
  const { OfflineQueue } = await import('../../src/mobile/offline-queue.js');
  const { submitOnsite } = await import('../../src/mobile/intake-client.js');
  const { connectNats, natsAuthFromEnv } = await import('../../src/bus/connection.js');
  const device = await loadOrCreateDeviceKey(join(dir, 'device-key.json'));
  const queue = OfflineQueue.open(join(dir, 'queue.log'), device);
  const say = (o: object): void => void process.stdout.write(`${JSON.stringify(o)}\n`);
  say({ ready: true, did: device.did });
  const rl = createInterface({ input: process.stdin });
  for await (const line of rl) {
    const cmd = JSON.parse(line) as Record<string, unknown>;
    try {
      if (cmd.cmd === 'capture') {
        const { cmd: _c, ...capture } = cmd;
        say({ ok: true, record: queue.capture(capture as never, Date.now()) });
      } else if (cmd.cmd === 'flush') {
        let nc: Awaited<ReturnType<typeof connectNats>>;
        try {
          nc = await connectNats(
            { servers: cmd.servers as string[], name: 'officer-device', timeout: 2_000, reconnect: false },
            natsAuthFromEnv(),
          );
        } catch (e) {
          say({
            ok: true,
            report: {
              delivered: [],
              refused: [],
              pending: queue.pending().length,
              stoppedBy: (e as { reason?: string }).reason ?? 'nats_unreachable',
            },
          });
          continue;
        }
        try {
          say({ ok: true, report: await queue.flush((r) => submitOnsite(nc, 'mobile', r, 10_000)) });
        } finally {
          await nc.close();
        }
      } else if (cmd.cmd === 'status') {
        say({ ok: true, pending: queue.pending(), delivered: queue.delivered(), refused: queue.refused() });
      } else {
        say({ ok: false, error: `unknown command ${String(cmd.cmd)}` });
      }
    } catch (e) {
      say({ ok: false, error: (e as Error).message, reason: (e as { reason?: string }).reason });
    }
  }
  queue.close();
}

if (process.argv[1] === fileURLToPath(import.meta.url)) await main(process.argv[2]!);
