import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectNats } from '../../src/bus/connection.js';
import { registryUpdateToJson } from '../../src/identity/registry-update.js';
import { allianceFixture, FixtureDids } from '../helpers/alliance-fixture.js';
import { freePort, startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';
import { eventually } from '../helpers/eventually.js';
import { revokeMemberUpdate } from '../helpers/registry-stream.js';
import { selfSignedCert } from '../helpers/self-signed-cert.js';
import { cli, writeAllianceFiles } from './cli-helpers.js';

const fx = allianceFixture({ chains: ['judicial', 'ip', 'credit'] });

interface Report {
  configFile: string;
  participants: { user: string; kind: string; did?: string; nkey: string; seedFile: string }[];
  created: string[];
  kept: string[];
  removed: string[];
}

describe('courtbridge nats-config', () => {
  let dir: string;
  let files: Awaited<ReturnType<typeof writeAllianceFiles>>;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cb-cli-natscfg-'));
    files = await writeAllianceFiles(fx, dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const run = async (extra: string[]): Promise<Report> => {
    const r = await cli([
      'nats-config',
      '--genesis',
      files.genesis,
      '--genesis-hash',
      files.genesisHash,
      '--out',
      join(dir, 'nats'),
      '--json',
      ...extra,
    ]);
    expect(r.code, r.stderr).toBe(0);
    return JSON.parse(r.stdout) as Report;
  };

  it('writes the config and one 0600 seed per participant; a re-run keeps every seed; a revoked member loses its user', async () => {
    const first = await run([]);
    expect(first.participants.map((p) => p.user)).toContain('adapter-ip-adapter');
    expect(first.created.length).toBe(first.participants.length);
    for (const p of first.participants) {
      expect(statSync(p.seedFile).mode & 0o777, p.seedFile).toBe(0o600);
      expect(readFileSync(p.seedFile, 'utf8')).toMatch(/^SU[A-Z2-7]+\n$/);
    }
    expect(statSync(first.configFile).mode & 0o777).toBe(0o600);
    const conf = readFileSync(first.configFile, 'utf8');
    for (const p of first.participants) expect(conf).toContain(`nkey: "${p.nkey}"`);
    expect(conf).toContain('allow_responses: true');
    expect(conf).not.toMatch(/tls \{|cluster \{/);

    const again = await run([]);
    expect(again.created).toEqual([]);
    expect(again.participants.map((p) => [p.user, p.nkey])).toEqual(first.participants.map((p) => [p.user, p.nkey]));

    // The registry revokes the ip adapter: its user and its seed go, every other nkey stays.
    const revoke = revokeMemberUpdate(fx, fx.state, FixtureDids.adapter('ip'));
    const updates = join(dir, 'updates.jsonl');
    writeFileSync(updates, `${JSON.stringify(registryUpdateToJson(revoke.update))}\n`);
    const after = await run(['--updates', updates]);
    expect(after.removed).toEqual(['adapter-ip-adapter']);
    const gone = first.participants.find((p) => p.user === 'adapter-ip-adapter')!;
    expect(existsSync(gone.seedFile)).toBe(false);
    expect(readFileSync(after.configFile, 'utf8')).not.toContain(gone.nkey);
    expect(after.participants.map((p) => [p.user, p.nkey])).toEqual(
      first.participants.filter((p) => p.user !== 'adapter-ip-adapter').map((p) => [p.user, p.nkey]),
    );
  });

  it('prints zh-CN first, then English, naming every seed file and how to start the server', async () => {
    const r = await cli(['nats-config', '--genesis', files.genesis, '--genesis-hash', files.genesisHash, '--out', join(dir, 'nats-text')]);
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('已写入 NATS 服务器配置 nats-server config written');
    expect(r.stdout).toContain(`nats-server -c ${join(dir, 'nats-text', 'nats-server.conf')}`);
    expect(r.stdout).toContain(join(dir, 'nats-text', 'gateway-gateway-1.nk'));
  });

  it('the CLI on the secured bus: refused without a seed (exit 5, nats_auth_failed, naming what to give), served with --nats-nkey', async () => {
    const report = await run([]);
    const nats = await startNatsServer({ extraArgs: ['-c', report.configFile] });
    try {
      const base = ['trust', 'export', '--out', join(dir, 'trust.json'), '--genesis', files.genesis, '--genesis-hash', files.genesisHash];
      const anon = await cli([...base, '--nats', nats.url]);
      expect(anon.code).toBe(5);
      expect(anon.stderr).toContain('nats_auth_failed');
      expect(anon.stderr).toContain('--nats-nkey');
      const op = report.participants.find((p) => p.user === 'operator')!.seedFile;
      const authed = await cli([...base, '--nats', nats.url, '--nats-nkey', op]);
      // Past authentication: this server has simply never seen a gateway (no registry stream yet).
      expect(authed.stderr).not.toContain('nats_auth_failed');
      expect(authed.stderr).toContain('CB_REGISTRY');
    } finally {
      await nats.stop();
    }
  });

  it('refuses TLS half given and a cluster without a server name', async () => {
    const base = ['nats-config', '--genesis', files.genesis, '--genesis-hash', files.genesisHash, '--out', join(dir, 'bad')];
    const half = await cli([...base, '--tls-cert', 'x.pem']);
    expect(half.code).not.toBe(0);
    expect(half.stderr).toContain('--tls-cert and --tls-key go together');
    const noName = await cli([...base, '--cluster-name', 'cb', '--routes', 'nats://n2:6222']);
    expect(noName.code).not.toBe(0);
    expect(noName.stderr).toContain('--server-name');
  });

  it('with --tls-cert/--tls-key a real nats-server serves TLS: a client with the CA connects, one without is refused', async () => {
    const certDir = join(dir, 'pki');
    selfSignedCert(certDir);
    const report = await run(['--tls-cert', join(certDir, 'cert.pem'), '--tls-key', join(certDir, 'key.pem')]);
    expect(readFileSync(report.configFile, 'utf8')).toContain('tls {');
    const nats = await startNatsServer({ extraArgs: ['-c', report.configFile] });
    try {
      const seed = report.participants.find((p) => p.user === 'gateway-gateway-1')!.seedFile;
      const nc = await connectNats(
        { servers: nats.url, name: 'tls-ok', timeout: 5_000 },
        { nkeySeedFile: seed, caFile: join(certDir, 'cert.pem') },
      );
      expect(nc.info?.tls_required).toBe(true);
      await nc.close();
      const refused = await connectNats({ servers: nats.url, name: 'tls-no-ca', timeout: 5_000 }, { nkeySeedFile: seed }).catch(
        (e: unknown) => e,
      );
      expect(refused).toMatchObject({ reason: 'nats_tls_failed' });
      expect((refused as Error).message).toContain('CB_NATS_CA_FILE');
    } finally {
      await nats.stop();
    }
  });

  it('a 3-node cluster runs the configs it writes (--server-name, --cluster-*, --routes): an R3 stream forms, anonymous refused', async () => {
    const ports = await Promise.all([0, 1, 2].map(() => freePort()));
    const routePorts = await Promise.all([0, 1, 2].map(() => freePort()));
    const nodes: NatsServerHandle[] = [];
    try {
      let seeds: Report | undefined;
      for (const i of [0, 1, 2]) {
        const routes = routePorts.filter((_, j) => j !== i).map((p) => `nats://127.0.0.1:${p}`);
        // One seeds directory for the whole cluster (the same users everywhere), one config per node.
        seeds = await run([
          '--config-file',
          join(dir, `n${i + 1}.conf`),
          '--server-name',
          `n${i + 1}`,
          '--cluster-name',
          'cb',
          '--cluster-listen',
          `127.0.0.1:${routePorts[i]}`,
          '--routes',
          routes.join(','),
        ]);
        expect(readFileSync(join(dir, `n${i + 1}.conf`), 'utf8')).toContain('cluster {');
      }
      for (const i of [0, 1, 2]) nodes.push(await startNatsServer({ port: ports[i]!, extraArgs: ['-c', join(dir, `n${i + 1}.conf`)] }));
      const urls = nodes.map((n) => n.url);
      await expect(connectNats({ servers: urls, name: 'anon', timeout: 3_000 }, undefined)).rejects.toMatchObject({
        reason: 'nats_auth_failed',
      });
      const op = await connectNats(
        { servers: urls, name: 'op', timeout: 5_000 },
        { nkeySeedFile: seeds!.participants.find((p) => p.user === 'operator')!.seedFile },
      );
      try {
        const info = await eventually(
          async () => (await op.jetstreamManager()).streams.add({ name: 'CB_R3_CHECK', subjects: ['cb.v1.r3check'], num_replicas: 3 }),
          {
            timeoutMs: 30_000,
          },
        );
        expect(info.cluster?.replicas?.length).toBe(2);
      } finally {
        await op.close();
      }
    } finally {
      for (const n of nodes) await n.stop();
    }
  }, 90_000);
});
