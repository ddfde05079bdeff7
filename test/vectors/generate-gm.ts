/**
 * Writes test/vectors/gm.json: the national-cryptography (GM) suite, SM3 and SM2 (README "Signed
 * bytes and test vectors"):
 *   - published examples: SM3 (GB/T 32905-2016 appendix A) and an SM2 signature on the
 *     recommended curve (GM/T 0003.5-2012 appendix A: key, Z_A, e, nonce k, r, s);
 *   - courtbridge structures signed by SM2 keys of a small alliance: an envelope, header votes by a
 *     validator set of SM2 keys (its encoding and hash), a registry update approval, an SM2SM3
 *     JWT, a receipt batch root, an attestation, an audit entry, and the did:key of an SM2 key.
 *     Each gives the layout bytes, the bytes an SM2 key signs (`signingInput(tag, layout).bytes('sm2')`
 *     = utf8(tag) || 0x00 || SM3(layout)), e = SM3(Z_A || those bytes), a stored signature, and
 *     the secp256k1 framing of the same layout for contrast (utf8(tag) || 0x00 || SHA-256(layout));
 *   - invalid cases and the reason a verifier gives for each.
 * Keys: private key N = sha256("courtbridge vector key N"), each checked to lie in SM2's [1, n − 2].
 *
 * SM2 signatures are randomised, so the file pins the bytes to sign and verification, not the
 * signature bytes: a signature made once and stored verifies forever. To keep a regeneration's
 * diff to what really changed, a signature already in gm.json that still verifies over the same
 * bytes under the same key is kept.
 *
 * Run: npx tsx test/vectors/generate-gm.ts   (checked by test/vectors/gm-vectors.test.ts)
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sm2, sm3 as libSm3 } from 'sm-crypto-v2';

import { encodeCommit, type Commit } from '../../src/chain/commit.js';
import { headerBytes, headerHash, ZERO_HASH, type Header } from '../../src/chain/header.js';
import { encodeValidatorSet, newValidatorSet, validatorSetHash, type ValidatorSet } from '../../src/chain/validator-set.js';
import { voteBytes, voteSigningInput } from '../../src/chain/vote.js';
import { encodeEnvelope, envelopeSignBytes, envelopeSigningInput, sealEnvelope } from '../../src/bus/envelope.js';
import { sm3 } from '../../src/crypto/hash-suite.js';
import { sha256, SignTag, signingInput, type Signable, type SigningInput } from '../../src/crypto/hash.js';
import { checkSignatureShape as checkSecp256k1Shape, isValidPublicKey as isSecp256k1Point } from '../../src/crypto/secp256k1.js';
import { pointOfKey, publicKeyFor, signWith, verify, type SignatureSuite } from '../../src/crypto/signature-suite.js';
import { checkSm2SignatureShape, SM2_DEFAULT_USER_ID, SM2_N } from '../../src/crypto/sm2.js';
import { bytesToBig, concatBytes, fromBase64url, fromHex, toBase64url, toHex, utf8 } from '../../src/encoding/bytes.js';
import type { Role } from '../../src/identity/authority.js';
import { didKeyKid, didKeyOf } from '../../src/identity/did-key.js';
import { genesisHashHex, loadGenesis, type Genesis } from '../../src/identity/genesis.js';
import { jwtParts, signJwtNative, type SignJwtParams } from '../../src/identity/jwt.js';
import { applyRegistryUpdate, registryStateFromGenesis } from '../../src/identity/registry.js';
import {
  approveRegistryUpdate,
  registryUpdateDigest,
  registryUpdateSignBytes,
  registryUpdateToJson,
  type RegistryUpdate,
  type RegistryUpdateBody,
} from '../../src/identity/registry-update.js';
import type { Signer } from '../../src/identity/signer.js';
import { allAuditPaths, leafHash } from '../../src/proof/binary-merkle.js';
import { attestationLayout, attestationSigningInput, type AttestedResult } from '../../src/verify/attestations.js';
import { batchRootSigningInput, receiptDigest, receiptLayout } from '../../src/verify/receipt-layout.js';
import { auditEntrySignBytes, encodeAuditRecord, GENESIS_PREV_HASH, signAuditEntry } from '../../src/workflows/audit-log.js';
import { subjectFromJson, subjects as receiptSubjects } from './generate-receipt.js';

export const GM_JSON = new URL('./gm.json', import.meta.url);

/** The private key of vector key `n`: sha256("courtbridge vector key n"). */
export const vectorKey = (n: number): Uint8Array => sha256(utf8(`courtbridge vector key ${n}`));

