/**
 * What the verifier hands back besides accept/drop: the drop record (the claimed fields once the
 * envelope decoded, the Authority's own reason when it caused the drop, nothing else) and the
 * evidence of an accepted envelope (the chain only for chain-scoped types). Real keys and
 * signatures; the verifier is loaded afresh per test (fixtures/fresh-bus.ts).
 */
import { describe, expect, it } from 'vitest';
import { utf8 } from '../../src/encoding/bytes.js';
import type { Authority, AuthorityRejection } from '../../src/identity/authority.js';
import type { CheckOptions, DropReason } from '../../src/bus/envelope-verify.js';
import { type Bus, freshSigner, loadBus } from './fixtures/fresh-bus.js';
import { DID, T0, memberTable } from './fixtures/member-table.js';

const authority = memberTable();
const TS = T0 + 15_000;
const NOW = TS + 500;

function options(extra: Partial<CheckOptions> = {}): CheckOptions {
  return { authority, nowMs: NOW, maxAgeMs: 60_000, maxFutureSkewMs: 5_000, chain: 'credit', ...extra };
}

function wireFrom(bus: Bus, did: string, type: string, body = utf8('payload'), msgId = 'rec-1'): Uint8Array {
  return bus.encodeEnvelope(bus.sealEnvelope(freshSigner(bus, authority, did), type, body, TS, msgId));
}

const claimedOf = (did: string, kid: string, type: string, msgId = 'rec-1') => ({ senderDid: did, kid, type, msgId, timestampMs: TS });
const ADAPTER_KID = `${DID.creditAdapter}#key-2`;

describe('envelope drop records', () => {
  it('a wire that did not decode carries no claimed fields and no authority reason', async () => {
    const bus = await loadBus();
    const wire = wireFrom(bus, DID.creditAdapter, 'header.announce');
    expect(bus.checkEnvelope(wire.subarray(0, 10), options())).toStrictEqual({
      kind: 'dropped',
      drop: { reason: 'malformed', message: expect.stringMatching(/^envelope: /) },
    });
    expect(bus.checkEnvelope(wire.subarray(0, wire.length - 64), options())).toStrictEqual({
      kind: 'dropped',
      drop: { reason: 'unsigned', message: 'envelope: no signature' },
    });
  });

  it('a wire that is not bytes at all is dropped as malformed, naming it', async () => {
    const bus = await loadBus();
    const notBytes = 'cb01' as unknown as Uint8Array;
    const want = { kind: 'dropped', drop: { reason: 'malformed', message: 'wire: expected Uint8Array' } };
    expect(bus.checkEnvelope(notBytes, options())).toStrictEqual(want);
    const replay = { claim: () => Promise.resolve('fresh' as const) };
    expect(await bus.openEnvelope(notBytes, { ...options(), replay })).toStrictEqual(want);
  });

  it('a decoded envelope dropped by the verifier itself carries its claimed fields and no authority reason', async () => {
    const bus = await loadBus();
    const unknown = bus.checkEnvelope(wireFrom(bus, DID.creditAdapter, 'header.delete'), options());
    expect(unknown).toStrictEqual({
      kind: 'dropped',
      drop: {
        reason: 'unknown_type',
        message: expect.any(String),
        claimed: claimedOf(DID.creditAdapter, ADAPTER_KID, 'header.delete'),
      },
    });
    // Tampered: the claimed fields are what the forgery says, marked as claimed, never trusted.
    const wire = wireFrom(bus, DID.creditAdapter, 'header.announce');
    wire[wire.length - 1] = wire[wire.length - 1]! ^ 1;
    expect(bus.checkEnvelope(wire, options())).toStrictEqual({
      kind: 'dropped',
      drop: { reason: 'tampered', message: expect.any(String), claimed: claimedOf(DID.creditAdapter, ADAPTER_KID, 'header.announce') },
    });
  });

  it('a drop the Authority caused carries its reason beside the claimed fields', async () => {
    const bus = await loadBus();
    const r = bus.checkEnvelope(wireFrom(bus, DID.creditAdapter, 'header.announce'), options({ chain: 'finance' }));
    expect(r).toStrictEqual({
      kind: 'dropped',
      drop: {
        reason: 'out_of_role',
        message: expect.any(String),
        claimed: claimedOf(DID.creditAdapter, ADAPTER_KID, 'header.announce'),
        authorityReason: 'chain_not_allowed',
      },
    });
  });

  /** Every Authority rejection and the drop reason it becomes (DESIGN.md "Transport"). */
  const MAPPING: [AuthorityRejection, DropReason][] = [
    ['revoked', 'revoked'],
    ['out_of_role', 'out_of_role'],
    ['chain_not_allowed', 'out_of_role'],
    ['unknown_did', 'unknown_sender'],
    ['unknown_key', 'unknown_sender'],
    ['key_not_valid_at_time', 'unknown_sender'],
    ['resolver_failed', 'unknown_sender'],
  ];

  it.each(MAPPING)(
    'the Authority answering %s drops the envelope as %s, from the key lookup or the role check',
    async (rejection, reason) => {
      const bus = await loadBus();
      const wire = wireFrom(bus, DID.creditAdapter, 'header.announce');
      const no = { ok: false as const, reason: rejection, message: `authority says ${rejection}` };
      const keyFails: Authority = { keyAt: () => no, mayAct: (...a) => authority.mayAct(...a) };
      const roleFails: Authority = { keyAt: (...a) => authority.keyAt(...a), mayAct: () => no };
      for (const a of [keyFails, roleFails]) {
        expect(bus.checkEnvelope(wire, options({ authority: a }))).toStrictEqual({
          kind: 'dropped',
          drop: {
            reason,
            message: `authority says ${rejection}`,
            claimed: claimedOf(DID.creditAdapter, ADAPTER_KID, 'header.announce'),
            authorityReason: rejection,
          },
        });
      }
    },
  );

  it('a replay guard that throws drops the envelope as replay_unavailable, saying why', async () => {
    const bus = await loadBus();
    const wire = wireFrom(bus, DID.creditAdapter, 'header.announce');
    const replay = { claim: () => Promise.reject(new Error('kv timeout')) };
    const r = await bus.openEnvelope(wire, { ...options(), replay });
    expect(r).toStrictEqual({
      kind: 'dropped',
      drop: {
        reason: 'replay_unavailable',
        message: expect.stringContaining('kv timeout'),
        claimed: claimedOf(DID.creditAdapter, ADAPTER_KID, 'header.announce'),
      },
    });
  });
});

