/**
 * The evidence contract as a gateway module: EvidenceService (anchor, verify, service of
 * process; evidence-service.ts). The gateway node (src/node/gateway-node.ts) mounts it, so
 * `courtbridge gateway start` serves it: the judicial chain is reached through its write door
 * (judicial-ledger-of.ts), and replies carry ProofBundles with the gateway's receipts. Stateless
 * like the gateway: the chain and JetStream hold every fact.
 *
 * @example
 * const gw = await startGateway(config, { modules: [evidenceModule()] });
 */
import type { Signable } from '../../crypto/hash.js';
import type { GatewayDeps } from '../../relay/gateway-deps.js';
import type { GatewayModule } from '../../relay/host/mount.js';
import { createReceiptIssuer, type ReceiptMode } from '../../relay/receipts/receipt-issuer.js';
import { EvidenceRegistry } from '../evidence.js';
import { ServiceRegistry } from '../service-of-process.js';
import { evidenceServiceHandlers } from './evidence-service.js';
import { judicialLedgerOf, type JudicialLedgerOptions } from './judicial-ledger-of.js';

export interface EvidenceModuleOptions extends JudicialLedgerOptions {
  /** `batch` (group commit, the default) or `jwt` receipts. */
  receiptMode?: ReceiptMode;
}

/** The module and the evidence registry it serves (for the verification page's lookup). */
export interface EvidenceModule extends GatewayModule {
  readonly evidence: EvidenceRegistry;
}

export function evidenceModule(options: EvidenceModuleOptions = {}): (deps: GatewayDeps) => EvidenceModule {
  return (deps: GatewayDeps): EvidenceModule => {
    const ledger = judicialLedgerOf(deps, options);
    const clock = { now: deps.now };
    const evidence = new EvidenceRegistry({ ledger, authority: deps.authority, clock });
    const services = new ServiceRegistry({ ledger, authority: deps.authority, clock });
    const s = deps.signer;
    const signer = { did: s.did, kid: s.kid, suite: s.suite, sign: async (m: Signable) => s.sign(m) };
    const receipts = createReceiptIssuer({ mode: options.receiptMode ?? 'batch', signer, now: deps.now });
    const handlers = {
      EvidenceService: evidenceServiceHandlers({
        registry: evidence,
        services,
        receipts,
        hashSuite: () => ledger.hashSuite?.() ?? 'sha256',
      }),
    };
    return { name: 'evidence', evidence, handlers, stop: () => receipts.close() };
  };
}
