/**
 * The fields of EVM evidence where they enter and what each refusal names (src/verify/evm):
 * JSON-RPC hex (rpc-hex.ts), header RLP and its fork fields (evm-header.ts), the binary state
 * proof and its digest (evm-wire.ts), record layouts (evm-record.ts), Clique extraData
 * (clique-seal.ts), and the notarized block and quorum of an answer (evm-answer.ts). Real data:
 * the hardhat node's blocks and proofs (test/vectors/evm/hardhat.json), the header and Clique
 * vectors; bounds are checked at the last accepted value and the first refused one.
 */
import { readFileSync } from 'node:fs';
import { RLP } from '@ethereumjs/rlp';
import { sha256 } from '@noble/hashes/sha2.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { concatBytes, toHex } from '../../../src/encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../../../src/errors.js';
import type { Authority } from '../../../src/identity/authority.js';
import { cliqueSealer } from '../../../src/verify/evm/clique-seal.js';
import { notarizedBlockOf, verifyEvmAnswer } from '../../../src/verify/evm/evm-answer.js';
import {
  type EvmHeader,
  evmHeaderFromRlp,
  evmHeaderFromRpc,
  evmHeaderHash,
  evmHeaderRlp,
  verifyEvmHeaderHash,
  verifyEvmParentLink,
} from '../../../src/verify/evm/evm-header.js';
import { type EvmProofClaim, evmProofFromRpc } from '../../../src/verify/evm/evm-proof.js';
import { checkEvmRecordLayout, type EvmRecordLayout, evmRecordId } from '../../../src/verify/evm/evm-record.js';
import { evmProofClaimFromWire, evmProofDigest, evmStateProofToWire } from '../../../src/verify/evm/evm-wire.js';
import { rpcArray, rpcData, rpcObject, rpcQuantity, toRpcHex } from '../../../src/verify/evm/rpc-hex.js';
import type { MessageOutput } from '../../../src/wire/messages.js';
import { decodeMessage, encodeMessage } from '../../../src/wire/codec.js';
import { courtbridgeErrorOf, courtbridgeRejectionOf } from '../../helpers/refusal.js';
import { notarize, notaries, notaryWorld, policy, T1 } from '../notary-fixture.js';

const v = JSON.parse(readFileSync(new URL('../../vectors/evm/hardhat.json', import.meta.url), 'utf8')) as {
  blocks: Record<string, unknown>[];
  proofsAtLatest: { storage: Record<string, unknown> };
};
const clique = JSON.parse(readFileSync(new URL('../../vectors/evm/clique.json', import.meta.url), 'utf8')) as {
  sealed: { name: string; header: Record<string, string> }[];
};
const latest = v.blocks[2]!;
const M = 'evm_proof_malformed';
const SEND = 'send the value exactly as the JSON-RPC node returned it';

describe('JSON-RPC hex (rpc-hex.ts)', () => {
  it('DATA or QUANTITY that is not a string: refused as missing, not as bad hex', () => {
    for (const value of [42, undefined, null, ['0x12']]) {
      const d = courtbridgeErrorOf(() => rpcData(value, 'proof.address', M));
      expect(d).toMatchObject({
        reason: M,
        message: `proof.address is missing or not a string; ${SEND}`,
        details: { field: 'proof.address' },
      });
      const q = courtbridgeErrorOf(() => rpcQuantity(value, 'header.number', 'evm_header_malformed'));
      expect(q).toMatchObject({ reason: 'evm_header_malformed', message: `header.number is missing or not a string; ${SEND}` });
    }
  });

  it('an object that is a string, null or an array: refused naming the object', () => {
    for (const value of ['proof', 7, null, [{}]]) {
      const e = courtbridgeErrorOf(() => rpcObject(value, 'proof.storageProof[0]', M));
      expect(e).toMatchObject({
        message: `proof.storageProof[0] is missing or not an object; ${SEND}`,
        details: { field: 'proof.storageProof[0]' },
      });
    }
    expect(rpcObject({ a: 1 }, 'x', M)).toEqual({ a: 1 });
  });

  it('an array of exactly the bound is accepted, one more is refused with its size', () => {
    expect(rpcArray([1, 2, 3], 'proof.accountProof', M, 3)).toEqual([1, 2, 3]);
    expect(courtbridgeErrorOf(() => rpcArray([1, 2, 3, 4], 'proof.accountProof', M, 3))).toMatchObject({
      message: `proof.accountProof has 4 items, at most 3 are accepted; ${SEND}`,
      details: { field: 'proof.accountProof' },
    });
  });

  it('eth_getProof at the bounds: 65 account nodes and 256 slots are shape-checked through; 257 slots are not', () => {
    const p = structuredClone(v.proofsAtLatest.storage) as { accountProof: string[]; storageProof: unknown[] };
    const slot = (p.storageProof as { key: string; value: string; proof: string[] }[])[0]!;
    const at = (n: number) => ({
      ...p,
      accountProof: Array.from({ length: 65 }, () => '0x80'),
      storageProof: Array.from({ length: n }, () => slot),
    });
    const claim = evmProofFromRpc(at(256));
    expect(claim.accountProof).toEqual(Array.from({ length: 65 }, () => new Uint8Array([0x80])));
    expect(claim.storageProof).toHaveLength(256);
    expect(courtbridgeErrorOf(() => evmProofFromRpc(at(257)))).toMatchObject({
      reason: M,
      message: `proof.storageProof has 257 items, at most 256 are accepted; ${SEND}`,
    });
  });
});

