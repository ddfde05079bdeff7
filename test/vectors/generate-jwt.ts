/**
 * Writes test/vectors/jwt.json, registry-update.json and registry-admit-chain.json: exact signed
 * bytes of ES256K JWTs and of registry updates (a key rotation, a chain admission), from fixed keys (sk_N = sha256("courtbridge vector key N")),
 * fixed claims and fixed times. Run: `npx tsx test/vectors/generate-jwt.ts`.
 * Checked by test/identity/vectors.test.ts, which recomputes every field.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sha256, signingInput, SignTag } from '../../src/crypto/hash.js';
import { toHighS } from '../../src/crypto/secp256k1.js';
import { fromBase64url, fromUtf8, toBase64url, toHex, utf8 } from '../../src/encoding/bytes.js';
import { didKeyKid, didKeyOf } from '../../src/identity/did-key.js';
import { genesisHashHex } from '../../src/identity/genesis.js';
import { jwtParts, signJwtNative, type SignJwtParams } from '../../src/identity/jwt.js';
import { registryStateFromGenesis, applyRegistryUpdate } from '../../src/identity/registry.js';
import { loadGenesis } from '../../src/identity/genesis.js';
import {
  approveRegistryUpdate,
  registryUpdateDigest,
  registryUpdateSignBytes,
  registryUpdateToJson,
  type RegistryUpdateBody,
} from '../../src/identity/registry-update.js';
import { createSigner } from '../../src/identity/signer.js';
import { genesisBytes, pk, signers, T0, vectorKey } from '../identity/fixture.js';

const here = dirname(fileURLToPath(import.meta.url));
const NOW = T0 + 3_600_000;
const GATEWAY = 'did:alliance:gateway';

interface Case {
  name: string;
  keyN: number;
  issuer: 'did:key' | string;
  params: SignJwtParams;
  /** Replace the signature by its high-S twin (a token every verifier must refuse). */
  highS?: boolean;
  expect: Array<{ nowMs: number; audience: string; purpose: SignJwtParams['purpose']; reason: string }>;
}

const cases: Case[] = [
  {
    name: 'did:key auth token',
    keyN: 1,
    issuer: 'did:key',
    params: { audience: GATEWAY, purpose: 'auth', nowMs: NOW, lifetimeMs: 300_000, jti: 'vector-1' },
    expect: [
      { nowMs: NOW, audience: GATEWAY, purpose: 'auth', reason: 'ok' },
      { nowMs: NOW + 330_000, audience: GATEWAY, purpose: 'auth', reason: 'expired' },
      { nowMs: NOW, audience: GATEWAY, purpose: 'order', reason: 'wrong_purpose' },
    ],
  },
  {
    name: 'alliance court order with claims',
    keyN: 4,
    issuer: 'did:alliance:court-a',
    params: {
      audience: GATEWAY,
      purpose: 'order',
      nowMs: NOW,
      lifetimeMs: 3_600_000,
      jti: 'order-42',
      claims: { action: 'freeze', caseRef: 'HC-2024-001', amountMinor: 125000 },
    },
    expect: [
      { nowMs: NOW + 1000, audience: GATEWAY, purpose: 'order', reason: 'ok' },
      { nowMs: NOW, audience: 'did:alliance:ip-adapter', purpose: 'order', reason: 'wrong_audience' },
    ],
  },
  {
    name: 'high-S twin of the court order',
    keyN: 4,
    issuer: 'did:alliance:court-a',
    params: {
      audience: GATEWAY,
      purpose: 'order',
      nowMs: NOW,
      lifetimeMs: 3_600_000,
      jti: 'order-42',
      claims: { action: 'freeze', caseRef: 'HC-2024-001', amountMinor: 125000 },
    },
    highS: true,
    expect: [{ nowMs: NOW + 1000, audience: GATEWAY, purpose: 'order', reason: 'high_s_signature' }],
  },
];

const genesis = genesisBytes();
const jwt = {
  description:
    'ES256K JWT vectors: sk = sha256(utf8("courtbridge vector key N")); signature = ECDSA-SHA256 (RFC 6979, low-S) over the ASCII signing input',
  genesis: fromUtf8(genesis),
  genesisHash: genesisHashHex(genesis),
  vectors: cases.map((c) => {
    const sk = vectorKey(c.keyN);
    const did = c.issuer === 'did:key' ? didKeyOf(pk(c.keyN)) : c.issuer;
    const kid = c.issuer === 'did:key' ? didKeyKid(did) : `${did}#key-1`;
    const signer = createSigner(did, kid, sk);
    const { header, payload } = jwtParts(signer, c.params);
    let token = signJwtNative(signer, c.params);
    const [h, p, s] = token.split('.') as [string, string, string];
    let sig = fromBase64url(s);
    if (c.highS) {
      sig = toHighS(sig);
      token = `${h}.${p}.${toBase64url(sig)}`;
    }
    const input = `${h}.${p}`;
    return {
      name: c.name,
      keyN: c.keyN,
      privateKey: toHex(sk),
      publicKey: toHex(signer.publicKey),
      did,
      kid,
      params: c.params,
      highS: c.highS ?? false,
      header,
      payload,
      signingInput: input,
      signingInputSha256: toHex(sha256(utf8(input))),
      signature: toHex(sig),
      token,
      expect: c.expect,
    };
  }),
};
writeFileSync(join(here, 'jwt.json'), `${JSON.stringify(jwt, null, 2)}\n`);

