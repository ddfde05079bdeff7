/**
 * The wire form of an `evm` chain's proven record, shared by query answers (`QueryResponse.evm`)
 * and action results (`ActionResult.evm`): the block header's RLP and the `eth_getProof` answer
 * for the record's slots, and the `HeaderRef` naming that block (its number and hash). The
 * notaries' signatures are not the adapter's to give: the gateway adds those it holds.
 */
import { evmStateProofToWire } from '../../src/verify/evm/evm-wire.js';
import type { MessageInput } from '../../src/wire/messages.js';
import type { EvmProvenRecord } from './chain-backend.js';

export function evmEvidenceOf(
  chainId: string,
  pr: EvmProvenRecord,
): { evm: MessageInput<'EvmEvidence'>; header: MessageInput<'HeaderRef'> } {
  return {
    evm: { headerRlp: pr.evidence.headerRlp, proof: evmStateProofToWire(pr.evidence.proof) },
    header: { chainId, height: pr.height, headerHash: pr.blockHash },
  };
}
