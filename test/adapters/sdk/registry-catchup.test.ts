/**
 * An adapter admitted after the genesis (a `register_member` update on the registry stream
 * `CB_REGISTRY`) starts: the runtime catches up on the stream, checking each update as the
 * gateway does, before its role check, and keeps following it afterwards (a later revocation is
 * seen without restart). Forged updates on the stream (a broken admin signature, approvals below
 * the quorum, an envelope from a non-member) are dropped and grant nothing: the start is refused
 * with one zh-CN-first line naming the command the admins run. Real nats-server, real signatures.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, type NatsConnection } from 'nats';
import { DevLedgerBackend } from '../../../adapters/sdk/dev-ledger-backend.js';
import { startAdapter, type AdapterHandle } from '../../../adapters/sdk/runtime.js';
import { startRefusalLine } from '../../../adapters/sdk/main-entry.js';
import type { DevLedgerDefinition } from '../../../adapters/sdk/definition.js';
import { sha256 } from '../../../src/crypto/hash.js';
import { publicKeyOf } from '../../../src/crypto/secp256k1.js';
import { toHex, utf8 } from '../../../src/encoding/bytes.js';
import { isCourtbridgeError, type CourtbridgeError } from '../../../src/errors.js';
import { AllianceAuthority } from '../../../src/identity/alliance-authority.js';
import { AllianceRegistry } from '../../../src/identity/alliance-registry.js';
import { MemoryRegistryStore } from '../../../src/identity/registry-store.js';
import { createSigner } from '../../../src/identity/signer.js';
import { announceSubject } from '../../../src/bus/subjects.js';
import { allianceFixture, type AllianceFixture } from '../../helpers/alliance-fixture.js';
import { eventually } from '../../helpers/eventually.js';
import { startNatsServer, type NatsServerHandle } from '../../helpers/nats-server.js';
import {
  belowQuorum,
  publishRegistryUpdate,
  registerAdapterUpdate,
  revokeMemberUpdate,
  stateAfterUpdate,
  withForgedApproval,
} from '../../helpers/registry-stream.js';
import { accountsTestDefinition } from './test-definitions.js';

const CHAIN = 'partnerchain';
const PARTNER_DID = 'did:alliance:partner-agency';
const partnerKey = sha256(utf8('registry catch-up partner key'));
const partner = createSigner(PARTNER_DID, `${PARTNER_DID}#key-1`, partnerKey);
/** The partner's chain serves queries only: no judicial light client to set up. */
const definition: DevLedgerDefinition = { ...accountsTestDefinition(CHAIN), actions: [] };

let nats: NatsServerHandle;
let nc: NatsConnection;
let fx: AllianceFixture;
const handles: AdapterHandle[] = [];

beforeAll(async () => {
  nats = await startNatsServer();
  nc = await connect({ servers: nats.url });
  // The genesis knows the judicial chain's adapter only: the partner is not in it.
  fx = allianceFixture({ chains: ['judicial'] });
});

afterAll(async () => {
  for (const h of handles.reverse()) await h.drain().catch(() => undefined);
  await nc?.close();
  await nats?.stop();
});

/** Start the partner's adapter on a registry opened from the pinned genesis, as main-entry.ts does. */
async function startPartner(): Promise<{ handle: AdapterHandle; registry: AllianceRegistry; authority: AllianceAuthority }> {
  const registry = await AllianceRegistry.open(new MemoryRegistryStore(fx.genesisBytes), toHex(fx.loaded.hash), Date.now());
  const authority = new AllianceAuthority(() => registry.state);
  const handle = await startAdapter({
    servers: nats.url,
    signer: partner,
    authority,
    registry,
    backend: new DevLedgerBackend({ definition, blockIntervalMs: 20, heartbeatMs: 60_000 }),
    definition,
    replicaId: 'p1',
    announceIntervalMs: 300,
  });
  handles.push(handle);
  return { handle, registry, authority };
}

async function refusal(): Promise<CourtbridgeError> {
  try {
    await startPartner();
  } catch (e) {
    if (isCourtbridgeError(e)) return e;
    throw e;
  }
  throw new Error('the partner adapter started');
}

describe('an adapter admitted by a registry update, not in the genesis', () => {
  it('is refused before any update, with one line naming what is missing and the command to run', async () => {
    const e = await refusal();
    expect(e.reason).toBe('adapter_not_authorised');
    expect(e.message).toContain(`${PARTNER_DID} 无权担任链 ${CHAIN} 的适配器 may not act as the adapter of ${CHAIN}`);
    expect(e.message).toContain('registry read up to version 0');
    expect(e.message).toContain(`courtbridge alliance register --did ${PARTNER_DID} --org ORG --role adapter --chain ${CHAIN}`);
    const line = startRefusalLine(CHAIN, e);
    expect(line).toMatch(/^适配器 partnerchain 未启动 adapter partnerchain not started \[adapter_not_authorised\]: /);
    expect(line).not.toContain('\n');
  });

  it('forged updates on the stream are dropped during catch-up and grant nothing', async () => {
    const valid = registerAdapterUpdate(fx, fx.state, { did: PARTNER_DID, chain: CHAIN, publicKey: publicKeyOf(partnerKey) });
    // A broken admin signature, approvals below the quorum (relayed by the real gateway), and the
    // valid update in an envelope signed by someone who is neither a gateway nor an admin.
    await publishRegistryUpdate(nc, fx.gateway, withForgedApproval(valid).signed);
    await publishRegistryUpdate(nc, fx.gateway, belowQuorum(valid).signed);
    await publishRegistryUpdate(nc, partner, valid.signed);
    const e = await refusal();
    expect(e.reason).toBe('adapter_not_authorised');
    expect(e.message).toContain('registry read up to version 0');
  });

  it('starts once the admins registered it, and keeps following the registry after the start', async () => {
    const valid = registerAdapterUpdate(fx, fx.state, { did: PARTNER_DID, chain: CHAIN, publicKey: publicKeyOf(partnerKey) });
    await publishRegistryUpdate(nc, fx.gateway, valid.signed);
    const announced = new Promise<void>((res) => {
      nc.subscribe(announceSubject(CHAIN), { max: 1, callback: () => res() });
    });
    const { registry, authority } = await startPartner();
    expect(registry.state.sequence).toBe(1);
    await announced;
    // A revocation after the start reaches the running adapter's registry.
    const revoke = revokeMemberUpdate(fx, stateAfterUpdate(fx.state, valid), PARTNER_DID);
    await publishRegistryUpdate(nc, fx.gateway, revoke.signed);
    await eventually(() => registry.state.sequence === 2, { what: 'revocation followed' });
    expect(authority.mayAct(PARTNER_DID, 'adapter', CHAIN, Date.now()).ok).toBe(false);
  }, 30_000);
});
