/**
 * The conformance kit's public surface ("Conformance kit"): an explicit export list.
 * The CLI's `courtbridge conformance` loads `runConformance` from here.
 */
export { runConformance } from './run.js';
export { formatReport, type ConformanceReport, type CheckReport } from './report.js';
export { resolveOptions, type ConformanceOptions, type ConformanceAction, type OrderDesk, type ResolvedOptions } from './options.js';
export {
  authorityFromGenesis,
  authorityFromGenesisFile,
  registryFromGenesis,
  registryFromGenesisFile,
  type KitRegistry,
} from './authority.js';
export { followRegistry } from './registry-catch-up.js';
export { chainUnderTest, type ChainUnderTest } from './chain-under-test.js';
export { NotaryFinality } from './notary-finality.js';
export { CONFORMANCE_CHECKS, CONFORMANCE_CHECK_IDS } from './checks.js';
export type { ConformanceCheck, CheckStatus, CheckVerdict } from './check.js';
export { ConformanceContext, type SeenAnnouncement, type ProvenAnswer, type ExecutedOrder } from './context.js';
export { REFUSAL_CASES, forgeSignature } from './checks/actions.js';
export { MALFORMED_REQUESTS } from './checks/error-replies.js';