describe('headers (evm-header.ts)', () => {
  const full = evmHeaderFromRpc(latest);
  const FORK = ['baseFeePerGas', 'withdrawalsRoot', 'blobGasUsed', 'excessBlobGas', 'parentBeaconBlockRoot', 'requestsHash'] as const;
  /** The header with only its first `k` fork fields, as a fork that appended the rest later would have it. */
  const prefix = (k: number): EvmHeader => {
    const h: EvmHeader = { ...full };
    for (const f of FORK.slice(k)) delete h[f];
    return h;
  };

  it.each([0, 1, 2, 3, 4, 5, 6])('with %i fork fields: decodes from its RLP to exactly those fields, none set to undefined', (k) => {
    const h = prefix(k);
    const rlp = evmHeaderRlp(h);
    expect((RLP.decode(rlp) as Uint8Array[]).length).toBe(15 + k);
    const back = evmHeaderFromRlp(rlp);
    expect(back).toStrictEqual(h);
    expect(Object.keys(back).sort()).toEqual(Object.keys(h).sort());
  });

  it('bytes that are not RLP: refused as such, the decoder error kept as cause', () => {
    const e = courtbridgeErrorOf(() => evmHeaderFromRlp(new Uint8Array([0xff, 0x01])));
    expect(e).toMatchObject({ reason: 'evm_header_malformed', message: 'header_rlp is not RLP' });
    expect(e.cause).toBeInstanceOf(Error);
  });

  it("a result that is not an object: refused naming 'header'", () => {
    expect(courtbridgeErrorOf(() => evmHeaderFromRpc('0x1234'))).toMatchObject({
      reason: 'evm_header_malformed',
      message: `header is missing or not an object; ${SEND}`,
      details: { field: 'header' },
    });
  });

  it('a changed field: evm_header_hash_mismatch naming the block, the computed and the claimed hash', () => {
    const edited = { ...latest, gasLimit: '0x3938701' };
    const computed = toRpcHex(evmHeaderHash(evmHeaderFromRpc(edited)));
    const e = courtbridgeErrorOf(() => verifyEvmHeaderHash(edited));
    expect(e.reason).toBe('evm_header_hash_mismatch');
    expect(e.message).toContain(`block 3: the header's fields hash to ${computed}, not the claimed ${latest['hash'] as string}`);
    expect(e.details).toEqual({ number: '3' });
  });

  it('broken parent links name the child and the parent block', () => {
    const [b0, b2, b3] = v.blocks.map((b) => evmHeaderFromRpc(b)) as [EvmHeader, EvmHeader, EvmHeader];
    const gap = courtbridgeErrorOf(() => verifyEvmParentLink(b3, b0));
    expect(gap).toMatchObject({
      reason: 'evm_parent_number_mismatch',
      message: expect.stringContaining('block 3 is not the child of block 0'),
    });
    expect(gap.details).toEqual({ child: '3', parent: '0' });
    const forked = courtbridgeErrorOf(() => verifyEvmParentLink(b3, { ...b2, gasUsed: 1n }));
    expect(forked).toMatchObject({
      reason: 'evm_parent_hash_mismatch',
      message: expect.stringContaining(`block 3 names parent ${toRpcHex(b3.parentHash)}`),
    });
    expect(forked.details).toEqual({ child: '3', parent: '2' });
  });
});