// Registry update: rotate court-a to key 20 at T0 + 60 s, approved by admin-a and admin-b.
const state = registryStateFromGenesis(loadGenesis(genesis, genesisHashHex(genesis)));
const body: RegistryUpdateBody = {
  allianceId: state.allianceId,
  sequence: 1,
  prevStateHash: state.stateHash,
  updateId: 'rotate-court-a-1',
  effectiveAtMs: T0 + 60_000,
  op: { kind: 'rotate_key', did: signers['court-a'].did, newKid: '#key-2', newPublicKey: pk(20) },
};
const update = { ...body, approvals: [approveRegistryUpdate(body, signers['admin-a']), approveRegistryUpdate(body, signers['admin-b'])] };
const applied = applyRegistryUpdate(state, update, T0 + 60_000);
const reg = {
  description:
    'Registry update vector: sign bytes (fixed layout, registry-update.ts), digest = sha256(signBytes), approvals sign signingInput(courtbridge/v1/registry-update, signBytes)',
  genesis: fromUtf8(genesis),
  genesisHash: genesisHashHex(genesis),
  approverKeys: { 'did:alliance:admin-a': 1, 'did:alliance:admin-b': 2 },
  update: registryUpdateToJson(update),
  signBytes: toHex(registryUpdateSignBytes(body)),
  digest: toHex(registryUpdateDigest(body)),
  signingInput: toHex(signingInput(SignTag.RegistryUpdate, registryUpdateSignBytes(body)).bytes('secp256k1')),
  stateHashAfter: toHex(applied.state.stateHash),
};
writeFileSync(join(here, 'registry-update.json'), `${JSON.stringify(reg, null, 2)}\n`);

// Chain admission on top of it: admit chain `ip` with a fixed anchor, served by ip-adapter,
// attested 1 of [court-a], with its schema (two record types, one action); sequence 2, approved by
// admin-a and admin-b.
const chainBody: RegistryUpdateBody = {
  allianceId: state.allianceId,
  sequence: 2,
  prevStateHash: applied.state.stateHash,
  updateId: 'admit-ip-1',
  effectiveAtMs: T0 + 120_000,
  op: {
    kind: 'admit_chain',
    chain: {
      chainId: 'ip',
      kind: 'bft-smt',
      displayName: 'Intellectual property (copyright, trademark, patent)',
      hashSuite: 'sha256',
      signatureSuite: 'secp256k1',
      anchor: { height: 7, headerHash: sha256(utf8('vector anchor header')), validatorsHash: sha256(utf8('vector anchor validators')) },
      servers: ['did:alliance:ip-adapter'],
      attestation: { threshold: 1, attesters: [signers['court-a'].did] },
      schema: {
        recordTypes: [
          { name: 'trademark', keyPrefix: 'trademark/', indexes: ['owner'] },
          { name: 'patent', keyPrefix: 'patent/', indexes: [] },
        ],
        actions: [{ kind: 'freeze', targetRecordType: 'trademark|patent' }],
      },
    },
  },
};
const chainUpdate = {
  ...chainBody,
  approvals: [approveRegistryUpdate(chainBody, signers['admin-a']), approveRegistryUpdate(chainBody, signers['admin-b'])],
};
const admitted = applyRegistryUpdate(applied.state, chainUpdate, T0 + 120_000);
writeFileSync(
  join(here, 'registry-admit-chain.json'),
  `${JSON.stringify(
    {
      description:
        'Registry update vector (admit_chain, applied after registry-update.json): sign bytes with the chain entry layout of src/identity/chain-entry.ts',
      approverKeys: { 'did:alliance:admin-a': 1, 'did:alliance:admin-b': 2 },
      update: registryUpdateToJson(chainUpdate),
      signBytes: toHex(registryUpdateSignBytes(chainBody)),
      digest: toHex(registryUpdateDigest(chainBody)),
      signingInput: toHex(signingInput(SignTag.RegistryUpdate, registryUpdateSignBytes(chainBody)).bytes('secp256k1')),
      stateHashAfter: toHex(admitted.state.stateHash),
    },
    null,
    2,
  )}\n`,
);
process.stderr.write(`wrote ${jwt.vectors.length} JWT vectors and 2 registry-update vectors\n`);
