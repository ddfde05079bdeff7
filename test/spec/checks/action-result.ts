/**
 * docs/spec/action.md, a signed action result: the gateway's own proof of an action's status from
 * the adapter's signed `action.result` envelope (the file's registry, the case's `nowMs`). A
 * status the signed result does not prove is served as PENDING with `action_state_unproven`.
 */
import { ACTION_STATE_UNPROVEN, OrderSignatureCache, provenResult } from '../../../src/relay/modules/action-proof.js';
import { fromHex } from '../../../src/encoding/bytes.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';
import { authorityOf } from './relay-registry.js';

export function check(file: VectorFile, c: VectorCase | InvalidCase): string {
  const env =
    'reason' in c
      ? (c.signedResult as {
          senderDid: string;
          kid: string;
          type: string;
          msgId: string;
          timestampMs: number;
          body: string;
          signature: string;
        })
      : {
          ...(c.fields as { senderDid: string; kid: string; type: string; msgId: string; timestampMs: number; body: string }),
          signature: c.signature!,
        };
  const action = c.action as { actionId: string; chainId: string; status: string };
  const stored = {
    ...action,
    outcome: { result: null, newState: null, signedResult: { ...env, body: fromHex(env.body), signature: fromHex(env.signature) } },
  } as unknown as Parameters<typeof provenResult>[0];
  const r = provenResult(stored, { authority: authorityOf(file), nowMs: c.nowMs as number, orders: new OrderSignatureCache() });
  if (typeof r === 'string') {
    // The envelope's own drop reason, when the case names it, must be the one the gateway found.
    const drop = c.envelopeDrop as string | undefined;
    if (drop !== undefined && !r.endsWith(`: ${drop}`)) return `unproven for another cause: ${r}`;
    return ACTION_STATE_UNPROVEN;
  }
  return 'ok';
}
