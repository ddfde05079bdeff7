/** The identity package's public surface (explicit export list, after nats.js core/src/mod.ts). */
export { Roles, type Role, type Authority, type AuthorityRejection, type KeyVerdict, type RoleVerdict, type MemberStatus } from './authority.js';
export { AllianceAuthority, type AllianceAuthorityOptions, type DidKeyPolicy } from './alliance-authority.js';
export { AllianceRegistry } from './alliance-registry.js';
export { didKeyOf, didKeyKid, publicKeyOfDidKey } from './did-key.js';
export { allianceDidOf, isAllianceDid, fragmentOf, didMethodOf, type DidMethod } from './did-url.js';
export { loadGenesis, genesisHashHex, validateGenesis, type Genesis, type GenesisMember, type GenesisKey, type LoadedGenesis } from './genesis.js';
export {
  registryStateFromGenesis,
  applyRegistryUpdate,
  keyAtInState,
  mayActInState,
  registryStateEntries,
  CHAIN_SCOPED_ROLES,
  type RegistryState,
  type MemberRecord,
  type KeyRecord,
  type GrantRecord,
  type AppliedUpdate,
  type ApprovalRejection,
} from './registry.js';
export {
  registryUpdateSignBytes,
  registryUpdateDigest,
  approveRegistryUpdate,
  registryUpdateToJson,
  registryUpdateFromJson,
  type RegistryUpdate,
  type RegistryUpdateBody,
  type RegistryOp,
  type Approval,
} from './registry-update.js';
export { MemoryRegistryStore, type RegistryStore } from './registry-store.js';
export { FileRegistryStore } from './registry-file-store.js';
export { getResolver, secp256k1Jwk, VERIFICATION_KEY_TYPE } from './resolver.js';
export { createSigner, type Signer } from './signer.js';
export { writeKeyFile, readKeyFile, KEY_FILE_MODE, type KeyFileContent, type WriteKeyFileOptions } from './keystore.js';
export {
  signJwt,
  signJwtNative,
  jwtParts,
  didJwtSignerOf,
  JwtPurposes,
  JWT_CLOCK_SKEW_MS,
  DEFAULT_MAX_LIFETIME_MS,
  type JwtPurpose,
  type JwtHeader,
  type JwtPayload,
  type SignJwtParams,
} from './jwt.js';
export { inspectJwt, type JwtVerifyOptions, type VerifiedJwt, type JwtRejection, type InspectedJwt } from './jwt-inspect.js';
export { verifyJwtFast, verifyJwtFastAsync } from './jwt-verify-fast.js';
export { verifyJwtDidJwt, type DidJwtVerifyOptions } from './jwt-verify.js';