describe('the binary state proof (evm-wire.ts)', () => {
  const claim = evmProofFromRpc(v.proofsAtLatest.storage);
  const wire = decodeMessage('EvmStateProof', encodeMessage('EvmStateProof', evmStateProofToWire(claim)));
  type Wire = MessageOutput<'EvmStateProof'>;
  const refused = (w: Wire) => courtbridgeErrorOf(() => evmProofClaimFromWire(w));
  const buf = (n: number, fill = 1) => Buffer.alloc(n, fill);
  const nodes = (n: number) => Array.from({ length: n }, () => Buffer.from([0x80]));

  it('reads back the claim it was written from, with its own copies of the bytes', () => {
    const back = evmProofClaimFromWire(wire);
    expect(back).toEqual(claim);
    expect(back.accountProof[0]!.buffer).not.toBe(wire.accountProof[0]!.buffer);
  });

  const bad: [string, (w: Wire) => Wire, string, string][] = [
    ['a 19-byte address', (w) => ({ ...w, address: buf(19) }), 'evm.proof.address', 'evm.proof.address is 19 bytes, expected 20'],
    [
      'a 31-byte storage hash',
      (w) => ({ ...w, storageHash: buf(31) }),
      'evm.proof.storage_hash',
      'evm.proof.storage_hash is 31 bytes, expected 32',
    ],
    ['a 33-byte code hash', (w) => ({ ...w, codeHash: buf(33) }), 'evm.proof.code_hash', 'evm.proof.code_hash is 33 bytes, expected 32'],
    [
      'a balance with a leading zero',
      (w) => ({ ...w, balance: Buffer.from([0, 1]) }),
      'evm.proof.balance',
      'evm.proof.balance: expected at most 32 big-endian bytes without leading zeros',
    ],
    [
      'a 33-byte balance',
      (w) => ({ ...w, balance: buf(33, 0xff) }),
      'evm.proof.balance',
      'evm.proof.balance: expected at most 32 big-endian bytes without leading zeros',
    ],
    [
      '66 account proof nodes',
      (w) => ({ ...w, accountProof: nodes(66) }),
      'evm.proof.account_proof',
      'evm.proof.account_proof: more than 65 nodes is not a proof',
    ],
    [
      'a 20-byte slot (second entry)',
      (w) => ({ ...w, storage: [w.storage[0]!, { ...w.storage[1]!, slot: buf(20) }] }),
      'evm.proof.storage[1].slot',
      'evm.proof.storage[1].slot is 20 bytes, expected 32',
    ],
    [
      'a slot value with a leading zero (second entry)',
      (w) => ({ ...w, storage: [w.storage[0]!, { ...w.storage[1]!, value: Buffer.from([0, 5]) }] }),
      'evm.proof.storage[1].value',
      'evm.proof.storage[1].value: expected at most 32 big-endian bytes without leading zeros',
    ],
    [
      '66 nodes in a storage proof (second entry)',
      (w) => ({ ...w, storage: [w.storage[0]!, { ...w.storage[1]!, proof: nodes(66) }] }),
      'evm.proof.storage[1].proof',
      'evm.proof.storage[1].proof: more than 65 nodes is not a proof',
    ],
  ];
  it.each(bad)('%s: evm_proof_malformed naming the field', (_n, malform, field, message) => {
    expect(refused(malform(wire))).toMatchObject({ reason: M, message, details: { field } });
  });

  it('the bounds themselves are accepted: a 32-byte balance, an empty (zero) balance, 65 nodes', () => {
    expect(evmProofClaimFromWire({ ...wire, balance: buf(32, 0xff) }).balance).toBe((1n << 256n) - 1n);
    expect(evmProofClaimFromWire({ ...wire, balance: Buffer.alloc(0) }).balance).toBe(0n);
    const slot = wire.storage[0]!;
    const c = evmProofClaimFromWire({ ...wire, accountProof: nodes(65), storage: [{ ...slot, proof: nodes(65) }] });
    expect(c.accountProof).toHaveLength(65);
    expect(c.storageProof[0]!.proof).toHaveLength(65);
  });

  it('256 slots are accepted, 257 are refused naming the storage list', () => {
    const slots = (n: number) => Array.from({ length: n }, () => wire.storage[0]!);
    expect(evmProofClaimFromWire({ ...wire, storage: slots(256) }).storageProof).toHaveLength(256);
    expect(refused({ ...wire, storage: slots(257) })).toMatchObject({ reason: M, message: 'evm.proof.storage: at most 256 slots' });
  });

  it('no proof (null or undefined): refused as required', () => {
    for (const w of [null, undefined]) {
      expect(courtbridgeErrorOf(() => evmProofClaimFromWire(w))).toMatchObject({ reason: M, message: 'evm.proof: required' });
    }
  });

  it('a nonce goes on the wire up to 2^53 - 1; above it is a RangeError', () => {
    const max = BigInt(Number.MAX_SAFE_INTEGER);
    expect(evmStateProofToWire({ ...claim, nonce: max }).nonce).toBe(Number.MAX_SAFE_INTEGER);
    expect(() => evmStateProofToWire({ ...claim, nonce: max + 1n })).toThrow(new RangeError('nonce above 2^53'));
  });

  describe('the digest a receipt commits to', () => {
    const rlp = evmHeaderRlp(evmHeaderFromRpc(latest));
    const u32 = (n: number) => new Uint8Array([n >>> 24, (n >>> 16) & 0xff, (n >>> 8) & 0xff, n & 0xff]);
    const lp = (b: Uint8Array) => concatBytes(u32(b.length), b);
    /** Big-endian without leading zeros, zero as no bytes. */
    const unpadded = (n: bigint): Uint8Array => {
      const h = n === 0n ? '' : n.toString(16);
      return Uint8Array.from(Buffer.from(h.length % 2 === 1 ? `0${h}` : h, 'hex'));
    };

    it('is sha256 of the documented layout, every slot with its value and nodes included', () => {
      const expected = sha256(
        concatBytes(
          lp(rlp),
          claim.address,
          u32(claim.accountProof.length),
          ...claim.accountProof.map(lp),
          u32(claim.storageProof.length),
          ...claim.storageProof.flatMap((s) => [s.slot, lp(unpadded(s.value)), u32(s.proof.length), ...s.proof.map(lp)]),
        ),
      );
      expect(evmProofDigest(rlp, claim)).toEqual(expected);
      const otherValue: EvmProofClaim = { ...claim, storageProof: claim.storageProof.map((s, i) => (i === 1 ? { ...s, value: 1n } : s)) };
      expect(evmProofDigest(rlp, otherValue)).not.toEqual(expected);
    });

    it('refuses an address or slot of the wrong length, naming which', () => {
      expect(() => evmProofDigest(rlp, { ...claim, address: claim.address.subarray(1) })).toThrow(
        new TypeError('address: expected 20 bytes, got 19'),
      );
      const shortSlot = { ...claim, storageProof: [{ ...claim.storageProof[0]!, slot: new Uint8Array(31) }] };
      expect(() => evmProofDigest(rlp, shortSlot)).toThrow(new TypeError('slot: expected 32 bytes, got 31'));
    });
  });
});

