/**
 * The gateway server over real loopback gRPC: reflection (through grpc-reflection-js, a real
 * reflection client), health checking, only the services given handlers registered (grpc-js
 * answers UNIMPLEMENTED for the others and for a registered service's missing methods), provided
 * handlers, and the life cycle.
 */
import * as grpc from '@grpc/grpc-js';
import { service as healthServiceDefinition } from 'grpc-health-check';
import { Client as ReflectionClient } from 'grpc-reflection-js';
import protobuf from 'protobufjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

import { CourtbridgeError } from '../../src/errors.js';
import { HEALTH_SERVICE, loadGatewayProto, serviceNamesIn } from '../../src/wire/gateway-proto.js';
import { createGatewayServer, type GatewayServer } from '../../src/relay/host/server.js';
import { COURTBRIDGE_SERVICES, fullServiceName } from '../../src/relay/host/services.js';

interface StatusError extends Error {
  code: number;
  details: string;
}

type UnaryMethod = (request: object, callback: (error: StatusError | null, response?: Record<string, unknown>) => void) => void;
type StreamMethod = (request: object) => grpc.ClientReadableStream<unknown>;

function clientFor(service: string, address: string): grpc.Client & Record<string, UnaryMethod & StreamMethod> {
  const definition = loadGatewayProto().services[service as (typeof COURTBRIDGE_SERVICES)[number]];
  const Ctor = grpc.makeGenericClientConstructor(definition, service);
  return new Ctor(address, grpc.credentials.createInsecure()) as unknown as grpc.Client & Record<string, UnaryMethod & StreamMethod>;
}

function unary(method: UnaryMethod, client: grpc.Client, request: object): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    method.call(client, request, (error, response) => (error === null ? resolve(response ?? {}) : reject(error)));
  });
}

describe('gateway gRPC server', () => {
  let gateway: GatewayServer;
  let address: string;
  const clients: grpc.Client[] = [];

  beforeAll(async () => {
    gateway = createGatewayServer({
      handlers: {
        ChainService: {
          ListChains: (_call, callback) =>
            callback(null, {
              chains: [{ chainId: 'credit', kind: 'CHAIN_KIND_CREDIT', recordTypes: ['credit.dishonest_debtor'] }],
            }),
        },
      },
    });
    const { port } = await gateway.start('127.0.0.1:0');
    expect(port).toBeGreaterThan(0);
    address = `127.0.0.1:${port}`;
  });

  afterAll(async () => {
    for (const c of clients) c.close();
    expect(await gateway.shutdown(2_000)).toBe('drained');
  });

  it('lists in services.ts exactly the services the protos define', () => {
    const inProto = serviceNamesIn(loadGatewayProto().definition).filter((n) => n.startsWith('courtbridge.v1.'));
    expect(inProto).toEqual(COURTBRIDGE_SERVICES.map(fullServiceName).sort());
  });

  it('reflection lists the served courtbridge.v1 services and no other, health and reflection', async () => {
    const reflection = new ReflectionClient(address, grpc.credentials.createInsecure());
    clients.push(reflection.grpcClient as unknown as grpc.Client);
    const listed = await reflection.listServices();
    expect(gateway.services).toEqual(['ChainService']);
    for (const name of COURTBRIDGE_SERVICES) {
      if (name === 'ChainService') expect(listed).toContain(fullServiceName(name));
      else expect(listed).not.toContain(fullServiceName(name));
    }
    expect(listed).toContain(HEALTH_SERVICE);
    expect(listed).toContain('grpc.reflection.v1alpha.ServerReflection');
  });

  it('reflection describes a method and its request type with the field names of the .proto', async () => {
    const reflection = new ReflectionClient(address, grpc.credentials.createInsecure());
    clients.push(reflection.grpcClient as unknown as grpc.Client);
    const root = await reflection.fileContainingSymbol('courtbridge.v1.QueryService');
    const service = root.lookupService('courtbridge.v1.QueryService');
    expect(Object.keys(service.methods).sort()).toEqual(['Query', 'QueryBatch']);
    const query = service.methods['Query'];
    expect(query?.requestType).toMatch(/QueryRecordRequest$/);
    expect(query?.responseType).toMatch(/QueryRecordResponse$/);
    const request = root.lookupType('courtbridge.v1.QueryRecordRequest');
    expect(request.fields['max_staleness_ms']?.id).toBe(2);
    expect(request.fields['max_staleness_ms']?.type).toBe('uint64');
    const height = root.lookupType('courtbridge.v1.QueryHeight');
    expect(height.oneofs['height']?.fieldsArray.map((f) => f.name).sort()).toEqual(['at', 'latest']);
    // The streaming method of another file resolves with its imports.
    const watchRoot = await reflection.fileContainingSymbol('courtbridge.v1.WatchService');
    expect(watchRoot.lookupService('courtbridge.v1.WatchService').methods['WatchHeaders']?.responseStream).toBe(true);
    expect(watchRoot.lookupType('courtbridge.v1.ActionEvent')).toBeInstanceOf(protobuf.Type);
  });

  it('health Check answers SERVING overall and per service, NOT_FOUND for an unknown service', async () => {
    const Health = grpc.makeGenericClientConstructor(healthServiceDefinition, 'Health');
    const health = new Health(address, grpc.credentials.createInsecure()) as unknown as grpc.Client & Record<string, UnaryMethod>;
    clients.push(health);
    const check = (service: string) => unary(health['Check'] as UnaryMethod, health, { service });
    expect((await check('')).status).toBe('SERVING');
    expect((await check(fullServiceName('ChainService'))).status).toBe('SERVING');
    await expect(check('courtbridge.v1.NoSuchService')).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });
    // A service not served here is as unknown to health as to reflection.
    await expect(check(fullServiceName('MediationService'))).rejects.toMatchObject({ code: grpc.status.NOT_FOUND });

    gateway.setHealth('ChainService', 'NOT_SERVING');
    expect((await check('courtbridge.v1.ChainService')).status).toBe('NOT_SERVING');
    gateway.setHealth('ChainService', 'SERVING');
    expect((await check('courtbridge.v1.ChainService')).status).toBe('SERVING');
  });

  it('a provided handler answers', async () => {
    const chain = clientFor('ChainService', address);
    clients.push(chain);
    const response = await unary(chain['ListChains'] as UnaryMethod, chain, {});
    expect(response).toMatchObject({
      chains: [{ chainId: 'credit', kind: 'CHAIN_KIND_CREDIT', recordTypes: ['credit.dishonest_debtor'] }],
    });
  });

  it('a method of a service not served answers UNIMPLEMENTED (grpc-js) naming the method', async () => {
    const query = clientFor('QueryService', address);
    clients.push(query);
    const call = unary(query['Query'] as UnaryMethod, query, { query: { chainId: 'credit', key: 'k', height: { latest: {} } } });
    await expect(call).rejects.toMatchObject({
      code: grpc.status.UNIMPLEMENTED,
      details: expect.stringContaining('/courtbridge.v1.QueryService/Query'),
    });
    // The other method of a half-served service (ChainService) too.
    const chain = clientFor('ChainService', address);
    clients.push(chain);
    await expect(unary(chain['GetChainStatus'] as UnaryMethod, chain, { chainId: 'credit' })).rejects.toMatchObject({
      code: grpc.status.UNIMPLEMENTED,
      details: expect.stringContaining('GetChainStatus'),
    });
  });

  it('a streaming method not served ends the stream with UNIMPLEMENTED', async () => {
    const watch = clientFor('WatchService', address);
    clients.push(watch);
    const stream = (watch['WatchHeaders'] as StreamMethod).call(watch, { chainId: 'credit', fromHeight: 1 });
    const error = await new Promise<StatusError>((resolve, reject) => {
      stream.on('data', () => reject(new Error('no data expected')));
      stream.on('error', (e: StatusError) => resolve(e));
    });
    expect(error.code).toBe(grpc.status.UNIMPLEMENTED);
    expect(error.details).toContain('/courtbridge.v1.WatchService/WatchHeaders');
  });

  it('refuses a handler for a method the proto lacks, and a second start', async () => {
    expect(() => createGatewayServer({ handlers: { QueryService: { Querry: () => undefined } as never } })).toThrow(
      expect.objectContaining({ code: 'INVALID_ARGUMENT', reason: 'unknown_handler' }),
    );
    await expect(gateway.start('127.0.0.1:0')).rejects.toMatchObject({ reason: 'already_started' });
    expect(gateway.state()).toBe('serving');
  });
});

