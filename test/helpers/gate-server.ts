/**
 * What the gate's loopback tests share: a court token for the alliance fixture's gateway, the
 * one gateway server a test starts, shut down after each test, and a plain ChainService client.
 */
import { randomBytes } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { afterEach } from 'vitest';
import { toBase64url } from '../../src/encoding/bytes.js';
import { signJwtNative } from '../../src/identity/jwt.js';
import type { GatewayServer } from '../../src/relay/host/server.js';
import { loadGatewayProto } from '../../src/wire/gateway-proto.js';
import { type AllianceFixture, FixtureDids } from './alliance-fixture.js';

/** A fresh auth token (unique jti, 5 minutes) of the fixture's court for the fixture's gateway. */
export const courtToken = (fx: AllianceFixture, nowMs = Date.now()): string =>
  signJwtNative(fx.court, { audience: FixtureDids.gateway, purpose: 'auth', nowMs, lifetimeMs: 300_000, jti: toBase64url(randomBytes(9)) });

/** Registers an afterEach that shuts down the server the test handed to `set`. */
export function serverPerTest(): { set(gw: GatewayServer): void; shutdown(): Promise<void>; forget(): void } {
  let server: GatewayServer | undefined;
  const shutdown = async (): Promise<void> => {
    await server?.shutdown(100);
    server = undefined;
  };
  afterEach(shutdown);
  return {
    set: (gw) => {
      server = gw;
    },
    shutdown,
    /** The test shut its server down itself. */
    forget: () => {
      server = undefined;
    },
  };
}

type UnaryCall = (r: object, md: grpc.Metadata, o: grpc.CallOptions, cb: (e: grpc.ServiceError | null) => void) => void;

/** A generic ChainService client on `address` (insecure loopback); the caller closes it. */
export function chainServiceClient(address: string): Record<string, UnaryCall> & grpc.Client {
  const Ctor = grpc.makeGenericClientConstructor(loadGatewayProto().services.ChainService, 'ChainService');
  return new Ctor(address, grpc.credentials.createInsecure()) as unknown as Record<string, UnaryCall> & grpc.Client;
}
