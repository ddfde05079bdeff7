/**
 * The typed grpc-js client of the gateway (the CLI, the demo and the workflows' network ports use
 * it), built from the same package definition the server uses (src/wire/gateway-proto.ts), with
 * the generated client interfaces (src/generated). Calls carry a deadline and, when given,
 * `authorization: Bearer <jwt>`: a fixed token, or one made per call (court-bearer.ts).
 * A failed call rejects with the grpc-js ServiceError; gateway-error.ts names its reason.
 */
import * as grpc from '@grpc/grpc-js';
import type { ActionServiceClient } from '../generated/courtbridge/v1/ActionService.js';
import type { AllianceServiceClient } from '../generated/courtbridge/v1/AllianceService.js';
import type { ChainServiceClient } from '../generated/courtbridge/v1/ChainService.js';
import type { EvidenceServiceClient } from '../generated/courtbridge/v1/EvidenceService.js';
import type { InvestigationServiceClient } from '../generated/courtbridge/v1/InvestigationService.js';
import type { MediationServiceClient } from '../generated/courtbridge/v1/MediationService.js';
import type { QueryServiceClient } from '../generated/courtbridge/v1/QueryService.js';
import type { VerificationServiceClient } from '../generated/courtbridge/v1/VerificationService.js';
import { loadGatewayProto } from '../wire/gateway-proto.js';
import { fullServiceName, type CourtbridgeServiceName } from '../wire/service-names.js';

/** The clients of the gateway's services, by service. */
export interface GatewayClients {
  ChainService: ChainServiceClient;
  QueryService: QueryServiceClient;
  InvestigationService: InvestigationServiceClient;
  VerificationService: VerificationServiceClient;
  ActionService: ActionServiceClient;
  EvidenceService: EvidenceServiceClient;
  AllianceService: AllianceServiceClient;
  MediationService: MediationServiceClient;
}
type ClientName = keyof GatewayClients;

/** A unary method as grpc-js exposes it (request, metadata, options, callback). */
type UnaryMethod<Req, Res> = (
  request: Req,
  metadata: grpc.Metadata,
  options: grpc.CallOptions,
  callback: (error: grpc.ServiceError | null, response?: Res) => void,
) => grpc.ClientUnaryCall;

/**
 * The last overload of a generated unary method, `(argument, callback)`: conditional types infer
 * from the last overload, so request and response types are read from this one.
 */
type LastOverload<Req, Res> = (argument: Req, callback: grpc.requestCallback<Res>) => grpc.ClientUnaryCall;

export interface GatewayConnection {
  readonly address: string;
  /** A client of one service (created once, sharing one channel). */
  client<S extends ClientName>(service: S): GatewayClients[S];
  /**
   * One unary call with the connection's deadline and bearer token.
   * @example await conn.unary(conn.client('ChainService'), 'listChains', {})
   */
  unary<C extends grpc.Client, M extends keyof C & string>(
    client: C,
    method: M,
    request: C[M] extends LastOverload<infer Req, infer _Res> ? Req : never,
  ): Promise<C[M] extends LastOverload<infer _Req, infer Res> ? Res : never>;
  /** Use this bearer token (or token maker) from now on. */
  setBearer(token: Bearer | undefined): void;
  close(): void;
}

/** A bearer token, or a function making one for each call (a short-lived token per call). */
export type Bearer = string | (() => string);

export interface GatewayConnectionOptions {
  address: string;
  timeoutMs: number;
  bearer?: Bearer;
  credentials?: grpc.ChannelCredentials;
}

/** Open a (lazy) connection to the gateway: nothing is sent until the first call. */
export function connectGateway(options: GatewayConnectionOptions): GatewayConnection {
  const proto = loadGatewayProto();
  const pkg = grpc.loadPackageDefinition(proto.definition);
  const v1 = (pkg.courtbridge as grpc.GrpcObject).v1 as grpc.GrpcObject;
  const credentials = options.credentials ?? grpc.credentials.createInsecure();
  const clients = new Map<ClientName, grpc.Client>();
  let shared: grpc.Channel | undefined;
  let bearer = options.bearer;
  const make = <S extends ClientName>(service: S): GatewayClients[S] => {
    const existing = clients.get(service);
    if (existing !== undefined) return existing as GatewayClients[S];
    const ctor = v1[service as CourtbridgeServiceName] as grpc.ServiceClientConstructor | undefined;
    if (ctor === undefined) throw new Error(`${fullServiceName(service)} is missing from the proto`);
    const c =
      shared === undefined ? new ctor(options.address, credentials) : new ctor(options.address, credentials, { channelOverride: shared });
    shared ??= c.getChannel() as grpc.Channel;
    clients.set(service, c);
    return c as unknown as GatewayClients[S];
  };
  return {
    address: options.address,
    client: make,
    setBearer: (token) => {
      bearer = token;
    },
    unary(client, method, request) {
      const metadata = new grpc.Metadata();
      if (bearer !== undefined) metadata.set('authorization', `Bearer ${typeof bearer === 'string' ? bearer : bearer()}`);
      const fn = (client as unknown as Record<string, UnaryMethod<unknown, unknown>>)[method]!.bind(client);
      return new Promise((resolve, reject) => {
        fn(request, metadata, { deadline: Date.now() + options.timeoutMs }, (error, response) => {
          if (error !== null) reject(error);
          else resolve(response as never);
        });
      });
    },
    close() {
      for (const c of clients.values()) c.close();
      clients.clear();
    },
  };
}
