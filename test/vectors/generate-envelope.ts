/**
 * Writes test/vectors/envelope.json: exact sign bytes, signing input, its digest, signature and
 * wire bytes of fixed envelopes under fixed keys (private key N = sha256("courtbridge vector key N")),
 * so a partner writing an adapter in another language can match them byte for byte.
 *
 * Run: npx tsx test/vectors/generate-envelope.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../../src/crypto/hash.js';
import { publicKeyOf } from '../../src/crypto/secp256k1.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { encodeAssetReport } from '../../src/bus/asset-report.js';
import { encodeEnvelope, envelopeSignBytes, envelopeSigningInput, privateKeySigner, sealEnvelope } from '../../src/bus/envelope.js';

export interface EnvelopeVectorInput {
  name: string;
  keyIndex: number;
  senderDid: string;
  kid: string;
  type: string;
  msgId: string;
  timestampMs: number;
  bodyHex: string;
}

export const inputs: EnvelopeVectorInput[] = [
  {
    name: 'header.announce from an adapter',
    keyIndex: 1,
    senderDid: 'did:alliance:credit-agency',
    kid: 'did:alliance:credit-agency#key-1',
    type: 'header.announce',
    msgId: 'hdr-credit-000042',
    timestampMs: 1_704_067_200_000,
    bodyHex: toHex(utf8('credit header 42')),
  },
  {
    name: 'action.request from the gateway, fragment kid',
    keyIndex: 2,
    senderDid: 'did:alliance:gateway-1',
    kid: '#key-1',
    type: 'action.request',
    msgId: 'act_7f3a9c',
    timestampMs: 1_717_200_000_123,
    bodyHex: '00010203fffefd',
  },
  {
    name: 'registry.update with an empty body',
    keyIndex: 3,
    senderDid: 'did:alliance:admin-1',
    kid: 'did:alliance:admin-1#key-2',
    type: 'registry.update',
    msgId: 'A',
    timestampMs: 0,
    bodyHex: '',
  },
  {
    name: 'non-ASCII DID (UTF-8 length prefix counts bytes)',
    keyIndex: 4,
    senderDid: 'did:alliance:法院-a',
    kid: 'did:alliance:法院-a#key-1',
    type: 'adapter.announce',
    msgId: 'ann-1',
    timestampMs: 9_007_199_254_740_991,
    bodyHex: 'cb',
  },
  {
    name: 'asset.report from the finance adapter (body: src/bus/asset-report.ts)',
    keyIndex: 5,
    senderDid: 'did:alliance:finance-adapter',
    kid: 'did:alliance:finance-adapter#key-1',
    type: 'asset.report',
    msgId: 'asset-finance-000007',
    timestampMs: 1_765_000_000_000,
    bodyHex: toHex(encodeAssetReport({ ownerHash: '5f'.repeat(32), index: 'holder', recordKey: 'account/6216610100009999001', height: 7 })),
  },
];

export const vectorKey = (n: number): Uint8Array => sha256(utf8(`courtbridge vector key ${n}`));

export function computeVector(v: EnvelopeVectorInput) {
  const sk = vectorKey(v.keyIndex);
  const signer = privateKeySigner(v.senderDid, v.kid, sk);
  const body = Buffer.from(v.bodyHex, 'hex');
  const env = sealEnvelope(signer, v.type, new Uint8Array(body), v.timestampMs, v.msgId);
  const input = envelopeSigningInput(env);
  return {
    ...v,
    privateKeyHex: toHex(sk),
    publicKeyHex: toHex(publicKeyOf(sk)),
    signBytesHex: toHex(envelopeSignBytes(env)),
    signingInputHex: toHex(input.bytes('secp256k1')),
    signingInputDigestHex: toHex(sha256(input.bytes('secp256k1'))),
    signatureHex: toHex(env.signature),
    wireHex: toHex(encodeEnvelope(env)),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const out = {
    description:
      'courtbridge signed envelope vectors. signBytes = string senderDid, string kid, string type, string msgId, u64 timestampMs, bytes body (u32 BE length prefixes); ' +
      'signingInput = utf8("courtbridge/v1/envelope") || 0x00 || sha256(signBytes); signature = compact low-S ECDSA-SHA256 (RFC 6979) over signingInput, i.e. over signingInputDigest; ' +
      'wire = 0xcb || 0x01 || signBytes || signature. privateKey N = sha256("courtbridge vector key N").',
    vectors: inputs.map(computeVector),
  };
  writeFileSync(new URL('./envelope.json', import.meta.url), `${JSON.stringify(out, null, 2)}\n`);
  console.error(`wrote ${out.vectors.length} envelope vectors`);
}
