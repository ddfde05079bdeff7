/**
 * The registry update that follows a state, for tests: the next sequence on the state's hash,
 * approved by the given admins and applied. One builder, so a change to the update's body is
 * made once, not in every test that moves a registry forward.
 */
import { applyRegistryUpdate, type RegistryState } from '../../src/identity/registry.js';
import {
  approveRegistryUpdate,
  type RegistryOp,
  type RegistryUpdate,
  type RegistryUpdateBody,
} from '../../src/identity/registry-update.js';
import type { Signer } from '../../src/identity/signer.js';
import { FixtureDids, type AllianceFixture } from './alliance-fixture.js';

/** The body of the update after `state` (`updateId` defaults to `u-<sequence>`). */
export function nextUpdateBody(state: RegistryState, op: RegistryOp, effectiveAtMs: number, updateId?: string): RegistryUpdateBody {
  return {
    allianceId: state.allianceId,
    sequence: state.sequence + 1,
    prevStateHash: state.stateHash,
    updateId: updateId ?? `u-${state.sequence + 1}`,
    effectiveAtMs,
    op,
  };
}

/** `body` with an approval by each of `approvers`. */
export function approvedBy(body: RegistryUpdateBody, approvers: readonly Signer[]): RegistryUpdate {
  return { ...body, approvals: approvers.map((a) => approveRegistryUpdate(body, a)) };
}

/** The alliance fixture's admin quorum (admin-1 and admin-2). */
export const fixtureAdmins = (fx: AllianceFixture): Signer[] => [fx.signers.get(FixtureDids.admin1)!, fx.signers.get(FixtureDids.admin2)!];

/** `state` after `op`, effective at `effectiveAtMs`, approved by `approvers` and applied at `nowMs`. */
export function applyApproved(
  state: RegistryState,
  op: RegistryOp,
  approvers: readonly Signer[],
  effectiveAtMs: number,
  nowMs = effectiveAtMs,
): RegistryState {
  return applyRegistryUpdate(state, approvedBy(nextUpdateBody(state, op, effectiveAtMs), approvers), nowMs).state;
}
