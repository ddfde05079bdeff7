/**
 * The stored form of client and consensus states (state-codec.ts), and the errors the trusted
 * store and a frozen client give. A stored record is JSON anyone with store access can edit, so
 * every record that is not one this code wrote is refused as `corrupt_trusted_store` (INTERNAL,
 * the underlying error as its cause), and every record it wrote reads back exactly as it was.
 */
import { describe, expect, it } from 'vitest';
import { encodeLightBlock, type LightBlock } from '../../src/chain/signed-header.js';
import { encodeMisbehaviour, type Misbehaviour } from '../../src/chain/misbehaviour.js';
import { encodeValidatorSet } from '../../src/chain/validator-set.js';
import { headerHash } from '../../src/chain/header.js';
import { toHex } from '../../src/encoding/bytes.js';
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';
import { clientStatus, type ClientState } from '../../src/lightclient/client-state.js';
import { consensusStateOf } from '../../src/lightclient/consensus-state.js';
import { clientFrozenError } from '../../src/lightclient/errors.js';
import { MemoryTrustedStore } from '../../src/lightclient/memory-store.js';
import { decodeClientState, decodeConsensusState, encodeClientState, encodeConsensusState } from '../../src/lightclient/state-codec.js';
import { storeConflict } from '../../src/lightclient/store.js';
import { ChainFixture, FIXTURE_START_MS, fixtureValidators, forkOf } from '../helpers/chain-fixture.js';

const chain = new ChainFixture('ip-1', fixtureValidators(4));
chain.advanceTo(4);
const sm3Chain = new ChainFixture('judicial', fixtureValidators(4), undefined, undefined, 'sm3');
sm3Chain.advanceTo(2);

/** Just the light block (the fixture's block carries test-only fields too). */
const lb = (b: LightBlock): LightBlock => ({ signedHeader: b.signedHeader, validatorSet: b.validatorSet });
const misbehaviour: Misbehaviour = {
  kind: 'conflicting_headers',
  first: lb(chain.at(4)),
  second: lb(forkOf(chain.at(4), { txRoot: new Uint8Array(32).fill(9) })),
};

const active: ClientState = {
  chainId: 'ip-1',
  trustingPeriodMs: 3_600_000,
  maxClockDriftMs: 10_000,
  trustLevel: { numerator: 1, denominator: 3 },
  status: 'active',
  latestHeight: 4,
};
const frozenAtMs = FIXTURE_START_MS + 5_000;
/** Every optional field set: an SM3 chain, frozen once, unfrozen by an operator, frozen again. */
const full: ClientState = {
  ...active,
  hashSuite: 'sm3',
  minBlockIntervalMs: 250,
  status: 'frozen',
  frozenEvidence: { misbehaviour, frozenAtMs },
  lastUnfreeze: {
    operator: 'did:alliance:ops-1',
    reason: 'fork resolved',
    decidedAtMs: frozenAtMs - 1,
    action: { kind: 'rollback', toHeight: 3 },
  },
};

/** The error `f` throws, which must be the store's corruption error. */
function corruptError(f: () => unknown): CourtbridgeError {
  let thrown: unknown;
  try {
    f();
  } catch (e) {
    thrown = e;
  }
  expect(thrown).toBeInstanceOf(CourtbridgeError);
  const err = thrown as CourtbridgeError;
  expect({ reason: err.reason, code: err.code }).toEqual({ reason: 'corrupt_trusted_store', code: ErrorCode.Internal });
  return err;
}

/** What caused a corruption error: undefined, or its class and message (and reason, for a refusal). */
const causeOf = (err: CourtbridgeError): unknown => {
  const c = err.cause;
  if (c === undefined) return undefined;
  return { name: (c as Error).name, message: (c as Error).message, reason: (c as { reason?: string }).reason };
};

/** A valid stored client state with `edit` applied to its JSON. */
const editedClient = (edit: (j: Record<string, unknown>) => void, s: ClientState = active): string => {
  const j = JSON.parse(encodeClientState(s)) as Record<string, unknown>;
  edit(j);
  return JSON.stringify(j);
};

