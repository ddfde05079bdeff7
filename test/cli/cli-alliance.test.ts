/**
 * `courtbridge alliance revoke|rotate` against a real gateway (`startGateway` on a private
 * nats-server, fixture alliance): the CLI approves identity's fixed sign bytes over the registry
 * head the gateway reports (ListMembers: version, state hash, alliance id), the gateway applies
 * it, and a token of the revoked member is then refused.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { publicKeyOf } from '../../src/crypto/secp256k1.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { loadGatewayConfig } from '../../src/config/gateway-config.js';
import { startGateway, type RunningGateway } from '../../src/relay/gateway.js';
import { allianceFixture, FixtureDids, type AllianceFixture } from '../helpers/alliance-fixture.js';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';
import { cli, writeAllianceFiles } from './cli-helpers.js';

let nats: NatsServerHandle;
let gw: RunningGateway;
let fx: AllianceFixture;
let dir: string;
let files: Awaited<ReturnType<typeof writeAllianceFiles>>;
let env: Record<string, string>;

beforeAll(async () => {
  nats = await startNatsServer();
  fx = allianceFixture();
  dir = await mkdtemp(join(tmpdir(), 'courtbridge-cli-alliance-'));
  files = await writeAllianceFiles(fx, dir);
  const config = loadGatewayConfig({ overrides: { listen: '127.0.0.1:0', natsServers: [nats.url], genesisHash: toHex(sha256(fx.genesisBytes)), metricsPort: 0, logLevel: 'silent' } });
  gw = await startGateway(config, { signer: fx.gateway, genesisBytes: fx.genesisBytes, queryPath: 'off' });
  env = { COURTBRIDGE_GATEWAY: gw.address, COURTBRIDGE_GATEWAY_DID: FixtureDids.gateway };
}, 60_000);

afterAll(async () => {
  await gw?.shutdown();
  await nats?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('courtbridge alliance against a real gateway', () => {
  const admins = (): string[] => ['--admin-key', files.keyFile(FixtureDids.admin1), '--admin-key', files.keyFile(FixtureDids.admin2)];

  it('one admin approval is refused quorum_not_met with 1 valid approval (exit 5)', async () => {
    const r = await cli(['alliance', 'revoke', FixtureDids.agency, '--reason', 'test', '--admin-key', files.keyFile(FixtureDids.admin1)], { env });
    expect(r.code, r.stderr).toBe(5);
    expect(r.stderr).toContain('quorum_not_met: registry update: 1 valid approvals of 2');
  }, 60_000);

  it('rotate with two admin keys adds key-2 to the court', async () => {
    const pk = toHex(publicKeyOf(sha256(utf8('courtbridge vector key 900'))));
    const r = await cli(['alliance', 'rotate', FixtureDids.court, '--new-kid', 'key-2', '--new-public-key', pk, ...admins(), '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    const out = JSON.parse(r.stdout) as { registryVersion: number; member: { keys: { kid: string }[] } };
    expect(out.member.keys.map((k) => k.kid)).toContain('#key-2');
  }, 60_000);

  it('revoke with two admin keys revokes a member; its token is then refused (exit 5)', async () => {
    const before = await cli(['alliance', 'list', '--as', files.keyFile(FixtureDids.agency), '--json'], { env });
    expect(before.code, before.stderr).toBe(0);
    const r = await cli(['alliance', 'revoke', FixtureDids.agency, '--reason', 'key compromised', ...admins(), '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { member: { status: string } }).member.status).toBe('MEMBER_STATUS_REVOKED');
    const after = await cli(['alliance', 'list', '--as', files.keyFile(FixtureDids.agency)], { env });
    expect(after.code, after.stderr).toBe(5);
    expect(after.stderr).toMatch(/revoked/);
  }, 60_000);
});
