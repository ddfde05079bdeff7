/**
 * The registry state a relay page's check gives the product's verifier, built from the
 * `registry` a vector file carries (test/vectors/spec/vector-kit.ts RegistryJson).
 */
import { fromHex } from '../../../src/encoding/bytes.js';
import { AllianceAuthority } from '../../../src/identity/alliance-authority.js';
import type { Role } from '../../../src/identity/authority.js';
import type { MemberRecord, RegistryState } from '../../../src/identity/registry.js';
import { registryStateOfMembers, type RegistryJson } from '../../vectors/spec/vector-kit.js';
import type { VectorFile } from '../layout.js';

export function registryStateOf(file: VectorFile): RegistryState {
  const reg = (file as unknown as { registry: RegistryJson }).registry;
  const members = new Map<string, MemberRecord>();
  for (const m of reg.members) {
    const from = Math.min(...m.keys.map((k) => k.validFromMs));
    members.set(m.did, {
      did: m.did,
      org: m.did,
      registeredAtMs: from,
      status: m.revokedAtMs === undefined ? 'active' : 'revoked',
      revokedAtMs: m.revokedAtMs,
      keys: m.keys.map((k) => ({
        kid: k.kid,
        publicKey: fromHex(file.keys[k.key]!.publicKey),
        validFromMs: k.validFromMs,
        validUntilMs: k.validUntilMs,
      })),
      grants: [{ fromMs: from, roles: m.roles as Role[], chains: m.chains }],
    });
  }
  return registryStateOfMembers(reg.allianceId, reg.quorum, members);
}

export function authorityOf(file: VectorFile): AllianceAuthority {
  const state = registryStateOf(file);
  return new AllianceAuthority(() => state);
}
