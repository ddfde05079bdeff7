/**
 * `membership` and `non_membership`: record queries are answered with proofs that verify
 * (DESIGN.md "Record proofs"). Membership: every probe key (`--probe-key TYPE/ID`, or
 * the action's target) is answered as a record whose SMT proof verifies against a header the
 * kit's light client verified. Non-membership: for every record type the adapter announces, a key
 * that surely does not exist (`<type>/conformance-absent-<run>`) is answered as an absence whose
 * non-membership proof verifies the same way (the credit use case: "not listed at height H").
 *
 * An `evm` chain is asked at the newest block its registry notaries made final, and the proof is
 * checked against that block, of the registry's contract, by the record type's layout
 * (context.ts `proveEvm`). Its keys name a bytes32 id, so the surely-absent key is well formed:
 * `<keyPrefix><sha256(run id) hex>` (an ill-formed one would be refused, proving nothing).
 *
 * A `notary` chain's answers must carry at least the threshold of valid signatures of its
 * registry notaries over exactly the record (or absence) asked, at a sane version and time
 * (notary-answer.ts): the notaries' signatures are its proof.
 */
import { sha256 } from '../../crypto/hash.js';
import { toHex, utf8 } from '../../encoding/bytes.js';
import { failCheck, pass, type CheckVerdict, type ConformanceCheck } from '../check.js';
import type { ConformanceContext } from '../context.js';

const typeOf = (key: string): string => key.slice(0, key.indexOf('/'));

/** A key of record type `t` that surely does not exist. */
function absentKey(ctx: ConformanceContext, t: string): string {
  if (ctx.target.kind !== 'evm') return `${t}/conformance-absent-${ctx.runId}`;
  const layout = ctx.target.records.get(t);
  if (layout === undefined) failCheck(`the kit knows no storage layout for ${ctx.chain}'s record type ${t} (evmRecords)`);
  return `${layout.keyPrefix}${toHex(sha256(utf8(ctx.runId)))}`;
}

export const membershipCheck: ConformanceCheck = {
  id: 'membership',
  title: 'a known record is answered with a membership proof that verifies',
  async run(ctx: ConformanceContext): Promise<CheckVerdict> {
    const keys = ctx.o.probeKeys;
    if (keys.length === 0) failCheck('the kit knows no record of this chain: give one with --probe-key TYPE/ID');
    const seen: string[] = [];
    for (const key of keys) {
      const p = await ctx.queryProven(key, typeOf(key));
      if (p.kind !== 'member')
        failCheck(`${key} was answered as absent (proof verifies at ${p.height}); the kit was told it exists`, { key, height: p.height });
      seen.push(`${key}@${p.height}`);
    }
    return pass(`${keys.length} record(s) proven: ${seen.join(', ')}`, { keys: keys.join(','), proven: seen.join(',') });
  },
};

export const nonMembershipCheck: ConformanceCheck = {
  id: 'non_membership',
  title: 'a surely-absent key is answered with a non-membership proof that verifies',
  async run(ctx: ConformanceContext): Promise<CheckVerdict> {
    const types = ctx.announcement?.recordTypes ?? [...new Set(ctx.o.probeKeys.map(typeOf))];
    if (types.length === 0) failCheck('no record type to probe: no announcement was seen and no --probe-key was given');
    const seen: string[] = [];
    for (const t of types) {
      const key = absentKey(ctx, t);
      const p = await ctx.queryProven(key, t);
      if (p.kind !== 'absent') failCheck(`${key} was answered as a record; it cannot exist`, { key });
      seen.push(`${key}@${p.height}`);
    }
    return pass(`absence proven for ${types.length} record type(s): ${types.join(', ')}`, {
      recordTypes: types.join(','),
      proven: seen.join(','),
    });
  },
};
