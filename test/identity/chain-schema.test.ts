/**
 * A chain's schema in its registry entry: what the admin quorum approves with the chain is what a
 * gateway not built with the chain serves (record types, key prefixes, actions), never more.
 * Forgeries tried: a schema changed after the admins approved it, one that lets an action target
 * a record type the chain does not have, key prefixes that make one key two record types, an
 * admitted chain with no schema at all, and an order for an action the schema does not list.
 */
import { describe, expect, it } from 'vitest';
import { ByteWriter } from '../../src/encoding/bytes.js';
import { isCourtbridgeError } from '../../src/errors.js';
import {
  chainEntryFromJson,
  chainEntryToJson,
  type ChainEntry,
  type ChainSchema,
  writeChainEntry,
} from '../../src/identity/chain-entry.js';
import { applyRegistryUpdate, type RegistryState } from '../../src/identity/registry.js';
import type { RegistryUpdateBody } from '../../src/identity/registry-update.js';
import { chainEntryFromProto, chainEntryToProto } from '../../src/bus/chain-entry-proto.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';
import { loadGatewayConfig } from '../../src/config/gateway-config.js';
import { chainConfigsOf } from '../../src/relay/gateway-chains.js';
import { catalogChainOf, orderCheckSchemaOf } from '../../src/relay/chain-catalog.js';
import { checkOrderRequest } from '../../src/judicial/order-check.js';
import { allianceFixture, fixtureChainEntry, FixtureDids } from '../helpers/alliance-fixture.js';
import { ChainFixture, fixtureValidators } from '../helpers/chain-fixture.js';
import { approvedBy, fixtureAdmins, nextUpdateBody } from '../helpers/registry-next.js';

const chain = new ChainFixture('licence-registry', fixtureValidators(4));
chain.advanceTo(2);
const T = 1_800_000_000_000;
const SCHEMA: ChainSchema = {
  recordTypes: [
    { name: 'licence', keyPrefix: 'licence/', indexes: ['holder'] },
    { name: 'sanction', keyPrefix: 'sanction/', indexes: [] },
  ],
  actions: [{ kind: 'suspend', targetRecordType: 'licence' }],
};

const reasonOf = (f: () => unknown): string => {
  try {
    f();
    return 'ok';
  } catch (e) {
    return isCourtbridgeError(e) ? `${e.reason}: ${e.message}` : String(e);
  }
};
const entryWith = (schema: ChainSchema | undefined): ChainEntry => {
  const e = fixtureChainEntry('licence-registry', chain.at(1), [FixtureDids.agency]);
  return schema === undefined ? e : { ...e, schema };
};
const bytesOf = (e: ChainEntry): string => Buffer.from(writeChainEntry(new ByteWriter(), e).finish()).toString('hex');

function admit(
  state: RegistryState,
  fx: ReturnType<typeof allianceFixture>,
  entry: ChainEntry,
  tamper?: (b: RegistryUpdateBody) => RegistryUpdateBody,
): RegistryState {
  const body = nextUpdateBody(state, { kind: 'admit_chain', chain: entry }, T, 'admit-licence');
  const { approvals } = approvedBy(body, fixtureAdmins(fx));
  const sent = tamper ? tamper(body) : body;
  return applyRegistryUpdate(state, { ...sent, approvals }, T).state;
}

