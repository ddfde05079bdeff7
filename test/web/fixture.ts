/**
 * A real evidence backend for the page tests: the judicial dev ledger running the workflow
 * contract, the evidence workflow on it, an alliance (genesis pinned by hash) that admits the
 * judicial and property chains at their first headers and names the gateway, the gateway issuing
 * batch receipts, and the verification HTTP server over them. Real signatures, real blocks, real
 * files in a temp dir. `titles` are real property-title bundles under the same alliance.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { silentLogger } from '../../src/log.js';
import { evidenceLookup } from '../../src/workflows/gateway/evidence-lookup.js';
import { ALLIANCE_RECORD_LAYOUTS } from '../../adapters/catalog.js';
import { createVerificationHttpServer, type VerificationHttpServer } from '../../src/relay/http/verification-http.js';
import { createReceiptIssuer, type ReceiptIssuer } from '../../src/relay/receipts/receipt-issuer.js';
import { verifyBundleBytes } from '../../src/verify/bundle-verify.js';
import { DevJudicialLedger } from '../../src/devtools/in-process-ports.js';
import { EvidenceRegistry } from '../../src/workflows/evidence.js';
import { systemClock } from '../../src/workflows/clock.js';
import { fixedSigner } from '../workflows/fixtures/world.js';
import { titleBundles, TITLE_GATEWAY_DID, type TitleBundles } from '../helpers/title-bundle.js';

export const SUBMITTER = fixedSigner(3);
export const GATEWAY_DID = TITLE_GATEWAY_DID;

export interface PageWorld {
  dir: string;
  url: string;
  registry: EvidenceRegistry;
  /** Property-title bundles under the page's alliance. */
  titles: TitleBundles;
  close(): Promise<void>;
}

export async function startPageWorld(options: { maxBodyBytes?: number } = {}): Promise<PageWorld> {
  const dir = mkdtempSync(join(tmpdir(), 'cb-web-'));
  const judicial = new DevJudicialLedger({
    chainId: 'judicial',
    sender: SUBMITTER.did,
    dataDir: join(dir, 'judicial'),
    clock: () => Date.now(),
  });
  // The alliance admits the judicial chain at its first header: with no validator-set change
  // since, that header alone is the anchored trace of every later one.
  const anchor = judicial.ledger.lightBlockAt(1);
  const titles = await titleBundles({ otherChains: [{ chainId: 'judicial', anchor }] });
  const authority = titles.authority;
  const registry = new EvidenceRegistry({ ledger: judicial, authority, clock: systemClock });
  const receipts: ReceiptIssuer = createReceiptIssuer({ mode: 'batch', signer: titles.gatewaySigner, now: Date.now });
  const http: VerificationHttpServer = createVerificationHttpServer({
    verifyBundle: (bytes) => verifyBundleBytes(bytes, { atMs: Date.now(), authority }),
    verifyEvidence: evidenceLookup({ registry, authority, receipts, now: Date.now, traceOf: () => [anchor] }),
    recordLayouts: ALLIANCE_RECORD_LAYOUTS,
    logger: silentLogger(),
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
  });
  const { url } = await http.listen(0, '127.0.0.1');
  return {
    dir,
    url,
    registry,
    titles,
    async close() {
      await http.close();
      await receipts.close();
      judicial.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
