/**
 * docs/spec/registry.md `registry-update`: the product's registry applies each case's update on
 * the state the case names (the genesis of the file, then `after` valid updates, then `before`).
 * A refused update gives its reason; when it is `quorum_not_met` because approvals were
 * discarded, the verdict is the first discarded approval's reason (the update-level reason and
 * every discard must then be what the case says).
 */
import { toHex, utf8 } from '../../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import { loadGenesis } from '../../../src/identity/genesis.js';
import { applyRegistryUpdate, registryStateFromGenesis, type RegistryState } from '../../../src/identity/registry.js';
import { registryUpdateFromJson, registryUpdateSignBytes } from '../../../src/identity/registry-update.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';

type RegistryFile = VectorFile & { genesis: string; genesisHash: string };

const apply = (state: RegistryState, json: unknown, nowMs?: number): RegistryState => {
  const u = registryUpdateFromJson(json);
  return applyRegistryUpdate(state, u, nowMs ?? u.effectiveAtMs).state;
};

export function check(file: VectorFile, c: VectorCase | InvalidCase): string {
  const f = file as RegistryFile;
  let state = registryStateFromGenesis(loadGenesis(utf8(f.genesis), f.genesisHash));
  const at = file.valid.findIndex((v) => v.name === c.name);
  const isValid = at >= 0 && !('reason' in c);
  const after = isValid ? at : (c.after as number);
  for (const v of file.valid.slice(0, after)) state = apply(state, v.update);
  for (const u of (c.before as unknown[] | undefined) ?? []) state = apply(state, u);
  try {
    const u = registryUpdateFromJson(c.update);
    const applied = applyRegistryUpdate(state, u, c.nowMs as number);
    if (isValid) {
      if (toHex(registryUpdateSignBytes(u)) !== (c as VectorCase).bytes) return 'the update does not have the case bytes';
      if (toHex(applied.state.stateHash) !== c.stateHashAfter) return 'another state hash after the update';
    }
    return 'ok';
  } catch (e) {
    if (!isCourtbridgeError(e)) throw e;
    const discarded = Object.entries(e.details)
      .filter(([k]) => k.startsWith('discarded:'))
      .map(([k, v]) => [k.slice('discarded:'.length), String(v)] as const);
    if (e.reason !== c.refusedWith) return `refused ${e.reason}, the case says ${String(c.refusedWith)}`;
    if (JSON.stringify(Object.fromEntries(discarded)) !== JSON.stringify(c.discarded ?? {}))
      return `discarded ${JSON.stringify(Object.fromEntries(discarded))}`;
    return e.reason === 'quorum_not_met' && discarded.length > 0 ? discarded[0]![1] : e.reason;
  }
}
