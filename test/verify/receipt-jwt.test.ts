/**
 * The per-answer receipt (docs/spec/receipt.md, JWT form; docs/spec/jwt.md) against the forgeries
 * an outsider holding real gateway-signed tokens would try: a token of another purpose, a kid of
 * another member, a receipt for another state time, a re-dated or re-addressed receipt. Real
 * bundles, real signatures; `verifyBundle` decides.
 */
import { describe, expect, it } from 'vitest';
import type { LightBlock } from '../../src/chain/signed-header.js';
import { toBase64url, toHex, utf8 } from '../../src/encoding/bytes.js';
import { AllianceAuthority } from '../../src/identity/alliance-authority.js';
import type { RegistryState } from '../../src/identity/registry.js';
import type { RegistryOp } from '../../src/identity/registry-update.js';
import { applyApproved, fixtureAdmins } from '../helpers/registry-next.js';
import { createReceiptIssuer } from '../../src/relay/receipts/receipt-issuer.js';
import { nativeReceiptSigner } from '../../src/relay/receipts/root-signer.js';
import { proofFromWire, signedHeaderFromWire } from '../../src/verify/bundle-convert.js';
import { receiptSubjectOf, verifyBundle, type BundleVerification } from '../../src/verify/bundle-verify.js';
import { receiptDigest, type ReceiptSubject } from '../../src/verify/receipt-layout.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';
import type { MessageInput } from '../../src/wire/messages.js';
import { allianceFixture, FixtureDids, type AllianceFixture } from '../helpers/alliance-fixture.js';
import { decodeSegment, resignedReceipt } from '../helpers/receipt-jwt-edit.js';
import { makeBundle, stateWith, type WireBundle } from '../helpers/bundle-maker.js';
import { ChainFixture, FIXTURE_START_MS, fixtureValidators } from '../helpers/chain-fixture.js';

const CHAIN = 'property';
const TYPE = 'property.title';
const RECORDS = { 'title/1': '{"owner":"hash:ab12","area_m2":89.5}' };
const NOW = FIXTURE_START_MS + 3_600_000;
const IAT = Math.floor(NOW / 1000);

const chain = new ChainFixture(CHAIN, fixtureValidators(4));
for (let h = 1; h <= 4; h++) chain.next({ stateRoot: stateWith(RECORDS, 'title/1').root });
const lb = (h: number): LightBlock => ({ signedHeader: chain.at(h).signedHeader, validatorSet: chain.at(h).validatorSet });
const fx = allianceFixture({ chains: [CHAIN], anchors: { [CHAIN]: lb(1) } });
const gatewaySigner = (f: AllianceFixture) => nativeReceiptSigner(f.gateway.did, f.gateway.kid, f.privateKeys.get(f.gateway.did)!);

const check = (v: BundleVerification, name: string) => v.checks.find((c) => c.name === name)!;
const failures = (v: BundleVerification) =>
  Object.fromEntries(v.checks.filter((c) => c.outcome === 'failed').map((c) => [c.name, c.reason]));
const verify = (b: WireBundle, atMs = NOW, authority = fx.authority) => verifyBundle(b, { atMs, authority });

async function honest(): Promise<WireBundle> {
  return makeBundle({
    block: lb(4),
    trace: [lb(1)],
    recordType: TYPE,
    key: 'title/1',
    value: RECORDS['title/1'],
    proof: stateWith(RECORDS, 'title/1').proof,
    receiptSigner: gatewaySigner(fx),
    nowMs: NOW,
  });
}

/** The receipt subject the bundle's receipt must commit to. */
function subjectOf(b: WireBundle): ReceiptSubject {
  return receiptSubjectOf(b, signedHeaderFromWire(b.signedHeader).header, proofFromWire(b.proof));
}

/** The bundle with `receipt` in place of its own. */
function withReceipt(b: WireBundle, receipt: MessageInput<'Receipt'>): WireBundle {
  const { receipt: _old, ...rest } = b;
  return decodeMessage('ProofBundle', encodeMessage('ProofBundle', { ...(rest as MessageInput<'ProofBundle'>), receipt }));
}

/** A receipt the real gateway key issues (either form) for `subject`. */
const issued = (mode: 'jwt' | 'batch', subject: ReceiptSubject) =>
  createReceiptIssuer({ mode, signer: gatewaySigner(fx), now: () => NOW }).issue(subject);

