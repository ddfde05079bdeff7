/**
 * Writes test/vectors/notary.json: notarized blocks (src/verify/notary.ts) under fixed keys, so a
 * notary or verifier in another language can match them byte for byte: each block's layout
 * (string chain_id, u64 height, fixed32 block_hash, fixed32 state_root, u64 time_ms), the signing
 * input signingInput("courtbridge/v1/notary", layout), its digest, and the notary's compact low-S
 * RFC 6979 signature. The last two vectors are one notary signing two blocks at one height (an
 * equivocation, src/verify/notary-misbehaviour.ts).
 *
 * Run: npx tsx test/vectors/generate-notary.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../../src/crypto/hash.js';
import { publicKeyOf } from '../../src/crypto/secp256k1.js';
import { fromHex, toHex, utf8 } from '../../src/encoding/bytes.js';
import { createSigner } from '../../src/identity/signer.js';
import { notarizedBlockLayout, notarySigningInput, type NotarizedBlock } from '../../src/verify/notary.js';

export interface NotaryVectorInput {
  name: string;
  keyIndex: number;
  notaryDid: string;
  kid: string;
  chainId: string;
  height: number;
  blockHashHex: string;
  stateRootHex: string;
  timeMs: number;
}

const h = (s: string): string => toHex(sha256(utf8(s)));
const LAND = 'did:alliance:agency-land';
const BANK = 'did:alliance:agency-bank';

export const inputs: NotaryVectorInput[] = [
  {
    name: 'an EVM consortium block, notarized by the land agency',
    keyIndex: 80,
    notaryDid: LAND,
    kid: `${LAND}#key-1`,
    chainId: 'land-evm',
    height: 1024,
    blockHashHex: h('land-evm block 1024'),
    stateRootHex: h('land-evm state 1024'),
    timeMs: 1_750_000_000_000,
  },
  {
    name: 'a database chain at a height above 2^32, notarized by the bank',
    keyIndex: 81,
    notaryDid: BANK,
    kid: `${BANK}#key-2`,
    chainId: 'bank-ledger-db',
    height: 4_294_967_296 + 7,
    blockHashHex: h('bank-ledger-db batch'),
    stateRootHex: h('bank-ledger-db root'),
    timeMs: 1_750_000_123_456,
  },
  {
    name: 'equivocation, first: the land agency signs block A at height 2048',
    keyIndex: 80,
    notaryDid: LAND,
    kid: `${LAND}#key-1`,
    chainId: 'land-evm',
    height: 2048,
    blockHashHex: h('land-evm block 2048 A'),
    stateRootHex: h('land-evm state 2048 A'),
    timeMs: 1_750_000_500_000,
  },
  {
    name: 'equivocation, second: the land agency signs block B at the same height',
    keyIndex: 80,
    notaryDid: LAND,
    kid: `${LAND}#key-1`,
    chainId: 'land-evm',
    height: 2048,
    blockHashHex: h('land-evm block 2048 B'),
    stateRootHex: h('land-evm state 2048 B'),
    timeMs: 1_750_000_500_000,
  },
];

export function blockOf(v: NotaryVectorInput): NotarizedBlock {
  return {
    chainId: v.chainId,
    height: v.height,
    blockHash: fromHex(v.blockHashHex),
    stateRoot: fromHex(v.stateRootHex),
    timeMs: v.timeMs,
  };
}

export function buildVectors(): unknown {
  return {
    description:
      'Notarized blocks (src/verify/notary.ts header): layout = string chain_id (u32 length + UTF-8), u64 height, fixed32 block_hash, fixed32 state_root, u64 time_ms, all big-endian; signingInput = utf8("courtbridge/v1/notary") || 0x00 || sha256(layout); signature = compact low-S ECDSA-SHA256 (RFC 6979) over signingInput, i.e. over sha256(signingInput).',
    privateKeyRule: 'sha256(utf8("courtbridge vector key " + keyIndex))',
    vectors: inputs.map((v) => {
      const sk = sha256(utf8(`courtbridge vector key ${v.keyIndex}`));
      const block = blockOf(v);
      const input = notarySigningInput(block);
      return {
        ...v,
        publicKeyHex: toHex(publicKeyOf(sk)),
        layoutHex: toHex(notarizedBlockLayout(block)),
        signingInputHex: toHex(input.bytes('secp256k1')),
        signingDigestHex: toHex(sha256(input.bytes('secp256k1'))),
        signatureHex: toHex(createSigner(v.notaryDid, v.kid, sk).sign(input)),
      };
    }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('./notary.json', import.meta.url), `${JSON.stringify(buildVectors(), null, 2)}\n`);
  console.log('wrote test/vectors/notary.json');
}