describe('envelope evidence', () => {
  it('a chain-scoped type records the chain its role was checked for', async () => {
    const bus = await loadBus();
    const r = bus.checkEnvelope(wireFrom(bus, DID.creditAdapter, 'header.announce'), options());
    expect(r.kind).toBe('accepted');
    if (r.kind !== 'accepted') return;
    const key = authority.keyAt(DID.creditAdapter, ADAPTER_KID, TS);
    expect(r.envelope.evidence).toStrictEqual({
      publicKey: key.ok ? key.publicKey : undefined,
      keyValidAtMs: TS,
      role: 'adapter',
      scope: 'chain',
      chain: 'credit',
      verifiedAtMs: NOW,
    });
  });

  it('an alliance-scoped type records no chain, even when the subject names one', async () => {
    const bus = await loadBus();
    for (const chain of ['credit', undefined]) {
      const opts = options();
      if (chain === undefined) delete opts.chain;
      const r = bus.checkEnvelope(wireFrom(bus, DID.gateway, 'action.request'), opts);
      expect(r.kind).toBe('accepted');
      if (r.kind !== 'accepted') continue;
      const key = authority.keyAt(DID.gateway, `${DID.gateway}#key-1`, TS);
      expect(r.envelope.evidence).toStrictEqual({
        publicKey: key.ok ? key.publicKey : undefined,
        keyValidAtMs: TS,
        role: 'gateway',
        scope: 'alliance',
        verifiedAtMs: NOW,
      });
    }
  });
});

describe('envelope receiver body limit', () => {
  it('maxBodyBytes reaches the decoder: at the limit accepted, one byte over malformed', async () => {
    const bus = await loadBus();
    const wire = wireFrom(bus, DID.creditAdapter, 'header.announce', new Uint8Array(100));
    expect(bus.checkEnvelope(wire, options()).kind).toBe('accepted');
    expect(bus.checkEnvelope(wire, options({ maxBodyBytes: 100 })).kind).toBe('accepted');
    expect(bus.checkEnvelope(wire, options({ maxBodyBytes: 99 }))).toStrictEqual({
      kind: 'dropped',
      drop: { reason: 'malformed', message: 'envelope: body: 100 bytes exceeds 99' },
    });
    const replay = { claim: () => Promise.resolve('fresh' as const) };
    const r = await bus.openEnvelope(wire, { ...options({ maxBodyBytes: 99 }), replay });
    expect(r.kind === 'dropped' && r.drop.reason).toBe('malformed');
  });
});
