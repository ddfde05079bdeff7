/**
 * ChainService.ListChains and GetChainStatus (chain.proto): the chains this gateway follows and
 * its light client's view of each (status, trusted height, lag, trust time left, misbehaviour
 * evidence), with the adapter replicas seen recently. The operator methods (UnfreezeChain,
 * TripBreaker, ResetBreaker) belong to the control path.
 */
import type { ChainServiceHandlers } from '../../generated/courtbridge/v1/ChainService.js';
import type { GetChainStatusRequest__Output } from '../../generated/courtbridge/v1/GetChainStatusRequest.js';
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import type { MessageInput } from '../../wire/messages.js';
import { signedHeaderToWire } from '../../verify/bundle-convert.js';
import type { LightClientManager } from '../light-clients/manager.js';
import type { ReplicaTracker } from '../../bus/replicas.js';
import { unary } from '../host/handlers.js';
import type { ContextOf } from '../host/call-context.js';

/** Circuit-breaker state, from the control path when it is wired in. */
export interface BreakerView {
  state: 'closed' | 'open' | 'half_open';
  reason: string;
}

export interface ChainsServiceOptions {
  manager: LightClientManager;
  replicas?: ReplicaTracker;
  now: () => number;
  breakerOf?: (chainId: string) => BreakerView;
  /** The call's context; the guard's unless told (host/call-context.ts). */
  contextOf?: ContextOf;
}

const STATUS = {
  active: 'CLIENT_STATUS_ACTIVE',
  frozen: 'CLIENT_STATUS_FROZEN',
  expired: 'CLIENT_STATUS_EXPIRED',
  uninitialised: 'CLIENT_STATUS_UNSPECIFIED',
} as const;
const BREAKER = { closed: 'BREAKER_STATE_CLOSED', open: 'BREAKER_STATE_OPEN', half_open: 'BREAKER_STATE_HALF_OPEN' } as const;

/** The ChainStatus message of one chain now. */
export function chainStatusOf(o: ChainsServiceOptions, chainId: string): MessageInput<'ChainStatus'> {
  const v = o.manager.view(chainId);
  const breaker = o.breakerOf?.(chainId) ?? { state: 'closed', reason: '' };
  const out: MessageInput<'ChainStatus'> = {
    chainId,
    status: STATUS[v.status],
    trustedHeight: v.trustedHeight,
    trustedHeaderHash: v.trustedHeaderHash,
    lastHeaderTimeMs: v.lastHeaderTimeMs,
    lagMs: v.lagMs,
    trustTimeLeftMs: v.trustTimeLeftMs,
    replicas: (o.replicas?.replicas(chainId) ?? []).map((r) => ({
      replicaId: r.replicaId,
      adapterDid: r.adapterDid,
      version: r.version,
      lastSeenMs: r.lastSeenMs,
    })),
    breaker: BREAKER[breaker.state],
    reason:
      v.status === 'frozen'
        ? 'client_frozen'
        : v.status === 'expired'
          ? 'client_expired'
          : v.status === 'uninitialised'
            ? 'client_not_initialised'
            : breaker.reason,
    observedAtMs: o.now(),
  };
  if (v.misbehaviour !== undefined) {
    out.misbehaviour = {
      chainId,
      headerA: signedHeaderToWire(v.misbehaviour.first.signedHeader),
      headerB: signedHeaderToWire(v.misbehaviour.second.signedHeader),
      detectedAtMs: v.misbehaviour.frozenAtMs,
      kind: v.misbehaviour.kind,
    };
  }
  return out;
}

export function chainsServiceHandlers(o: ChainsServiceOptions): Pick<ChainServiceHandlers, 'ListChains' | 'GetChainStatus'> {
  return {
    ListChains(_call, callback) {
      callback(null, {
        chains: o.manager.chains().map((c) => ({
          chainId: c.chainId,
          kind: `CHAIN_KIND_${c.kind.toUpperCase()}` as NonNullable<MessageInput<'ChainInfo'>['kind']>,
          displayName: c.displayName,
          operatorDid: c.operatorDid,
          recordTypes: [...c.recordTypes],
          actions: [...(c.actions ?? [])] as NonNullable<MessageInput<'ChainInfo'>['actions']>,
          trustBasis: `TRUST_BASIS_${c.trustBasis.toUpperCase()}` as NonNullable<MessageInput<'ChainInfo'>['trustBasis']>,
        })),
      });
    },
    GetChainStatus: unary(async (req: GetChainStatusRequest__Output) => {
      const chainId = req.chainId;
      if (typeof chainId !== 'string' || chainId === '')
        throw new CourtbridgeError(ErrorCode.InvalidArgument, 'missing_chain_id', 'chain_id: required, e.g. "credit"');
      o.manager.config(chainId);
      return chainStatusOf(o, chainId);
    }, o.contextOf),
  };
}
