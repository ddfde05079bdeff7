/**
 * What every conformance test gives the kit alike: the alliance fixture's court and gateway keys,
 * the registry read from the pinned genesis (as an operator's kit would), the NATS connection;
 * and the report's outcome per check, for asserting.
 */
import type { NatsConnection } from 'nats';
import { authorityFromGenesis, type ConformanceOptions, type ConformanceReport } from '../../src/conformance/mod.js';
import { toHex } from '../../src/encoding/bytes.js';
import type { AllianceFixture } from '../helpers/alliance-fixture.js';

export function allianceKitOptions(
  a: AllianceFixture,
  nc: NatsConnection,
): Pick<ConformanceOptions, 'nc' | 'court' | 'gateway' | 'authority'> {
  return { nc, court: a.court, gateway: a.gateway, authority: authorityFromGenesis(a.genesisBytes, toHex(a.loaded.hash)) };
}

/** Each check's status by its id. */
export const statuses = (r: ConformanceReport): Record<string, string> => Object.fromEntries(r.checks.map((c) => [c.id, c.status]));
