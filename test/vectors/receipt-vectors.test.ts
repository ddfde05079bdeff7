/**
 * test/vectors/receipt.json (written by generate-receipt.ts) recomputed from its inputs: every
 * receipt's layout, digest and leaf hash; the batch root, each audit path, the root signing input
 * and the RFC 6979 root signature; the same batch closed by the gateway's own BatchReceipts
 * (src/relay/receipts/batch-receipts.ts) at the pinned time. Then adversarial cases, each with a
 * `malleate` step and the named reason it is rejected with.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

import { sign, verify } from '../../src/crypto/secp256k1.js';
import { fromHex, toHex, utf8 } from '../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../src/errors.js';
import { allAuditPaths, leafHash, verifyAuditPath } from '../../src/proof/binary-merkle.js';
import { encodeProof } from '../../src/proof/proof-codec.js';
import { verifyProof } from '../../src/proof/verify.js';
import { BatchReceipts } from '../../src/relay/receipts/batch-receipts.js';
import { batchRootSigningInput, receiptDigest, receiptLayout } from '../../src/verify/receipt-layout.js';
import { BATCH, subjectFromJson, vectorKey, type ReceiptSubjectJson } from './generate-receipt.js';

interface ReceiptVector {
  name: string;
  subject: ReceiptSubjectJson;
  proofBytesHex: string;
  stateRootHex: string;
  layoutHex: string;
  digestHex: string;
  leafHashHex: string;
}
interface Vectors {
  receipts: ReceiptVector[];
  batch: typeof BATCH & {
    publicKeyHex: string;
    leafCount: number;
    rootHex: string;
    paths: { leafIndex: number; pathHex: string[] }[];
    rootSigningInputHex: string;
    rootSignatureHex: string;
  };
}

const file = JSON.parse(readFileSync(new URL('./receipt.json', import.meta.url), 'utf8')) as Vectors;

describe('receipt vectors (test/vectors/receipt.json)', () => {
  it('holds five receipts and one batch of them', () => {
    expect(file.receipts).toHaveLength(5);
    expect(file.batch.leafCount).toBe(5);
    expect(file.batch.paths).toHaveLength(5);
  });

  for (const v of file.receipts) {
    it(`${v.name}: layout, digest and leaf hash`, () => {
      const s = subjectFromJson(v.subject);
      expect(s.proof === undefined || 'evmDigest' in s.proof ? '' : toHex(encodeProof(s.proof))).toBe(v.proofBytesHex);
      expect(toHex(receiptLayout(s))).toBe(v.layoutHex);
      expect(toHex(receiptDigest(s))).toBe(v.digestHex);
      expect(toHex(leafHash(fromHex(v.digestHex)))).toBe(v.leafHashHex);
    });

    it(`${v.name}: the proof proves the subject's own key and result against its state root`, () => {
      const s = subjectFromJson(v.subject);
      if (s.proof === undefined || 'evmDigest' in s.proof) {
        expect(v.stateRootHex).toBe('');
        return;
      }
      const ev = verifyProof(
        fromHex(v.stateRootHex),
        utf8(v.subject.query.key),
        s.result.kind === 'record' ? s.result.value : null,
        s.proof,
      );
      expect(ev.kind).toBe(s.result.kind === 'record' ? 'member' : 'absent');
      // A membership proof ends at its own key's leaf: it proves nothing for another key (an
      // absence proof may rightly cover other keys whose path meets the same slot).
      const { proof, result } = s;
      if (result.kind === 'record')
        expect(() => verifyProof(fromHex(v.stateRootHex), utf8(`${v.subject.query.key}/other`), result.value, proof)).toThrow();
    });
  }

  it('batch: root, audit paths, root signing input and signature', () => {
    const leaves = file.receipts.map((r) => fromHex(r.leafHashHex));
    const { root, paths } = allAuditPaths(leaves);
    expect(toHex(root)).toBe(file.batch.rootHex);
    paths.forEach((p, i) => {
      expect(p.map(toHex)).toEqual(file.batch.paths[i]!.pathHex);
      verifyAuditPath(leaves[i]!, i, leaves.length, p, root);
    });
    const input = batchRootSigningInput(root, leaves.length, file.batch.signedAtMs);
    expect(toHex(input.bytes('secp256k1'))).toBe(file.batch.rootSigningInputHex);
    expect(toHex(sign(input, vectorKey(file.batch.gatewayKeyIndex)))).toBe(file.batch.rootSignatureHex);
    expect(verify(fromHex(file.batch.rootSignatureHex), input, fromHex(file.batch.publicKeyHex))).toBe(true);
  });

  it("the gateway's BatchReceipts closes the same batch at the pinned time", async () => {
    const sk = vectorKey(file.batch.gatewayKeyIndex);
    const batches = new BatchReceipts({
      signer: { did: BATCH.gatewayDid, kid: BATCH.kid, suite: 'secp256k1', sign: (m) => Promise.resolve(sign(m, sk)) },
      now: () => BATCH.signedAtMs,
    });
    const tickets = file.receipts.map(() => batches.begin());
    const issued = file.receipts.map((r) => batches.issue(fromHex(r.digestHex)));
    for (const t of tickets) t();
    const got = await Promise.all(issued);
    await batches.close();
    got.forEach((r, i) => {
      expect(r).toMatchObject({ leafIndex: i, leafCount: 5, gatewayDid: BATCH.gatewayDid, kid: BATCH.kid, signedAtMs: BATCH.signedAtMs });
      expect(toHex(r.batchRoot)).toBe(file.batch.rootHex);
      expect(r.path.map(toHex)).toEqual(file.batch.paths[i]!.pathHex);
      expect(toHex(r.rootSignature)).toBe(file.batch.rootSignatureHex);
    });
  });

  // Adversarial: each malleated receipt proof must fail, with its reason.
  interface Case {
    name: string;
    malleate: (c: {
      leaf: Uint8Array;
      index: number;
      size: number;
      path: Uint8Array[];
      root: Uint8Array;
      signedAtMs: number;
      signature: Uint8Array;
    }) => void;
    /** `path` when verifyAuditPath throws (a named reason); `signature` when the path holds and the root signature fails. */
    expect: string;
  }
  const cases: Case[] = [
    {
      name: 'a flipped byte in the receipt digest (another receipt)',
      malleate: (c) => {
        c.leaf = leafHash(Uint8Array.from(fromHex(file.receipts[1]!.digestHex), (b, i) => (i === 0 ? b ^ 1 : b)));
      },
      expect: 'path',
    },
    {
      name: 'the digest used as a leaf without the RFC 6962 leaf prefix',
      malleate: (c) => {
        c.leaf = fromHex(file.receipts[1]!.digestHex);
      },
      expect: 'path',
    },
    {
      name: 'another leaf index',
      malleate: (c) => {
        c.index = 2;
      },
      expect: 'path',
    },
    {
      name: 'a flipped byte in the audit path',
      malleate: (c) => {
        c.path = c.path.map((p, i) => (i === 0 ? Uint8Array.from(p, (b, j) => (j === 31 ? b ^ 0x80 : b)) : p));
      },
      expect: 'path',
    },
    {
      name: 'a truncated audit path',
      malleate: (c) => {
        c.path = c.path.slice(0, -1);
      },
      expect: 'path',
    },
    // RFC 6962 paths of leaf 1 are the same in trees of 5 and 6 leaves: the count is bound by the root signature.
    {
      name: 'another leaf count (bound by the root signature)',
      malleate: (c) => {
        c.size = 6;
      },
      expect: 'signature',
    },
    {
      name: 'a root signature replayed with another signed_at_ms',
      malleate: (c) => {
        c.signedAtMs += 1;
      },
      expect: 'signature',
    },
    {
      name: 'a root signature by another key',
      malleate: (c) => {
        c.signature = sign(batchRootSigningInput(c.root, c.size, c.signedAtMs), vectorKey(9));
      },
      expect: 'signature',
    },
  ];
  for (const k of cases) {
    it(`rejects ${k.name}`, () => {
      const c = {
        leaf: fromHex(file.receipts[1]!.leafHashHex),
        index: 1,
        size: 5,
        path: file.batch.paths[1]!.pathHex.map((x) => fromHex(x)),
        root: fromHex(file.batch.rootHex),
        signedAtMs: file.batch.signedAtMs,
        signature: fromHex(file.batch.rootSignatureHex),
      };
      k.malleate(c);
      let pathReason: string | undefined;
      try {
        verifyAuditPath(c.leaf, c.index, c.size, c.path, c.root);
      } catch (e) {
        pathReason = isCourtbridgeError(e) ? e.reason : 'thrown';
      }
      const sigOk = verify(c.signature, batchRootSigningInput(c.root, c.size, c.signedAtMs), fromHex(file.batch.publicKeyHex));
      if (k.expect === 'path') {
        expect(pathReason).toBeDefined();
        expect(pathReason).toMatch(/^[a-z_]+$/);
      } else {
        expect(pathReason).toBeUndefined();
        expect(sigOk).toBe(false);
      }
    });
  }
});
