import type { BenchSuite } from './lib.js';
import { ceilings } from './ceilings.js';
import { gm } from './gm.js';
import { jwt } from './jwt.js';
import { wire } from './wire.js';
import { envelope } from './envelope.js';
import { headerSuite } from './header.js';
import { smt } from './smt.js';
import { gate } from './gate.js';
import { stateSuite } from './state.js';
import { query } from './query.js';
import { queryCluster } from './query-cluster.js';
import { evmQuery } from './evm-query.js';
import { evidence } from './evidence.js';
import { receiptSigner } from './receipt-signer.js';
import { bundleSuite } from './bundle.js';
import { evm } from './evm.js';
import { workflow } from './workflow.js';

/** Order matters: ceilings first, so every later line can state its ratio. */
export const suites: BenchSuite[] = [
  ceilings,
  gm,
  jwt,
  wire,
  headerSuite,
  envelope,
  stateSuite,
  evm,
  bundleSuite,
  evidence,
  gate,
  // Staged suites, started together: the SMT builds while the query stacks' processes start.
  smt,
  query,
  queryCluster,
  evmQuery,
  receiptSigner,
  workflow,
];
