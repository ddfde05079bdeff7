/**
 * The gateway node: the composition root above the relay. The relay hosts modules and knows no
 * workflow and no adapter; here it is given the alliance's chain catalog (adapters/catalog.ts)
 * and the judicial workflows' modules: EvidenceService, and MediationService forwarded to the
 * workflow service (`courtbridge workflows start`), which runs the enforcement contract. `courtbridge gateway start`, the demo and the full-gateway tests
 * start this.
 *
 * @example
 * const gw = await startGatewayNode(loadGatewayConfig({ env: process.env }));
 * await gw.shutdown();
 */
import { ALLIANCE_CATALOG } from '../../adapters/catalog.js';
import type { GatewayConfig } from '../config/gateway-config.js';
import { startGateway, type RunningGateway, type StartGatewayOptions } from '../relay/gateway.js';
import { anchorRecordChecks } from '../workflows/gateway/evidence-lookup.js';
import { servedDocumentChecks } from '../workflows/served-document-check.js';
import { evidenceModule, type EvidenceModuleOptions } from '../workflows/gateway/evidence-module.js';
import { mediationModule } from '../workflows/gateway/mediation-module.js';

export interface GatewayNodeOptions extends StartGatewayOptions {
  /** EvidenceService's judicial ledger and receipts (over NATS, batch receipts, unless told). */
  evidence?: EvidenceModuleOptions;
}

/** Start a gateway with the alliance's catalog (unless `catalog` is given) and the workflow modules, then `options.modules`. */
export function startGatewayNode(config: GatewayConfig, options: GatewayNodeOptions = {}): Promise<RunningGateway> {
  const { evidence, modules, ...rest } = options;
  return startGateway(config, {
    catalog: ALLIANCE_CATALOG,
    // The page's evidence answers check the anchor's claim and submitter signature, as EvidenceService does.
    evidenceRecordChecks: anchorRecordChecks,
    // And its served-document answers check the service records and receipts, as the CLI does offline.
    serviceRecordChecks: servedDocumentChecks,
    ...rest,
    modules: [evidenceModule(evidence), mediationModule(), ...(modules ?? [])],
  });
}
