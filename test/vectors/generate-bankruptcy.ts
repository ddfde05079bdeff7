/**
 * Writes test/vectors/bankruptcy.json: the bytes a bankruptcy creditor signs (adapters/bankruptcy/
 * signed-layout.ts) for claims and ballots under fixed keys (private key N = sha256("courtbridge
 * vector key N")): the creditor's did:key, the fields, the signing bytes, their SHA-256 and the
 * compact low-S signature (RFC 6979, so reproducible), so a creditor's wallet written in another
 * language can match them byte for byte.
 *
 * Run: npx tsx test/vectors/generate-bankruptcy.ts
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { sha256 } from '../../src/crypto/hash.js';
import { publicKeyOf } from '../../src/crypto/secp256k1.js';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { didKeyOf } from '../../src/identity/did-key.js';
import type { ClaimFiling } from '../../adapters/bankruptcy/schema.js';
import { ballotSigningBytes, claimSigningBytes, signAsCreditor, type BallotFields } from '../../adapters/bankruptcy/signed-layout.js';

const CHAIN = 'bankruptcy';
const keyOf = (n: number): Uint8Array => sha256(utf8(`courtbridge vector key ${n}`));
const didOf = (n: number): string => didKeyOf(publicKeyOf(keyOf(n)));

const claims: { name: string; keyIndex: number; fields: Omit<ClaimFiling, 'creditor'> }[] = [
  {
    name: 'an unsecured ordinary claim',
    keyIndex: 5,
    fields: {
      caseId: '(2026)京01破1号',
      claimId: 'C002',
      amountCents: '200000000',
      security: 'unsecured',
      votingClass: 'ordinary',
      filedAtMs: 1_767_744_000_000,
    },
  },
  {
    name: 'a secured claim, priority not waived',
    keyIndex: 6,
    fields: {
      caseId: '(2026)京01破1号',
      claimId: 'C001',
      amountCents: '500000000',
      security: 'secured',
      votingClass: 'secured',
      filedAtMs: 1_767_657_600_000,
    },
  },
];

const ballots: { name: string; keyIndex: number; fields: Omit<BallotFields, 'creditor'> }[] = [
  {
    name: 'a yes ballot on an art. 64 resolution',
    keyIndex: 5,
    fields: {
      caseId: '(2026)京01破1号',
      meetingId: '第一次债权人会议',
      motionHash: toHex(sha256(utf8('courtbridge vector motion'))),
      choice: 'yes',
      votingCents: '200000000',
      signedAtMs: 1_772_330_400_000,
    },
  },
  {
    name: 'a no ballot voting part of a confirmed claim',
    keyIndex: 7,
    fields: {
      caseId: '(2026)京01破1号',
      meetingId: 'M2',
      motionHash: toHex(sha256(utf8('courtbridge vector plan'))),
      choice: 'no',
      votingCents: '1',
      signedAtMs: 1_772_330_400_001,
    },
  },
];

export function buildBankruptcyVectors() {
  return {
    chainId: CHAIN,
    claims: claims.map((c) => {
      const fields = { ...c.fields, creditor: didOf(c.keyIndex) };
      const bytes = claimSigningBytes(CHAIN, fields);
      return {
        name: c.name,
        keyIndex: c.keyIndex,
        fields,
        signingBytes: toHex(bytes),
        sha256: toHex(sha256(bytes)),
        signature: signAsCreditor(bytes, keyOf(c.keyIndex)),
      };
    }),
    ballots: ballots.map((b) => {
      const fields = { ...b.fields, creditor: didOf(b.keyIndex) };
      const bytes = ballotSigningBytes(CHAIN, fields);
      return {
        name: b.name,
        keyIndex: b.keyIndex,
        fields,
        signingBytes: toHex(bytes),
        sha256: toHex(sha256(bytes)),
        signature: signAsCreditor(bytes, keyOf(b.keyIndex)),
      };
    }),
  };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(new URL('./bankruptcy.json', import.meta.url), `${JSON.stringify(buildBankruptcyVectors(), null, 2)}\n`);
  console.log('wrote test/vectors/bankruptcy.json');
}