/** Who holds which vector key, under which suite (genesis members are those with `inGenesis`). */
export interface KeyDef {
  index: number;
  suite: SignatureSuite;
  did: string;
  roles: Role[];
  inGenesis: boolean;
}

export const KEYS = [
  { index: 1, suite: 'sm2', did: 'did:alliance:gateway-1', roles: ['gateway'], inGenesis: true },
  { index: 2, suite: 'sm2', did: 'did:alliance:court-bj-01', roles: ['court'], inGenesis: true },
  { index: 3, suite: 'sm2', did: 'did:alliance:agency-bank', roles: ['agency'], inGenesis: true },
  { index: 4, suite: 'sm2', did: 'did:alliance:admin-1', roles: ['admin'], inGenesis: true },
  { index: 5, suite: 'sm2', did: 'did:alliance:validator-a', roles: ['validator'], inGenesis: false },
  { index: 6, suite: 'sm2', did: 'did:alliance:validator-b', roles: ['validator'], inGenesis: false },
  { index: 7, suite: 'sm2', did: 'did:alliance:validator-c', roles: ['validator'], inGenesis: false },
  { index: 8, suite: 'secp256k1', did: 'did:alliance:gateway-2', roles: ['gateway'], inGenesis: true },
  { index: 9, suite: 'sm2', did: 'did:alliance:court-sh-02', roles: ['court'], inGenesis: false },
] as const satisfies readonly KeyDef[];

export const keyDef = (index: number): KeyDef => {
  const k = KEYS.find((x) => x.index === index);
  if (k === undefined) throw new Error(`no vector key ${index}`);
  return k;
};
export const kidOf = (k: KeyDef): string => `${k.did}#key-1`;
export const publicKeyOfIndex = (index: number): Uint8Array => publicKeyFor(keyDef(index).suite, vectorKey(index));

/** Times (ms): genesis keys valid from T0; everything below is signed at NOW. */
export const T0 = 1_750_000_000_000;
export const NOW = T0 + 3_600_000;

const GATEWAY = 1;
const COURT = 2;
const AGENCY = 3;
const ADMIN = 4;
const VALIDATORS = [5, 6, 7] as const;
const ES_GATEWAY = 8;
const NEW_COURT = 9;

/** Z_A of an SM2 key under the default user id, by sm-crypto-v2 (GB/T 32918.2 §5.5). */
export const zaOf = (key: Uint8Array): Uint8Array => sm2.getZ(toHex(pointOfKey(key)), SM2_DEFAULT_USER_ID);

/** e = SM3(Z_A || M): the scalar an SM2 signature over M is made on. */
export const eOf = (key: Uint8Array, message: Uint8Array): string => sm2.getHash(message, toHex(pointOfKey(key)), SM2_DEFAULT_USER_ID);

/** Every `signatureHex` in a (previous) gm.json: the signatures a regeneration may keep. */
export function storedSignatures(json: unknown, out: string[] = []): string[] {
  if (Array.isArray(json)) for (const v of json) storedSignatures(v, out);
  else if (typeof json === 'object' && json !== null) {
    for (const [k, v] of Object.entries(json)) {
      if (k === 'signatureHex' && typeof v === 'string' && v.length === 128) out.push(v);
      else storedSignatures(v, out);
    }
  }
  return out;
}