describe('encodeClientState / decodeClientState', () => {
  it('writes the documented JSON: SHA-256 and absent fields left out, the rest as given', () => {
    for (const s of [active, { ...active, hashSuite: 'sha256' as const }]) {
      expect(JSON.parse(encodeClientState(s))).toStrictEqual({
        v: 1,
        chainId: 'ip-1',
        trustingPeriodMs: 3_600_000,
        maxClockDriftMs: 10_000,
        trustLevel: { numerator: 1, denominator: 3 },
        status: 'active',
        latestHeight: 4,
      });
    }
    expect(JSON.parse(encodeClientState(full))).toStrictEqual({
      v: 1,
      chainId: 'ip-1',
      hashSuite: 'sm3',
      trustingPeriodMs: 3_600_000,
      maxClockDriftMs: 10_000,
      trustLevel: { numerator: 1, denominator: 3 },
      minBlockIntervalMs: 250,
      status: 'frozen',
      latestHeight: 4,
      frozen: { frozenAtMs, misbehaviour: toHex(encodeMisbehaviour(misbehaviour)) },
      lastUnfreeze: full.lastUnfreeze,
    });
  });

  it('reads back exactly what it wrote, no field added or lost', () => {
    for (const s of [
      active,
      full,
      { ...active, minBlockIntervalMs: 1 },
      { ...full, lastUnfreeze: { ...full.lastUnfreeze!, action: { kind: 'resume' as const } } },
      // What unfreeze writes: active again, the decision kept, the evidence gone.
      { ...active, lastUnfreeze: full.lastUnfreeze! },
      // The least value of every bounded field.
      { ...active, trustingPeriodMs: 1, maxClockDriftMs: 0, latestHeight: 1, trustLevel: { numerator: 1, denominator: 1 } },
      {
        ...full,
        frozenEvidence: { misbehaviour, frozenAtMs: 0 },
        lastUnfreeze: { ...full.lastUnfreeze!, decidedAtMs: 0, action: { kind: 'rollback' as const, toHeight: 1 } },
      },
      // The largest.
      {
        ...active,
        trustingPeriodMs: Number.MAX_SAFE_INTEGER,
        maxClockDriftMs: Number.MAX_SAFE_INTEGER,
        latestHeight: Number.MAX_SAFE_INTEGER,
      },
    ]) {
      expect(decodeClientState(encodeClientState(s))).toStrictEqual(s);
    }
    // A stored "sha256" (written by hand, or by a later version) reads as the default: no suite field.
    expect(decodeClientState(editedClient((j) => (j.hashSuite = 'sha256')))).toStrictEqual(active);
    // The largest interval there is stays a valid one.
    expect(decodeClientState(editedClient((j) => (j.minBlockIntervalMs = Number.MAX_SAFE_INTEGER))).minBlockIntervalMs).toBe(
      Number.MAX_SAFE_INTEGER,
    );
  });

  it.each<[string, string, unknown]>([
    ['not JSON', '{"v":1,', { name: 'SyntaxError', message: expect.any(String), reason: undefined }],
    ['JSON null', 'null', undefined],
    ['a JSON string', '"ip-1"', undefined],
    ['version 2', editedClient((j) => (j.v = 2)), undefined],
    ['no version', editedClient((j) => delete j.v), undefined],
    ['no chainId', editedClient((j) => delete j.chainId), undefined],
    ['a numeric chainId', editedClient((j) => (j.chainId = 1)), undefined],
    ['minBlockIntervalMs 0', editedClient((j) => (j.minBlockIntervalMs = 0)), undefined],
    ['minBlockIntervalMs -5', editedClient((j) => (j.minBlockIntervalMs = -5)), undefined],
    ['minBlockIntervalMs 1.5', editedClient((j) => (j.minBlockIntervalMs = 1.5)), undefined],
    ['minBlockIntervalMs 2^53', editedClient((j) => (j.minBlockIntervalMs = 2 ** 53)), undefined],
    ['minBlockIntervalMs "5"', editedClient((j) => (j.minBlockIntervalMs = '5')), undefined],
    ['hashSuite md5', editedClient((j) => (j.hashSuite = 'md5')), undefined],
    ['trustingPeriodMs 0', editedClient((j) => (j.trustingPeriodMs = 0)), undefined],
    ['trustingPeriodMs 1.5', editedClient((j) => (j.trustingPeriodMs = 1.5)), undefined],
    ['trustingPeriodMs 2^53', editedClient((j) => (j.trustingPeriodMs = 2 ** 53)), undefined],
    ['no trustingPeriodMs', editedClient((j) => delete j.trustingPeriodMs), undefined],
    ['maxClockDriftMs -1', editedClient((j) => (j.maxClockDriftMs = -1)), undefined],
    ['maxClockDriftMs "10000"', editedClient((j) => (j.maxClockDriftMs = '10000')), undefined],
    ['latestHeight 0', editedClient((j) => (j.latestHeight = 0)), undefined],
    ['latestHeight -1', editedClient((j) => (j.latestHeight = -1)), undefined],
    ['no latestHeight', editedClient((j) => delete j.latestHeight), undefined],
    [
      'trustLevel 1/100',
      editedClient((j) => (j.trustLevel = { numerator: 1, denominator: 100 })),
      { name: 'VerificationError', message: 'trustLevel: expected a fraction within [1/3, 1], got 1/100', reason: 'invalid_trust_level' },
    ],
    [
      'trustLevel 2/1',
      editedClient((j) => (j.trustLevel = { numerator: 2, denominator: 1 })),
      { name: 'VerificationError', message: 'trustLevel: expected a fraction within [1/3, 1], got 2/1', reason: 'invalid_trust_level' },
    ],
    ['no trustLevel', editedClient((j) => delete j.trustLevel), { name: 'TypeError', message: expect.any(String), reason: undefined }],
    ['status "whatever"', editedClient((j) => (j.status = 'whatever')), undefined],
    // Computed from the time, never stored.
    ['status "expired"', editedClient((j) => (j.status = 'expired')), undefined],
    ['no status', editedClient((j) => delete j.status), undefined],
    ['status frozen without its evidence', editedClient((j) => delete j.frozen, full), undefined],
    ['status frozen with frozen null', editedClient((j) => (j.frozen = null), full), undefined],
    ['status active with frozen evidence', editedClient((j) => (j.status = 'active'), full), undefined],
    ['frozenAtMs -1', editedClient((j) => ((j.frozen as { frozenAtMs: unknown }).frozenAtMs = -1), full), undefined],
    ['frozenAtMs 1.5', editedClient((j) => ((j.frozen as { frozenAtMs: unknown }).frozenAtMs = 1.5), full), undefined],
    ['no frozenAtMs', editedClient((j) => delete (j.frozen as { frozenAtMs?: unknown }).frozenAtMs, full), undefined],
    ['lastUnfreeze null', editedClient((j) => (j.lastUnfreeze = null), full), undefined],
    ['a numeric lastUnfreeze.operator', editedClient((j) => ((j.lastUnfreeze as Record<string, unknown>).operator = 1), full), undefined],
    ['no lastUnfreeze.reason', editedClient((j) => delete (j.lastUnfreeze as Record<string, unknown>).reason, full), undefined],
    ['lastUnfreeze.decidedAtMs -1', editedClient((j) => ((j.lastUnfreeze as Record<string, unknown>).decidedAtMs = -1), full), undefined],
    ['lastUnfreeze.decidedAtMs 1.5', editedClient((j) => ((j.lastUnfreeze as Record<string, unknown>).decidedAtMs = 1.5), full), undefined],
    ['no lastUnfreeze.action', editedClient((j) => delete (j.lastUnfreeze as Record<string, unknown>).action, full), undefined],
    // Carries a valid toHeight: refused for its kind alone.
    [
      'lastUnfreeze.action of an unknown kind',
      editedClient((j) => ((j.lastUnfreeze as { action: Record<string, unknown> }).action.kind = 'undo'), full),
      undefined,
    ],
    [
      'a rollback without toHeight',
      editedClient((j) => delete (j.lastUnfreeze as { action: Record<string, unknown> }).action.toHeight, full),
      undefined,
    ],
    [
      'a rollback to height 0',
      editedClient((j) => ((j.lastUnfreeze as { action: Record<string, unknown> }).action.toHeight = 0), full),
      undefined,
    ],
    [
      'frozen misbehaviour not hex',
      editedClient((j) => ((j.frozen as { misbehaviour: string }).misbehaviour = 'zz'), full),
      { name: 'TypeError', message: 'frozen.misbehaviour: expected an even-length hex string', reason: undefined },
    ],
    [
      'frozen misbehaviour of an unknown kind',
      editedClient(
        (j) => ((j.frozen as { misbehaviour: string }).misbehaviour = `09${toHex(encodeMisbehaviour(misbehaviour)).slice(2)}`),
        full,
      ),
      { name: 'VerificationError', message: 'misbehaviour.kind: unknown code 9', reason: 'invalid_misbehaviour' },
    ],
    [
      'frozen misbehaviour cut short',
      editedClient(
        (j) => ((j.frozen as { misbehaviour: string }).misbehaviour = toHex(encodeMisbehaviour(misbehaviour)).slice(0, -2)),
        full,
      ),
      { name: 'RangeError', message: expect.any(String), reason: undefined },
    ],
  ])('refuses a stored client state with %s: corrupt_trusted_store', (_, text, cause) => {
    expect(causeOf(corruptError(() => decodeClientState(text)))).toEqual(cause);
  });
});

