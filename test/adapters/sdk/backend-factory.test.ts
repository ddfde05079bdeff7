import { describe, expect, it } from 'vitest';

import { loadAdapterConfig } from '../../../adapters/sdk/adapter-config.js';
import { BackendFactory, builtinBackends, DEV_LEDGER_BACKEND } from '../../../adapters/sdk/backend-factory.js';
import type { ChainBackend } from '../../../adapters/sdk/chain-backend.js';
import { DevLedgerBackend } from '../../../adapters/sdk/dev-ledger-backend.js';
import { CourtbridgeError } from '../../../src/errors.js';
import { accountsTestDefinition } from './test-definitions.js';

const definition = accountsTestDefinition('credit');
const env = { CB_KEY_FILE: 'k', CB_GENESIS_FILE: 'g', CB_GENESIS_HASH: 'a'.repeat(64) };

function thrown(f: () => unknown): CourtbridgeError {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(CourtbridgeError);
    return e as CourtbridgeError;
  }
  throw new Error('expected a throw');
}

describe('backend factory', () => {
  it('builds the dev ledger by default, for the definition, in dataDir (not started)', () => {
    const config = loadAdapterConfig({ env: { ...env, CB_DATA_DIR: '/nonexistent/cb' } });
    const backend = builtinBackends().create({ definition, config });
    expect(backend).toBeInstanceOf(DevLedgerBackend);
    expect(backend.chainId).toBe('credit');
    expect(builtinBackends().names()).toEqual([DEV_LEDGER_BACKEND]);
  });

  it('the dev ledger needs a data directory, and says how to set it', () => {
    const config = loadAdapterConfig({ env });
    const err = thrown(() => builtinBackends().create({ definition, config }));
    expect(err.reason).toBe('invalid_config');
    expect(err.message).toBe('dataDir: required by the dev-ledger backend; set CB_DATA_DIR, --data-dir or "dataDir" in the config file');
  });

  it('an unknown backend is refused naming the known ones', () => {
    const config = { ...loadAdapterConfig({ env }), backend: 'fabric' };
    const err = thrown(() => builtinBackends().create({ definition, config }));
    expect(err.reason).toBe('unknown_backend');
    expect(err.message).toBe('backend: "fabric" is not a known backend (known: dev-ledger)');
  });

  it('a registered backend is chosen by name and becomes known to the config; a duplicate name is refused', () => {
    const made: ChainBackend = { chainId: 'credit' } as ChainBackend;
    const factory = builtinBackends().register('partner', () => made);
    expect(factory.names()).toEqual(['dev-ledger', 'partner']);
    const config = loadAdapterConfig({ env: { ...env, CB_BACKEND: 'partner' }, backends: factory.names() });
    expect(factory.create({ definition, config })).toBe(made);
    expect(thrown(() => factory.register('partner', () => made)).reason).toBe('duplicate_backend');
    expect(() => new BackendFactory().register('Bad Name', () => made)).toThrow(TypeError);
  });
});
