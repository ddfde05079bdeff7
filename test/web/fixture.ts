/**
 * A real evidence backend for the page tests: the judicial dev ledger running the workflow
 * contract, the evidence workflow on it, a did:key gateway issuing batch receipts, and the
 * verification HTTP server over them. Real signatures, real blocks, real files in a temp dir.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256 } from '../../src/crypto/hash.js';
import { utf8 } from '../../src/encoding/bytes.js';
import { didKeyKid, didKeyOf } from '../../src/identity/did-key.js';
import { publicKeyOf } from '../../src/crypto/secp256k1.js';
import { silentLogger } from '../../src/log.js';
import { evidenceLookup } from '../../src/relay/http/evidence-lookup.js';
import { createVerificationHttpServer, type VerificationHttpServer } from '../../src/relay/http/verification-http.js';
import { createReceiptIssuer, type ReceiptIssuer } from '../../src/relay/receipts/receipt-issuer.js';
import { nativeReceiptSigner } from '../../src/relay/receipts/root-signer.js';
import { verifyBundleBytes } from '../../src/verify/bundle-verify.js';
import { DevJudicialLedger } from '../../src/workflows/dev/in-process.js';
import { EvidenceRegistry } from '../../src/workflows/evidence.js';
import { systemClock } from '../../src/workflows/clock.js';
import { didKeyAuthority, fixedSigner } from '../workflows/fixtures/world.js';

export const SUBMITTER = fixedSigner(3);
const GATEWAY_SK = sha256(utf8('courtbridge vector key 9'));
export const GATEWAY_DID = didKeyOf(publicKeyOf(GATEWAY_SK));

export interface PageWorld {
  dir: string;
  url: string;
  registry: EvidenceRegistry;
  close(): Promise<void>;
}

export async function startPageWorld(options: { maxBodyBytes?: number } = {}): Promise<PageWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'cb-web-'));
  const judicial = new DevJudicialLedger({ chainId: 'judicial', sender: SUBMITTER.did, dataDir: join(dir, 'judicial'), clock: () => Date.now() });
  const registry = new EvidenceRegistry({ ledger: judicial, authority: didKeyAuthority, clock: systemClock });
  const receipts: ReceiptIssuer = createReceiptIssuer({ mode: 'batch', signer: nativeReceiptSigner(GATEWAY_DID, didKeyKid(GATEWAY_DID), GATEWAY_SK), now: Date.now });
  const http: VerificationHttpServer = createVerificationHttpServer({
    verifyBundle: (bytes) => verifyBundleBytes(bytes, { atMs: Date.now(), authority: didKeyAuthority }),
    verifyEvidence: evidenceLookup({ registry, authority: didKeyAuthority, receipts, now: Date.now }),
    logger: silentLogger(),
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
  });
  const { url } = await http.listen(0, '127.0.0.1');
  return {
    dir,
    url,
    registry,
    async close() {
      await http.close();
      await receipts.close();
      judicial.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