describe('encodeConsensusState / decodeConsensusState', () => {
  const sha = consensusStateOf(lb(chain.at(3)), chain.at(3).validatorSet);
  const sm3 = consensusStateOf(lb(sm3Chain.at(2)), undefined, 'sm3');
  const edited = (edit: (j: Record<string, unknown>) => void): string => {
    const j = JSON.parse(encodeConsensusState(sha)) as Record<string, unknown>;
    edit(j);
    return JSON.stringify(j);
  };

  it('writes the documented JSON (suite only when not SHA-256, next set only when known) and reads it back exactly', () => {
    expect(JSON.parse(encodeConsensusState(sha))).toStrictEqual({
      v: 1,
      lightBlock: toHex(encodeLightBlock(lb(chain.at(3)))),
      nextValidatorSet: toHex(encodeValidatorSet(chain.at(3).validatorSet)),
    });
    expect(JSON.parse(encodeConsensusState({ ...sha, hashSuite: 'sha256' }))).not.toHaveProperty('hashSuite');
    expect(JSON.parse(encodeConsensusState(sm3))).toStrictEqual({
      v: 1,
      hashSuite: 'sm3',
      lightBlock: toHex(encodeLightBlock(lb(sm3Chain.at(2)))),
    });
    for (const cs of [sha, sm3]) expect(decodeConsensusState(encodeConsensusState(cs))).toStrictEqual(cs);
  });

  it.each<[string, string, unknown]>([
    ['not JSON', '{"v":1,', { name: 'SyntaxError', message: expect.any(String), reason: undefined }],
    // Refused by the version check itself: nothing underneath failed, so no cause.
    ['JSON null', 'null', undefined],
    ['version 2', edited((j) => (j.v = 2)), undefined],
    ['hashSuite md5', edited((j) => (j.hashSuite = 'md5')), undefined],
    [
      'lightBlock not hex',
      edited((j) => (j.lightBlock = 'zz')),
      { name: 'TypeError', message: 'lightBlock: expected an even-length hex string', reason: undefined },
    ],
    [
      'nextValidatorSet not hex',
      edited((j) => (j.nextValidatorSet = 'zz')),
      { name: 'TypeError', message: 'nextValidatorSet: expected an even-length hex string', reason: undefined },
    ],
    // The decoders' own refusals (a CourtbridgeError of another reason) are wrapped, not passed on.
    [
      'an empty nextValidatorSet',
      edited((j) => (j.nextValidatorSet = '00000000')),
      { name: 'VerificationError', message: expect.any(String), reason: 'empty_validator_set' },
    ],
  ])('refuses a stored consensus state with %s: corrupt_trusted_store', (_, text, cause) => {
    expect(causeOf(corruptError(() => decodeConsensusState(text)))).toEqual(cause);
  });
});

