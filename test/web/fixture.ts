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
import { ServiceRegistry } from '../../src/workflows/service-of-process.js';
import { serviceLookup } from '../../src/workflows/gateway/service-lookup.js';
import { systemClock } from '../../src/workflows/clock.js';
import { sha256 } from '../../src/crypto/hash.js';
import { publicKeyOf } from '../../src/crypto/secp256k1.js';
import { utf8 } from '../../src/encoding/bytes.js';
import { createSigner, type Signer } from '../../src/identity/signer.js';
import { titleBundles, TITLE_GATEWAY_DID, type TitleBundles } from '../helpers/title-bundle.js';

const SUBMITTER_SK = sha256(utf8('courtbridge web submitter key'));
/** The court that anchors evidence: an alliance member, so the page names its organisation. */
export const SUBMITTER_DID = 'did:alliance:court-bj-dongcheng';
export const SUBMITTER_ORG = '北京市东城区人民法院';
export const SUBMITTER: Signer = createSigner(SUBMITTER_DID, `${SUBMITTER_DID}#key-1`, SUBMITTER_SK);
export const GATEWAY_DID = TITLE_GATEWAY_DID;

export interface PageWorld {
  dir: string;
  url: string;
  registry: EvidenceRegistry;
  /** Service of process on the same judicial chain (served documents, receipts). */
  services: ServiceRegistry;
  /** The judicial dev ledger itself, to write what the registry would refuse (a forged claim). */
  judicial: DevJudicialLedger;
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
  const titles = await titleBundles({
    otherChains: [{ chainId: 'judicial', anchor }],
    otherMembers: [{ did: SUBMITTER_DID, org: SUBMITTER_ORG, roles: ['court'], publicKey: publicKeyOf(SUBMITTER_SK) }],
  });
  const authority = titles.authority;
  const registry = new EvidenceRegistry({ ledger: judicial, authority, clock: systemClock });
  const services = new ServiceRegistry({ ledger: judicial, authority, clock: systemClock });
  const receipts: ReceiptIssuer = createReceiptIssuer({ mode: 'batch', signer: titles.gatewaySigner, now: Date.now });
  const http: VerificationHttpServer = createVerificationHttpServer({
    verifyBundle: (bytes) => verifyBundleBytes(bytes, { atMs: Date.now(), authority }),
    verifyEvidence: evidenceLookup({ registry, authority, receipts, now: Date.now, traceOf: () => [anchor] }),
    verifyService: serviceLookup({ services, authority, receipts, now: Date.now, traceOf: () => [anchor] }),
    recordLayouts: ALLIANCE_RECORD_LAYOUTS,
    memberOrg: titles.memberOrg,
    logger: silentLogger(),
    ...(options.maxBodyBytes === undefined ? {} : { maxBodyBytes: options.maxBodyBytes }),
  });
  const { url } = await http.listen(0, '127.0.0.1');
  return {
    dir,
    url,
    registry,
    services,
    judicial,
    titles,
    async close() {
      await http.close();
      await receipts.close();
      judicial.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
