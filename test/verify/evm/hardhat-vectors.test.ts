/**
 * The evm verifier against a real client: headers and `eth_getProof` answers that a hardhat 2.29
 * node (Prague rules: baseFee, withdrawals, blob gas, beacon root and requests hash fields)
 * returned on this machine (test/vectors/evm/hardhat.json). The hashes are the client's own, so
 * they check the fork-field RLP layout that the mainnet vectors are too old to reach.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isCourtbridgeError } from '../../../src/errors.js';
import { evmHeaderFromRpc, verifyEvmHeaderHash, verifyEvmParentLink } from '../../../src/verify/evm/evm-header.js';
import { verifyEvmProof } from '../../../src/verify/evm/evm-proof.js';

interface HardhatVectors {
  blocks: Record<string, unknown>[];
  proofsAtGenesis: { funded: Record<string, unknown>; absent: Record<string, unknown> };
  proofsAtLatest: { storage: StorageProof };
}
interface StorageProof {
  [k: string]: unknown;
  storageProof: { key: string; value: string; proof: string[] }[];
}
const v = JSON.parse(readFileSync(new URL('../../vectors/evm/hardhat.json', import.meta.url), 'utf8')) as HardhatVectors;
const latest = v.blocks[2]!;
const stateRoot = verifyEvmHeaderHash(latest).header.stateRoot;
const genesisRoot = verifyEvmHeaderHash(v.blocks[0]!).header.stateRoot;

async function reasonOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('hardhat node vectors', () => {
  it('each block hashes to the hash the client gave, Prague fields included', () => {
    for (const b of v.blocks) expect(() => verifyEvmHeaderHash(b), String(b['number'])).not.toThrow();
    expect(evmHeaderFromRpc(latest).requestsHash).toBeDefined();
  });

  it('block 3 links to block 2; block 3 does not link to block 0', () => {
    const [b0, b2, b3] = v.blocks.map((b) => evmHeaderFromRpc(b));
    expect(() => verifyEvmParentLink(b3!, b2!)).not.toThrow();
    expect(() => verifyEvmParentLink(b3!, b0!)).toThrow();
  });

  it('a funded account, an absent account and a set slot prove what the client answered', async () => {
    const funded = await verifyEvmProof(genesisRoot, v.proofsAtGenesis.funded);
    expect(funded.account).toMatchObject({ kind: 'member', balance: 0x21e19e0c9bab2400000n, nonce: 0n });
    expect(funded.storage.map((s) => s.evidence.kind)).toEqual(['absent']);
    const absent = await verifyEvmProof(genesisRoot, v.proofsAtGenesis.absent);
    expect(absent.account.kind).toBe('absent');
    const storage = await verifyEvmProof(stateRoot, v.proofsAtLatest.storage);
    expect(storage.storage.map((s) => s.evidence)).toEqual([{ kind: 'member', value: 1_000_000n }, { kind: 'absent' }]);
  });

  it('a value the proof does not back, or the proof against the genesis state, is refused', async () => {
    const forged = structuredClone(v.proofsAtLatest.storage);
    forged.storageProof[0]!.value = '0x1e8480';
    expect(await reasonOf(verifyEvmProof(stateRoot, forged))).toBe('evm_value_mismatch');
    // Blocks 1 to 3 share one state (no transactions); the genesis state predates the slot.
    expect(await reasonOf(verifyEvmProof(genesisRoot, v.proofsAtLatest.storage))).toBe('evm_root_mismatch');
  });
});