describe('consensusStateOf', () => {
  it('keeps the suite only when it is not SHA-256, and the next set only when given', () => {
    const b = lb(chain.at(2));
    const plain = consensusStateOf(b);
    expect(Object.keys(plain).sort()).toEqual([
      'headerHash',
      'height',
      'nextValidatorsHash',
      'signedHeader',
      'stateRoot',
      'timeMs',
      'validatorSet',
    ]);
    expect(consensusStateOf(b, undefined, 'sha256')).toStrictEqual(plain);
    const s = consensusStateOf(lb(sm3Chain.at(2)), sm3Chain.at(2).validatorSet, 'sm3');
    expect(s.hashSuite).toBe('sm3');
    expect(s.headerHash).toEqual(headerHash(sm3Chain.at(2).header, 'sm3'));
    expect(s.nextValidatorSet).toBe(sm3Chain.at(2).validatorSet);
  });
});

describe('clientStatus', () => {
  const latestTimeMs = FIXTURE_START_MS;
  it('is frozen for a frozen state whether or not its trust has expired, else active until the trusting period ends', () => {
    const frozen: ClientState = { ...active, status: 'frozen' };
    expect(clientStatus(frozen, latestTimeMs, latestTimeMs + 1)).toBe('frozen');
    expect(clientStatus(frozen, latestTimeMs, latestTimeMs + active.trustingPeriodMs)).toBe('frozen');
    expect(clientStatus(active, latestTimeMs, latestTimeMs + 1)).toBe('active');
    expect(clientStatus(active, latestTimeMs, latestTimeMs + active.trustingPeriodMs)).toBe('expired');
  });
});

