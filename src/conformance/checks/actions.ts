/**
 * The action checks (DESIGN.md "Actions"): the kit acts as court (signs orders) and
 * gateway (forwards them as signed `action.request` envelopes on the actions stream), and reads
 * the adapter's signed `action.result` envelopes (result-watch.ts).
 *
 *   exactly_once        a valid order is EXECUTED, with a proof of the new state that verifies;
 *                       the same envelope published again (a JetStream redelivery) and the same
 *                       request sealed again (a gateway retry) take no further effect: the
 *                       target's proven state is unchanged and their results say EXECUTED.
 *   order_*_refused     a defective order is answered with a signed REJECTED result (never
 *                       silence) and the target's proven state is unchanged. One defect per
 *                       case, everything else valid (the order is on the judicial chain when
 *                       the kit has an order desk), so the refusal is for that defect:
 *     unsigned            the JWT's signature is stripped
 *     forged              the JWT is signed by another key under the court's key id
 *     replayed            a new action under the jti of the executed order
 *     out_of_role         the order is signed by a DID without the court role (the gateway)
 *     cross_destination   the order is addressed to another chain; and a request names another chain
 *
 * Every action check is `skip` when the adapter announces no actions, and only then.
 *
 * On an `evm` chain the result proves the effect with `ActionResult.evm` (header RLP and state
 * proof of the block holding the transaction): the kit waits, up to its budget, for that block to
 * be final by the chain's registry notaries, and proves the effect against it (context.ts `prove`).
 * On a `notary` chain the result proves it with `ActionResult.notary`: the target at the version
 * the action wrote, signed by at least the threshold of the chain's registry notaries.
 */
import { generatePrivateKey } from '../../crypto/signature-suite.js';
import type { Envelope } from '../../bus/envelope.js';
import { equalBytes } from '../../encoding/bytes.js';
import { createSigner } from '../../identity/signer.js';
import type { MessageInput } from '../../wire/messages.js';
import type { JudicialOrder } from '../../judicial/order.js';
import { fail, failCheck, pass, skip, type CheckVerdict, type ConformanceCheck } from '../check.js';
import type { ConformanceContext, ProvenAnswer } from '../context.js';
import type { SeenResult } from '../result-watch.js';
import { describeDrop } from './announce.js';

/**
 * `skip` verdict when the adapter announced that it executes no actions and the kit was told none.
 * The announcement lists coarse wire kinds only (src/judicial/wire-kind.ts), so an adapter whose
 * actions are all chain-specific (UNSPECIFIED on the wire, e.g. the mobile chain's `delegate`)
 * announces none: when told one of its actions, the kit orders it.
 */
function noActions(ctx: ConformanceContext): CheckVerdict | undefined {
  if (ctx.announcement !== undefined && ctx.announcement.actions.length === 0 && ctx.o.action === undefined)
    return skip(`${ctx.chain} announces no actions: nothing to order`);
  return undefined;
}

const sameValue = (a: ProvenAnswer, b: ProvenAnswer): boolean =>
  a.value === null ? b.value === null : b.value !== null && equalBytes(a.value, b.value);

/** The proven state of the action's target (its state key). */
function targetState(ctx: ConformanceContext): Promise<ProvenAnswer> {
  const key = ctx.requireAction().stateKey;
  return ctx.queryProven(key, key.slice(0, key.indexOf('/')));
}

/** Issue the order and prove it when the kit has an order desk and the judicial chain takes it. */
async function proofIfPossible(ctx: ConformanceContext, order: JudicialOrder): Promise<MessageInput<'JudicialProof'> | undefined> {
  if (ctx.o.orderDesk === undefined) return undefined;
  try {
    return await ctx.issueAndProve(order);
  } catch {
    // The judicial chain may refuse a defective order (e.g. one whose court holds no case):
    // the adapter must then refuse the request for its defect or for the missing proof.
    return undefined;
  }
}

async function resultsOf(ctx: ConformanceContext, actionId: string, count: number): Promise<readonly SeenResult[]> {
  const rs = await ctx.results.wait(actionId, count, ctx.o.timeoutMs);
  if (rs.length === 0) {
    const drops = ctx.results.drops.length > 0 ? `; result envelopes dropped: ${ctx.results.drops.map(describeDrop).join('; ')}` : '';
    failCheck(`no signed result for action ${actionId} within ${ctx.o.timeoutMs} ms${drops}`, { actionId });
  }
  return rs;
}

