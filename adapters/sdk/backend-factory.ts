/**
 * Chooses the `ChainBackend` implementation an adapter process runs on by its configured name
 * (`backend` in adapter-config.ts). Backends register by name, a second registration of one
 * name is an error, and an unknown name is refused naming the known ones (STYLE.md "Hosting
 * modules and kinds": ibc-go's port router). The dev ledger is the one built-in backend; a
 * partner's chain registers its own before `runAdapterMain` (main-entry.ts `backends`).
 */
import type { HashSuite } from '../../src/crypto/hash-suite.js';
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';
import type { AdapterProcessConfig } from './adapter-config.js';
import type { ChainBackend } from './chain-backend.js';
import { isDevLedgerDefinition, type AdapterDefinition } from './definition.js';
import { DevLedgerBackend } from './dev-ledger-backend.js';

/** What a backend is built from: the chain's definition and the process configuration. */
export interface BackendContext {
  readonly definition: AdapterDefinition;
  readonly config: AdapterProcessConfig;
  /**
   * The hash suite the chain's registry entry names (SHA-256 when the registry does not list the
   * chain): a bft-smt backend hashes its headers and trees with it.
   */
  readonly hashSuite?: HashSuite;
}

/** Builds a backend; it is started later, by the runtime (`ChainBackend.start`). */
export type BackendMaker = (ctx: BackendContext) => ChainBackend;

/** The name of the dev ledger backend (src/chain/ledger). */
export const DEV_LEDGER_BACKEND = 'dev-ledger';

export class BackendFactory {
  private readonly makers = new Map<string, BackendMaker>();

  /** @throws CourtbridgeError ALREADY_EXISTS `duplicate_backend` when `name` is taken */
  register(name: string, make: BackendMaker): this {
    if (!/^[a-z0-9-]{1,64}$/.test(name)) throw new TypeError(`backend name: expected a-z, 0-9 and -, got ${JSON.stringify(name)}`);
    if (this.makers.has(name))
      throw new CourtbridgeError(ErrorCode.AlreadyExists, 'duplicate_backend', `backend ${name} is registered twice`);
    this.makers.set(name, make);
    return this;
  }

  /** Registered names, sorted. */
  names(): string[] {
    return [...this.makers.keys()].sort();
  }

  /**
   * The backend `ctx.config.backend` names, for `ctx.definition`'s chain.
   * @throws CourtbridgeError INVALID_ARGUMENT `unknown_backend` naming the known ones
   */
  create(ctx: BackendContext): ChainBackend {
    const name = ctx.config.backend;
    const make = this.makers.get(name);
    if (make === undefined) {
      const message = `backend: ${JSON.stringify(name)} is not a known backend (known: ${this.names().join(', ')})`;
      throw new CourtbridgeError(ErrorCode.InvalidArgument, 'unknown_backend', message, {
        details: { field: 'backend', known: this.names().join(',') },
      });
    }
    return make(ctx);
  }
}

/** The dev ledger, persisted in `dataDir`. */
const devLedger: BackendMaker = ({ definition, config, hashSuite }) => {
  if (config.dataDir === undefined) {
    const message = 'dataDir: required by the dev-ledger backend; set CB_DATA_DIR, --data-dir or "dataDir" in the config file';
    throw new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_config', message, {
      details: { field: 'dataDir' },
    });
  }
  if (!isDevLedgerDefinition(definition)) {
    const message = `backend: chain ${definition.chainId} has no dev ledger contracts (its definition is not a DevLedgerDefinition); name its own backend`;
    throw new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_config', message, { details: { field: 'backend' } });
  }
  return new DevLedgerBackend({ definition, dataDir: config.dataDir, ...(hashSuite === undefined ? {} : { hashSuite }) });
};

/** A factory holding the built-in backends (the dev ledger). */
export function builtinBackends(): BackendFactory {
  return new BackendFactory().register(DEV_LEDGER_BACKEND, devLedger);
}
