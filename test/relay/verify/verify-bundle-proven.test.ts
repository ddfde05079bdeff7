/**
 * VerificationService/VerifyBundle over real gRPC (loopback) answers with the record the bundle
 * proves, decoded from the bytes it verified (`proven_record`), and only when the verdict is
 * VALID: a property title edited in its value is INVALID and shows nothing; a proven absence is
 * shown as absence. The alliance is real (genesis pinned by hash, chain anchored, gateway role).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ALLIANCE_RECORD_LAYOUTS } from '../../../adapters/catalog.js';
import { connectGateway, type GatewayConnection } from '../../../src/client/gateway-client.js';
import { decodeCanonicalObject, encodeCanonical } from '../../../src/encoding/canonical-json.js';
import { createGatewayServer, type GatewayServer } from '../../../src/relay/host/server.js';
import { verifyServiceHandlers } from '../../../src/relay/modules/verify.js';
import { DEMO_CAST } from '../../../src/seed/demo-cast.js';
import { decodeMessage } from '../../../src/wire/codec.js';
import type { MessageInput } from '../../../src/wire/messages.js';
import { freePort } from '../../helpers/nats-server.js';
import { APARTMENT, titleBundles, type TitleBundles } from '../../helpers/title-bundle.js';

let b: TitleBundles;
let server: GatewayServer;
let conn: GatewayConnection;

beforeAll(async () => {
  b = await titleBundles();
  const verification = verifyServiceHandlers({ authority: b.authority, now: Date.now, recordLayouts: ALLIANCE_RECORD_LAYOUTS });
  server = createGatewayServer({ handlers: { VerificationService: verification } });
  const port = (await server.start(`127.0.0.1:${await freePort()}`)).port;
  conn = connectGateway({ address: `127.0.0.1:${port}`, timeoutMs: 10_000 });
});
afterAll(async () => {
  conn?.close();
  await server?.shutdown(1000);
});

const verifyBundle = (bundle: MessageInput<'ProofBundle'>) =>
  conn.unary(conn.client('VerificationService'), 'verifyBundle', { bundle, atMs: 0 });

describe('VerifyBundle proven_record', () => {
  it('a valid title: the record decoded field by field, zh-CN labels, money in 元, the owner as its keyed hash', async () => {
    const r = await verifyBundle(b.title);
    expect(r.verdict).toBe('VERDICT_VALID');
    const p = r.provenRecord!;
    expect(p).toMatchObject({
      shown: 'PROVEN_SHOWN_RECORD',
      chainId: 'property',
      recordType: 'title',
      key: APARTMENT.key,
      typeLabel: { zhCn: '不动产/动产权属', en: 'Property title' },
    });
    expect(Buffer.from(p.value).equals(Buffer.from(b.title.record!.value as Uint8Array))).toBe(true);
    const text = (path: string) => p.fields.find((f) => f.path === path);
    expect(text('areaM2')).toMatchObject({ label: { zhCn: '面积', en: 'Area' }, format: 'area_m2', text: '89 平方米 (m²)' });
    expect(text('valueEstimateCents')?.text).toBe('6,500,000.00 元');
    expect(text('owners[0].owner')).toMatchObject({ format: 'person_hash', text: DEMO_CAST.debtor.idHash });
    expect(p.provenAt?.height).toBe(r.verifiedHeader?.height);
  });

  it('the value edited (area, owner): INVALID at state_proof, and nothing shown as proven', async () => {
    const edited = decodeMessage('ProofBundle', b.bytes(b.title));
    const v = decodeCanonicalObject(edited.record!.value) as Record<string, unknown>;
    edited.record!.value = Buffer.from(encodeCanonical({ ...v, areaM2: 189, owners: [{ owner: 'f'.repeat(64), shareBp: 10_000 }] }));
    const r = await verifyBundle(edited as unknown as MessageInput<'ProofBundle'>);
    expect(r.verdict).toBe('VERDICT_INVALID');
    expect(r.checks.find((c) => c.outcome === 'CHECK_OUTCOME_FAILED')).toMatchObject({ name: 'state_proof', reason: 'value_mismatch' });
    expect(r.provenRecord).toMatchObject({ shown: 'PROVEN_SHOWN_NOTHING', notShownReason: 'verdict_invalid', fields: [], key: '' });
    expect(r.provenRecord!.value.length).toBe(0);
  });

  it('a proven absence is shown as absence', async () => {
    const r = await verifyBundle(b.absent);
    expect(r.verdict).toBe('VERDICT_VALID');
    expect(r.provenRecord).toMatchObject({ shown: 'PROVEN_SHOWN_ABSENCE', recordType: 'title', fields: [] });
  });
});
