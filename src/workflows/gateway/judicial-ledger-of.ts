/**
 * The judicial chain as the gateway's workflow modules reach it: through its write door over
 * NATS (NatsJudicialLedger, signed by the gateway's DID) unless a ledger is given (tests).
 */
import type { GatewayDeps } from '../../relay/gateway-deps.js';
import { NatsJudicialLedger } from '../network/nats-judicial-ledger.js';
import type { JudicialLedger } from '../ports.js';

export interface JudicialLedgerOptions {
  /** The judicial chain; over NATS (the write door) unless given. */
  ledger?: JudicialLedger;
  /** Judicial chain id ('judicial' unless told). */
  judicialChainId?: string;
}

export function judicialLedgerOf(deps: Pick<GatewayDeps, 'bus' | 'signer' | 'now'>, options: JudicialLedgerOptions): JudicialLedger {
  return (
    options.ledger ??
    new NatsJudicialLedger({ nc: deps.bus.nc, signer: deps.signer, chainId: options.judicialChainId ?? 'judicial', now: deps.now })
  );
}
