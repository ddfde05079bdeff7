/**
 * DEFAULT_ENVELOPE_POLICY, pinned by behaviour: the rule each message type should have is written
 * out here on its own, and checked by verifying real signed envelopes with the product's verifier
 * from a sender of each role, on the sender's chain, another chain and no chain.
 *
 * The policy is a module-level constant: the verifier and the policy are imported afresh inside
 * each test (fixtures/fresh-bus.ts), so an edit to the table is seen by the test that checks it.
 */
import { describe, expect, it } from 'vitest';
import { utf8 } from '../../src/encoding/bytes.js';
import type { Role } from '../../src/identity/authority.js';
import { type Bus, freshSigner, loadBus } from './fixtures/fresh-bus.js';
import { DID, T0, memberTable } from './fixtures/member-table.js';

type Scope = 'chain' | 'alliance';

/** The expected table (DESIGN.md "Transport"), stated independently of src/bus/envelope-policy.ts. */
const EXPECTED: Record<string, { role: Role; scope: Scope }> = {
  'header.announce': { role: 'adapter', scope: 'chain' },
  'witness.lightblock': { role: 'adapter', scope: 'chain' },
  'adapter.announce': { role: 'adapter', scope: 'chain' },
  'action.request': { role: 'gateway', scope: 'alliance' },
  'action.result': { role: 'adapter', scope: 'chain' },
  'asset.report': { role: 'adapter', scope: 'chain' },
  'registry.update': { role: 'admin', scope: 'alliance' },
  'audit.entry': { role: 'gateway', scope: 'alliance' },
};

const authority = memberTable();
/** One member per role; the adapter speaks for `credit` only. */
const SENDERS: { role: Role; did: string }[] = [
  { role: 'adapter', did: DID.creditAdapter },
  { role: 'gateway', did: DID.gateway },
  { role: 'admin', did: DID.admin },
];
const OWN_CHAIN = 'credit';
const CHAINS = [OWN_CHAIN, 'finance', undefined] as const;

const load = loadBus;

function check(m: Bus, did: string, type: string, chain: string | undefined) {
  const signer = freshSigner(m, authority, did);
  const ts = T0 + 15_000;
  const wire = m.encodeEnvelope(m.sealEnvelope(signer, type, utf8('body'), ts, 'policy-1'));
  return m.checkEnvelope(wire, {
    authority,
    nowMs: ts + 1,
    maxAgeMs: 60_000,
    maxFutureSkewMs: 5_000,
    ...(chain === undefined ? {} : { chain }),
  });
}

describe('DEFAULT_ENVELOPE_POLICY', () => {
  it('holds exactly the expected message types', async () => {
    const m = await load();
    expect(Object.keys(m.DEFAULT_ENVELOPE_POLICY).sort()).toEqual(Object.keys(EXPECTED).sort());
    expect(Object.isFrozen(m.DEFAULT_ENVELOPE_POLICY)).toBe(true);
  });

  describe.each(Object.entries(EXPECTED))('%s', (type, rule) => {
    it.each(SENDERS)(`is accepted only from its role and scope: sender $role`, async ({ role, did }) => {
      const m = await load();
      for (const chain of CHAINS) {
        const r = check(m, did, type, chain);
        // Chain-scoped: the role must be held for the subject's chain; alliance: the role alone.
        const ok = role === rule.role && (rule.scope === 'alliance' || chain === OWN_CHAIN);
        const where = `${type} from ${role} on chain ${chain ?? '(none)'}`;
        if (ok) {
          expect(r.kind, where).toBe('accepted');
          if (r.kind !== 'accepted') continue;
          expect(r.envelope.evidence.role, where).toBe(rule.role);
          expect(r.envelope.evidence.scope, where).toBe(rule.scope);
          expect(r.envelope.evidence.chain, where).toBe(rule.scope === 'chain' ? chain : undefined);
        } else {
          expect(r.kind === 'dropped' ? r.drop.reason : 'accepted', where).toBe('out_of_role');
        }
      }
    });
  });

  it.each(['header.delete', 'registry.updates', 'to.string', 'has.own-property'])('drops %s as unknown_type', async (type) => {
    const m = await load();
    for (const { did } of SENDERS) {
      const r = check(m, did, type, OWN_CHAIN);
      expect(r.kind === 'dropped' ? r.drop.reason : 'accepted').toBe('unknown_type');
    }
  });
});
