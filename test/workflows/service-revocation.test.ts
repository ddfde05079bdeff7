/**
 * A revoked DID cannot keep recording services or receipts by backdating the time its message
 * claims (`servedAtMs`, `signedAtMs`): the key is looked up at that time (rotation), and the
 * signer must also not be revoked now (DESIGN.md "Identity": a revocation takes effect
 * everywhere at once). Real signatures and a real judicial dev ledger; the authority is the
 * did:key one, malleated to revoke a DID from a given instant.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import type { Authority } from '../../src/identity/authority.js';
import { ManualClock } from '../../src/workflows/clock.js';
import { DevJudicialLedger } from '../../src/devtools/in-process-ports.js';
import { EvidenceRegistry, signEvidenceClaim } from '../../src/workflows/evidence.js';
import { ServiceRegistry, serviceIdOf, signReceipt, recipientBindingOf, signService } from '../../src/workflows/service-of-process.js';
import { COURT, didKeyAuthority, fixedSigner } from './fixtures/world.js';

const T0 = 1_800_000_000_000;
const RECIPIENT = fixedSigner(12);

/** `base`, except that `did` is revoked from `revokedAtMs` on (as the registry answers). */
function revoking(base: Authority, did: string, revokedAtMs: number): Authority {
  return {
    keyAt: (d, kid, t) =>
      d === did && t >= revokedAtMs
        ? { ok: false, reason: 'revoked', message: `${d} was revoked at ${revokedAtMs}` }
        : base.keyAt(d, kid, t),
    mayAct: (d, _role, _chain, t) =>
      d === did && t >= revokedAtMs ? { ok: false, reason: 'revoked', message: `${d} was revoked at ${revokedAtMs}` } : { ok: true },
  };
}

describe('service of process: revocation takes effect at once', () => {
  let judicial: DevJudicialLedger;
  const clock = new ManualClock(T0);
  beforeAll(async () => {
    judicial = new DevJudicialLedger({ chainId: 'judicial', sender: COURT.did, clock: () => clock.now() });
    await judicial.submit('case.file', 'case:R-1', {
      type: 'case_file',
      schema: 1,
      caseId: 'R-1',
      court: COURT.did,
      kind: 'civil',
      cause: 'loan dispute',
      parties: [{ role: 'respondent', party: toHex(sha256(utf8('recipient R-1'))) }],
    });
  });
  afterAll(() => judicial.close());

  const documentHash = sha256(utf8('summons R-1'));
  // Signed one minute before "now": a time at which the signer was still valid.
  const signed = signService(COURT, {
    caseId: 'R-1',
    documentHash,
    recipientIdHash: sha256(utf8('recipient R-1')),
    channel: 'electronic',
    servedAtMs: T0 - 60_000,
    receiptHash: new Uint8Array(32),
    recipientBinding: recipientBindingOf(documentHash, RECIPIENT.did),
  });

  interface Case {
    name: string;
    malleate: (base: Authority) => Authority;
    reason: string | undefined;
  }
  const cases: Case[] = [
    { name: 'court active: the service is recorded', malleate: (b) => b, reason: undefined },
    {
      name: 'court revoked after it signed (backdated servedAtMs)',
      malleate: (b) => revoking(b, COURT.did, T0 - 1_000),
      reason: 'revoked',
    },
    { name: 'court revoked before it signed', malleate: (b) => revoking(b, COURT.did, T0 - 120_000), reason: 'revoked' },
  ];
  for (const c of cases) {
    it(`RecordService: ${c.name}`, async () => {
      const registry = new ServiceRegistry({ ledger: judicial, authority: c.malleate(didKeyAuthority), clock });
      const run = registry.recordService(signed.service, signed.signature);
      if (c.reason === undefined) await expect(run).resolves.toMatchObject({ serviceId: serviceIdOf(signed.service) });
      else await expect(run).rejects.toMatchObject({ reason: c.reason });
    });
  }

  const receiptCases: Case[] = [
    {
      name: 'recipient revoked after it signed (backdated signedAtMs)',
      malleate: (b) => revoking(b, RECIPIENT.did, T0 - 1_000),
      reason: 'revoked',
    },
    { name: 'recipient active: the receipt is recorded', malleate: (b) => b, reason: undefined },
  ];
  for (const c of receiptCases) {
    it(`recordReceipt: ${c.name}`, async () => {
      const registry = new ServiceRegistry({ ledger: judicial, authority: c.malleate(didKeyAuthority), clock });
      const receipt = signReceipt(RECIPIENT, serviceIdOf(signed.service), documentHash, T0 - 30_000);
      const run = registry.recordReceipt(receipt);
      if (c.reason === undefined) await expect(run).resolves.toMatchObject({ serviceId: receipt.serviceId });
      else await expect(run).rejects.toMatchObject({ reason: c.reason });
    });
  }

  const evidenceCases: Case[] = [
    {
      name: 'submitter revoked after it signed (backdated signedAtMs)',
      malleate: (b) => revoking(b, COURT.did, T0 - 1_000),
      reason: 'revoked',
    },
    { name: 'submitter active: the evidence is anchored', malleate: (b) => b, reason: undefined },
  ];
  for (const c of evidenceCases) {
    it(`AnchorEvidence: ${c.name}`, async () => {
      const registry = new EvidenceRegistry({ ledger: judicial, authority: c.malleate(didKeyAuthority), clock });
      const entry = signEvidenceClaim(COURT, sha256(utf8(`evidence ${c.name}`)), [], T0 - 60_000);
      const run = registry.anchor(entry);
      if (c.reason === undefined) await expect(run).resolves.toBeDefined();
      else await expect(run).rejects.toMatchObject({ reason: c.reason });
    });
  }
});
