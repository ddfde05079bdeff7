/**
 * The services of the public API, by short name, with the handler types generated from the
 * protos. A test checks this list against the protos, so a new service cannot be forgotten.
 */
import type { ActionServiceHandlers } from '../../generated/courtbridge/v1/ActionService.js';
import type { AllianceServiceHandlers } from '../../generated/courtbridge/v1/AllianceService.js';
import type { ChainServiceHandlers } from '../../generated/courtbridge/v1/ChainService.js';
import type { EvidenceServiceHandlers } from '../../generated/courtbridge/v1/EvidenceService.js';
import type { InvestigationServiceHandlers } from '../../generated/courtbridge/v1/InvestigationService.js';
import type { MediationServiceHandlers } from '../../generated/courtbridge/v1/MediationService.js';
import type { QueryServiceHandlers } from '../../generated/courtbridge/v1/QueryService.js';
import type { VerificationServiceHandlers } from '../../generated/courtbridge/v1/VerificationService.js';
import type { WatchServiceHandlers } from '../../generated/courtbridge/v1/WatchService.js';

import type { CourtbridgeServiceName } from '../../wire/service-names.js';

export { COURTBRIDGE_SERVICES, fullServiceName, type CourtbridgeServiceName } from '../../wire/service-names.js';

/** Generated handler interface of each service. */
export interface ServiceHandlerMap {
  ChainService: ChainServiceHandlers;
  QueryService: QueryServiceHandlers;
  InvestigationService: InvestigationServiceHandlers;
  VerificationService: VerificationServiceHandlers;
  ActionService: ActionServiceHandlers;
  WatchService: WatchServiceHandlers;
  EvidenceService: EvidenceServiceHandlers;
  AllianceService: AllianceServiceHandlers;
  MediationService: MediationServiceHandlers;
}

/**
 * Handlers the caller provides: any subset of any service. A service with no method is not
 * registered at all (absent from reflection); a method left out of a registered service is
 * answered UNIMPLEMENTED by grpc-js.
 */
export type GatewayHandlers = {
  [S in CourtbridgeServiceName]?: Partial<ServiceHandlerMap[S]>;
};
