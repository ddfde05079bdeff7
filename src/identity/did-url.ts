/**
 * DID and key-id (DID URL) helpers shared by the authority, the resolver and JWT checks.
 * A key id is `<did>#<fragment>`; the registry stores fragments `#key-N` (DESIGN.md "Identity").
 */
export type DidMethod = 'alliance' | 'key';

export const ALLIANCE_DID_PREFIX = 'did:alliance:';
/** Organisation names: lower-case letters, digits and dashes, 1..63 chars. */
const ORG_RE = /^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/;
const KEY_FRAGMENT_RE = /^#key-([1-9][0-9]{0,5})$/;

/** The method of a DID we know, or `undefined`. */
export function didMethodOf(did: string): DidMethod | undefined {
  if (did.startsWith(ALLIANCE_DID_PREFIX)) return 'alliance';
  if (did.startsWith('did:key:')) return 'key';
  return undefined;
}

/** `did:alliance:<org>` with a well-formed org name? */
export function isAllianceDid(did: unknown): did is string {
  return typeof did === 'string' && did.startsWith(ALLIANCE_DID_PREFIX) && ORG_RE.test(did.slice(ALLIANCE_DID_PREFIX.length));
}

export function allianceDidOf(org: string): string {
  const did = ALLIANCE_DID_PREFIX + org;
  if (!isAllianceDid(did)) throw new TypeError(`org: "${org}" is not a valid organisation name`);
  return did;
}

/** The index N of a registry key fragment `#key-N`, or `undefined`. */
export function keyIndexOf(fragment: string): number | undefined {
  const m = KEY_FRAGMENT_RE.exec(fragment);
  return m ? Number(m[1]) : undefined;
}

/**
 * Split a key id into its fragment (`#...`) when it belongs to `did`: either the full DID URL
 * `did#frag` or the bare fragment `#frag`. Anything else (another DID's key) yields `undefined`.
 */
export function fragmentOf(did: string, kid: string): string | undefined {
  if (typeof kid !== 'string') return undefined;
  if (kid.startsWith('#')) return kid.length > 1 ? kid : undefined;
  if (kid.length > did.length + 1 && kid.startsWith(did) && kid[did.length] === '#') return kid.slice(did.length);
  return undefined;
}
