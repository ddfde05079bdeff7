/**
 * The binary forms bundles carry (src/verify/evm/evm-wire.ts, evm-header.ts `evmHeaderFromRlp`):
 * every real hardhat header and proof survives the trip through the wire unchanged and still
 * verifies, and whatever is malformed is refused where it enters, with the field named.
 */
import { readFileSync } from 'node:fs';
import { RLP } from '@ethereumjs/rlp';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { describe, expect, it } from 'vitest';
import { equalBytes } from '../../../src/encoding/bytes.js';
import { evmHeaderFromRlp, evmHeaderFromRpc, evmHeaderRlp, verifyEvmHeaderHash } from '../../../src/verify/evm/evm-header.js';
import { evmProofFromRpc, verifyEvmProof, verifyEvmProofClaim } from '../../../src/verify/evm/evm-proof.js';
import { evmProofClaimFromWire, evmProofDigest, evmStateProofToWire } from '../../../src/verify/evm/evm-wire.js';
import { decodeMessage, encodeMessage } from '../../../src/wire/codec.js';
import { reasonOf } from '../../helpers/reason-of.js';

const v = JSON.parse(readFileSync(new URL('../../vectors/evm/hardhat.json', import.meta.url), 'utf8')) as {
  blocks: Record<string, unknown>[];
  proofsAtLatest: { storage: unknown };
  proofsAtGenesis: { funded: unknown; absent: unknown };
};
const mainnet = (JSON.parse(readFileSync(new URL('../../vectors/evm/headers.json', import.meta.url), 'utf8')) as { mainnet: unknown[] })
  .mainnet;

const onWire = (proof: unknown) =>
  decodeMessage('EvmStateProof', encodeMessage('EvmStateProof', evmStateProofToWire(evmProofFromRpc(proof))));

describe('the header on the wire is its RLP', () => {
  const rpcBlocks = [...v.blocks, ...mainnet];

  it('every hardhat and published header decodes back from its RLP to the same fields and hash', () => {
    expect(rpcBlocks.length).toBe(5);
    for (const block of rpcBlocks) {
      const { header, hash } = verifyEvmHeaderHash(block);
      const rlp = evmHeaderRlp(header);
      expect(evmHeaderFromRlp(rlp)).toEqual(header);
      expect(equalBytes(keccak_256(rlp), hash)).toBe(true);
    }
  });

  it('RLP that is not a header is refused evm_header_malformed', () => {
    const rlp = evmHeaderRlp(evmHeaderFromRpc(v.blocks[2]));
    const items = RLP.decode(rlp) as Uint8Array[];
    const bad = (list: unknown[]) => reasonOf(() => evmHeaderFromRlp(RLP.encode(list as Uint8Array[])));
    expect(reasonOf(() => evmHeaderFromRlp(new Uint8Array([0xff, 0x01])))).toBe('evm_header_malformed');
    expect(bad(items.slice(0, 14))).toBe('evm_header_malformed');
    expect(bad([...items, ...items])).toBe('evm_header_malformed');
    // a state root of 31 bytes, a miner of 21, a number with a leading zero, a nested list
    expect(bad(items.map((x, i) => (i === 3 ? x.subarray(1) : x)))).toBe('evm_header_malformed');
    expect(bad(items.map((x, i) => (i === 2 ? new Uint8Array(21) : x)))).toBe('evm_header_malformed');
    expect(bad(items.map((x, i) => (i === 8 ? new Uint8Array([0, 3]) : x)))).toBe('evm_header_malformed');
    expect(bad(items.map((x, i) => (i === 12 ? [x] : x)))).toBe('evm_header_malformed');
  });
});

describe('eth_getProof on the wire', () => {
  it('real proofs (storage member and absent, funded account, absent account) verify the same after the trip', async () => {
    const root = (i: number) => evmHeaderFromRpc(v.blocks[i]).stateRoot;
    for (const [proof, at] of [
      [v.proofsAtLatest.storage, 2],
      [v.proofsAtGenesis.funded, 0],
      [v.proofsAtGenesis.absent, 0],
    ] as const) {
      const direct = await verifyEvmProof(root(at), proof);
      const claim = evmProofClaimFromWire(onWire(proof));
      expect(await verifyEvmProofClaim(root(at), claim)).toEqual(direct);
      // The digest a receipt commits to is a function of the evidence alone.
      expect(evmProofDigest(new Uint8Array([1]), claim)).toEqual(evmProofDigest(new Uint8Array([1]), evmProofFromRpc(proof)));
      expect(evmProofDigest(new Uint8Array([1]), claim)).not.toEqual(evmProofDigest(new Uint8Array([2]), claim));
    }
  });

  it('malformed parts are refused evm_proof_malformed naming the field', () => {
    const w = onWire(v.proofsAtLatest.storage);
    const refused = (m: typeof w) => reasonOf(() => evmProofClaimFromWire(m));
    expect(refused({ ...w, address: w.address.subarray(1) })).toBe('evm_proof_malformed');
    expect(refused({ ...w, storageHash: Buffer.alloc(31) })).toBe('evm_proof_malformed');
    expect(refused({ ...w, balance: Buffer.from([0, 1]) })).toBe('evm_proof_malformed');
    expect(refused({ ...w, accountProof: Array.from({ length: 66 }, () => Buffer.alloc(1)) })).toBe('evm_proof_malformed');
    expect(refused({ ...w, storage: [{ ...w.storage[0]!, slot: Buffer.alloc(20) }] })).toBe('evm_proof_malformed');
    expect(reasonOf(() => evmProofClaimFromWire(null))).toBe('evm_proof_malformed');
  });
});
