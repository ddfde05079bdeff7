/**
 * DID and key-id parsing, the first gate every kid, iss and registry DID passes: a well-formed
 * `did:alliance:<org>` only (no other method, no path, query or fragment riding along), registry
 * fragments `#key-N` only, and a kid that belongs to the DID it is checked against (never another
 * DID's key that merely shares a prefix or a length with it).
 */
import { describe, expect, it, vi } from 'vitest';
import * as loadedAtTop from '../../src/identity/did-url.js';

type DidUrl = typeof loadedAtTop;

/**
 * did-url.ts evaluated afresh inside the test: the prefix and both grammars are module-level
 * constants, and an edit to one only shows in a module evaluated after it.
 */
async function loadedAfresh(): Promise<DidUrl> {
  vi.resetModules();
  return import('../../src/identity/did-url.js');
}

const DID = 'did:alliance:court-a';
const org63 = `a${'b-'.repeat(30)}cd`;

/** Organisation names and the DIDs built from them: [did, accepted]. */
const allianceDids: Array<[unknown, boolean]> = [
  [DID, true],
  ['did:alliance:a', true],
  ['did:alliance:7', true],
  ['did:alliance:ab', true],
  ['did:alliance:gateway-2', true],
  [`did:alliance:${org63}`, true],
  [`did:alliance:${org63}e`, false],
  ['did:alliance:', false],
  ['did:alliancx:court-a', false],
  ['did:web:court-a', false],
  ['did:key:zQ3shcourt-a', false],
  ['did:alliance:Court-a', false],
  ['did:alliance:court_a', false],
  ['did:alliance:-court-a', false],
  ['did:alliance:court-a-', false],
  ['did:alliance:court.a', false],
  ['did:alliance:../court-a', false],
  ['did:alliance:court-a/keys', false],
  ['did:alliance:court-a?versionTime=2023-11-14T22:13:20Z', false],
  ['did:alliance:court-a#key-1', false],
  ['did:alliance:court-a:sub', false],
  ['did:alliance:court-a\n', false],
  [42, false],
  [undefined, false],
  [null, false],
  [{}, false],
  // A String object answers startsWith and slice like the string it wraps, but is no string.
  [new String(DID), false],
];

const keyFragments: Array<[string, number | undefined]> = [
  ['#key-1', 1],
  ['#key-2', 2],
  ['#key-10', 10],
  ['#key-12', 12],
  ['#key-999999', 999999],
  ['#key-0', undefined],
  ['#key-01', undefined],
  ['#key-1234567', undefined],
  ['#key-', undefined],
  ['#key--1', undefined],
  ['#key-1x', undefined],
  ['#key-1.5', undefined],
  ['#key-1/../2', undefined],
  ['#KEY-1', undefined],
  ['key-1', undefined],
  ['#x#key-1', undefined],
  // A full DID URL (another DID's key) where a registry fragment is expected.
  ['did:alliance:gateway#key-1', undefined],
];

const kidsOfDid: Array<[unknown, string | undefined]> = [
  ['#key-1', '#key-1'],
  ['#x', '#x'],
  [`${DID}#key-1`, '#key-1'],
  [`${DID}#x`, '#x'],
  ['#', undefined],
  [`${DID}#`, undefined],
  [DID, undefined],
  ['', undefined],
  // Another DID's key: same length as DID, a DID that extends DID, a DID DID extends.
  ['did:alliance:gateway#key-1', undefined],
  ['did:alliance:court-ab#key-1', undefined],
  ['did:alliance:court#key-1', undefined],
  // DID with a path or a query before the fragment.
  [`${DID}/keys#key-1`, undefined],
  [`${DID}?versionTime=2023-11-14T22:13:20Z#key-1`, undefined],
  [`x${DID}#key-1`, undefined],
  [42, undefined],
  [undefined, undefined],
  [null, undefined],
  [{}, undefined],
];

describe.each([
  ['loaded at the top', async () => loadedAtTop],
  ['loaded afresh', loadedAfresh],
])('DID URLs (%s)', (_name, load) => {
  it('isAllianceDid accepts did:alliance:<org> with a 1..63-char lower-case org name, nothing else', async () => {
    const { isAllianceDid, ALLIANCE_DID_PREFIX } = await load();
    expect(ALLIANCE_DID_PREFIX).toBe('did:alliance:');
    expect(org63).toHaveLength(63);
    expect(allianceDids.map(([did]) => [did, isAllianceDid(did)])).toEqual(allianceDids);
  });

  it('allianceDidOf builds the DID of a well-formed org name and refuses any other', async () => {
    const { allianceDidOf } = await load();
    expect(allianceDidOf('court-a')).toBe(DID);
    expect(allianceDidOf('a')).toBe('did:alliance:a');
    expect(allianceDidOf(org63)).toBe(`did:alliance:${org63}`);
    for (const org of ['', 'Court-A', 'court_a', 'court-a#key-1', 'court-a/keys', 'court-a?versionTime=x', '../court-a', `${org63}e`])
      expect(() => allianceDidOf(org), org).toThrow(new TypeError(`org: "${org}" is not a valid organisation name`));
  });

  it('keyIndexOf reads N of a registry fragment #key-N (1..999999, no leading zero) only', async () => {
    const { keyIndexOf } = await load();
    expect(keyFragments.map(([f]) => [f, keyIndexOf(f)])).toEqual(keyFragments);
  });

  it("fragmentOf gives the fragment of the DID's own kid, never of another DID's or a non-string", async () => {
    const { fragmentOf } = await load();
    expect(kidsOfDid.map(([kid]) => [kid, fragmentOf(DID, kid as string)])).toEqual(kidsOfDid);
  });

  it('didMethodOf names the two methods we resolve', async () => {
    const { didMethodOf } = await load();
    expect([DID, 'did:key:zQ3s', 'did:web:court-a', 'did:alliancecourt-a'].map(didMethodOf)).toEqual([
      'alliance',
      'key',
      undefined,
      undefined,
    ]);
  });
});
