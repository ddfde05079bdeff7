/**
 * The page's served-document answer from a real gateway (startGatewayNode from config,
 * `verificationHttp` set): the judicial chain is another organisation's, so the gateway asks it
 * through its query path (src/relay/modules/service-by-query.ts) for the document's index
 * `served-document/<sha256>` and each `service/<id>` it lists, verifies every answer and checks
 * the records (src/workflows/served-document-check.ts). A received service shows its court (with
 * the organisation's name), channel and receipt; a receipt by a stranger fails
 * `receipt_not_recipient` and is not shown; a changed byte is `not_served` with the absence proven.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256 } from '../../src/crypto/hash.js';
import { toBase64url, toHex, utf8 } from '../../src/encoding/bytes.js';
import { encodeCanonical, type CanonicalObject } from '../../src/encoding/canonical-json.js';
import type { RunningGateway } from '../../src/relay/gateway.js';
import type { JudicialLedger, JudicialTxType } from '../../src/workflows/ports.js';
import { systemClock } from '../../src/workflows/clock.js';
import { recipientBindingOf, ServiceRegistry, serviceIdOf, signReceipt, signService } from '../../src/workflows/service-of-process.js';
import { FixtureDids } from '../helpers/alliance-fixture.js';
import { startE2e, type E2e } from '../relay/e2e/e2e-setup.js';
import { fixedSigner } from '../workflows/fixtures/world.js';

interface ServiceJson {
  status: string;
  verdict: string;
  index: { verdict: string; checks: { name: string; outcome: string }[] };
  services: {
    serviceId: string;
    verdict: string;
    checks: { name: string; outcome: string; reason: string }[];
    service?: { caseId: string; court: string; courtOrg?: string; channel: string; receipt: { status: string; signerDid?: string } };
  }[];
}

describe('verification page over a gateway (served documents through the query path)', () => {
  let e2e: E2e;
  let gw: RunningGateway;
  const recipient = fixedSigner(41);
  const stranger = fixedSigner(42);
  const received = utf8('(2026) Jing 01 Min Chu 9 summons, served electronically');
  const forged = utf8('(2026) Jing 01 Min Chu 9 ruling');
  let receivedId = '';
  let forgedId = '';

  beforeAll(async () => {
    e2e = await startE2e({ records: 3 });
    // The gateway first: it follows the judicial chain header by header as the services are written.
    gw = await e2e.startGateway({ verificationHttp: { host: '127.0.0.1', port: 0 } });
    const ledger = e2e.backends.judicial.ledger;
    // The court's judicial ledger, written directly (the judicial chain's own write path).
    const port: JudicialLedger = {
      chainId: 'judicial',
      async submit(type: JudicialTxType, txId: string, body: CanonicalObject) {
        const r = await ledger.submit({ type, sender: FixtureDids.court, id: txId, body: encodeCanonical(body, type) });
        return { height: r.height, timeMs: r.timeMs, outcome: 'committed' as const };
      },
      prove: async (key) => ({ chainId: 'judicial', ...ledger.prove(key) }),
      proveMany: async (keys) => keys.map((k) => ({ chainId: 'judicial', ...ledger.prove(k) })),
    };
    await port.submit('case.file', 'case:Z-9', {
      type: 'case_file',
      schema: 1,
      caseId: 'Z-9',
      court: FixtureDids.court,
      kind: 'civil',
      cause: '借款合同纠纷',
      parties: [{ role: 'defendant', party: toHex(sha256(utf8('defendant Z-9'))) }],
    });
    const services = new ServiceRegistry({ ledger: port, authority: e2e.fx.authority, clock: systemClock });
    const serve = async (content: Uint8Array): Promise<string> => {
      const documentHash = sha256(content);
      const { service, signature } = signService(e2e.fx.court, {
        caseId: 'Z-9',
        documentHash,
        recipientIdHash: sha256(utf8('defendant Z-9')),
        channel: 'electronic',
        servedAtMs: Date.now() - 60_000,
        receiptHash: new Uint8Array(32),
        recipientBinding: recipientBindingOf(documentHash, recipient.did),
      });
      await services.recordService(service, signature);
      return serviceIdOf(service);
    };
    receivedId = await serve(received);
    await services.recordReceipt(signReceipt(recipient, receivedId, sha256(received), Date.now()));
    forgedId = await serve(forged);
    await port.submit('service.receipt', `forged:${forgedId}`, {
      type: 'service_receipt',
      schema: 1,
      serviceId: forgedId,
      signer: stranger.kid,
      signature: toBase64url(signReceipt(stranger, forgedId, sha256(forged), Date.now()).signature),
    });
  }, 90_000);

  afterAll(async () => {
    await e2e?.stop();
  }, 30_000);

  const ask = async (content: Uint8Array): Promise<ServiceJson> => {
    const post = () =>
      fetch(`${gw.verificationUrl}api/v1/verify-service`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ sha256: toHex(sha256(content)) }),
      });
    // Until the gateway's light client has caught up with the newest header (UNAVAILABLE meanwhile).
    let r = await post();
    for (let i = 0; i < 40 && r.status === 503; i++) {
      await new Promise((ok) => setTimeout(ok, 500));
      r = await post();
    }
    const body = (await r.json()) as ServiceJson;
    expect(r.status, JSON.stringify(body)).toBe(200);
    return body;
  };

  it('a received service: valid, the court and its organisation, the channel, the receipt by the recipient', async () => {
    const j = await ask(received);
    expect(j).toMatchObject({ status: 'served', verdict: 'valid', index: { verdict: 'valid' } });
    expect(j.services).toHaveLength(1);
    const s = j.services[0]!;
    expect(s).toMatchObject({ serviceId: receivedId, verdict: 'valid' });
    expect(s.service).toMatchObject({
      caseId: 'Z-9',
      court: FixtureDids.court,
      channel: 'electronic',
      receipt: { status: 'received', signerDid: recipient.did },
    });
    expect(s.service!.courtOrg).toBeTruthy();
    expect(s.checks.filter((c) => c.outcome === 'failed')).toEqual([]);
    expect(s.checks.find((c) => c.name === 'recipient_signature')?.outcome).toBe('passed');
  });

  it('a receipt signed by a stranger: invalid, receipt_not_recipient, nothing of the service shown', async () => {
    const j = await ask(forged);
    expect(j.verdict).toBe('invalid');
    const s = j.services[0]!;
    expect(s.serviceId).toBe(forgedId);
    expect(s.verdict).toBe('invalid');
    expect(s.service).toBeUndefined();
    expect(s.checks.find((c) => c.name === 'recipient_signature')).toMatchObject({ outcome: 'failed', reason: 'receipt_not_recipient' });
  });

  it('one byte changed: not served, the absence proven', async () => {
    const altered = received.slice();
    altered[3]! ^= 1;
    const j = await ask(altered);
    expect(j).toMatchObject({ status: 'not_served', verdict: 'valid', services: [], index: { verdict: 'valid' } });
  });
});