describe('record layouts (evm-record.ts)', () => {
  const base: EvmRecordLayout = { recordType: 'test_record', keyPrefix: 'test_record/', mappingSlot: 4n, words: 2, presenceWord: 1 };
  const MAX_UINT256 = (1n << 256n) - 1n;

  const accepted: [string, Partial<EvmRecordLayout>][] = [
    ['one word, present by word 0', { words: 1, presenceWord: 0 }],
    ['sixteen words, present by the last', { words: 16, presenceWord: 15 }],
    ['mapping slot 0', { mappingSlot: 0n }],
    ['mapping slot 2^256 - 1', { mappingSlot: MAX_UINT256 }],
  ];
  it.each(accepted)('accepts %s', (_n, more) => {
    const layout = { ...base, ...more };
    expect(checkEvmRecordLayout(layout)).toBe(layout);
  });

  const refused: [string, Partial<EvmRecordLayout>, string][] = [
    ['no words', { words: 0, presenceWord: 0 }, 'test_record: words must be 1..16'],
    ['seventeen words', { words: 17 }, 'test_record: words must be 1..16'],
    ['a fractional word count', { words: 1.5 }, 'test_record: words must be 1..16'],
    ['a negative presence word', { presenceWord: -1 }, 'test_record: presenceWord must be a word of the record'],
    ['a presence word past the record', { presenceWord: 2 }, 'test_record: presenceWord must be a word of the record'],
    ['a fractional presence word', { presenceWord: 0.5 }, 'test_record: presenceWord must be a word of the record'],
    ['a negative mapping slot', { mappingSlot: -1n }, 'test_record: mappingSlot must be a uint256'],
    ['a mapping slot of 2^256', { mappingSlot: MAX_UINT256 + 1n }, 'test_record: mappingSlot must be a uint256'],
  ];
  it.each(refused)('refuses %s with a TypeError saying the rule', (_n, more, message) => {
    expect(() => checkEvmRecordLayout({ ...base, ...more })).toThrow(new TypeError(message));
  });

  it("a key is the layout's prefix and 64 lower-case hex digits; another prefix of the same length is not", () => {
    const id = '3c'.repeat(32);
    expect(toHex(evmRecordId(base, `test_record/${id}`))).toBe(id);
    for (const key of [`best_record/${id}`, `test_record/${id.toUpperCase()}`, `test_record/${id.slice(2)}zz`, id]) {
      expect(courtbridgeErrorOf(() => evmRecordId(base, key))).toMatchObject({
        reason: 'evm_key_malformed',
        message: `key ${JSON.stringify(key)}: a test_record key is test_record/ and 64 lower-case hex digits (the record's bytes32 id)`,
      });
    }
  });
});

