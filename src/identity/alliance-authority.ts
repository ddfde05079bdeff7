/**
 * `Authority` answered from the alliance registry's state in memory (pure: no I/O, time passed in).
 * It reads the state through a getter on every call, so an applied revocation takes effect at once.
 */
import type { Authority, KeyVerdict, Role, RoleVerdict } from './authority.js';
import { anchorsInState, chainAtInState, keyAtInState, mayActInState, type RegistryState } from './registry.js';
import type { ChainAnchor, ChainDirectory, ChainEntry } from './chain-entry.js';
import { didKeyKid, publicKeyOfDidKey } from './did-key.js';
import { didMethodOf } from './did-url.js';

/** What a `did:key` may do: only prove possession of its key (default), or act in any role (tests). */
export type DidKeyPolicy = 'keys_only' | 'any_role';

export interface AllianceAuthorityOptions {
  didKey?: DidKeyPolicy;
}

export class AllianceAuthority implements Authority, ChainDirectory {
  /** Only an explicit `any_role` widens a did:key; anything else (absent, unknown) is keys_only. */
  private readonly didKeyAnyRole: boolean;
  constructor(
    private readonly state: () => RegistryState,
    options: AllianceAuthorityOptions = {},
  ) {
    this.didKeyAnyRole = options.didKey === 'any_role';
  }

  keyAt(did: string, kid: string, atMs: number): KeyVerdict {
    switch (didMethodOf(did)) {
      case 'alliance':
        return keyAtInState(this.state(), did, kid, atMs);
      case 'key': {
        // did:key: the key is the identifier; valid at any time, never rotated or revoked.
        const pk = publicKeyOfDidKey(did);
        if (!pk) return { ok: false, reason: 'unknown_did', message: `${did} is not a did:key of a secp256k1 or SM2 key` };
        const full = didKeyKid(did);
        if (kid !== full && kid !== full.slice(did.length))
          return { ok: false, reason: 'unknown_key', message: `${kid} is not the key of ${did}` };
        return { ok: true, did, kid: full, publicKey: pk };
      }
      default:
        return { ok: false, reason: 'unknown_did', message: `${did}: unsupported DID method` };
    }
  }

  chainAt(chainId: string, atMs: number): ChainEntry | undefined {
    return chainAtInState(this.state(), chainId, atMs);
  }

  anchorsAt(chainId: string, atMs: number): ChainAnchor[] {
    return anchorsInState(this.state(), chainId, atMs);
  }

  mayAct(did: string, role: Role, chain: string | undefined, atMs: number): RoleVerdict {
    switch (didMethodOf(did)) {
      case 'alliance':
        return mayActInState(this.state(), did, role, chain, atMs);
      case 'key':
        if (!publicKeyOfDidKey(did))
          return { ok: false, reason: 'unknown_did', message: `${did} is not a did:key of a secp256k1 or SM2 key` };
        return this.didKeyAnyRole
          ? { ok: true }
          : { ok: false, reason: 'out_of_role', message: `${did}: a did:key holds no alliance role` };
      default:
        return { ok: false, reason: 'unknown_did', message: `${did}: unsupported DID method` };
    }
  }
}
