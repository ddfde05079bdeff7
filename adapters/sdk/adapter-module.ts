/**
 * A partner's adapter as a module of its own, outside this repository (`courtbridge adapter start
 * --module FILE`): it imports only `courtbridge/sdk` and exports
 *   - `definition` (or its default export): the `AdapterDefinition`, a `DevLedgerDefinition` on
 *     the dev ledger;
 *   - optionally `seed(ledger)`: records written when its dev ledger is new (height 1), e.g. the
 *     registry's existing entries;
 *   - optionally `backends`: a `BackendFactory` naming its own chain's backend.
 * Checked where it is loaded, naming what is missing.
 */
import { pathToFileURL } from 'node:url';
import type { DevLedger } from '../../src/chain/ledger/ledger.js';
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';
import { BackendFactory, builtinBackends, DEV_LEDGER_BACKEND } from './backend-factory.js';
import { isDevLedgerDefinition, type AdapterDefinition } from './definition.js';
import { DevLedgerBackend } from './dev-ledger-backend.js';

export interface AdapterModule {
  definition: AdapterDefinition;
  seed?: (ledger: DevLedger) => Promise<void> | void;
  backends?: BackendFactory;
}

const bad = (path: string, why: string): CourtbridgeError =>
  new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_config', `adapter module ${path}: ${why}`, { details: { field: 'module' } });

/** Import the module at `path` (absolute) and check its exports. */
export async function loadAdapterModule(path: string): Promise<AdapterModule> {
  let mod: Record<string, unknown>;
  try {
    mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  } catch (e) {
    throw new CourtbridgeError(
      ErrorCode.InvalidArgument,
      'invalid_config',
      `adapter module ${path}: cannot be loaded: ${(e as Error).message}`,
      {
        cause: e,
        details: { field: 'module' },
      },
    );
  }
  const definition = (mod.definition ?? mod.default) as AdapterDefinition | undefined;
  if (
    typeof definition !== 'object' ||
    definition === null ||
    typeof definition.chainId !== 'string' ||
    !Array.isArray(definition.recordTypes) ||
    !Array.isArray(definition.actions)
  )
    throw bad(
      path,
      "exports no adapter definition (export const definition: DevLedgerDefinition = { chainId, ... } from 'courtbridge/sdk')",
    );
  if (mod.seed !== undefined && typeof mod.seed !== 'function') throw bad(path, 'seed: expected a function (ledger) => void');
  if (mod.backends !== undefined && !(mod.backends instanceof BackendFactory)) throw bad(path, 'backends: expected a BackendFactory');
  return {
    definition,
    ...(mod.seed === undefined ? {} : { seed: mod.seed as AdapterModule['seed'] & object }),
    ...(mod.backends === undefined ? {} : { backends: mod.backends as BackendFactory }),
  };
}

/** The backends the module's adapter may run on: its own, or the dev ledger seeded by its `seed` when new. */
export function backendsOf(m: AdapterModule): BackendFactory {
  if (m.backends !== undefined) return m.backends;
  const seed = m.seed;
  if (seed === undefined) return builtinBackends();
  return new BackendFactory().register(DEV_LEDGER_BACKEND, (ctx) => {
    const { definition, config, hashSuite } = ctx;
    if (config.dataDir === undefined || !isDevLedgerDefinition(definition)) return builtinBackends().create(ctx); // refuses, naming what is missing
    // Only a new ledger is seeded: a restart keeps what the chain has.
    return new DevLedgerBackend({
      definition,
      dataDir: config.dataDir,
      seed: (l) => (l.height === 1 ? seed(l) : undefined),
      ...(hashSuite === undefined ? {} : { hashSuite }),
    });
  });
}
