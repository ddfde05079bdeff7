/**
 * The services of the public API by short name (courtbridge.v1), shared by the gateway that
 * serves them and the clients that call them. A test checks this list against the protos.
 */

/** Short names of the courtbridge.v1 services, in the order they are registered. */
export const COURTBRIDGE_SERVICES = [
  'ChainService',
  'QueryService',
  'InvestigationService',
  'VerificationService',
  'ActionService',
  'WatchService',
  'EvidenceService',
  'AllianceService',
  'MediationService',
] as const;
export type CourtbridgeServiceName = (typeof COURTBRIDGE_SERVICES)[number];

/** Fully qualified service name, e.g. `courtbridge.v1.QueryService`. */
export function fullServiceName(name: CourtbridgeServiceName): `courtbridge.v1.${CourtbridgeServiceName}` {
  return `courtbridge.v1.${name}`;
}
