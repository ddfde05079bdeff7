/**
 * The judicial chain as the gateway's workflow modules reach it: through its write door over
 * NATS (NatsJudicialLedger, signed by the gateway's DID) unless a ledger is given (tests).
 */
import { hashSuiteAt } from '../../identity/chain-entry.js';
import type { GatewayDeps } from '../../relay/gateway-deps.js';
import { NatsJudicialLedger } from '../network/nats-judicial-ledger.js';
import type { JudicialLedger } from '../ports.js';

export interface JudicialLedgerOptions {
  /** The judicial chain; over NATS (the write door) unless given. */
  ledger?: JudicialLedger;
  /** Judicial chain id ('judicial' unless told). */
  judicialChainId?: string;
}

export function judicialLedgerOf(
  deps: Pick<GatewayDeps, 'bus' | 'signer' | 'now'> & Partial<Pick<GatewayDeps, 'authority'>>,
  options: JudicialLedgerOptions,
): JudicialLedger {
  const chainId = options.judicialChainId ?? 'judicial';
  return (
    options.ledger ??
    new NatsJudicialLedger({
      nc: deps.bus.nc,
      signer: deps.signer,
      chainId,
      now: deps.now,
      // The judicial chain's registry entry names its hash suite (read per request: the registry may change it).
      hashSuite: () => hashSuiteAt(deps.authority, chainId, deps.now()),
    })
  );
}
