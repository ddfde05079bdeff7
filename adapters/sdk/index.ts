/**
 * The adapter SDK's public surface, published as `courtbridge/sdk` (package.json `exports`): what
 * a partner's adapter imports, from a package of its own, instead of reaching into this
 * repository's files. An explicit export list (nats.js `mod.ts`): what is here is kept stable.
 */
// Running an adapter.
export { startAdapter, drainOnSignals, SDK_VERSION, type AdapterConfig, type AdapterHandle } from './runtime.js';
export { runAdapterMain, type AdapterMainOptions, type AdapterExtension } from './main-entry.js';
export { loadAdapterConfig, type AdapterProcessConfig } from './adapter-config.js';
export { BackendFactory, builtinBackends, DEV_LEDGER_BACKEND, type BackendContext, type BackendMaker } from './backend-factory.js';
export { loadAdapterModule, backendsOf, type AdapterModule } from './adapter-module.js';
// The chain behind it.
export type {
  ChainBackend,
  BftSmtChainBackend,
  EvmChainBackend,
  NotaryChainBackend,
  ProvenRecord,
  ProvenIndex,
  ActionEffect,
  QueryHeight,
} from './chain-backend.js';
export { DevLedgerBackend, type DevLedgerBackendOptions } from './dev-ledger-backend.js';
export { DevLedger } from '../../src/chain/ledger/ledger.js';
export type { Tx } from '../../src/chain/ledger/transaction.js';
export type { ContractHandler, StateWrite } from '../../src/chain/ledger/contract.js';
// The definition and its helpers.
export {
  buildActionTx,
  checkAction,
  contractsOf,
  decodeActionTx,
  isDevLedgerDefinition,
  recordKey,
  type ActionInput,
  type ActionSpec,
  type AdapterDefinition,
  type DevLedgerDefinition,
  type RecordTypeSpec,
} from './definition.js';
export * from './record.js';
export * from './record-layout.js';
export { CourtbridgeError, ErrorCode } from '../../src/errors.js';
export { encodeCanonical } from '../../src/encoding/canonical-json.js';
