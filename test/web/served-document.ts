/**
 * Served documents on the page world's judicial chain (test/web/fixture.ts), for the page and CLI
 * tests: a case of the world's court, a document served to a recipient's did:key (the court binds
 * that DID), its receipt signed by the recipient, and forgeries written straight to the chain as
 * a dishonest writer could (a receipt signed by a stranger), which every reader must refuse.
 */
import { sha256 } from '../../src/crypto/hash.js';
import { toBase64url, toHex, utf8 } from '../../src/encoding/bytes.js';
import type { Signer } from '../../src/identity/signer.js';
import { recipientBindingOf, serviceIdOf, signReceipt, signService } from '../../src/workflows/service-of-process.js';
import { fixedSigner } from '../workflows/fixtures/world.js';
import { SUBMITTER, type PageWorld } from './fixture.js';

/** The recipient: a citizen's did:key. */
export const RECIPIENT: Signer = fixedSigner(31);
/** Someone else with a perfectly valid DID. */
export const STRANGER: Signer = fixedSigner(32);

/** File a case of the world's court (once per id). */
export async function fileCase(w: PageWorld, caseId: string): Promise<void> {
  await w.judicial.submit('case.file', `case:${caseId}`, {
    type: 'case_file',
    schema: 1,
    caseId,
    court: SUBMITTER.did,
    kind: 'civil',
    cause: '借款合同纠纷',
    parties: [{ role: 'defendant', party: toHex(sha256(utf8(`defendant of ${caseId}`))) }],
  });
}

/** Serve `content` in `caseId` to RECIPIENT by post; its service id. */
export async function serve(w: PageWorld, caseId: string, content: Uint8Array, servedAtMs: number): Promise<string> {
  const documentHash = sha256(content);
  const { service, signature } = signService(SUBMITTER, {
    caseId,
    documentHash,
    recipientIdHash: sha256(utf8(`defendant of ${caseId}`)),
    channel: 'postal',
    servedAtMs,
    receiptHash: new Uint8Array(32),
    recipientBinding: recipientBindingOf(documentHash, RECIPIENT.did),
  });
  await w.services.recordService(service, signature);
  return serviceIdOf(service);
}

/** The recipient's receipt, through the registry (checked). */
export async function receive(w: PageWorld, serviceId: string, content: Uint8Array): Promise<void> {
  await w.services.recordReceipt(signReceipt(RECIPIENT, serviceId, sha256(content), Date.now()));
}

/** A receipt by STRANGER written straight to the chain (the registry would refuse it: receipt_not_recipient). */
export async function forgeReceipt(w: PageWorld, serviceId: string, content: Uint8Array): Promise<void> {
  await w.judicial.submit('service.receipt', `forged-receipt:${serviceId}`, {
    type: 'service_receipt',
    schema: 1,
    serviceId,
    signer: STRANGER.kid,
    signature: toBase64url(signReceipt(STRANGER, serviceId, sha256(content), Date.now()).signature),
  });
}
