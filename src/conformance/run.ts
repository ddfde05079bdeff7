/**
 * `runConformance`: certify a live adapter over NATS, purely through the alliance protocol
 * ("Conformance kit"). What `courtbridge conformance --chain X` runs, and what a partner
 * agency runs before joining the alliance.
 *
 * @example
 * const report = await runConformance({ chain: 'finance', servers: 'nats://127.0.0.1:4222', court, gateway, authority, orderDesk,
 *   action: { kind: 'freeze', target: '6222020200112345678', recordType: 'account', amount: '100' } });
 * console.log(formatReport(report));
 * process.exitCode = report.passed ? 0 : 1;
 */
import type { NatsConnection } from 'nats';
import { connectNats } from '../bus/connection.js';
import { isCourtbridgeError } from '../errors.js';
import { isCheckFailure, verdictOfCheckFailure, type CheckVerdict } from './check.js';
import { CONFORMANCE_CHECKS } from './checks.js';
import { ConformanceContext } from './context.js';
import { resolveOptions, type ConformanceOptions } from './options.js';
import { chainUnderTest } from './chain-under-test.js';
import { followRegistry } from './registry-catch-up.js';
import type { RegistryFollower } from '../bus/registry-follower.js';
import type { CheckReport, ConformanceReport } from './report.js';

/** Run every check (or `options.only`) in order; never throws for what the adapter does. */
export async function runConformance(options: ConformanceOptions): Promise<ConformanceReport> {
  const given = resolveOptions(options);
  const startedAtMs = given.now();
  const own: NatsConnection | undefined =
    given.nc === undefined
      ? await connectNats({ servers: given.servers, name: `courtbridge-conformance-${given.chain}` }, given.natsAuth)
      : undefined;
  const nc = given.nc ?? own!;
  // The registry as the alliance has it now, not as the genesis had it: caught up before any check.
  let follower: RegistryFollower | undefined;
  let o = given;
  try {
    if (given.registry !== undefined) {
      follower = await followRegistry({
        nc,
        registry: given.registry,
        authority: given.authority,
        now: given.now,
        catchUpMs: Math.max(given.timeoutMs, 10_000),
      });
      o = { ...given, target: chainUnderTest(given.authority, given.chain, given.now(), given.evmRecords) };
    }
  } catch (e) {
    await own?.close();
    throw e;
  }
  const ctx = new ConformanceContext(nc, o);
  const checks: CheckReport[] = [];
  try {
    for (const check of CONFORMANCE_CHECKS) {
      if (o.only !== undefined && !o.only.includes(check.id)) continue;
      const t0 = o.now();
      let v: CheckVerdict;
      try {
        v = await check.run(ctx);
      } catch (e) {
        v = isCheckFailure(e)
          ? verdictOfCheckFailure(e)
          : {
              status: 'fail',
              detail: `the check could not complete: ${isCourtbridgeError(e) ? `${e.reason}: ` : ''}${(e as Error).message}`,
            };
      }
      const r: CheckReport = {
        id: check.id,
        name: check.id,
        title: check.title,
        status: v.status,
        passed: v.status === 'pass',
        detail: v.detail,
        durationMs: o.now() - t0,
      };
      if (v.evidence !== undefined) r.evidence = v.evidence;
      checks.push(r);
      o.onCheck?.(check.id, v.status);
    }
  } finally {
    await ctx.close();
    await follower?.stop();
    await own?.close();
  }
  const count = (s: CheckReport['status']): number => checks.filter((c) => c.status === s).length;
  const counts = { pass: count('pass'), fail: count('fail'), skip: count('skip') };
  return {
    chain: o.chain,
    adapterDid: ctx.adapterDid,
    adapterVersion: ctx.announcement?.version,
    passed: counts.fail === 0 && checks.length > 0,
    counts,
    checks,
    startedAtMs,
    finishedAtMs: o.now(),
    runId: ctx.runId,
  };
}