describe('Clique extraData (clique-seal.ts)', () => {
  const sealed = evmHeaderFromRpc(clique.sealed.find((c) => c.name === 'plain')!.header);

  // 77, 57, 37 and 17 bytes leave a negative multiple of 20 for the signer list: too short all the same.
  it.each([0, 17, 37, 57, 77, 96, 97 + 10, 97 + 21])('extraData of %i bytes: evm_seal_malformed naming its length', (length) => {
    const e = courtbridgeErrorOf(() => cliqueSealer({ ...sealed, extraData: new Uint8Array(length).fill(1) }));
    expect(e.reason).toBe('evm_seal_malformed');
    expect(e.message).toContain(`block 7: extraData is ${length} bytes, not 32 of vanity`);
    expect(e.details).toEqual({ number: '7', extraDataLength: length });
  });
});

describe('the notarized block and the quorum (evm-answer.ts)', () => {
  const { header, hash } = verifyEvmHeaderHash(latest);
  const MAX = BigInt(Number.MAX_SAFE_INTEGER);
  const MAX_SECONDS = BigInt(Math.floor(Number.MAX_SAFE_INTEGER / 1000));

  it('a height up to 2^53 - 1 and a time up to 2^53 - 1 ms are signed exactly', () => {
    const b = notarizedBlockOf('bank-evm', { ...header, number: MAX, timestamp: MAX_SECONDS }, hash);
    expect(b).toEqual({
      chainId: 'bank-evm',
      height: Number.MAX_SAFE_INTEGER,
      blockHash: hash,
      stateRoot: header.stateRoot,
      timeMs: Number(MAX_SECONDS) * 1000,
    });
  });

  it.each([
    ['a height of 2^53', { number: MAX + 1n }, `block ${MAX + 1n}`],
    ['a time past 2^53 ms', { timestamp: MAX_SECONDS + 1n }, 'block 3'],
  ] as const)('%s: evm_header_malformed, out of range', (_n, more, block) => {
    const e = courtbridgeErrorOf(() => notarizedBlockOf('bank-evm', { ...header, ...more }, hash));
    expect(e).toBeInstanceOf(CourtbridgeError);
    expect(e).toMatchObject({
      reason: 'evm_header_malformed',
      code: ErrorCode.InvalidArgument,
      message: `${block}: number or timestamp out of range`,
    });
  });

  describe('quorum', () => {
    let authority: Authority;
    beforeAll(async () => {
      authority = (await notaryWorld()).authority;
    });
    const signed = notarizedBlockOf('bank-evm', header, hash);
    const answer = (notarizations: ReturnType<typeof notarize>[]) => ({
      chainId: 'bank-evm',
      block: latest,
      proof: v.proofsAtLatest.storage,
      notarizations,
    });
    const AT = T1 + 3_600_000;
    const tail = "; ask again once the block is past the notaries' finality depth";

    it('one signature short, none ignored: the count, the threshold and no ignored list', async () => {
      const e = await courtbridgeRejectionOf(verifyEvmAnswer(answer([notarize(notaries['notary-a'], signed)]), policy, authority, AT));
      expect(e).toMatchObject({
        reason: 'evm_notary_quorum_not_met',
        message: `block 3 of bank-evm: 1 of the 2 notary signatures needed${tail}`,
      });
      expect(e.details).toEqual({ counted: 1, threshold: 2 });
    });

    it('an outsider and a repeat: named with why each does not count', async () => {
      const sigs = [notarize(notaries['notary-a'], signed), notarize(notaries['notary-x'], signed), notarize(notaries['notary-a'], signed)];
      const e = await courtbridgeRejectionOf(verifyEvmAnswer(answer(sigs), policy, authority, AT));
      expect(e.message).toBe(
        `block 3 of bank-evm: 1 of the 2 notary signatures needed (not counted: ${notaries['notary-x'].did}: unknown_notary; ` +
          `${notaries['notary-a'].did}: duplicate_notary)${tail}`,
      );
      expect(e.details).toEqual({ counted: 1, threshold: 2 });
    });
  });
});