/** Send a valid order; returns it with its first (EXECUTED) result. */
async function executeValid(
  ctx: ConformanceContext,
  label: string,
): Promise<{ order: JudicialOrder; jti: string; req: MessageInput<'ActionRequest'>; env: Envelope; result: SeenResult }> {
  ctx.requireGateway();
  const order = ctx.newOrder(label);
  const proof = await ctx.issueAndProve(order);
  const { jwt, jti } = ctx.mintOrder(order);
  const req = ctx.actionRequest(order, jwt, proof);
  const env = ctx.seal(req);
  await ctx.publish(env);
  const [first] = await resultsOf(ctx, order.actionId, 1);
  const r = first!.result;
  if (r.status !== 'ACTION_STATUS_EXECUTED') {
    failCheck(`a valid order (${order.kind} ${order.target}) was answered ${r.status} ${r.reason}: ${r.detail}`, {
      actionId: order.actionId,
      status: r.status,
      reason: r.reason,
    });
  }
  ctx.executed = { order, jti };
  return { order, jti, req, env, result: first! };
}

export const exactlyOnceCheck: ConformanceCheck = {
  id: 'exactly_once',
  title: 'a valid order executes once, with a proof of the new state; redeliveries take no further effect',
  async run(ctx: ConformanceContext): Promise<CheckVerdict> {
    const skipped = noActions(ctx);
    if (skipped) return skipped;
    const x = await executeValid(ctx, 'once');
    const actionId = x.order.actionId;
    const effect = await ctx.prove(x.result.result, `result of ${actionId}`);
    // Redelivery (the same envelope again, as JetStream redelivers) and a gateway retry (sealed again).
    await ctx.publish(x.env);
    await ctx.publish(ctx.seal({ ...x.req, acceptedAtMs: ctx.now() }));
    const rs = await ctx.results.wait(actionId, 3, ctx.o.timeoutMs);
    const redelivered = rs.slice(1);
    if (redelivered.length < 2)
      failCheck(`${2 - redelivered.length} of 2 redeliveries of ${actionId} got no result within ${ctx.o.timeoutMs} ms`, { actionId });
    for (const r of redelivered) {
      if (r.result.status !== 'ACTION_STATUS_EXECUTED')
        failCheck(
          `a redelivery of ${actionId} was answered ${r.result.status} ${r.result.reason}: a redelivered action must report its (single) execution`,
          { actionId, reason: r.result.reason },
        );
    }
    const after = await ctx.queryProven(effect.key, effect.key.slice(0, effect.key.indexOf('/')));
    if (!sameValue(effect, after))
      failCheck(
        `${effect.key} changed after the redeliveries (height ${effect.height} -> ${after.height}): the action took effect more than once`,
        { actionId, key: effect.key },
      );
    const basis =
      ctx.notaries !== undefined
        ? ', its block final by the registry notaries'
        : ctx.target.kind === 'notary'
          ? ', notarized by the registry notaries at the version written'
          : '';
    return pass(
      `${actionId} executed at ${effect.height} (${effect.key} proven ${effect.kind}${basis}); 2 redeliveries answered ${redelivered.map((r) => r.result.reason || 'executed').join(', ')}, state unchanged at ${after.height}`,
      {
        actionId,
        key: effect.key,
        executedAt: effect.height,
        checkedAt: after.height,
        redeliveryReasons: redelivered.map((r) => r.result.reason).join(','),
      },
    );
  },
};

/** One defective request to send (the order it carries, already malleated). */
interface Defective {
  actionId: string;
  env: Envelope;
}

interface RefusalCase {
  id: string;
  title: string;
  /**
   * The rejection must name this defect (the alliance's named reasons, adapters/sdk/order-check.ts).
   * A reason from the target's state (`not_active`, `already_listed`, ...) means the order got
   * through to execution: the adapter did not refuse it for its defect.
   */
  reason: RegExp;
  /** Build the defective requests of this case (the `malleate` step). */
  malleate(ctx: ConformanceContext): Promise<Defective[]>;
}

/** A valid order with its JWT from `issuer` (and `jti`), then `tamper` on the JWT; sealed by the gateway. */
async function orderWith(
  ctx: ConformanceContext,
  label: string,
  o: {
    issuer?: ReturnType<typeof createSigner>;
    jti?: string;
    tamper?: (jwt: string) => string;
    order?: Partial<JudicialOrder>;
    request?: Partial<MessageInput<'ActionRequest'>>;
  } = {},
): Promise<Defective> {
  ctx.requireGateway();
  const order = ctx.newOrder(label, o.order ?? {});
  const proof = await proofIfPossible(ctx, order);
  const minted = ctx.mintOrder(order, { ...(o.issuer ? { issuer: o.issuer } : {}), ...(o.jti ? { jti: o.jti } : {}) });
  const jwt = o.tamper ? o.tamper(minted.jwt) : minted.jwt;
  const req = { ...ctx.actionRequest(order, jwt, proof), ...(o.request ?? {}) };
  return { actionId: order.actionId, env: ctx.seal(req) };
}

