/**
 * The page's evidence answer from a real gateway (startGatewayNode from config, `verificationHttp`
 * set): the judicial chain is another organisation's, so the gateway asks it through its query
 * path (src/relay/modules/evidence-by-query.ts). Who anchored the file and when come from the
 * proven anchor record, with the court's organisation name from the alliance registry, never
 * "unknown", once the anchor's claim and its submitter's signature are checked; an anchor whose
 * signature fails, or a hash nobody anchored, gets no submitter.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { encodeCanonical } from '../../src/encoding/canonical-json.js';
import type { RunningGateway } from '../../src/relay/gateway.js';
import { anchorPutBody, signEvidenceClaim } from '../../src/workflows/evidence.js';
import { createSigner } from '../../src/identity/signer.js';
import { FixtureDids } from '../helpers/alliance-fixture.js';
import { startE2e, type E2e } from '../relay/e2e/e2e-setup.js';

interface EvidenceJson {
  status: string;
  verdict: string;
  anchoredBy?: { submitterDid: string; submitterOrg?: string; anchoredAtMs: number; signedAtMs?: number };
  checks: { name: string; outcome: string }[];
}

describe('verification page over a gateway (evidence through the query path)', () => {
  let e2e: E2e;
  let gw: RunningGateway;
  const content = utf8('served document (2026) Jing 01 Zhi 7, delivery record');
  let anchoredAtMs: number;
  const signedAtMs = Date.now() - 30_000;
  const forged = utf8('a file anchored in the court name with another key');

  beforeAll(async () => {
    e2e = await startE2e({ records: 3 });
    const entry = signEvidenceClaim(e2e.fx.court, sha256(content), [{ name: 'case_id', value: 'Z-7' }], signedAtMs);
    // A claim in the court's name signed with another key: the chain holds it, its signature fails.
    const impostor = createSigner(FixtureDids.court, e2e.fx.court.kid, sha256(utf8('not the court key')));
    const bad = signEvidenceClaim(impostor, sha256(forged), [], signedAtMs);
    const body = anchorPutBody([entry, bad]);
    const r = await e2e.backends.judicial.ledger.submit({
      type: 'anchor.put',
      sender: FixtureDids.court,
      id: 'anchor-batch-page-1',
      body: encodeCanonical(body, 'anchor_batch'),
    });
    anchoredAtMs = r.timeMs;
    gw = await e2e.startGateway({ verificationHttp: { host: '127.0.0.1', port: 0 } });
  }, 90_000);

  afterAll(async () => {
    await e2e?.stop();
  }, 30_000);

  const ask = async (hash: Uint8Array): Promise<EvidenceJson> => {
    const r = await fetch(`${gw.verificationUrl}api/v1/verify-evidence`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ sha256: toHex(hash) }),
    });
    expect(r.status).toBe(200);
    return (await r.json()) as EvidenceJson;
  };

  it('an anchored file: the court and its organisation, and the block time of the anchoring', async () => {
    const j = await ask(sha256(content));
    expect(j).toMatchObject({ status: 'anchored', verdict: 'valid' });
    expect(j.checks.filter((c) => c.outcome === 'failed')).toEqual([]);
    expect(j.checks.filter((c) => c.name === 'anchor_claims' || c.name === 'submitter_signatures').map((c) => c.outcome)).toEqual([
      'passed',
      'passed',
    ]);
    expect(j.anchoredBy).toMatchObject({
      submitterDid: FixtureDids.court,
      submitterOrg: "Beijing No. 1 Intermediate People's Court",
      anchoredAtMs,
      signedAtMs,
    });
  });

  it('an anchor on the chain whose submitter signature fails: invalid, and no submitter or time', async () => {
    const j = await ask(sha256(forged));
    expect(j).toMatchObject({ status: 'anchored', verdict: 'invalid' });
    expect(j.checks.find((c) => c.name === 'submitter_signatures')?.outcome).toBe('failed');
    expect(j.anchoredBy).toBeUndefined();
  });

  it('a hash nobody anchored: not anchored, and no submitter', async () => {
    const j = await ask(sha256(utf8('never anchored')));
    expect(j.status).toBe('not_anchored');
    expect(j.anchoredBy).toBeUndefined();
  });
});
