/**
 * The judicial smart contracts as gateway services: EvidenceService (anchor, verify,
 * service of process) and, when the caller supplies the enforcement ports, MediationService.
 * `startGateway` (src/relay/gateway.ts) calls this with its shared parts, so `courtbridge gateway
 * start` serves them: the judicial chain is reached through its write door over NATS
 * (NatsJudicialLedger, signed by the gateway's DID), and replies carry ProofBundles with the
 * gateway's receipts. Stateless like the gateway: the chain and JetStream hold every fact.
 */
import type { BusConnection } from '../../bus/connection.js';
import type { Authority } from '../../identity/authority.js';
import type { Signer } from '../../identity/signer.js';
import { contextOf } from '../../relay/auth/guard.js';
import { createReceiptIssuer, type ReceiptMode } from '../../relay/receipts/receipt-issuer.js';
import type { GatewayHandlers } from '../../relay/host/services.js';
import { evidenceServiceHandlers } from './evidence-service.js';
import { mediationServiceHandlers } from './mediation-service.js';
import type { EnforcementEngine } from '../enforcement/engine.js';
import { EvidenceRegistry } from '../evidence.js';
import type { JudicialLedger } from '../ports.js';
import { ServiceRegistry } from '../service-of-process.js';
import { NatsJudicialLedger } from '../network/nats-judicial-ledger.js';

export interface WorkflowServiceOptions {
  /** The judicial chain; over NATS (the write door) unless given. */
  ledger?: JudicialLedger;
  /** Judicial chain id ('judicial' unless told). */
  judicialChainId?: string;
  /** The enforcement engine; MediationService is served only with one. */
  engine?: (ledger: JudicialLedger) => EnforcementEngine;
  receiptMode?: ReceiptMode;
}

/** What `startGateway` hands over (a subset of its `GatewayDeps`). */
export interface WorkflowDeps {
  readonly bus: BusConnection;
  readonly signer: Signer;
  readonly authority: Authority;
}

export interface WorkflowServices {
  handlers: GatewayHandlers;
  evidence: EvidenceRegistry;
  stop(): Promise<void>;
}

export function startWorkflowServices(deps: WorkflowDeps, options: WorkflowServiceOptions = {}, now: () => number = Date.now): WorkflowServices {
  const ledger = options.ledger ?? new NatsJudicialLedger({ nc: deps.bus.nc, signer: deps.signer, chainId: options.judicialChainId ?? 'judicial', now });
  const evidence = new EvidenceRegistry({ ledger, authority: deps.authority, clock: { now } });
  const services = new ServiceRegistry({ ledger, authority: deps.authority, clock: { now } });
  const s = deps.signer;
  const receipts = createReceiptIssuer({ mode: options.receiptMode ?? 'batch', signer: { did: s.did, kid: s.kid, sign: async (m) => s.sign(m) }, now });
  const callerOf = (call: object): string => contextOf(call).caller?.did ?? '';
  const handlers: GatewayHandlers = { EvidenceService: evidenceServiceHandlers({ registry: evidence, services, receipts, callerOf }) };
  if (options.engine !== undefined) handlers.MediationService = mediationServiceHandlers({ engine: options.engine(ledger) });
  return { handlers, evidence, stop: () => receipts.close() };
}
