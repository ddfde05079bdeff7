/**
 * The partner path end to end, with the `courtbridge` CLI as real subprocesses on a fresh
 * alliance, the command lines exactly as the documentation shows them (partner-path-steps.ts):
 *   alliance init -> keys for admins, court, gateway -> nats-server and `gateway start` ->
 *   the partner's key and signed admission request -> admins approve with a quorum (register,
 *   admit-chain) -> the partner runs its adapter, kept in a package of its own -> `conformance`
 *   passes -> the running gateway answers a query on the new chain, without restart.
 * And the refusals on the way: a request signed by another key than the one it registers, a
 * request changed after signing, and approvals below the quorum change nothing.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { connect } from 'nats';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { announceSubject } from '../../src/bus/subjects.js';
import { cli, ROOT, type Run } from '../cli/cli-helpers.js';
import { freePort, startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';
import { spawnCli, waitForOutput, type CliChild } from './partner-package.js';
import {
  ADMIN_APPROVAL_STEPS,
  ALLIANCE_STEPS,
  PARTNER_REQUEST_STEPS,
  PARTNER_RUN_STEPS,
  shellWords,
  type PathStep,
} from './partner-path-steps.js';

let nats: NatsServerHandle;
let dir: string;
const vars: Record<string, string> = {};
const children: CliChild[] = [];
/** What every child is given besides the documented line: no metrics port (tests run side by side), quiet logs. */
const QUIET = { COURTBRIDGE_METRICS_PORT: '-1', COURTBRIDGE_LOG_LEVEL: 'warn' };

beforeAll(async () => {
  nats = await startNatsServer();
  dir = await mkdtemp(join(tmpdir(), 'courtbridge-partner-path-'));
  vars.NATS = nats.url;
  vars.GATEWAY = `127.0.0.1:${await freePort()}`;
}, 60_000);

afterAll(async () => {
  for (const c of children.reverse()) await c.stop();
  await nats?.stop();
  await rm(dir, { recursive: true, force: true });
});

/** Run a documented step in the alliance's folder: to completion, or in the background. */
async function step(s: PathStep): Promise<Run> {
  if (s.shell === true) return bash(s.line);
  const { env, argv } = shellWords(s.line, vars);
  if (s.background === true) {
    children.push(spawnCli(argv, { cwd: dir, env: { ...QUIET, ...env } }));
    return { code: 0, stdout: '', stderr: '' };
  }
  return cli(argv, { cwd: dir, env: { ...QUIET, ...env } });
}

/** A documented shell line, in bash in the alliance's folder, `$COURTBRIDGE_HOME` the checkout. */
function bash(line: string): Promise<Run> {
  return new Promise((res) =>
    execFile('bash', ['-c', line], { cwd: dir, env: { PATH: process.env.PATH ?? '', COURTBRIDGE_HOME: ROOT } }, (err, stdout, stderr) =>
      res({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : 1, stdout, stderr }),
    ),
  );
}

const find = (steps: readonly PathStep[], pattern: RegExp): PathStep => steps.find((s) => pattern.test(s.line))!;

