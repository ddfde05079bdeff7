/**
 * AllianceService ("Alliance"): reads of the live registry, and registry updates
 * carrying a quorum of admin approvals. A write is refused PERMISSION_DENIED
 * `approval_quorum_not_met` when its approvals do not reach the quorum (the caller is
 * authenticated; it is the approvals that lack authority, so PERMISSION_DENIED, not
 * INVALID_ARGUMENT); a malformed update is INVALID_ARGUMENT. Writes go through the registry
 * stream (registry-sync.ts) so every replica and adapter applies them without restart.
 */
import { Resolver } from 'did-resolver';

import { CourtbridgeError, ErrorCode } from '../../errors.js';
import type { AllianceRegistry } from '../../identity/alliance-registry.js';
import { applyRegistryUpdate, grantAt, type ChainRecord, type MemberRecord, type RegistryState } from '../../identity/registry.js';
import { chainEntryToProto } from '../../bus/chain-entry-proto.js';
import type { RegistryChain } from '../../generated/courtbridge/v1/RegistryChain.js';
import { getResolver } from '../../identity/resolver.js';
import { isAllianceDid } from '../../identity/did-url.js';
import type { AllianceServiceHandlers } from '../../generated/courtbridge/v1/AllianceService.js';
import type { Member } from '../../generated/courtbridge/v1/Member.js';
import type { RegistryUpdateResult } from '../../generated/courtbridge/v1/RegistryUpdateResult.js';
import type { MessageOutput } from '../../wire/messages.js';
import { unary } from '../host/handlers.js';
import { registryUpdateFromProto, ROLE_ENUM, type RegistrySync } from '../registry-sync.js';
import { isChainOp, opSubject } from '../../identity/registry-update.js';

export interface AllianceServiceOptions {
  registry: AllianceRegistry;
  sync: RegistrySync;
  now?: () => number;
  /** Whether this gateway serves an admitted chain now, and why not (ListChains); unknown when omitted. */
  servedHere?: (chainId: string) => { served: boolean; reason?: string };
}

/** A registry chain as ListChains shows it. */
export function registryChainOf(r: ChainRecord, served?: { served: boolean; reason?: string }): RegistryChain {
  const last = r.versions[r.versions.length - 1]!;
  const removed = r.removedAtMs !== undefined;
  return {
    entry: chainEntryToProto(last.entry),
    status: removed ? 'CHAIN_ENTRY_STATUS_REMOVED' : 'CHAIN_ENTRY_STATUS_ADMITTED',
    admittedAtMs: r.versions[0]!.fromMs,
    entryFromMs: last.fromMs,
    removedAtMs: r.removedAtMs ?? 0,
    servedHere: !removed && served?.served === true,
    notServedReason: removed ? 'chain_removed' : served === undefined || served.served ? '' : (served.reason ?? ''),
  };
}

/** A registry member as the API shows it, at `atMs`. */
export function memberOf(m: MemberRecord, atMs: number): Member {
  const g = grantAt(m, atMs);
  return {
    did: m.did,
    organisation: m.org,
    roles: (g?.roles ?? []).map((r) => ROLE_ENUM[r] as Member['roles'] extends Array<infer E> | undefined ? E : never),
    chains: [...(g?.chains ?? [])],
    status: m.revokedAtMs !== undefined && atMs >= m.revokedAtMs ? 'MEMBER_STATUS_REVOKED' : 'MEMBER_STATUS_ACTIVE',
    keys: m.keys.map((k) => ({ kid: k.kid, publicKey: k.publicKey, validFromMs: k.validFromMs, validUntilMs: k.validUntilMs ?? 0 })),
    revokedAtMs: m.revokedAtMs ?? 0,
  };
}

