/**
 * The judicial chain's adapter a test runs beside the chain under test (its court's orders live
 * there), and the trusted judicial header that chain's adapter starts its judicial light client
 * from: the judicial ledger's head when it started.
 */
import { judicial } from '../../adapters/judicial/definition.js';
import type { DevLedgerDefinition } from '../../adapters/sdk/definition.js';
import type { DevLedgerBackend } from '../../adapters/sdk/dev-ledger-backend.js';
import type { JudicialTrustOptions } from '../../adapters/sdk/judicial-trust.js';
import { type AdapterHandle, startAdapter } from '../../adapters/sdk/runtime.js';
import { headerHash } from '../../src/chain/header.js';
import { toHex } from '../../src/encoding/bytes.js';
import { silentLogger } from '../../src/log.js';
import type { AllianceFixture } from './alliance-fixture.js';

/** Where a chain's judicial light client starts. */
export type JudicialTrust = Pick<JudicialTrustOptions, 'chainId' | 'height' | 'headerHashHex'>;

export interface JudicialAdapterOptions {
  servers: string;
  fx: AllianceFixture;
  /** The judicial ledger, started by `startAdapter` unless already running. */
  backend: DevLedgerBackend;
  /** The judicial definition unless told (the conformance kit adds its order contract). */
  definition?: DevLedgerDefinition;
  replicaId?: string;
  announceIntervalMs?: number;
}

export async function startJudicialAdapter(o: JudicialAdapterOptions): Promise<{ handle: AdapterHandle; trust: JudicialTrust }> {
  const handle = await startAdapter({
    servers: o.servers,
    signer: o.fx.adapter('judicial'),
    authority: o.fx.authority,
    backend: o.backend,
    definition: o.definition ?? judicial,
    replicaId: o.replicaId ?? 'judicial-1',
    ...(o.announceIntervalMs === undefined ? {} : { announceIntervalMs: o.announceIntervalMs }),
    logger: silentLogger(),
  });
  const lb = o.backend.ledger.latest();
  return {
    handle,
    trust: { chainId: 'judicial', height: lb.signedHeader.header.height, headerHashHex: toHex(headerHash(lb.signedHeader.header)) },
  };
}
