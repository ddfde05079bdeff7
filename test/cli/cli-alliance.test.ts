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
import type { RunningGateway } from '../../src/relay/gateway.js';
import { startGatewayNode } from '../../src/node/gateway-node.js';
import { allianceFixture, FixtureDids, type AllianceFixture } from '../helpers/alliance-fixture.js';
import { startNatsServer, type NatsServerHandle } from '../helpers/nats-server.js';
import { writeFile } from 'node:fs/promises';
import { chainEntryToJson } from '../../src/identity/chain-entry.js';
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
  const config = loadGatewayConfig({
    overrides: {
      listen: '127.0.0.1:0',
      natsServers: [nats.url],
      genesisHash: toHex(sha256(fx.genesisBytes)),
      metricsPort: 0,
      logLevel: 'silent',
    },
  });
  gw = await startGatewayNode(config, { signer: fx.gateway, genesisBytes: fx.genesisBytes, queryPath: 'off' });
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
    const r = await cli(['alliance', 'revoke', FixtureDids.agency, '--reason', 'test', '--admin-key', files.keyFile(FixtureDids.admin1)], {
      env,
    });
    expect(r.code, r.stderr).toBe(5);
    expect(r.stderr).toContain('quorum_not_met: registry update: 1 valid approvals of 2');
  }, 60_000);

  it('rotate with two admin keys adds key-2 to the court', async () => {
    const pk = toHex(publicKeyOf(sha256(utf8('courtbridge vector key 900'))));
    const r = await cli(['alliance', 'rotate', FixtureDids.court, '--new-kid', 'key-2', '--new-public-key', pk, ...admins(), '--json'], {
      env,
    });
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

// (The court's key-1 was retired by the rotation above: an admin reads the chains.)
describe('courtbridge alliance chains: admit-chain, chains, remove-chain', () => {
  const admins = (): string[] => ['--admin-key', files.keyFile(FixtureDids.admin1), '--admin-key', files.keyFile(FixtureDids.admin2)];
  const entryFile = async (): Promise<string> => {
    const path = join(dir, 'lawyer-chain.json');
    const entry = {
      chainId: 'lawyer',
      kind: 'bft-smt' as const,
      displayName: '律师执业信息 Lawyer qualifications',
      hashSuite: 'sha256' as const,
      signatureSuite: 'secp256k1' as const,
      anchor: { height: 7, headerHash: sha256(utf8('anchor header')), validatorsHash: sha256(utf8('anchor validators')) },
      servers: [FixtureDids.adapter('lawyer')],
    };
    await writeFile(path, JSON.stringify(chainEntryToJson(entry)));
    return path;
  };

  it('admit-chain with one admin approval is refused quorum_not_met (exit 5); the chain is not listed', async () => {
    const r = await cli(['alliance', 'admit-chain', '--entry', await entryFile(), '--admin-key', files.keyFile(FixtureDids.admin1)], {
      env,
    });
    expect(r.code, r.stderr).toBe(5);
    expect(r.stderr).toContain('quorum_not_met');
    const list = await cli(['alliance', 'chains', '--as', files.keyFile(FixtureDids.admin1), '--json'], { env });
    expect(list.code, list.stderr).toBe(0);
    expect((JSON.parse(list.stdout) as { chains: unknown[] }).chains).toEqual([]);
  }, 60_000);

  it('admit-chain with the quorum admits it; chains lists it zh-CN first; remove-chain removes it', async () => {
    const r = await cli(['alliance', 'admit-chain', '--entry', await entryFile(), ...admins()], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toContain('已准入链 admitted chain lawyer');
    const list = await cli(['alliance', 'chains', '--as', files.keyFile(FixtureDids.admin1)], { env });
    expect(list.code, list.stderr).toBe(0);
    expect(list.stdout).toMatch(/lawyer {2}已准入 admitted/);
    expect(list.stdout).toContain('信任锚 anchor: 高度 height 7');
    const rm = await cli(['alliance', 'remove-chain', 'lawyer', ...admins(), '--json'], { env });
    expect(rm.code, rm.stderr).toBe(0);
    const after = await cli(['alliance', 'chains', '--as', files.keyFile(FixtureDids.admin1), '--json'], { env });
    const chains = (JSON.parse(after.stdout) as { chains: Array<{ status: string; notServedReason: string }> }).chains;
    expect(chains.map((c) => [c.status, c.notServedReason])).toEqual([['CHAIN_ENTRY_STATUS_REMOVED', 'chain_removed']]);
  }, 60_000);
});
