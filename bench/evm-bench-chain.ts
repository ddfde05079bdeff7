/**
 * The EVM chain of suite `evm-query`, as every one of its processes knows it: the bank chain
 * (adapters/evm) with one account, admitted in the fixture alliance with three notaries, two of
 * three (test/helpers/alliance-fixture.ts `evmChains`), anchored at the block the bench notarizes;
 * the gateway's ChainConfig for it; and the notary step: two of the fixture notaries sign the
 * node's latest block and publish it in the notary bucket, as their followers would once it is
 * final. Hardhat mines only on transactions, so that block stays the chain's newest for the
 * whole measurement.
 */
import type { NatsConnection } from 'nats';
import { BANK_ACCOUNT, BANK_CHAIN_ID, BANK_EVM_LAYOUTS } from '../adapters/evm/bank-schema.js';
import { EvmRpc } from '../adapters/evm/rpc.js';
import { notaryKv, publishNotarization } from '../src/bus/notary-kv.js';
import { sha256 } from '../src/crypto/hash.js';
import { fromHex, toHex, utf8 } from '../src/encoding/bytes.js';
import type { ChainConfig } from '../src/relay/light-clients/chain-config.js';
import { notarizedBlockOf } from '../src/verify/evm/evm-answer.js';
import { verifyEvmHeaderHash } from '../src/verify/evm/evm-header.js';
import { type NotarizedBlock, notarySigningInput } from '../src/verify/notary.js';
import { type AllianceFixture, allianceFixture, fixtureNotaryDid } from '../test/helpers/alliance-fixture.js';
import type { BenchQuery } from './query-harness.js';

/** The account every call asks for: its id is a keyed hash, as the bank's are. */
export const EVM_BENCH_ACCOUNT = sha256(utf8('courtbridge bench bank account'));

export const EVM_BENCH_QUERY: BenchQuery = {
  chainId: BANK_CHAIN_ID,
  recordType: BANK_ACCOUNT.name,
  key: `${BANK_ACCOUNT.keyPrefix}${toHex(EVM_BENCH_ACCOUNT)}`,
};

const NOTARIES = 3;
const THRESHOLD = 2;

/** The deployed contract and the notarized block the chain is anchored at. */
export interface EvmBenchAnchor {
  /** 0x + 40 hex. */
  contract: string;
  height: number;
  headerHash: Uint8Array;
}

/** As argv (bench/procs/gateway.ts mode `evm`) and back. */
export const anchorArgs = (a: EvmBenchAnchor): string[] => [a.contract, String(a.height), toHex(a.headerHash)];
export const anchorOfArgs = ([contract, height, hash]: string[]): EvmBenchAnchor => ({
  contract: contract!,
  height: Number(height),
  headerHash: fromHex(hash!),
});

const contractBytes = (a: EvmBenchAnchor): Uint8Array => fromHex(a.contract.slice(2).toLowerCase());

/** The fixture alliance admitting the chain (the same keys in every process). */
export function evmBenchFixture(a: EvmBenchAnchor): AllianceFixture {
  return allianceFixture({
    chains: [BANK_CHAIN_ID],
    evmChains: {
      [BANK_CHAIN_ID]: {
        anchor: { height: a.height, headerHash: a.headerHash },
        contract: contractBytes(a),
        notaries: NOTARIES,
        threshold: THRESHOLD,
      },
    },
  });
}

/** The gateway's ChainConfig for it, as gateway-chains.ts makes one from the registry entry and catalog. */
export function evmBenchChain(fx: AllianceFixture, a: EvmBenchAnchor): ChainConfig {
  return {
    chainId: BANK_CHAIN_ID,
    kind: 'finance',
    displayName: 'Bank consortium ledger (EVM)',
    operatorDid: fx.adapter(BANK_CHAIN_ID).did,
    recordTypes: [BANK_ACCOUNT.name],
    trustBasis: 'notarized_state_proof',
    evm: {
      contract: contractBytes(a),
      notaries: { threshold: THRESHOLD, notaries: Array.from({ length: NOTARIES }, (_, i) => fixtureNotaryDid(BANK_CHAIN_ID, i + 1)) },
      records: BANK_EVM_LAYOUTS,
    },
    trustAnchor: { height: a.height, headerHash: a.headerHash },
    trustingPeriodMs: 7 * 86_400_000,
    maxClockDriftMs: 10_000,
  };
}

/** The node's latest block, checked to hash to its hash, as a notary would sign it. */
export async function latestBlock(rpcUrl: string): Promise<NotarizedBlock> {
  const { header, hash } = verifyEvmHeaderHash(await new EvmRpc(rpcUrl).getBlockByNumber('latest'));
  return notarizedBlockOf(BANK_CHAIN_ID, header, hash);
}

/** `block` signed by the chain's first `THRESHOLD` notaries and published in the notary bucket. */
export async function notarize(nc: NatsConnection, fx: AllianceFixture, block: NotarizedBlock): Promise<void> {
  const kv = await notaryKv(nc.jetstream());
  for (let i = 1; i <= THRESHOLD; i++) {
    const signer = fx.signers.get(fixtureNotaryDid(BANK_CHAIN_ID, i))!;
    await publishNotarization(kv, {
      block,
      signature: { notaryDid: signer.did, kid: signer.kid, signature: signer.sign(notarySigningInput(block)) },
    });
  }
}
