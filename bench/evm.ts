/**
 * EVM proofs (src/verify/evm): `mpt.verify` is `eth_getProof` answers verified per second, each an
 * account proof plus one storage proof, against a state trie of 10,000 accounts (1,000 with
 * --quick) built by @ethereumjs/mpt, as a partner's node would answer. Ceiling: one native SHA-256
 * (Node's OpenSSL has no keccak-256; a proof walks about log16(n) + 1 account nodes and the
 * storage path, each hashed with @noble's keccak, so the ratio is small by nature).
 */
import { createMPT, createMerkleProof } from '@ethereumjs/mpt';
import { RLP } from '@ethereumjs/rlp';
import {
  KECCAK256_NULL,
  bigIntToHex,
  bigIntToUnpaddedBytes,
  bytesToHex,
  createAccount,
  setLengthLeft,
  utf8ToBytes,
} from '@ethereumjs/util';
import { keccak_256 } from '@noble/hashes/sha3.js';
import { verifyEvmProof } from '../src/verify/evm/evm-proof.js';
import { opsPerSecondAsync, withCeiling, type BenchContext, type BenchSuite } from './lib.js';

const addressOf = (i: number): Uint8Array => keccak_256(utf8ToBytes(`courtbridge bench account ${i}`)).slice(12);
const SLOT = setLengthLeft(bigIntToUnpaddedBytes(1n), 32);

/** A state trie of `n` accounts, each with one storage slot; `eth_getProof` results for `count` of them. */
async function answers(ctx: BenchContext, n: number, count: number): Promise<{ stateRoot: Uint8Array; rpc: unknown[] }> {
  ctx.progress(`mpt: building a state trie of ${n} accounts`);
  const state = await createMPT({ useKeyHashing: true });
  const storages = [];
  for (let i = 0; i < n; i++) {
    const storage = await createMPT({ useKeyHashing: true });
    await storage.put(SLOT, RLP.encode(bigIntToUnpaddedBytes(BigInt(1000 + i))));
    const account = createAccount({ nonce: 1n, balance: BigInt(i) * 100n, storageRoot: storage.root(), codeHash: KECCAK256_NULL });
    await state.put(addressOf(i), account.serialize());
    if (i < count) storages.push(storage);
  }
  const rpc = [];
  for (let i = 0; i < count; i++) {
    const storage = storages[i]!;
    rpc.push({
      address: bytesToHex(addressOf(i)),
      accountProof: (await createMerkleProof(state, addressOf(i))).map(bytesToHex),
      balance: bigIntToHex(BigInt(i) * 100n),
      codeHash: bytesToHex(KECCAK256_NULL),
      nonce: '0x1',
      storageHash: bytesToHex(storage.root()),
      storageProof: [
        { key: bytesToHex(SLOT), value: bigIntToHex(BigInt(1000 + i)), proof: (await createMerkleProof(storage, SLOT)).map(bytesToHex) },
      ],
    });
  }
  return { stateRoot: state.root(), rpc };
}

export const evm: BenchSuite = {
  name: 'evm',
  async run(ctx) {
    const { stateRoot, rpc } = await answers(ctx, ctx.quick ? 1_000 : 10_000, 256);
    let j = 0;
    ctx.progress('mpt.verify');
    const ops = await opsPerSecondAsync(() => verifyEvmProof(stateRoot, rpc[j++ & 255]), ctx.durationMs);
    ctx.emit(withCeiling(ctx, 'mpt.verify', ops, 'proofs/s', 'sha256.native'));
  },
};
