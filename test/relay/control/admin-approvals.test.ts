/**
 * The admin quorum of an operator order (relay/auth/admin-approvals.ts), with real signatures by
 * the fixture's two admins (quorum 2): a met quorum returns its evidence (who approved, what was
 * discarded and why, the quorum it met); one short is PERMISSION_DENIED `approval_quorum_not_met`
 * (the caller is authenticated, its order lacks approvals) with each discarded approval named.
 */
import { describe, expect, it } from 'vitest';

import { SignTag, signingInput } from '../../../src/crypto/hash.js';
import { ErrorCode, isCourtbridgeError, type CourtbridgeError } from '../../../src/errors.js';
import { utf8 } from '../../../src/encoding/bytes.js';
import type { Approval } from '../../../src/identity/registry-update.js';
import type { Signer } from '../../../src/identity/signer.js';
import { requireAdminQuorum } from '../../../src/relay/auth/admin-approvals.js';
import { allianceFixture, FixtureDids } from '../../helpers/alliance-fixture.js';

const fx = allianceFixture();
const input = signingInput(SignTag.OperatorOrder, utf8('trip ip'));
const NOW = 1_800_000_000_000;
const approve = (s: Signer): Approval => ({ adminDid: s.did, kid: s.kid, signature: s.sign(input) });
const admin1 = fx.signers.get(FixtureDids.admin1)!;
const admin2 = fx.signers.get(FixtureDids.admin2)!;

describe('requireAdminQuorum', () => {
  it('a met quorum returns who approved, what was discarded and the quorum', () => {
    const byCourt = approve(fx.court);
    expect(requireAdminQuorum(fx.state, input, [approve(admin1), byCourt, approve(admin2)], NOW)).toEqual({
      approvedBy: [FixtureDids.admin1, FixtureDids.admin2],
      discarded: [{ adminDid: FixtureDids.court, reason: 'not_admin' }],
      quorum: 2,
    });
  });

  it('one approval short is PERMISSION_DENIED approval_quorum_not_met, naming each discarded approval', () => {
    let e: CourtbridgeError | undefined;
    try {
      requireAdminQuorum(fx.state, input, [approve(admin1), approve(admin1), approve(fx.court)], NOW);
    } catch (x) {
      if (isCourtbridgeError(x)) e = x;
    }
    expect(e).toMatchObject({
      code: ErrorCode.PermissionDenied,
      reason: 'approval_quorum_not_met',
      details: { [`discarded:${FixtureDids.admin1}`]: 'duplicate_approver', [`discarded:${FixtureDids.court}`]: 'not_admin' },
    });
  });
});
