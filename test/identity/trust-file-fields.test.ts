/**
 * The trust file's shape checks and how it names what is wrong (src/identity/trust-file.ts): each
 * malformed part is refused `invalid_trust_file` with a message naming the part, a parse failure
 * keeps its cause, a refused update is named by index and id (`?` when the id is unreadable), and
 * an error that is not a refusal (a bad clock value from the caller) is passed on as it is.
 * Built on the small alliance of fixture.ts (quorum 2, real admin approvals).
 */
import { describe, expect, it } from 'vitest';
import { toBase64url, utf8 } from '../../src/encoding/bytes.js';
import { CourtbridgeError } from '../../src/errors.js';
import { genesisHashHex, loadGenesis } from '../../src/identity/genesis.js';
import { registryStateFromGenesis } from '../../src/identity/registry.js';
import { approveRegistryUpdate, registryUpdateToJson, type RegistryUpdate } from '../../src/identity/registry-update.js';
import { loadTrust, TRUST_FORMAT, trustFileOf } from '../../src/identity/trust-file.js';
import { courtbridgeErrorOf } from '../helpers/refusal.js';
import { genesisBytes, signers, T0 } from './fixture.js';

const NOW = T0 + 60_000;

/** Revoke the gateway, approved by two admins: a valid first update on the fixture genesis. */
function revokeGateway(): { bytes: Uint8Array; hash: string; update: RegistryUpdate } {
  const bytes = genesisBytes();
  const hash = genesisHashHex(bytes);
  const s = registryStateFromGenesis(loadGenesis(bytes, hash));
  const body = {
    allianceId: s.allianceId,
    sequence: s.sequence + 1,
    prevStateHash: s.stateHash,
    updateId: 'revoke-gateway',
    effectiveAtMs: T0 + 1_000,
    op: { kind: 'revoke_member' as const, did: signers.gateway.did },
  };
  const update = { ...body, approvals: [signers['admin-a'], signers['admin-b']].map((a) => approveRegistryUpdate(body, a)) };
  return { bytes, hash, update };
}

const fileOf = (o: unknown): Uint8Array => utf8(JSON.stringify(o));

const refusedFile = (bytes: Uint8Array): CourtbridgeError =>
  courtbridgeErrorOf(() => loadTrust(bytes, genesisHashHex(genesisBytes()), NOW));

describe('loadTrust: the file shape', () => {
  it('returns the updates it applied, in order, and none for a registry still at genesis', () => {
    const { bytes, hash, update } = revokeGateway();
    const one = loadTrust(trustFileOf(bytes, [update]), hash, NOW);
    expect(one.updates).toEqual([update]);
    expect(one.state.sequence).toBe(1);
    expect(loadTrust(trustFileOf(bytes, []), hash, NOW).updates).toEqual([]);
  });

  it('bytes that are not JSON: invalid_trust_file, keeping the parse error as its cause', () => {
    const e = refusedFile(utf8('{"format": '));
    expect(e).toMatchObject({ reason: 'invalid_trust_file', code: 'INVALID_ARGUMENT', message: 'trust file: not valid UTF-8 JSON' });
    expect(e.cause).toBeInstanceOf(SyntaxError);
  });

  for (const [name, json] of [
    ['null', 'null'],
    ['an array', '[{"format": "courtbridge.v1.Trust"}]'],
    ['a number', '5'],
    ['a string', '"courtbridge.v1.Trust"'],
  ] as const) {
    it(`${name} instead of an object: invalid_trust_file "expected a JSON object"`, () => {
      const e = refusedFile(utf8(json));
      expect(e).toMatchObject({ reason: 'invalid_trust_file', message: 'trust file: expected a JSON object' });
      // Only a parse failure carries a cause.
      expect(e.cause).toBeUndefined();
    });
  }

  for (const [name, genesis] of [
    ['empty', ''],
    ['a number', 5],
    ['missing', undefined],
  ] as const) {
    it(`a genesis ${name}: invalid_trust_file naming genesis`, () => {
      const e = refusedFile(fileOf({ format: TRUST_FORMAT, genesis, updates: [] }));
      expect(e).toMatchObject({
        reason: 'invalid_trust_file',
        message: 'trust file: genesis: expected the base64url of the genesis file bytes',
      });
    });
  }

  it('a genesis that is not base64url: invalid_trust_file, the decoder error naming genesis as its cause', () => {
    const e = refusedFile(fileOf({ format: TRUST_FORMAT, genesis: 'not base64!', updates: [] }));
    expect(e).toMatchObject({ reason: 'invalid_trust_file', message: 'trust file: genesis: not base64url' });
    expect(e.cause).toBeInstanceOf(TypeError);
    expect((e.cause as Error).message).toBe('genesis: not base64url');
  });
});

describe('loadTrust: naming a refused update', () => {
  it('an update without a readable updateId is named "?"', () => {
    const { bytes, hash, update } = revokeGateway();
    for (const broken of [
      { ...registryUpdateToJson(update), updateId: 7 },
      { ...registryUpdateToJson(update), updateId: undefined },
    ]) {
      const file = fileOf({ format: TRUST_FORMAT, genesis: toBase64url(bytes), updates: [broken] });
      const e = courtbridgeErrorOf(() => loadTrust(file, hash, NOW));
      expect(e.reason).toBe('invalid_update');
      expect(e.message).toContain('trust file: update #0 (?) refused: ');
      expect(e.details).toMatchObject({ updateIndex: 0, updateId: '?' });
    }
  });

  it('a null update is refused invalid_update, named "?" (not a TypeError reading its id)', () => {
    const { bytes, hash, update } = revokeGateway();
    const file = fileOf({ format: TRUST_FORMAT, genesis: toBase64url(bytes), updates: [registryUpdateToJson(update), null] });
    const e = courtbridgeErrorOf(() => loadTrust(file, hash, NOW));
    expect(e.reason).toBe('invalid_update');
    expect(e.message).toContain('trust file: update #1 (?) refused: ');
    expect(e.details).toMatchObject({ updateIndex: 1, updateId: '?' });
    expect(e.cause).toBeInstanceOf(CourtbridgeError);
  });

  it("the caller's bad clock value is passed on as the registry's TypeError, not dressed as a refused update", () => {
    const { bytes, hash, update } = revokeGateway();
    const file = trustFileOf(bytes, [update]);
    let thrown: unknown;
    try {
      loadTrust(file, hash, -1);
    } catch (e) {
      thrown = e;
    }
    expect(thrown).toBeInstanceOf(TypeError);
    expect(thrown).not.toBeInstanceOf(CourtbridgeError);
    expect((thrown as Error).message).toBe('nowMs: expected a non-negative integer');
  });
});
