/**
 * `headers` for an `evm` chain: an EVM block carries no validator signatures, so the kit has no
 * header to link; a block is final when `threshold` of the chain's registry notaries signed it in
 * the notary bucket (notary-finality.ts, the gateway's own follower). The kit requires one such
 * block within its budget: without it no answer of the chain can ever be verified.
 */
import { toRpcHex } from '../../verify/evm/rpc-hex.js';
import { failCheck, pass, type CheckVerdict } from '../check.js';
import type { ConformanceContext } from '../context.js';

export async function notaryFinalBlockVerdict(ctx: ConformanceContext): Promise<CheckVerdict> {
  if (ctx.notaries === undefined) failCheck(`${ctx.chain} is not an evm chain in the registry`);
  const f = await ctx.notaries.newest(ctx.o.timeoutMs);
  const signers = f.signatures.map((s) => s.notaryDid);
  const policy = ctx.notaries.target.notaries;
  return pass(
    `block ${f.block.height} (${toRpcHex(f.block.blockHash)}) is final: signed by ${signers.join(', ')} (threshold ${policy.threshold} of the registry's ${policy.notaries.length} notaries)`,
    {
      height: f.block.height,
      blockHash: toRpcHex(f.block.blockHash),
      notaries: signers.join(','),
      threshold: policy.threshold,
    },
  );
}
