/**
 * The CLI against a real gateway (`startGateway` on a private nats-server, fixture alliance)
 * with no gateway DID configured: the CLI learns the token audience from the gateway's
 * UNAUTHENTICATED refusal (`courtbridge-audience` trailer), a member's key is then served, and
 * a self-made did:key is refused `not_a_member` (exit 5).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { loadGatewayConfig } from '../../src/config/gateway-config.js';
import { sha256 } from '../../src/crypto/hash.js';
import { toHex } from '../../src/encoding/bytes.js';
import type { RunningGateway } from '../../src/relay/gateway.js';
import { startGatewayNode } from '../../src/node/gateway-node.js';
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
  dir = await mkdtemp(join(tmpdir(), 'courtbridge-cli-membership-'));
  files = await writeAllianceFiles(fx, dir);
  const config = loadGatewayConfig({
    overrides: {
      listen: '127.0.0.1:0',
      natsServers: [nats.url],
      genesisHash: toHex(sha256(fx.genesisBytes)),
      metricsPort: -1,
      logLevel: 'silent',
    },
  });
  gw = await startGatewayNode(config, { signer: fx.gateway, genesisBytes: fx.genesisBytes, queryPath: 'off' });
  // No COURTBRIDGE_GATEWAY_DID: the audience is asked of the gateway.
  env = { COURTBRIDGE_GATEWAY: gw.address };
}, 60_000);

afterAll(async () => {
  await gw?.shutdown();
  await nats?.stop();
  await rm(dir, { recursive: true, force: true });
});

describe('courtbridge CLI and membership at a real gateway', () => {
  it('token without --aud learns the gateway DID from its refusal of a tokenless call', async () => {
    const r = await cli(['token', '--as', files.keyFile(FixtureDids.court), '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect(JSON.parse(r.stdout)).toMatchObject({ audience: FixtureDids.gateway, issuer: FixtureDids.court });
  }, 60_000);

  it("a member's key is served", async () => {
    const r = await cli(['alliance', 'list', '--as', files.keyFile(FixtureDids.agency), '--json'], { env });
    expect(r.code, r.stderr).toBe(0);
    expect((JSON.parse(r.stdout) as { members: unknown[] }).members.length).toBe(fx.genesis.members.length);
  }, 60_000);

  it('a self-made did:key is refused PERMISSION_DENIED not_a_member (exit 5)', async () => {
    const throwaway = join(dir, 'throwaway.key');
    expect((await cli(['keys', 'new', '--out', throwaway])).code).toBe(0);
    const r = await cli(['alliance', 'list', '--as', throwaway], { env });
    expect(r.code, r.stderr).toBe(5);
    expect(r.stderr).toMatch(/not_a_member/);
    expect(r.stderr).toMatch(/PERMISSION_DENIED/);
  }, 60_000);
});
