/**
 * Verifying submitted misbehaviour against trusted state (ibc-go 07-tendermint
 * `misbehaviour_handle.go`): both light blocks must be ones this client would have accepted
 * (each verified from its own trusted anchor), and together they must be impossible on a
 * correct chain (`validateMisbehaviourBasic`). Pure.
 */
import { validateMisbehaviourBasic, type Misbehaviour } from '../chain/misbehaviour.js';
import { hashSuiteOf, type FrozenEvidence } from './client-state.js';
import { assertNotFrozen, verifyHeader, type TrustedView, type UpdateEvidence } from './verify-update.js';

export interface MisbehaviourVerdict {
  frozen: FrozenEvidence;
  first: UpdateEvidence;
  second: UpdateEvidence;
}

/**
 * `firstView`/`secondView`: the trusted state around each header's height. Throws a
 * `VerificationError` when either side would not verify or the pair is not misbehaviour.
 */
export function verifyMisbehaviour(firstView: TrustedView, secondView: TrustedView, m: Misbehaviour, nowMs: number): MisbehaviourVerdict {
  assertNotFrozen(firstView.clientState);
  validateMisbehaviourBasic(m, hashSuiteOf(firstView.clientState));
  // A trusted header at the same height is an anchor only for the trusting check, never a
  // reason to skip verification: each side is verified as if it were offered alone.
  const first = verifyHeader(firstView, m.first, nowMs);
  const second = verifyHeader(secondView, m.second, nowMs);
  return { frozen: { misbehaviour: m, frozenAtMs: nowMs }, first, second };
}
