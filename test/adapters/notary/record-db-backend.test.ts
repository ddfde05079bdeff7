/**
 * `RecordDbBackend` with the enterprise registry's rules over a real database file: a freeze
 * applied twice with one action id freezes once (also after a restart), refusals name the rule
 * (insufficient_equity, unknown_record, not_active, invalid_target) and change nothing, queries
 * read as of a version and refuse one not reached.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { enterprise } from '../../../adapters/notary/definition.js';
import { decodeEnterprise, enterpriseKey } from '../../../adapters/notary/enterprise-registry.js';
import { DEMO_ENTERPRISES, seedEnterprises } from '../../../adapters/notary/enterprise-seed.js';
import { appliedKey, RecordDbBackend } from '../../../adapters/notary/record-db-backend.js';
import type { ActionInput } from '../../../adapters/sdk/definition.js';
import { asyncRefusal } from '../../helpers/refusal.js';

const [ACTIVE, PARTLY_FROZEN, REVOKED] = DEMO_ENTERPRISES as [
  (typeof DEMO_ENTERPRISES)[0],
  (typeof DEMO_ENTERPRISES)[0],
  (typeof DEMO_ENTERPRISES)[0],
];

let dir: string;
let file: string;
let backend: RecordDbBackend;

const freeze = (actionId: string, target: string, amount: string): ActionInput => ({
  actionId,
  kind: 'freeze',
  target,
  amount,
  court: 'did:alliance:court-bj-01',
  caseId: '(2026)京01执123号',
  orderId: `order-${actionId}`,
});

const frozenOf = (value: Uint8Array | null): string => decodeEnterprise(value!).equityFrozenCents;

beforeEach(async () => {
  dir = mkdtempSync(join(tmpdir(), 'cb-record-backend-'));
  file = join(dir, 'data', 'records.jsonl');
  backend = new RecordDbBackend({ definition: enterprise, file });
  await backend.start();
  seedEnterprises(backend.db);
});

afterEach(async () => {
  await backend.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('RecordDbBackend (enterprise registry)', () => {
  it('applies a freeze with one action id once, in this process and after a restart', async () => {
    const action = freeze('act-1', ACTIVE.code, '250000');
    const first = await backend.applyAction(action);
    expect(first.outcome).toBe('applied');
    expect(first.state.key).toBe(enterpriseKey(ACTIVE.code));
    expect(frozenOf(first.state.value)).toBe('250000');
    expect(first.state.version).toBe(2);
    expect(await backend.actionApplied('act-1')).toBe(true);
    expect(await backend.actionApplied('act-2')).toBe(false);

    const second = await backend.applyAction(action);
    expect(second.outcome).toBe('already_applied');
    expect(second.state).toEqual(first.state);
    expect(backend.db.version()).toBe(2);

    await backend.close();
    backend = new RecordDbBackend({ definition: enterprise, file });
    await backend.start();
    const third = await backend.applyAction(action);
    expect(third.outcome).toBe('already_applied');
    expect(third.state.version).toBe(2);
    expect(frozenOf((await backend.queryRecord(enterpriseKey(ACTIVE.code), { kind: 'latest' })).value)).toBe('250000');
    expect(backend.db.get(appliedKey('act-1'))).not.toBeNull();
  });

  it('a later action reports its own version; a redelivery of the earlier one still the earlier state', async () => {
    const a = await backend.applyAction(freeze('a', ACTIVE.code, '100'));
    const b = await backend.applyAction(freeze('b', ACTIVE.code, '200'));
    expect(frozenOf(b.state.value)).toBe('300');
    const again = await backend.applyAction(freeze('a', ACTIVE.code, '100'));
    expect(again.outcome).toBe('already_applied');
    expect(again.state.version).toBe(a.state.version);
    expect(frozenOf(again.state.value)).toBe('100');
  });

  it('refuses more than the registered capital less what is frozen, and writes nothing', async () => {
    // 5,000,000.00 registered, 1,000,000.00 frozen: 4,000,000.00 left.
    const before = backend.db.version();
    expect(await asyncRefusal(backend.applyAction(freeze('too-much', PARTLY_FROZEN.code, '400000001')))).toEqual({
      reason: 'insufficient_equity',
      code: 'FAILED_PRECONDITION',
    });
    expect(backend.db.version()).toBe(before);
    expect(await backend.actionApplied('too-much')).toBe(false);
    const exact = await backend.applyAction(freeze('exact', PARTLY_FROZEN.code, '400000000'));
    expect(frozenOf(exact.state.value)).toBe('500000000');
  });

  it('refuses an unknown enterprise, a revoked one, a code that is not a USCC and a zero amount', async () => {
    expect((await asyncRefusal(backend.applyAction(freeze('x1', '91110000000000000X', '1')))).reason).toBe('unknown_record');
    expect((await asyncRefusal(backend.applyAction(freeze('x2', REVOKED.code, '1')))).reason).toBe('not_active');
    expect((await asyncRefusal(backend.applyAction(freeze('x3', 'not-a-code', '1')))).reason).toBe('invalid_target');
    expect((await asyncRefusal(backend.applyAction(freeze('x4', ACTIVE.code, '0')))).reason).toBe('invalid_amount');
    expect((await asyncRefusal(backend.applyAction({ ...freeze('x5', ACTIVE.code, '1'), kind: 'seize' }))).reason).toBe('unknown_action');
  });

  it('reads as of a version and refuses one not reached', async () => {
    await backend.applyAction(freeze('v', ACTIVE.code, '42'));
    const key = enterpriseKey(ACTIVE.code);
    expect(frozenOf((await backend.queryRecord(key, { kind: 'at', height: 1 })).value)).toBe('0');
    expect((await backend.queryRecord(key, { kind: 'latest' })).version).toBe(2);
    expect((await asyncRefusal(backend.queryRecord(key, { kind: 'at', height: 3 }))).reason).toBe('unknown_height');
  });
});