/** Flip one bit in the middle of the JWT's signature (still base64url, still 64 bytes). */
export function forgeSignature(jwt: string): string {
  const i = jwt.lastIndexOf('.') + 20;
  const c = jwt[i]!;
  return `${jwt.slice(0, i)}${c === 'A' ? 'B' : 'A'}${jwt.slice(i + 1)}`;
}

export const REFUSAL_CASES: readonly RefusalCase[] = [
  {
    id: 'order_unsigned_refused',
    reason: /^order_|unsigned|signature|token/,
    title: 'an unsigned order (JWT without signature) is refused with a signed rejection',
    malleate: async (ctx) => [await orderWith(ctx, 'unsigned', { tamper: (jwt) => jwt.slice(0, jwt.lastIndexOf('.') + 1) })],
  },
  {
    id: 'order_forged_refused',
    reason: /^order_|signature|forged/,
    title: "a forged order (bad signature under the court's key id) is refused with a signed rejection",
    malleate: async (ctx) => [
      await orderWith(ctx, 'forged', {
        issuer: createSigner(ctx.o.court.did, ctx.o.court.kid, generatePrivateKey(ctx.o.court.suite), ctx.o.court.suite),
      }),
      await orderWith(ctx, 'tampered', { tamper: forgeSignature }),
    ],
  },
  {
    id: 'order_replayed_refused',
    reason: /replay/,
    title: 'a replayed order (the jti of an executed order, for another action) is refused with a signed rejection',
    malleate: async (ctx) => {
      const first = ctx.executed ?? (await executeValid(ctx, 'replay-first'));
      return [await orderWith(ctx, 'replayed', { jti: first.jti })];
    },
  },
  {
    id: 'order_out_of_role_refused',
    reason: /role|court|issuer/,
    title: 'an order signed by a DID without the court role is refused with a signed rejection',
    malleate: async (ctx) => {
      const notCourt = ctx.requireGateway();
      return [await orderWith(ctx, 'out-of-role', { issuer: notCourt as ReturnType<typeof createSigner>, order: { court: notCourt.did } })];
    },
  },
  {
    id: 'order_cross_destination_refused',
    reason: /chain|destination/,
    title: 'an order addressed to another chain is refused with a signed rejection',
    malleate: async (ctx) => {
      const other = ctx.chain === 'conformance-elsewhere' ? 'conformance-other' : 'conformance-elsewhere';
      return [
        // The court's order names another chain; the request comes to this one.
        await orderWith(ctx, 'cross-order', { order: { chain: other } }),
        // The request itself names another chain, on this chain's subject.
        await orderWith(ctx, 'cross-request', { request: { chainId: other } }),
      ];
    },
  },
];

function refusalCheck(c: RefusalCase): ConformanceCheck {
  return {
    id: c.id,
    title: c.title,
    async run(ctx: ConformanceContext): Promise<CheckVerdict> {
      const skipped = noActions(ctx);
      if (skipped) return skipped;
      const defective = await c.malleate(ctx);
      const before = await targetState(ctx);
      for (const d of defective) await ctx.publish(d.env);
      const reasons: string[] = [];
      for (const d of defective) {
        const [r] = await resultsOf(ctx, d.actionId, 1);
        const res = r!.result;
        if (res.status !== 'ACTION_STATUS_REJECTED')
          return fail(`${d.actionId} was answered ${res.status}${res.reason ? ` ${res.reason}` : ''}, expected REJECTED`, {
            actionId: d.actionId,
            status: res.status,
          });
        if (!c.reason.test(res.reason))
          return fail(`${d.actionId} was refused for ${JSON.stringify(res.reason)} (${res.detail.slice(0, 120)}), not for its defect`, {
            actionId: d.actionId,
            reason: res.reason,
          });
        reasons.push(res.reason);
      }
      const after = await targetState(ctx);
      if (!sameValue(before, after))
        failCheck(`${before.key} changed (height ${before.height} -> ${after.height}) although every order was refused`, {
          key: before.key,
        });
      return pass(`refused: ${reasons.join(', ')}; ${before.key} unchanged`, { reasons: reasons.join(','), key: before.key });
    },
  };
}

export const refusalChecks: readonly ConformanceCheck[] = REFUSAL_CASES.map(refusalCheck);