export function allianceHandlers(o: AllianceServiceOptions): Partial<AllianceServiceHandlers> {
  const now = o.now ?? Date.now;
  const resolver = new Resolver(getResolver(() => o.registry.state));

  const write = (expected: MessageOutput<'RegistryUpdate'>['operation']) =>
    unary<{ update: MessageOutput<'RegistryUpdate'> | null; approvals: MessageOutput<'AdminApproval'>[] }, RegistryUpdateResult>(
      async (req, ctx) => {
        const state: RegistryState = o.registry.state;
        const update = registryUpdateFromProto(req.update, req.approvals, state, expected);
        // Validate first (quorum, order, the operation's rules): a refused update never reaches the stream.
        applyRegistryUpdate(state, update, now());
        await o.sync.publish({ update: req.update, approvals: req.approvals }, update, Math.max(1_000, ctx.deadlineMs - now()));
        const after = o.registry.state;
        const op = update.op;
        const m = isChainOp(op) ? undefined : after.members.get(op.did);
        const c = isChainOp(op) ? after.chains.get(op.kind === 'remove_chain' ? op.chainId : op.chain.chainId) : undefined;
        ctx.log.info({ subject: opSubject(op), op: op.kind, version: after.sequence }, 'registry update applied');
        return {
          member: m === undefined ? null : memberOf(m, Math.max(now(), update.effectiveAtMs)),
          registryVersion: after.sequence,
          chain: c === undefined ? null : chainEntryToProto(c.versions[c.versions.length - 1]!.entry),
        };
      },
    );

  return {
    ResolveDid: unary(async (req) => {
      if (typeof req.did !== 'string' || !req.did.startsWith('did:'))
        throw new CourtbridgeError(ErrorCode.InvalidArgument, 'malformed_did', 'did: expected a DID, e.g. did:alliance:court-bj-01');
      const at = req.versionTimeMs === 0 ? now() : req.versionTimeMs;
      const state = o.registry.state;
      const query = req.versionTimeMs === 0 ? '' : `?versionTime=${new Date(at).toISOString()}`;
      const doc = await resolver.resolve(req.did + query);
      const error = doc.didResolutionMetadata.error;
      if (error === 'invalidDid' || error === 'invalidDidUrl')
        throw new CourtbridgeError(ErrorCode.InvalidArgument, 'malformed_did', `${req.did}: ${doc.didResolutionMetadata.message ?? error}`);
      const m = isAllianceDid(req.did) ? state.members.get(req.did) : undefined;
      if (error !== undefined || (isAllianceDid(req.did) && (m === undefined || at < m.registeredAtMs))) {
        throw new CourtbridgeError(
          ErrorCode.NotFound,
          'unknown_did',
          `${req.did} is not an alliance member${req.versionTimeMs === 0 ? '' : ' at that time'}`,
        );
      }
      return {
        member: m === undefined ? null : memberOf(m, at),
        didDocumentJson: JSON.stringify(doc.didDocument),
        registryVersion: state.sequence,
      };
    }),
    ListMembers: unary(async (req) => {
      const state = o.registry.state;
      const t = now();
      let members = [...state.members.values()].map((m) => memberOf(m, t)).sort((a, b) => (a.did! < b.did! ? -1 : 1));
      if (req.role !== 'MEMBER_ROLE_UNSPECIFIED') members = members.filter((m) => (m.roles as string[]).includes(req.role));
      if (req.status !== 'MEMBER_STATUS_UNSPECIFIED') members = members.filter((m) => m.status === req.status);
      const size = Math.min(Math.max(req.page?.pageSize ?? 0, 0) || 100, 1000);
      const token = req.page?.pageToken ?? '';
      const offset = token === '' ? 0 : Number(token);
      if (!Number.isSafeInteger(offset) || offset < 0)
        throw new CourtbridgeError(
          ErrorCode.InvalidArgument,
          'bad_page_token',
          'page.page_token: use the next_page_token of the previous response',
        );
      // The state hash and alliance id let a client build the exact sign bytes of an update on
      // this version (registry-update.ts: allianceId, sequence, prevStateHash lead the layout).
      return {
        members: members.slice(offset, offset + size),
        nextPageToken: offset + size < members.length ? String(offset + size) : '',
        registryVersion: state.sequence,
        registryStateHash: state.stateHash,
        allianceId: state.allianceId,
      };
    }),
    RegisterMember: write('REGISTRY_OPERATION_REGISTER'),
    RevokeMember: write('REGISTRY_OPERATION_REVOKE'),
    RotateKey: write('REGISTRY_OPERATION_ROTATE_KEY'),
    AdmitChain: write('REGISTRY_OPERATION_ADMIT_CHAIN'),
    UpdateChain: write('REGISTRY_OPERATION_UPDATE_CHAIN'),
    RemoveChain: write('REGISTRY_OPERATION_REMOVE_CHAIN'),
    ListChains: unary(async () => {
      const state = o.registry.state;
      const chains = [...state.chains.values()].sort((a, b) => a.chainId.localeCompare(b.chainId));
      return {
        chains: chains.map((r) => registryChainOf(r, o.servedHere?.(r.chainId))),
        registryVersion: state.sequence,
        registryStateHash: state.stateHash,
        allianceId: state.allianceId,
      };
    }),
  };
}
