/**
 * The kit's checks, in the order they run (later checks use what earlier ones learned:
 * the adapter's DID from `announce`, the light client anchored by `headers`, the order
 * `exactly_once` executed, whose jti `order_replayed_refused` replays). Ids are stable: the JSON
 * report and `--only` use them.
 */
import type { ConformanceCheck } from './check.js';
import { exactlyOnceCheck, refusalChecks } from './checks/actions.js';
import { announceCheck } from './checks/announce.js';
import { errorRepliesCheck } from './checks/error-replies.js';
import { headersCheck } from './checks/headers.js';
import { membershipCheck, nonMembershipCheck } from './checks/proofs.js';

export const CONFORMANCE_CHECKS: readonly ConformanceCheck[] = Object.freeze([
  announceCheck,
  headersCheck,
  membershipCheck,
  nonMembershipCheck,
  errorRepliesCheck,
  exactlyOnceCheck,
  ...refusalChecks,
]);

/** Check ids in kit order. */
export const CONFORMANCE_CHECK_IDS: readonly string[] = CONFORMANCE_CHECKS.map((c) => c.id);