function registryWith(op: RegistryOp, effectiveAtMs: number): RegistryState {
  return applyApproved(fx.state, op, fixtureAdmins(fx), effectiveAtMs);
}

describe('JWT receipt: what the gateway signed must be a receipt, by its own key, for this answer', () => {
  it('the honest receipt verifies VALID (the baseline every forgery below departs from)', async () => {
    const v = verify(await honest());
    expect(failures(v)).toEqual({});
    expect(v.verdict).toBe('valid');
    expect(check(v, 'receipt_signature').outcome).toBe('passed');
  });

  it('forgery: a gateway-signed token of another purpose (auth, order, none) naming the same digest -> receipt_digest_mismatch', async () => {
    const b = await honest();
    // Same claims and rcpt, a real gateway signature: only the purpose says it is not a receipt.
    for (const purpose of ['auth', 'order', 'attestation', undefined]) {
      const forged = resignedReceipt(b, fx.gateway, (_h, p) => {
        if (purpose === undefined) delete p['purpose'];
        else p['purpose'] = purpose;
      });
      const v = verify(forged);
      expect(v.verdict, String(purpose)).toBe('invalid');
      expect(check(v, 'receipt_binding'), String(purpose)).toMatchObject({ outcome: 'failed', reason: 'receipt_digest_mismatch' });
      expect(check(v, 'receipt_signature').outcome, String(purpose)).toBe('passed');
    }
  });

  it("forgery: iss the gateway, kid another member's real key, signed by that member -> kid_not_of_issuer", async () => {
    const b = await honest();
    // The court's key is in the registry and does sign this token; it is just not the gateway's.
    for (const other of [fx.court, fx.agency]) {
      const forged = resignedReceipt(b, other, (h) => {
        h['kid'] = other.kid;
      });
      const v = verify(forged);
      expect(v.verdict, other.did).toBe('invalid');
      expect(check(v, 'receipt_binding').outcome, other.did).toBe('passed');
      expect(check(v, 'receipt_signature'), other.did).toMatchObject({ outcome: 'failed', reason: 'kid_not_of_issuer' });
    }
    // A relative kid names no issuer either.
    const relative = resignedReceipt(b, fx.gateway, (h) => {
      h['kid'] = '#key-1';
    });
    expect(check(verify(relative), 'receipt_signature')).toMatchObject({ outcome: 'failed', reason: 'kid_not_of_issuer' });
  });

  it('forgery: rcpt in upper-case hex, or the SM3 digest under ES256K, or missing -> receipt_digest_mismatch', async () => {
    const b = await honest();
    const sha = toHex(receiptDigest(subjectOf(b), 'secp256k1'));
    const sm3 = toHex(receiptDigest(subjectOf(b), 'sm2'));
    // rcpt is the digest under the suite alg names, as lower-case hex: nothing else binds.
    for (const rcpt of [sha.toUpperCase(), sm3, undefined]) {
      const forged = resignedReceipt(b, fx.gateway, (_h, p) => {
        if (rcpt === undefined) delete p['rcpt'];
        else p['rcpt'] = rcpt;
      });
      expect(check(verify(forged), 'receipt_binding'), String(rcpt)).toMatchObject({
        outcome: 'failed',
        reason: 'receipt_digest_mismatch',
      });
    }
  });

  it('forgery: the receipt moved to a bundle re-addressed to another requester -> receipt_digest_mismatch (aud is not what binds)', async () => {
    const b = await honest();
    const v = verify({ ...b, requesterDid: FixtureDids.agency });
    expect(check(v, 'receipt_binding')).toMatchObject({ outcome: 'failed', reason: 'receipt_digest_mismatch' });
    // Re-addressing the token's aud as well breaks the gateway's signature.
    const [h, p, s] = (b.receipt!.jwt as string).split('.');
    const payload = { ...decodeSegment(p!), aud: FixtureDids.agency };
    const readdressed = withReceipt(
      { ...b, requesterDid: FixtureDids.agency },
      {
        jwt: `${h}.${toBase64url(utf8(JSON.stringify(payload)))}.${s}`,
      },
    );
    expect(check(verify(readdressed), 'receipt_signature')).toMatchObject({ outcome: 'failed', reason: 'bad_signature' });
  });
});