describe('gateway server life cycle', () => {
  it('nothing listens before start; after shutdown calls fail UNAVAILABLE', async () => {
    const gateway = createGatewayServer();
    expect(gateway.state()).toBe('created');
    const { port } = await gateway.start('127.0.0.1:0');
    const query = clientFor('QueryService', `127.0.0.1:${port}`);
    await expect(unary(query['Query'] as UnaryMethod, query, {})).rejects.toMatchObject({ code: grpc.status.UNIMPLEMENTED });
    expect(await gateway.shutdown(1_000)).toBe('drained');
    expect(gateway.state()).toBe('stopped');
    expect(await gateway.shutdown(1_000)).toBe('drained');
    const fresh = clientFor('QueryService', `127.0.0.1:${port}`);
    await expect(unary(fresh['Query'] as UnaryMethod, fresh, {})).rejects.toMatchObject({ code: grpc.status.UNAVAILABLE });
    query.close();
    fresh.close();
  });

  it('shutdown cancels a call that outlives the grace period', async () => {
    let started!: () => void;
    const handlerStarted = new Promise<void>((r) => (started = r));
    const gateway = createGatewayServer({
      handlers: {
        WatchService: {
          // Never ends by itself: a follower stream the grace period cannot drain.
          WatchHeaders: () => started(),
        },
      },
    });
    const { port } = await gateway.start('127.0.0.1:0');
    const watch = clientFor('WatchService', `127.0.0.1:${port}`);
    const stream = (watch['WatchHeaders'] as StreamMethod).call(watch, { chainId: 'credit' });
    const ended = new Promise<StatusError>((resolve) => stream.on('error', (e: StatusError) => resolve(e)));
    await handlerStarted;
    expect(await gateway.shutdown(200)).toBe('forced');
    expect((await ended).code).toBe(grpc.status.CANCELLED);
    watch.close();
  });

  it('a bind failure is UNAVAILABLE bind_failed', async () => {
    const first = createGatewayServer();
    const { port } = await first.start('127.0.0.1:0');
    const second = createGatewayServer();
    const error = await second.start(`127.0.0.1:${port}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(CourtbridgeError);
    expect(error).toMatchObject({ code: 'UNAVAILABLE', reason: 'bind_failed' });
    await first.shutdown(1_000);
    await second.shutdown(100);
  });
});