/**
 * A Signer of vector key `index` that first offers a kept signature (one in `kept` that verifies
 * over the same bytes under this key), then signs afresh until `accept` holds.
 */
function vectorSigner(index: number, kept: readonly string[], accept: (sig: Uint8Array) => boolean = () => true): Signer {
  const k = keyDef(index);
  const sk = vectorKey(index);
  const publicKey = publicKeyFor(k.suite, sk);
  return {
    did: k.did,
    kid: kidOf(k),
    suite: k.suite,
    publicKey,
    sign(m: Signable): Uint8Array {
      for (const hex of kept) {
        const sig = fromHex(hex);
        if (accept(sig) && verify(sig, m, publicKey)) return sig;
      }
      // SM2 nonces are random: a rejected signature is followed by another. RFC 6979 ones are not.
      for (let i = 0; i < (k.suite === 'sm2' ? 64 : 1); i++) {
        const sig = signWith(k.suite, m, sk);
        if (accept(sig)) return sig;
      }
      throw new Error(`vector key ${index}: no acceptable signature`);
    },
  };
}

/** The fields every signed vector carries (see file comment). */
function signedFields(index: number, input: SigningInput, signature: Uint8Array) {
  const k = keyDef(index);
  const key = publicKeyOfIndex(index);
  return {
    keyIndex: index,
    did: k.did,
    kid: kidOf(k),
    publicKeyHex: toHex(key),
    tag: input.tag,
    layoutHex: toHex(input.data),
    signingInputSm2Hex: toHex(input.bytes('sm2')),
    eHex: eOf(key, input.bytes('sm2')),
    signatureHex: toHex(signature),
    signingInputSecp256k1Hex: toHex(input.bytes('secp256k1')),
  };
}

// ---- inputs ----

export function genesisObject(): Genesis {
  return {
    allianceId: 'courtbridge-gm',
    quorum: 1,
    members: KEYS.filter((k) => k.inGenesis).map((k) => ({
      did: k.did,
      org: `Org ${k.did.slice('did:alliance:'.length)}`,
      roles: [...k.roles],
      chains: [],
      keys: [{ kid: '#key-1', publicKeyHex: toHex(publicKeyOfIndex(k.index)), validFromMs: T0 }],
    })),
  };
}
export const genesisText = (): string => `${JSON.stringify(genesisObject(), null, 2)}\n`;

export const ENVELOPE = {
  keyIndex: GATEWAY,
  type: 'action.request',
  msgId: 'gm-act-0001',
  timestampMs: NOW,
  bodyUtf8: '{"action":"freeze","caseRef":"(2024)京0101执123号","amountMinor":500000}',
} as const;

export const VALIDATOR_POWERS = [10, 20, 30] as const;

export function validatorSet(): ValidatorSet {
  return newValidatorSet(VALIDATORS.map((i, j) => ({ did: keyDef(i).did, publicKey: publicKeyOfIndex(i), power: VALIDATOR_POWERS[j]! })));
}

/** Height 1 of a chain whose validators (this and the next height) are the SM2 set. */
export function header(): Header {
  const vh = validatorSetHash(validatorSet());
  return {
    chainId: 'judicial-gm',
    height: 1,
    timeMs: NOW,
    prevHash: ZERO_HASH,
    stateRoot: sha256(utf8('gm vector state 1')),
    txRoot: sha256(utf8('gm vector txs 1')),
    validatorsHash: vh,
    nextValidatorsHash: vh,
    proposer: keyDef(VALIDATORS[0]).did,
  };
}

export function registryUpdateBody(genesisHash: Uint8Array): RegistryUpdateBody {
  return {
    allianceId: 'courtbridge-gm',
    sequence: 1,
    prevStateHash: genesisHash,
    updateId: 'gm-register-court-sh-02',
    effectiveAtMs: NOW,
    op: {
      kind: 'register_member',
      did: keyDef(NEW_COURT).did,
      org: 'Org court-sh-02',
      roles: ['court'],
      chains: [],
      keys: [{ kid: '#key-1', publicKey: publicKeyOfIndex(NEW_COURT) }],
    },
  };
}