describe('clientFrozenError', () => {
  it('names the chain, the time and the misbehaviour it froze on', () => {
    const err = clientFrozenError(full);
    expect({ code: err.code, reason: err.reason, details: err.details }).toStrictEqual({
      code: ErrorCode.FailedPrecondition,
      reason: 'client_frozen',
      details: { chainId: 'ip-1', frozenAtMs },
    });
    expect(err.message).toContain(`frozen since unix time ${frozenAtMs} ms after conflicting_headers misbehaviour at height 4;`);
  });

  it('says the time is unknown (frozenAtMs 0) for a frozen state without evidence', () => {
    const err = clientFrozenError({ ...active, status: 'frozen' });
    expect({ code: err.code, reason: err.reason, details: err.details }).toStrictEqual({
      code: ErrorCode.FailedPrecondition,
      reason: 'client_frozen',
      details: { chainId: 'ip-1', frozenAtMs: 0 },
    });
    expect(err.message).toContain('frozen since an unknown time after misbehaviour;');
  });
});

describe('storeConflict', () => {
  it('names the chain and both revisions in its details, as the store throws it', async () => {
    expect(storeConflict('ip-1', 3, 5).details).toStrictEqual({ chainId: 'ip-1', expected: 3, actual: 5 });
    const store = new MemoryTrustedStore();
    const r = await store.putClientState(active, 0);
    const err = await store.putClientState(active, r + 7).then(
      () => undefined,
      (e: CourtbridgeError) => e,
    );
    expect({ code: err?.code, reason: err?.reason, details: err?.details }).toStrictEqual({
      code: ErrorCode.FailedPrecondition,
      reason: 'store_conflict',
      details: { chainId: 'ip-1', expected: r + 7, actual: r },
    });
  });
});