describe('a partner joins a fresh alliance the documented way, end to end', () => {
  it('1. the alliance: keys for admins, court and gateway; alliance init pins the genesis', async () => {
    for (const s of ALLIANCE_STEPS.filter((x) => x.background !== true)) {
      const r = await step(s);
      expect(r.code, `${s.line}\n${r.stderr}`).toBe(0);
      const pinned = /--genesis-hash\): ([0-9a-f]{64})/.exec(r.stdout);
      if (pinned !== null) vars.GENESIS_HASH = pinned[1]!;
    }
    expect(vars.GENESIS_HASH).toMatch(/^[0-9a-f]{64}$/);
    // Refuses to overwrite the pinned genesis.
    const again = await step(find(ALLIANCE_STEPS, /alliance init/));
    expect(again.code).toBe(2);
    expect(again.stderr).toMatch(/已存在|exists/);
  }, 120_000);

  it('2. the gateway starts on the fresh genesis', async () => {
    await step(find(ALLIANCE_STEPS, /gateway start/));
    await waitForOutput(children.at(-1)!, /listening on/, 60_000);
  }, 90_000);

  it('3. the partner makes its key, its package outside the repository, and a signed admission request', async () => {
    for (const s of PARTNER_REQUEST_STEPS) {
      const r = await step(s);
      expect(r.code, `${s.line}\n${r.stderr}`).toBe(0);
    }
    const request = JSON.parse(await readFile(join(dir, 'request.json'), 'utf8')) as Record<string, unknown>;
    expect(request).toMatchObject({ did: 'did:alliance:licence-office', roles: ['adapter'], chains: ['licence-registry'] });
    expect(request.chain).toMatchObject({ chainId: 'licence-registry', kind: 'bft-smt', servers: ['did:alliance:licence-office'] });
  }, 120_000);

  it('4. forgeries are refused before anyone approves: another key signed it, or it was changed after signing', async () => {
    const genuine = JSON.parse(await readFile(join(dir, 'request.json'), 'utf8')) as Record<string, unknown>;
    // An impostor signs a request with its own key, then claims the partner's key in it.
    expect((await cli(['keys', 'new', '--out', 'impostor.key', '--did-alliance', 'licence-office'], { cwd: dir })).code).toBe(0);
    const impostorLine = find(PARTNER_REQUEST_STEPS, /alliance request/)
      .line.replace('--key partner.key', '--key impostor.key')
      .replace('--out request.json', '--out impostor-request.json');
    expect((await step({ line: impostorLine })).code).toBe(0);
    const impostor = JSON.parse(await readFile(join(dir, 'impostor-request.json'), 'utf8')) as Record<string, unknown>;
    await writeFile(join(dir, 'forged.json'), JSON.stringify({ ...impostor, publicKeyHex: genuine.publicKeyHex }));
    // The genuine request with a role added after the partner signed it.
    await writeFile(join(dir, 'tampered.json'), JSON.stringify({ ...genuine, roles: ['adapter', 'admin'] }));
    for (const file of ['forged.json', 'tampered.json']) {
      for (const s of ADMIN_APPROVAL_STEPS) {
        const r = await step({ line: s.line.replace('--request request.json', `--request ${file}`) });
        expect(r.code, r.stderr).not.toBe(0);
        expect(r.stderr).toContain('admission_signature_invalid');
      }
    }
    const resolved = await cli(['alliance', 'resolve', 'did:alliance:licence-office', '--as', 'court.key', '--gateway', vars.GATEWAY!], {
      cwd: dir,
    });
    expect(resolved.code, resolved.stdout).not.toBe(0);
  }, 120_000);

  it('5. approvals below the quorum are refused', async () => {
    const oneAdmin = find(ADMIN_APPROVAL_STEPS, /alliance register/).line.replace(' --admin-key admin-2.key', '');
    const r = await step({ line: oneAdmin });
    expect(r.code, r.stderr).not.toBe(0);
    expect(r.stderr).toContain('quorum_not_met');
  }, 60_000);

  it('6. admins approve with a quorum: the partner is registered and its chain admitted', async () => {
    for (const s of ADMIN_APPROVAL_STEPS) {
      const r = await step(s);
      expect(r.code, `${s.line}\n${r.stderr}`).toBe(0);
    }
    const chains = await cli(['alliance', 'chains', '--as', 'court.key', '--gateway', vars.GATEWAY!, '--json'], { cwd: dir });
    expect(chains.code, chains.stderr).toBe(0);
    expect(chains.stdout).toContain('licence-registry');
  }, 120_000);

  it('7. the partner starts its adapter from its own package: it announces itself', async () => {
    const nc = await connect({ servers: nats.url });
    try {
      const announced = new Promise<void>((res) => {
        const sub = nc.subscribe(announceSubject('licence-registry'), { max: 1, callback: () => res() });
        void sub.closed;
      });
      await step(find(PARTNER_RUN_STEPS, /adapter start/));
      const adapter = children.at(-1)!;
      // Kept timer: a watchdog on a real child (fails with 'timeout' instead of hanging).
      const first = await Promise.race([
        announced.then(() => 'announced'),
        adapter.exited.then((c) => `exited ${c}`),
        new Promise((r) => setTimeout(() => r('timeout'), 60_000)),
      ]);
      expect(first, adapter.output()).toBe('announced');
    } finally {
      await nc.close();
    }
  }, 90_000);

  it('8. the conformance kit certifies it', async () => {
    const r = await step(find(PARTNER_RUN_STEPS, /conformance/));
    const failed = r.stdout.includes('NOT CONFORMANT') || r.code !== 0;
    expect(failed, `${r.stdout}\n${r.stderr}\n--- adapter ---\n${children.at(-1)?.output() ?? ''}`).toBe(false);
    expect(r.stdout).toContain('CONFORMANT');
  }, 180_000);

  it('9. the running gateway answers a query on the new chain, without restart', async () => {
    const gateway = children[0]!;
    expect(gateway.child.exitCode).toBeNull();
    let r: Run = { code: -1, stdout: '', stderr: '' };
    // The gateway learns of the adapter by its announcements: a few tries while it first connects.
    for (let i = 0; i < 10 && r.code !== 0; i++) {
      r = await step(find(PARTNER_RUN_STEPS, /query/));
      if (r.code !== 0) await new Promise((res) => setTimeout(res, 1_000));
    }
    expect(r.code, `${r.stdout}\n${r.stderr}\n--- gateway ---\n${gateway.output().slice(-4000)}`).toBe(0);
    expect(r.stdout).toContain('FOUND');
    expect(r.stdout).toContain('11010001');
  }, 120_000);
});