export const JWT_PARAMS: SignJwtParams = {
  audience: keyDef(GATEWAY).did,
  purpose: 'order',
  nowMs: NOW,
  lifetimeMs: 3_600_000,
  jti: 'gm-order-1',
  claims: { action: 'freeze', caseRef: '(2024)京0101执123号', amountMinor: 500000 },
};

export const RECEIPT_BATCH = { keyIndex: GATEWAY, signedAtMs: NOW, subjects: [0, 1] } as const;

export const ATTESTED: AttestedResult = {
  chainId: 'finance',
  recordType: 'account',
  key: 'account/6222020200112345678',
  result: { kind: 'record', value: utf8('{"balance":"100000"}') },
};

export const AUDIT_ENTRY = {
  keyIndex: COURT,
  caseId: '(2024)京0101执123号',
  sequence: 1,
  atMs: NOW,
  event: 'enforcement_filed',
  actionId: 'act-gm-0001',
  detail: 'enforcement filed against 1 account(s)',
  refs: [
    {
      chainId: 'judicial',
      key: 'agreement/(2024)京0101民初777号',
      height: 12,
      kind: 'member' as const,
      stateRoot: toHex(sha256(utf8('gm root 12'))),
      bundleHash: toHex(sha256(utf8('gm bundle 1'))),
    },
  ],
};

/** The published SM2 example (GM/T 0003.5-2012 appendix A, recommended curve), lower-case hex. */
export const PUBLISHED_SM2 = {
  source: 'GM/T 0003.5-2012 appendix A (SM2 recommended curve), GB/T 32918.2 signature with SM3 and Z_A',
  privateKeyHex: '3945208f7b2144b13f36e38ac6d39f95889393692860b51a42fb81ef4df7c5b8',
  publicKeyXHex: '09f9df311e5421a150dd7d161e4bc5c672179fad1833fc076bb08ff356f35020',
  publicKeyYHex: 'ccea490ce26775a52dc6ea718cc1aa600aed05fbf35e084a6632f6072da9ad13',
  userId: '1234567812345678',
  messageUtf8: 'message digest',
  zaHex: 'b2e14c5c79c6df5b85f4fe7ed8db7a262b9da7e07ccb0ea9f4747b8ccda8a4f3',
  eHex: 'f0b43e94ba45accaace692ed534382eb17e6ab5a19ce7b31f4486fdfc0d28640',
  kHex: '59276e27d506861a16680f3ad9c02dccef3cc1fa3cdbe4ce6d54b80deac1bc21',
  rHex: 'f5a03b0648d2c4630eeac513e1bb81a15944da3827d5b74143ac7eaceee720b3',
  sHex: 'b1b6aa29df212fd8763182bc0d421ca1bb9038fd1f7f42d4840b69c485bbc1aa',
} as const;

export const PUBLISHED_SM3 = [
  {
    source: 'GB/T 32905-2016 appendix A.1',
    messageUtf8: 'abc',
    digestHex: '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0',
  },
  {
    source: 'GB/T 32905-2016 appendix A.2',
    messageUtf8: 'abcd'.repeat(16),
    digestHex: 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
  },
] as const;

/**
 * Sign `message` with the published key and nonce k through sm-crypto-v2 (`pointPool` takes k
 * and x1 = x(k·G), which the library's own key derivation gives).
 */
export function signWithPublishedNonce(): string {
  const p = PUBLISHED_SM2;
  const kG = sm2.getPublicKeyFromPrivateKey(p.kHex); // 04 || x || y
  const x1 = BigInt(`0x${kG.slice(2, 66)}`);
  return sm2.doSignature(utf8(p.messageUtf8), p.privateKeyHex, {
    hash: true,
    publicKey: `04${p.publicKeyXHex}${p.publicKeyYHex}`,
    userId: p.userId,
    pointPool: [{ k: BigInt(`0x${p.kHex}`), x1 }],
  });
}

