import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { selfSignedCert } from '../../helpers/self-signed-cert.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadGatewayConfig } from '../../../src/config/gateway-config.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { toHex } from '../../../src/encoding/bytes.js';
import type { RunningGateway } from '../../../src/relay/gateway.js';
import { startGatewayNode } from '../../../src/node/gateway-node.js';
import { allianceFixture } from '../../helpers/alliance-fixture.js';
import { startNatsServer, type NatsServerHandle } from '../../helpers/nats-server.js';

function healthCheck(address: string, credentials: grpc.ChannelCredentials): Promise<{ code: number; status?: number }> {
  const client = new grpc.Client(address, credentials);
  return new Promise((resolve) => {
    client.makeUnaryRequest(
      '/grpc.health.v1.Health/Check',
      () => Buffer.alloc(0),
      (b: Buffer) => b,
      {},
      new grpc.Metadata(),
      { deadline: Date.now() + 5_000 },
      (err, res) => {
        client.close();
        // HealthCheckResponse { status = 1 } encodes as 08 01 (SERVING).
        resolve(err ? { code: err.code } : { code: 0, status: res && res.length >= 2 ? res[1]! : 0 });
      },
    );
  });
}

describe('gateway over TLS', () => {
  let dir: string;
  let nats: NatsServerHandle;
  let gw: RunningGateway;
  let cert: Buffer;

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'cb-tls-'));
    selfSignedCert(dir);
    cert = readFileSync(join(dir, 'cert.pem'));
    nats = await startNatsServer();
    const fx = allianceFixture();
    const config = loadGatewayConfig({
      overrides: {
        listen: '127.0.0.1:0',
        natsServers: [nats.url],
        genesisHash: toHex(sha256(fx.genesisBytes)),
        metricsPort: -1,
        logLevel: 'silent',
        tls: { certFile: join(dir, 'cert.pem'), keyFile: join(dir, 'key.pem') },
      },
    });
    gw = await startGatewayNode(config, { signer: fx.gateway, genesisBytes: fx.genesisBytes, queryPath: 'off' });
  }, 30_000);

  afterAll(async () => {
    await gw?.shutdown();
    await nats?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers a client that trusts its certificate', async () => {
    expect(await healthCheck(gw.address, grpc.credentials.createSsl(cert))).toEqual({ code: 0, status: 1 });
  });

  it('refuses plaintext and clients that do not trust the certificate', async () => {
    expect((await healthCheck(gw.address, grpc.credentials.createInsecure())).code).toBe(grpc.status.UNAVAILABLE);
    expect((await healthCheck(gw.address, grpc.credentials.createSsl())).code).toBe(grpc.status.UNAVAILABLE);
  });
});
