/**
 * A notarized EVM answer (src/verify/evm/evm-answer.ts) over a real hardhat block and its
 * eth_getProof (test/vectors/evm/hardhat.json), signed by the notary fixture's agencies. Each
 * forgery a relay could try fails the step that binds it: another block's header, a notary set
 * short of the threshold or outside it, a signature over another block, a swapped proof, a value
 * the proof does not prove.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { isCourtbridgeError } from '../../../src/errors.js';
import type { Authority } from '../../../src/identity/authority.js';
import { type EvmAnswer, notarizedBlockOf, verifyEvmAnswer } from '../../../src/verify/evm/evm-answer.js';
import { verifyEvmHeaderHash } from '../../../src/verify/evm/evm-header.js';
import { notarize, notaries, notaryWorld, policy, T1 } from '../notary-fixture.js';

interface HardhatVectors {
  blocks: Record<string, unknown>[];
  proofsAtLatest: { storage: { storageProof: { value: string }[] } & Record<string, unknown> };
  proofsAtGenesis: { funded: Record<string, unknown> };
}
const v = JSON.parse(readFileSync(new URL('../../vectors/evm/hardhat.json', import.meta.url), 'utf8')) as HardhatVectors;
const CHAIN = 'bank-evm';
const latest = v.blocks[2]!;
const { header, hash } = verifyEvmHeaderHash(latest);
const signed = notarizedBlockOf(CHAIN, header, hash);
const AT = T1 + 3_600_000;

let authority: Authority;
beforeAll(async () => {
  authority = (await notaryWorld()).authority;
});

const honest = (more: Partial<EvmAnswer> = {}): EvmAnswer => ({
  chainId: CHAIN,
  block: latest,
  proof: v.proofsAtLatest.storage,
  notarizations: [notarize(notaries['notary-a'], signed), notarize(notaries['notary-b'], signed)],
  ...more,
});

async function reasonOf(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('verifyEvmAnswer', () => {
  it('two of three notaries over the block, the storage proof at its state root: the slot is proven', async () => {
    const e = await verifyEvmAnswer(honest(), policy, authority, AT);
    expect(e.notaries.sort()).toEqual([notaries['notary-a'].did, notaries['notary-b'].did].sort());
    expect(e.notarized).toMatchObject({ chainId: CHAIN, height: 3 });
    expect(e.proof.storage[0]!.evidence).toEqual({ kind: 'member', value: 1_000_000n });
  });

  it('one notary short of the threshold, or an outsider filling in: evm_notary_quorum_not_met', async () => {
    const one = honest({ notarizations: [notarize(notaries['notary-a'], signed)] });
    expect(await reasonOf(verifyEvmAnswer(one, policy, authority, AT))).toBe('evm_notary_quorum_not_met');
    const outsider = honest({ notarizations: [notarize(notaries['notary-a'], signed), notarize(notaries['notary-x'], signed)] });
    expect(await reasonOf(verifyEvmAnswer(outsider, policy, authority, AT))).toBe('evm_notary_quorum_not_met');
    const twice = honest({ notarizations: [notarize(notaries['notary-a'], signed), notarize(notaries['notary-a'], signed)] });
    expect(await reasonOf(verifyEvmAnswer(twice, policy, authority, AT))).toBe('evm_notary_quorum_not_met');
  });

  it('signatures over another block (another hash, another chain) do not count for this one', async () => {
    const other = notarizedBlockOf(
      CHAIN,
      ...(() => {
        const b = verifyEvmHeaderHash(v.blocks[1]!);
        return [b.header, b.hash] as const;
      })(),
    );
    const stale = honest({ notarizations: [notarize(notaries['notary-a'], other), notarize(notaries['notary-b'], other)] });
    expect(await reasonOf(verifyEvmAnswer(stale, policy, authority, AT))).toBe('evm_notary_quorum_not_met');
    const elsewhere = { ...signed, chainId: 'land-evm' };
    const moved = honest({ notarizations: [notarize(notaries['notary-a'], elsewhere), notarize(notaries['notary-b'], elsewhere)] });
    expect(await reasonOf(verifyEvmAnswer(moved, policy, authority, AT))).toBe('evm_notary_quorum_not_met');
  });

  it('the notarized block relayed with a header edited to carry another state root: evm_header_hash_mismatch', async () => {
    const edited = { ...latest, stateRoot: (v.blocks[0]! as { stateRoot: string }).stateRoot };
    expect(await reasonOf(verifyEvmAnswer(honest({ block: edited }), policy, authority, AT))).toBe('evm_header_hash_mismatch');
  });

  it('a proof from another state, or a value the proof does not back: refused by the proof step', async () => {
    expect(await reasonOf(verifyEvmAnswer(honest({ proof: v.proofsAtGenesis.funded }), policy, authority, AT))).toBe('evm_root_mismatch');
    const claimed = structuredClone(v.proofsAtLatest.storage);
    claimed.storageProof[0]!.value = '0x1e8480';
    expect(await reasonOf(verifyEvmAnswer(honest({ proof: claimed }), policy, authority, AT))).toBe('evm_value_mismatch');
  });
});