const n32 = (x: bigint): Uint8Array => fromHex(x.toString(16).padStart(64, '0'));

/** The SM2 range cases built from a valid signature (r, s); every SM2 verifier refuses them before any curve math. */
export function rangeCases(sig: Uint8Array): { name: string; signatureHex: string; shape: string }[] {
  const r = bytesToBig(sig.subarray(0, 32));
  const s = bytesToBig(sig.subarray(32));
  const mk = (name: string, rr: bigint, ss: bigint) => {
    const signature = concatBytes(n32(rr), n32(ss));
    return { name, signatureHex: toHex(signature), shape: checkSm2SignatureShape(signature) };
  };
  return [
    mk('r = 0', 0n, s),
    mk('s = 0', r, 0n),
    mk('r = n', SM2_N, s),
    mk('s = n (s + n does not fit 32 bytes; n is the smallest s ≥ n)', r, SM2_N),
    mk('r + s = n (t = 0, GB/T 32918.2 §7.1 B5)', r, SM2_N - r),
  ];
}

/** A JWT with `alg` in its header whatever the signer's suite (an attacker's token, or a misconfigured issuer's). */
function jwtWithAlg(signer: Signer, alg: string, params: SignJwtParams): { token: string; signingInput: string; signature: Uint8Array } {
  const { header, payload } = jwtParts(signer, params);
  const input = `${toBase64url(utf8(JSON.stringify({ ...header, alg })))}.${toBase64url(utf8(JSON.stringify(payload)))}`;
  const signature = signer.sign(utf8(input));
  return { token: `${input}.${toBase64url(signature)}`, signingInput: input, signature };
}

// ---- the file ----

