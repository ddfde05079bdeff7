/** Loops over test/vectors/jwt.json, registry-update.json and registry-admit-chain.json and recomputes every field. */
import { readFileSync } from 'node:fs';
import { Resolver } from 'did-resolver';
import { describe, expect, it } from 'vitest';
import { sha256, signingInput, SignTag } from '../../src/crypto/hash.js';
import { publicKeyOf, toHighS, verify } from '../../src/crypto/secp256k1.js';
import { fromBase64url, fromHex, toBase64url, toHex, utf8 } from '../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../src/errors.js';
import { AllianceAuthority } from '../../src/identity/alliance-authority.js';
import { didKeyKid, didKeyOf } from '../../src/identity/did-key.js';
import { loadGenesis } from '../../src/identity/genesis.js';
import { jwtParts, signJwt, signJwtNative, type SignJwtParams } from '../../src/identity/jwt.js';
import { verifyJwtFast } from '../../src/identity/jwt-verify-fast.js';
import { verifyJwtDidJwt } from '../../src/identity/jwt-verify.js';
import { applyRegistryUpdate, registryStateFromGenesis } from '../../src/identity/registry.js';
import { registryUpdateDigest, registryUpdateFromJson, registryUpdateSignBytes } from '../../src/identity/registry-update.js';
import { getResolver } from '../../src/identity/resolver.js';
import { createSigner } from '../../src/identity/signer.js';

interface JwtVector {
  name: string;
  keyN: number;
  privateKey: string;
  publicKey: string;
  did: string;
  kid: string;
  params: SignJwtParams;
  highS: boolean;
  header: unknown;
  payload: unknown;
  signingInput: string;
  signingInputSha256: string;
  signature: string;
  token: string;
  expect: Array<{ nowMs: number; audience: string; purpose: SignJwtParams['purpose']; reason: string }>;
}

const load = <T>(name: string): T => JSON.parse(readFileSync(new URL(`../vectors/${name}`, import.meta.url), 'utf8')) as T;
const jwt = load<{ genesis: string; genesisHash: string; vectors: JwtVector[] }>('jwt.json');
const reg = load<{
  genesis: string;
  genesisHash: string;
  approverKeys: Record<string, number>;
  update: unknown;
  signBytes: string;
  digest: string;
  signingInput: string;
  stateHashAfter: string;
}>('registry-update.json');

const admit = load<{
  approverKeys: Record<string, number>;
  update: unknown;
  signBytes: string;
  digest: string;
  signingInput: string;
  stateHashAfter: string;
}>('registry-admit-chain.json');

const vectorKey = (n: number): Uint8Array => sha256(utf8(`courtbridge vector key ${n}`));

describe('JWT vectors', () => {
  const state = registryStateFromGenesis(loadGenesis(utf8(jwt.genesis), jwt.genesisHash));
  const authority = new AllianceAuthority(() => state);
  const resolver = new Resolver(getResolver(() => state));
  expect(jwt.vectors.length).toBeGreaterThan(0);

  for (const v of jwt.vectors) {
    it(v.name, async () => {
      const sk = vectorKey(v.keyN);
      expect(toHex(sk)).toBe(v.privateKey);
      expect(toHex(publicKeyOf(sk))).toBe(v.publicKey);
      if (v.did.startsWith('did:key:')) {
        expect(didKeyOf(publicKeyOf(sk))).toBe(v.did);
        expect(didKeyKid(v.did)).toBe(v.kid);
      }
      const signer = createSigner(v.did, v.kid, sk);
      const { header, payload } = jwtParts(signer, v.params);
      expect(header).toEqual(v.header);
      expect(payload).toEqual(v.payload);
      const input = `${toBase64url(utf8(JSON.stringify(header)))}.${toBase64url(utf8(JSON.stringify(payload)))}`;
      expect(input).toBe(v.signingInput);
      expect(toHex(sha256(utf8(input)))).toBe(v.signingInputSha256);
      const native = signJwtNative(signer, v.params);
      expect(native).toBe(await signJwt(signer, v.params));
      let sig = fromBase64url(native.split('.')[2]!);
      if (v.highS) sig = toHighS(sig);
      expect(toHex(sig)).toBe(v.signature);
      expect(`${input}.${toBase64url(sig)}`).toBe(v.token);
      // ECDSA holds for the high-S twin too: only our low-S rule refuses it.
      expect(verify(v.highS ? toHighS(sig) : sig, utf8(input), publicKeyOf(sk))).toBe(true);
      for (const e of v.expect) {
        const opts = { audience: e.audience, purpose: e.purpose, nowMs: e.nowMs, authority };
        const outcome = async (f: () => unknown): Promise<string> => {
          try {
            await f();
            return 'ok';
          } catch (err) {
            if (isCourtbridgeError(err)) return err.reason;
            throw err;
          }
        };
        expect(await outcome(() => verifyJwtFast(v.token, opts))).toBe(e.reason);
        expect(await outcome(() => verifyJwtDidJwt(v.token, { ...opts, resolver }))).toBe(e.reason);
      }
    });
  }
});

describe('registry-update vector', () => {
  it('recomputes sign bytes, digest, signing input, approvals and the next state hash', () => {
    const state = registryStateFromGenesis(loadGenesis(utf8(reg.genesis), reg.genesisHash));
    const u = registryUpdateFromJson(reg.update);
    expect(toHex(registryUpdateSignBytes(u))).toBe(reg.signBytes);
    expect(toHex(registryUpdateDigest(u))).toBe(reg.digest);
    expect(toHex(sha256(fromHex(reg.signBytes)))).toBe(reg.digest);
    const input = signingInput(SignTag.RegistryUpdate, fromHex(reg.signBytes));
    expect(toHex(input.bytes('secp256k1'))).toBe(reg.signingInput);
    for (const a of u.approvals) {
      const sk = vectorKey(reg.approverKeys[a.adminDid]!);
      expect(verify(a.signature, input, publicKeyOf(sk))).toBe(true);
      expect(toHex(createSigner(a.adminDid, a.kid, sk).sign(input))).toBe(toHex(a.signature));
    }
    const after = applyRegistryUpdate(state, u, u.effectiveAtMs).state;
    expect(toHex(after.stateHash)).toBe(reg.stateHashAfter);

    // The chain admission applied on top: its entry layout is part of the sign bytes.
    const c = registryUpdateFromJson(admit.update);
    expect(toHex(registryUpdateSignBytes(c))).toBe(admit.signBytes);
    expect(toHex(registryUpdateDigest(c))).toBe(admit.digest);
    const cInput = signingInput(SignTag.RegistryUpdate, fromHex(admit.signBytes));
    expect(toHex(cInput.bytes('secp256k1'))).toBe(admit.signingInput);
    for (const a of c.approvals) expect(verify(a.signature, cInput, publicKeyOf(vectorKey(admit.approverKeys[a.adminDid]!)))).toBe(true);
    expect(toHex(applyRegistryUpdate(after, c, c.effectiveAtMs).state.stateHash)).toBe(admit.stateHashAfter);
  });
});