describe('a chain schema in the registry entry', () => {
  const fx = allianceFixture({ chains: ['judicial'] });

  it('is part of the signed bytes: a schema widened after the admins approved it is refused', () => {
    expect(bytesOf(entryWith(SCHEMA))).not.toBe(bytesOf(entryWith(undefined)));
    const widened: ChainSchema = { ...SCHEMA, actions: [...SCHEMA.actions, { kind: 'revoke', targetRecordType: 'licence' }] };
    expect(bytesOf(entryWith(widened))).not.toBe(bytesOf(entryWith(SCHEMA)));
    const reason = reasonOf(() =>
      admit(fx.state, fx, entryWith(SCHEMA), (b) => ({ ...b, op: { kind: 'admit_chain', chain: entryWith(widened) } })),
    );
    expect(reason).toMatch(/approval|quorum|signature/);
    // Unchanged, the same approvals admit it.
    expect(reasonOf(() => admit(fx.state, fx, entryWith(SCHEMA)))).toBe('ok');
  });

  it('survives JSON and proto round trips unchanged', () => {
    const e = entryWith(SCHEMA);
    expect(bytesOf(chainEntryFromJson(JSON.parse(JSON.stringify(chainEntryToJson(e)))))).toBe(bytesOf(e));
    const proto = decodeMessage('ChainEntry', encodeMessage('ChainEntry', chainEntryToProto(e)));
    expect(bytesOf(chainEntryFromProto(proto))).toBe(bytesOf(e));
    const none = decodeMessage('ChainEntry', encodeMessage('ChainEntry', chainEntryToProto(entryWith(undefined))));
    expect(chainEntryFromProto(none).schema).toBeUndefined();
  });

  it('refuses an action on a record type the chain does not have, duplicates, and overlapping key prefixes', () => {
    const json = (schema: unknown): unknown => ({ ...chainEntryToJson(entryWith(undefined)), schema });
    expect(reasonOf(() => chainEntryFromJson(json({ ...SCHEMA, actions: [{ kind: 'suspend', targetRecordType: 'secret' }] })))).toMatch(
      /^invalid_chain_entry: .*schema\.actions\[0\]\.targetRecordType/,
    );
    expect(
      reasonOf(() =>
        chainEntryFromJson(json({ recordTypes: [SCHEMA.recordTypes[0], { name: 'licence', keyPrefix: 'x/', indexes: [] }], actions: [] })),
      ),
    ).toMatch(/listed twice/);
    expect(
      reasonOf(() =>
        chainEntryFromJson(
          json({ recordTypes: [SCHEMA.recordTypes[0], { name: 'licence_note', keyPrefix: 'licence/note/', indexes: [] }], actions: [] }),
        ),
      ),
    ).toMatch(/key prefix licence\/ \(licence\) is the start of licence\/note\//);
    expect(reasonOf(() => chainEntryFromJson(json({ recordTypes: [], actions: [] })))).toMatch(/expected 1\.\.64 record types/);
  });

  it('is what a gateway serves a chain it was not built with from; with no schema it is not served', () => {
    const config = loadGatewayConfig({ env: {}, overrides: { genesisHash: '00'.repeat(32) } });
    const withSchema = admit(fx.state, fx, entryWith(SCHEMA));
    const served = chainConfigsOf(config, withSchema, {});
    const c = served.chains.find((x) => x.chainId === 'licence-registry');
    expect(c?.recordTypes).toEqual(['licence', 'sanction']);
    expect(c?.actions).toEqual(['ACTION_KIND_RESTRICT']);
    expect(c?.displayName).toBe('licence-registry chain');
    const without = admit(fx.state, fx, entryWith(undefined));
    const skipped = chainConfigsOf(config, without, {});
    expect(skipped.chains.some((x) => x.chainId === 'licence-registry')).toBe(false);
    expect(skipped.skipped).toContain('licence-registry');
  });

  it("the gateway's own catalog wins over an entry's schema for a chain it knows", () => {
    const catalog = {
      'licence-registry': {
        kind: 'registry' as const,
        displayName: 'catalog name',
        recordTypes: [{ name: 'licence', keyPrefix: 'licence/', indexes: [] }],
        actions: [],
      },
    };
    expect(catalogChainOf(catalog, 'licence-registry', entryWith(SCHEMA))?.displayName).toBe('catalog name');
    expect(catalogChainOf({}, 'licence-registry', entryWith(SCHEMA))?.actions).toEqual(SCHEMA.actions);
  });

  it("an order for an action or a target outside the entry's schema is refused by the gateway's order check", () => {
    const state = admit(fx.state, fx, entryWith(SCHEMA));
    const schema = orderCheckSchemaOf({}, 'licence-registry', state);
    expect(schema).toBeDefined();
    const claims = {
      orderId: 'O-1',
      caseId: 'C-1',
      chain: 'licence-registry',
      actionId: 'A-1',
      kind: 'revoke',
      target: '11101201910123456',
      amount: '',
    };
    const request = {
      actionId: 'A-1',
      chainId: 'licence-registry',
      kind: 'ACTION_KIND_RESTRICT',
      target: { recordType: 'licence', key: 'licence/11101201910123456' },
      amount: '',
      judicialProof: { caseId: 'C-1', recordKey: 'order/O-1' },
    };
    const refused = checkOrderRequest({
      claims,
      issuer: FixtureDids.court,
      request: { ...request, kind: 'ACTION_KIND_UNSPECIFIED' },
      schema: schema!,
    });
    expect(refused).toMatchObject({ ok: false, reason: 'unknown_action' });
    const ok = checkOrderRequest({ claims: { ...claims, kind: 'suspend' }, issuer: FixtureDids.court, request, schema: schema! });
    expect(ok.ok, JSON.stringify(ok)).toBe(true);
  });
});