export function buildVectors(kept: readonly string[] = []) {
  for (const k of KEYS) {
    const d = bytesToBig(vectorKey(k.index));
    if (k.suite === 'sm2' && !(d >= 1n && d <= SM2_N - 2n)) throw new Error(`vector key ${k.index} is outside SM2's [1, n − 2]`);
  }
  const signer = (i: number, accept?: (sig: Uint8Array) => boolean): Signer => vectorSigner(i, kept, accept);

  // Published examples: checked here too, so a generator run on a broken library stops.
  const pub = PUBLISHED_SM2;
  const pubUncompressed = `04${pub.publicKeyXHex}${pub.publicKeyYHex}`;
  const pubCompressed = sm2.compressPublicKeyHex(pubUncompressed);
  if (toHex(sm2.getZ(pubUncompressed, pub.userId)) !== pub.zaHex) throw new Error('sm-crypto-v2: Z_A differs from the published one');
  if (sm2.getHash(utf8(pub.messageUtf8), pubUncompressed, pub.userId) !== pub.eHex) throw new Error('sm-crypto-v2: e differs');
  if (signWithPublishedNonce() !== pub.rHex + pub.sHex) throw new Error('sm-crypto-v2: (r, s) with the published k differs');
  for (const v of PUBLISHED_SM3) {
    if (toHex(sm3(utf8(v.messageUtf8))) !== v.digestHex || libSm3(v.messageUtf8) !== v.digestHex) throw new Error('SM3 example differs');
  }

  // The alliance: genesis, its authority's members, and every signed structure.
  const gText = genesisText();
  const gHash = fromHex(genesisHashHex(utf8(gText)));
  const state0 = registryStateFromGenesis(loadGenesis(utf8(gText), toHex(gHash)));

  const gw = signer(GATEWAY);
  const env = sealEnvelope(gw, ENVELOPE.type, utf8(ENVELOPE.bodyUtf8), ENVELOPE.timestampMs, ENVELOPE.msgId);
  if (toHex(envelopeSignBytes(env)) !== toHex(envelopeSigningInput(env).data)) throw new Error('envelope layout');

  const set = validatorSet();
  const h = header();
  const hHash = headerHash(h);
  const votes = VALIDATORS.map((i) => {
    const input = voteSigningInput(h.chainId, h.height, hHash);
    return signedFields(i, input, signer(i).sign(input));
  });
  const commit: Commit = {
    height: h.height,
    headerHash: hHash,
    signatures: votes.map((v) => ({ validatorDid: v.did, signature: fromHex(v.signatureHex) })),
  };

  const body = registryUpdateBody(gHash);
  const update: RegistryUpdate = { ...body, approvals: [approveRegistryUpdate(body, signer(ADMIN))] };
  const applied = applyRegistryUpdate(state0, update, NOW);

  const court = signer(COURT);
  const token = signJwtNative(court, JWT_PARAMS);
  const [jh, jp, js] = token.split('.') as [string, string, string];
  const { header: jwtHeader, payload: jwtPayload } = jwtParts(court, JWT_PARAMS);

  const receipts = RECEIPT_BATCH.subjects.map((i) => {
    const { name, subject } = receiptSubjects[i]!;
    const s = subjectFromJson(subject);
    return {
      name,
      subject,
      layoutHex: toHex(receiptLayout(s)),
      digestSm2Hex: toHex(receiptDigest(s, 'sm2')),
      digestSecp256k1Hex: toHex(receiptDigest(s, 'secp256k1')),
      leafHashHex: toHex(leafHash(receiptDigest(s, 'sm2'))),
    };
  });
  const { root, paths } = allAuditPaths(receipts.map((r) => fromHex(r.leafHashHex)));
  const rootInput = batchRootSigningInput(root, receipts.length, RECEIPT_BATCH.signedAtMs);

  const attInput = attestationSigningInput(ATTESTED);
  if (toHex(attInput.data) !== toHex(attestationLayout(ATTESTED))) throw new Error('attestation layout');

  const audit = signAuditEntry(signer(COURT), {
    caseId: AUDIT_ENTRY.caseId,
    sequence: AUDIT_ENTRY.sequence,
    atMs: AUDIT_ENTRY.atMs,
    event: AUDIT_ENTRY.event,
    actionId: AUDIT_ENTRY.actionId,
    detail: AUDIT_ENTRY.detail,
    refs: AUDIT_ENTRY.refs,
    prevHash: GENESIS_PREV_HASH,
  });
  const auditInput = signingInput(SignTag.AuditEntry, auditEntrySignBytes(audit.body));

  // Invalid cases.
  const voteSig = fromHex(votes[0]!.signatureHex);
  const gwKey = publicKeyOfIndex(GATEWAY);
  const gwPoint = pointOfKey(gwKey);
  if (!isSecp256k1Point(gwPoint)) throw new Error('the gateway key must also be a secp256k1 point for the suite-confusion case');
  const envInput = envelopeSigningInput(env);
  const framed = signer(GATEWAY).sign(envInput.bytes('secp256k1'));
  // An SM2 signature under an ES256K header reaches the key check only if its s is also low for
  // secp256k1's n; otherwise it is refused earlier (high_s_signature), which is not this case.
  const sm2AsEs = jwtWithAlg(
    signer(COURT, (sig) => checkSecp256k1Shape(sig) === 'ok'),
    'ES256K',
    { ...JWT_PARAMS, jti: 'gm-order-2' },
  );
  const esAsSm2 = jwtWithAlg(
    signer(ES_GATEWAY, (sig) => checkSm2SignatureShape(sig) === 'ok'),
    'SM2SM3',
    { ...JWT_PARAMS, jti: 'gm-order-3', audience: keyDef(COURT).did },
  );

  const didKeyKey = publicKeyOfIndex(GATEWAY);
  const didKey = didKeyOf(didKeyKey);

  return {
    description:
      'courtbridge GM (national cryptography) vectors. SM3 = GB/T 32905; SM2 = GB/T 32918.2 over the GM/T 0003.5 recommended curve, signature r || s (64 bytes) ' +
      'on e = SM3(Z_A || M), Z_A = SM3(ENTL || ID || a || b || xG || yG || xA || yA) with the default ID "1234567812345678". ' +
      'An SM2 key is 35 bytes: 0x86 0x24 (multicodec sm2-pub) || the 33-byte compressed point. A courtbridge structure signed by an SM2 key signs ' +
      'M = utf8(tag) || 0x00 || SM3(layout) (a secp256k1 key: utf8(tag) || 0x00 || SHA-256(layout), shown for contrast). SM2 signatures are randomised: ' +
      'the bytes to sign and e are pinned, the stored signatures must verify (a new one differs). Range rules before any curve math: 1 ≤ r, s ≤ n − 1 and r + s ≠ n. ' +
      'JWTs signed by SM2 keys use alg SM2SM3 over the ASCII JWS signing input (no tag: the JWS format is the domain); an alg that does not match the key is alg_key_mismatch.',
    privateKeyRule: 'sha256(utf8("courtbridge vector key " + keyIndex)); every SM2 one checked to lie in [1, n − 2]',
    sm2: {
      curve: 'GM/T 0003.5-2012 recommended 256-bit curve (sm2p256v1)',
      nHex: SM2_N.toString(16),
      keyPrefixHex: '8624',
      defaultUserId: SM2_DEFAULT_USER_ID,
      jwtAlg: 'SM2SM3',
    },
    published: {
      sm3: PUBLISHED_SM3,
      sm2: {
        ...pub,
        publicKeyCompressedHex: pubCompressed,
        publicKeyHex: `8624${pubCompressed}`,
        signatureHex: pub.rHex + pub.sHex,
      },
    },
    keys: KEYS.map((k) => {
      const key = publicKeyOfIndex(k.index);
      return {
        index: k.index,
        suite: k.suite,
        did: k.did,
        kid: kidOf(k),
        privateKeyHex: toHex(vectorKey(k.index)),
        publicKeyHex: toHex(key),
        ...(k.suite === 'sm2' ? { zaHex: toHex(zaOf(key)) } : {}),
      };
    }),
    alliance: {
      genesis: gText,
      genesisHashHex: toHex(gHash),
      envelope: {
        ...ENVELOPE,
        ...signedFields(GATEWAY, envInput, env.signature),
        wireHex: toHex(encodeEnvelope(env)),
      },
      validatorSet: {
        validators: set.validators.map((v) => ({ did: v.did, publicKeyHex: toHex(v.publicKey), power: v.power })),
        encodingHex: toHex(encodeValidatorSet(set)),
        hashHex: toHex(validatorSetHash(set)),
      },
      headerVote: {
        header: {
          chainId: h.chainId,
          height: h.height,
          timeMs: h.timeMs,
          prevHashHex: toHex(h.prevHash),
          stateRootHex: toHex(h.stateRoot),
          txRootHex: toHex(h.txRoot),
          validatorsHashHex: toHex(h.validatorsHash),
          nextValidatorsHashHex: toHex(h.nextValidatorsHash),
          proposer: h.proposer,
        },
        headerBytesHex: toHex(headerBytes(h)),
        headerHashHex: toHex(hHash),
        voteBytesHex: toHex(voteBytes(h.chainId, h.height, hHash)),
        votes,
        commitHex: toHex(encodeCommit(commit)),
      },
      registryUpdate: {
        ...signedFields(ADMIN, signingInput(SignTag.RegistryUpdate, registryUpdateSignBytes(body)), update.approvals[0]!.signature),
        update: registryUpdateToJson(update),
        digestHex: toHex(registryUpdateDigest(body)),
        stateHashAfterHex: toHex(applied.state.stateHash),
      },
      jwt: {
        keyIndex: COURT,
        did: court.did,
        kid: court.kid,
        publicKeyHex: toHex(court.publicKey),
        params: JWT_PARAMS,
        header: jwtHeader,
        payload: jwtPayload,
        signingInput: `${jh}.${jp}`,
        eHex: eOf(court.publicKey, utf8(`${jh}.${jp}`)),
        signatureHex: toHex(fromBase64url(js)),
        token,
      },
      receiptBatch: {
        receipts,
        rootHex: toHex(root),
        paths: paths.map((p, i) => ({ leafIndex: i, pathHex: p.map(toHex) })),
        leafCount: receipts.length,
        signedAtMs: RECEIPT_BATCH.signedAtMs,
        ...signedFields(GATEWAY, rootInput, gw.sign(rootInput)),
      },
      attestation: {
        subject: {
          chainId: ATTESTED.chainId,
          recordType: ATTESTED.recordType,
          key: ATTESTED.key,
          valueUtf8: '{"balance":"100000"}',
        },
        ...signedFields(AGENCY, attInput, signer(AGENCY).sign(attInput)),
      },
      auditEntry: {
        ...AUDIT_ENTRY,
        prevHashHex: toHex(GENESIS_PREV_HASH),
        ...signedFields(COURT, auditInput, audit.signature),
        storedHex: toHex(encodeAuditRecord(audit)),
        entryHashHex: toHex(audit.entryHash),
      },
      didKey: {
        keyIndex: GATEWAY,
        publicKeyHex: toHex(didKeyKey),
        multicodecHex: toHex(didKeyKey),
        did: didKey,
        kid: didKeyKid(didKey),
      },
    },
    invalid: {
      signatureRange: {
        description:
          "validator-a's vote signature with r or s moved out of SM2's range; checkSignatureShapeFor('sm2', …) says `shape`, a verifier (commit tally, JWT, registry approvals) refuses it as signature_out_of_range before any curve math",
        basedOnSignatureHex: toHex(voteSig),
        cases: rangeCases(voteSig).map((c) => ({ ...c, reason: 'signature_out_of_range' })),
      },
      jwtAlgKeyMismatch: [
        {
          name: 'an SM2 signature presented as ES256K (the kid is an SM2 key)',
          keyIndex: COURT,
          kid: kidOf(keyDef(COURT)),
          alg: 'ES256K',
          signingInput: sm2AsEs.signingInput,
          signatureHex: toHex(sm2AsEs.signature),
          token: sm2AsEs.token,
          audience: JWT_PARAMS.audience,
          reason: 'alg_key_mismatch',
        },
        {
          name: 'a secp256k1 signature presented as SM2SM3 (the kid is a secp256k1 key)',
          keyIndex: ES_GATEWAY,
          kid: kidOf(keyDef(ES_GATEWAY)),
          alg: 'SM2SM3',
          signingInput: esAsSm2.signingInput,
          signatureHex: toHex(esAsSm2.signature),
          token: esAsSm2.token,
          audience: keyDef(COURT).did,
          reason: 'alg_key_mismatch',
        },
      ],
      suiteConfusion: {
        name: "the envelope's SM2 signature checked against the same point claimed as a secp256k1 key",
        keyIndex: GATEWAY,
        claimedSecp256k1KeyHex: toHex(gwPoint),
        pointIsOnSecp256k1: true,
        signingInputSecp256k1Hex: toHex(envInput.bytes('secp256k1')),
        signatureHex: toHex(env.signature),
        verifies: false,
        reason: 'tampered',
      },
      framing: {
        name: 'an SM2 signature over the secp256k1 framing of the envelope (utf8(tag) || 0x00 || SHA-256(layout))',
        keyIndex: GATEWAY,
        publicKeyHex: toHex(gwKey),
        signedBytesHex: toHex(envInput.bytes('secp256k1')),
        signatureHex: toHex(framed),
        verifiesOverSignedBytes: true,
        verifiesUnderSm2Framing: false,
        reason: 'tampered',
      },
    },
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const kept = existsSync(GM_JSON) ? storedSignatures(JSON.parse(readFileSync(GM_JSON, 'utf8'))) : [];
  writeFileSync(GM_JSON, `${JSON.stringify(buildVectors(kept), null, 2)}\n`);
  console.log('wrote test/vectors/gm.json');
}
