/**
 * A court's client of the gateway's gRPC API, as the judicial smart contracts use it: bearer
 * tokens signed by the court's DID (purpose `auth`, audience the gateway's DID), unary calls with
 * a deadline, failures turned back into `CourtbridgeError`s with the gateway's named reason.
 * Wire ProofBundles become `ProvenRecord`s (src/verify/bundle-convert.ts) for the contracts.
 */
import { randomBytes } from 'node:crypto';
import * as grpc from '@grpc/grpc-js';
import { toBase64url } from '../../encoding/bytes.js';
import { CourtbridgeError, ErrorCode, foreignReason } from '../../errors.js';
import { signJwtNative } from '../../identity/jwt.js';
import type { Signer } from '../../identity/signer.js';
import { REASON_TRAILER } from '../../relay/host/grpc-status.js';
import { loadGatewayProto } from '../../relay/proto.js';
import { proofFromWire, signedHeaderFromWire, validatorSetFromWire } from '../../verify/bundle-convert.js';
import type { MessageOutput } from '../../wire/messages.js';
import type { ProvenRecord } from '../ports.js';

export interface GatewayClientOptions {
  /** `host:port` of a gateway. */
  address: string;
  /** The gateway's DID (the token's audience). */
  gatewayDid: string;
  /** Who calls: the court's DID key. */
  caller: Signer;
  now: () => number;
  /** Per call; 15 s unless told. */
  timeoutMs?: number;
  credentials?: grpc.ChannelCredentials;
}

/** A courtbridge service name. */
export type GatewayServiceName = keyof ReturnType<typeof loadGatewayProto>['services'];

type Unary = (req: object, md: grpc.Metadata, opts: grpc.CallOptions, cb: (e: grpc.ServiceError | null, r?: Record<string, unknown>) => void) => void;

const GRPC_TO_CODE: Record<number, (typeof ErrorCode)[keyof typeof ErrorCode]> = {
  [grpc.status.INVALID_ARGUMENT]: ErrorCode.InvalidArgument,
  [grpc.status.UNAUTHENTICATED]: ErrorCode.Unauthenticated,
  [grpc.status.PERMISSION_DENIED]: ErrorCode.PermissionDenied,
  [grpc.status.NOT_FOUND]: ErrorCode.NotFound,
  [grpc.status.ALREADY_EXISTS]: ErrorCode.AlreadyExists,
  [grpc.status.FAILED_PRECONDITION]: ErrorCode.FailedPrecondition,
  [grpc.status.DEADLINE_EXCEEDED]: ErrorCode.DeadlineExceeded,
  [grpc.status.RESOURCE_EXHAUSTED]: ErrorCode.ResourceExhausted,
};

export class GatewayClient {
  private readonly clients = new Map<GatewayServiceName, grpc.Client & Record<string, Unary>>();
  constructor(private readonly o: GatewayClientOptions) {}

  private client(service: GatewayServiceName): grpc.Client & Record<string, Unary> {
    let c = this.clients.get(service);
    if (!c) {
      const Ctor = grpc.makeGenericClientConstructor(loadGatewayProto().services[service], service);
      c = new Ctor(this.o.address, this.o.credentials ?? grpc.credentials.createInsecure()) as unknown as grpc.Client & Record<string, Unary>;
      this.clients.set(service, c);
    }
    return c;
  }

  /** One unary call; a failure is a `CourtbridgeError` with the gateway's reason. */
  call(service: GatewayServiceName, method: string, req: object): Promise<Record<string, unknown>> {
    const now = this.o.now();
    const md = new grpc.Metadata();
    md.set('authorization', `Bearer ${signJwtNative(this.o.caller, { audience: this.o.gatewayDid, purpose: 'auth', nowMs: now, lifetimeMs: 120_000, jti: toBase64url(randomBytes(12)) })}`);
    const c = this.client(service);
    return new Promise((resolve, reject) =>
      c[method]!.call(c, req, md, { deadline: Date.now() + (this.o.timeoutMs ?? 15_000) }, (e, r) => {
        if (e === null) return resolve(r ?? {});
        const named = e.metadata?.get(REASON_TRAILER)[0] ?? e.metadata?.get('courtbridge-reason')[0];
        const reason = named === undefined ? 'gateway_error' : foreignReason(String(named));
        reject(new CourtbridgeError(GRPC_TO_CODE[e.code] ?? ErrorCode.Unavailable, reason, `${service}.${method}: ${e.details}`, { cause: e }));
      }),
    );
  }

  close(): void {
    for (const c of this.clients.values()) c.close();
  }
}

/** A wire ProofBundle (record or absence) as the contracts' `ProvenRecord`. */
export function provenFromWire(b: Record<string, unknown>): ProvenRecord {
  const w = b as unknown as MessageOutput<'ProofBundle'>;
  const rec = w.record ?? null;
  const about = rec ?? w.absence;
  if (about === null || about === undefined) throw new CourtbridgeError(ErrorCode.Unavailable, 'unverifiable_answer', 'a proof bundle names neither a record nor an absence');
  return {
    chainId: about.chainId,
    key: about.key,
    value: rec === null ? null : new Uint8Array(rec.value),
    proof: proofFromWire(w.proof),
    light: { signedHeader: signedHeaderFromWire(w.signedHeader), validatorSet: validatorSetFromWire(w.validatorSet) },
  };
}
