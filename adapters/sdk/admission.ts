/**
 * Whether the registry lets an adapter serve its chain, and, when not, the one line a person
 * reads: what is missing and the command the alliance admins run next. Pure: the registry state
 * it is asked against has already caught up with every update after the genesis (runtime.ts).
 */
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';
import type { Authority } from '../../src/identity/authority.js';
import type { ChainDirectory } from '../../src/identity/chain-entry.js';

/** What the refusal names beside the registry's verdict. */
export interface AdmissionContext {
  did: string;
  chain: string;
  /** The registry version the verdict was read at (0 = the genesis alone). */
  registryVersion?: number;
}

/** The next step for each way the registry refuses (zh-CN first, English after). */
function nextStep(reason: string, did: string, chain: string, listed: boolean): string {
  const register = `courtbridge alliance register --did ${did} --org ORG --role adapter --chain ${chain} --public-key HEX --admin-key FILE...`;
  switch (reason) {
    case 'unknown_did':
      return `请联盟管理员登记此成员 ask the alliance admins to run: ${register}`;
    case 'revoked':
      return `此成员已被撤销，请用新密钥重新登记 this member was revoked; register a new key: ${register}`;
    case 'chain_not_allowed':
      return listed
        ? `请联盟管理员把 ${did} 加入链 ${chain} 的 servers ask the alliance admins to add it to the chain's servers: courtbridge alliance update-chain --entry FILE --admin-key FILE...`
        : `请联盟管理员授予链 ${chain} 的适配器角色 ask the alliance admins to grant the adapter role for ${chain}: ${register}`;
    default:
      return `请联盟管理员授予适配器角色 ask the alliance admins to grant the adapter role: ${register}`;
  }
}

/**
 * Check that `did` may act as the adapter of `chain` in `authority` at `atMs`.
 * @throws CourtbridgeError PERMISSION_DENIED `adapter_not_authorised`, its message one line naming the next command
 */
export function assertAdmitted(authority: Authority, ctx: AdmissionContext, atMs: number): void {
  const verdict = authority.mayAct(ctx.did, 'adapter', ctx.chain, atMs);
  if (verdict.ok) return;
  const dir = authority as Partial<ChainDirectory>;
  const listed = typeof dir.chainAt === 'function' && dir.chainAt(ctx.chain, atMs) !== undefined;
  const read =
    ctx.registryVersion === undefined
      ? ''
      : `（已读取注册表至版本 ${ctx.registryVersion} registry read up to version ${ctx.registryVersion}）`;
  const message =
    `${ctx.did} 无权担任链 ${ctx.chain} 的适配器 may not act as the adapter of ${ctx.chain}: ${verdict.message}${read}; ` +
    nextStep(verdict.reason, ctx.did, ctx.chain, listed);
  throw new CourtbridgeError(ErrorCode.PermissionDenied, 'adapter_not_authorised', message, {
    details: { did: ctx.did, chain: ctx.chain, registryReason: verdict.reason },
  });
}
