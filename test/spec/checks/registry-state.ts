/**
 * docs/spec/registry.md `registry-state`: the product's registry loads the file's genesis under
 * the case's pinned hash and applies the valid cases' updates in order; a valid case holds when the
 * state hash after its update is the case's hash; an invalid case's update (or pin) is refused.
 */
import { toHex, utf8 } from '../../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../../src/errors.js';
import { loadGenesis } from '../../../src/identity/genesis.js';
import { applyRegistryUpdate, registryStateFromGenesis } from '../../../src/identity/registry.js';
import { registryUpdateFromJson } from '../../../src/identity/registry-update.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';

type StateFile = VectorFile & { genesis: string; genesisHash: string };

export function check(file: VectorFile, c: VectorCase | InvalidCase): string {
  const f = file as StateFile;
  try {
    let state = registryStateFromGenesis(loadGenesis(utf8(f.genesis), (c.genesisHash as string | undefined) ?? f.genesisHash));
    const at = file.valid.findIndex((v) => v.name === c.name);
    const steps = at >= 0 ? file.valid.slice(0, at + 1) : file.valid;
    for (const v of steps) {
      const u = registryUpdateFromJson(v.update);
      state = applyRegistryUpdate(state, u, u.effectiveAtMs).state;
    }
    if (at >= 0) return toHex(state.stateHash) === (c as VectorCase).hash && state.sequence === c.sequence ? 'ok' : 'another state hash';
    if (c.update !== undefined) {
      const u = registryUpdateFromJson(c.update);
      applyRegistryUpdate(state, u, c.nowMs as number);
    }
    return 'ok';
  } catch (e) {
    if (isCourtbridgeError(e)) return e.reason;
    throw e;
  }
}