describe('JWT receipt: the gateway is judged at iat, and exp is not judged', () => {
  it('a receipt outlives its exp: verified ten days later it is still VALID', async () => {
    const b = await honest();
    const exp = decodeSegment((b.receipt!.jwt as string).split('.')[1]!)['exp'] as number;
    expect(exp * 1000).toBeLessThan(NOW + 10 * 86_400_000);
    expect(verify(b, NOW + 10 * 86_400_000).verdict).toBe('valid');
  });

  it('the gateway revoked after iat: its receipt stays VALID; a receipt dated at or after the revocation -> receipt_signer_not_gateway', async () => {
    const revokedAt = NOW + 60_000;
    const authority = new AllianceAuthority(() => registryWith({ kind: 'revoke_member', did: FixtureDids.gateway }, revokedAt));
    const b = await honest();
    // Judged at iat (before the revocation), not at the verifier's time (after it).
    expect(verify(b, revokedAt + 60_000, authority).verdict).toBe('valid');
    // The revoked gateway's key signing after the fact, iat honest.
    for (const iatMs of [revokedAt, revokedAt + 1_000]) {
      const late = resignedReceipt(b, fx.gateway, (_h, p) => {
        p['iat'] = iatMs / 1000;
        p['exp'] = iatMs / 1000 + 86_400;
      });
      expect(check(verify(late, revokedAt + 60_000, authority), 'receipt_signature'), String(iatMs)).toMatchObject({
        outcome: 'failed',
        reason: 'receipt_signer_not_gateway',
      });
    }
  });

  it("iat is seconds: a receipt dated before the gateway's key and role began -> receipt_signer_not_gateway; iat not a number -> malformed_token", async () => {
    const keysFrom = allianceFixture({ chains: [CHAIN], anchors: { [CHAIN]: lb(1) }, validFromMs: NOW - 1_000 });
    const b = await honest();
    expect(verify(b, NOW, keysFrom.authority).verdict).toBe('valid');
    const early = resignedReceipt(b, fx.gateway, (_h, p) => {
      p['iat'] = IAT - 3_600;
    });
    const v = verify(early, NOW, keysFrom.authority);
    expect(check(v, 'receipt_signature')).toMatchObject({ outcome: 'failed', reason: 'receipt_signer_not_gateway' });
    const text = resignedReceipt(b, fx.gateway, (_h, p) => {
      p['iat'] = String(IAT);
    });
    expect(check(verify(text), 'receipt_binding')).toMatchObject({ outcome: 'failed', reason: 'malformed_token' });
  });
});

describe('state time: the bundle, its header and its receipt must agree', () => {
  it('forgery: state time unlike the header, receipt re-issued by the gateway over it -> header_binding bundle_header_mismatch', async () => {
    const b = await honest();
    const shifted = { ...b, stateTimeMs: b.stateTimeMs + 1_000 };
    // The receipt commits to the shifted time, so only the header comparison can catch it.
    for (const mode of ['jwt', 'batch'] as const) {
      const forged = withReceipt(shifted, await issued(mode, subjectOf(shifted)));
      const v = verify(forged);
      expect(v.verdict, mode).toBe('invalid');
      expect(failures(v), mode).toEqual({ header_binding: 'bundle_header_mismatch' });
    }
  });

  it('forgery: honest bundle, receipt the gateway signed for another state time -> receipt_binding fails', async () => {
    const b = await honest();
    const other = { ...subjectOf(b), stateTimeMs: b.stateTimeMs + 1 };
    const jwt = verify(withReceipt(b, await issued('jwt', other)));
    expect(failures(jwt)).toEqual({ receipt_binding: 'receipt_digest_mismatch' });
    const batch = verify(withReceipt(b, await issued('batch', other)));
    expect(failures(batch)).toEqual({ receipt_binding: 'root_mismatch' });
  });

  it('forgery: state time changed after the receipt was signed -> header_binding and receipt_binding both fail', async () => {
    const b = await honest();
    const v = verify({ ...b, stateTimeMs: b.stateTimeMs - 1 });
    expect(failures(v)).toEqual({ header_binding: 'bundle_header_mismatch', receipt_binding: 'receipt_digest_mismatch' });
  });
});
