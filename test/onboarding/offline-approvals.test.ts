/**
 * Admins whose keys are on different machines approve a partner's admission without meeting:
 * `alliance prepare` writes the update over the registry head of a real gateway (fixture alliance,
 * private nats-server), each admin `alliance approve`s the file offline, `alliance submit` sends it.
 * One approval is below the quorum and refused; a request changed in the file is refused on every
 * admin's machine; a file prepared on a registry that has moved on is refused.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../../src/config/gateway-config.js';
import { startGatewayNode } from '../../src/node/gateway-node.js';
import type { RunningGateway } from '../../src/relay/gateway.js';
import { allianceFixture, FixtureDids } from '../helpers/alliance-fixture.js';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';
import { cli, writeAllianceFiles } from '../cli/cli-helpers.js';

let nats: NatsServerHandle;
let gw: RunningGateway;
let dir: string;
let files: Awaited<ReturnType<typeof writeAllianceFiles>>;
let env: Record<string, string>;

beforeAll(async () => {
  nats = await startNatsServer();
  const fx = allianceFixture();
  dir = await mkdtemp(join(tmpdir(), 'courtbridge-offline-approvals-'));
  files = await writeAllianceFiles(fx, dir);
  const config = loadGatewayConfig({
    overrides: { listen: '127.0.0.1:0', natsServers: [nats.url], genesisHash: files.genesisHash, metricsPort: -1, logLevel: 'silent' },
  });
  gw = await startGatewayNode(config, { signer: fx.gateway, genesisBytes: fx.genesisBytes, queryPath: 'off' });
  env = { COURTBRIDGE_GATEWAY: gw.address };
  const made = await cli(['keys', 'new', '--out', 'partner.key', '--did-alliance', 'licence-office'], { cwd: dir });
  expect(made.code, made.stderr).toBe(0);
  const req = await cli(
    [
      'alliance',
      'request',
      '--key',
      'partner.key',
      '--genesis',
      files.genesis,
      '--genesis-hash',
      files.genesisHash,
      '--org',
      'Licence Office',
      '--role',
      'adapter',
      '--chain',
      'licence-registry',
      '--chain-data-dir',
      'chain-data',
      '--out',
      'request.json',
    ],
    { cwd: dir },
  );
  expect(req.code, req.stderr).toBe(0);
}, 60_000);

afterAll(async () => {
  await gw?.shutdown();
  await nats?.stop();
  await rm(dir, { recursive: true, force: true });
});

const admin1 = () => files.keyFile(FixtureDids.admin1);
const admin2 = () => files.keyFile(FixtureDids.admin2);
const member = () => files.keyFile(FixtureDids.court);

describe('approvals from admins on different machines', () => {
  it('prepare, approve offline one by one, submit: below the quorum refused, at the quorum registered', async () => {
    const prepared = await cli(
      ['alliance', 'prepare', 'register', '--request', 'request.json', '--out', 'pending.json', '--as', member()],
      {
        cwd: dir,
        env,
      },
    );
    expect(prepared.code, prepared.stderr).toBe(0);
    expect(prepared.stdout).toMatch(/^已准备待批准的更新 prepared the register/);

    // The first admin, offline (no gateway address given).
    const one = await cli(['alliance', 'approve', 'pending.json', '--admin-key', admin1()], { cwd: dir });
    expect(one.code, one.stderr).toBe(0);
    expect(one.stdout).toContain('注册成员 register did:alliance:licence-office (Licence Office) as adapter for licence-registry');
    const early = await cli(['alliance', 'submit', 'pending.json', '--as', member()], { cwd: dir, env });
    expect(early.code, early.stderr).not.toBe(0);
    expect(early.stderr).toContain('quorum_not_met');

    // Approving twice counts once.
    expect((await cli(['alliance', 'approve', 'pending.json', '--admin-key', admin1()], { cwd: dir })).code).toBe(0);
    const two = await cli(['alliance', 'approve', 'pending.json', '--admin-key', admin2(), '--json'], { cwd: dir });
    expect(two.code, two.stderr).toBe(0);
    expect(JSON.parse(two.stdout)).toMatchObject({ adminDid: FixtureDids.admin2, approvals: 2 });
    const sent = await cli(['alliance', 'submit', 'pending.json', '--as', member()], { cwd: dir, env });
    expect(sent.code, sent.stderr).toBe(0);
    expect(sent.stdout).toContain('registered did:alliance:licence-office');
  }, 120_000);

  it('a request changed in the pending file is refused on the admin machine; a stale file is refused at submit', async () => {
    const prepared = await cli(
      ['alliance', 'prepare', 'admit-chain', '--request', 'request.json', '--out', 'chain.json', '--as', member()],
      {
        cwd: dir,
        env,
      },
    );
    expect(prepared.code, prepared.stderr).toBe(0);
    const pending = JSON.parse(await readFile(join(dir, 'chain.json'), 'utf8')) as { request: { chain: { servers: string[] } } };
    pending.request.chain.servers = ['did:alliance:someone-else'];
    await writeFile(join(dir, 'tampered.json'), JSON.stringify(pending));
    const refused = await cli(['alliance', 'approve', 'tampered.json', '--admin-key', admin1()], { cwd: dir });
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('admission_signature_invalid');

    for (const k of [admin1(), admin2()])
      expect((await cli(['alliance', 'approve', 'chain.json', '--admin-key', k], { cwd: dir })).code).toBe(0);
    // The registry moves on before it is sent (another update, approved in one go).
    const moved = await cli(
      ['alliance', 'revoke', FixtureDids.agency, '--reason', 'test', '--admin-key', admin1(), '--admin-key', admin2()],
      { cwd: dir, env },
    );
    expect(moved.code, moved.stderr).toBe(0);
    const stale = await cli(['alliance', 'submit', 'chain.json', '--as', member()], { cwd: dir, env });
    expect(stale.code).not.toBe(0);
    expect(stale.stderr).toContain('registry_version_mismatch');
  }, 120_000);
});
