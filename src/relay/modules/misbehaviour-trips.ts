/**
 * Misbehaviour -> frozen client -> the chain's breaker trips ("Freshness and safety
 * valves": "tripped automatically on misbehaviour"), audited by `Breakers.trip`. Each freeze trips
 * once per gateway process (keyed by its evidence time), so an operator's reset is not undone
 * while the frozen client awaits resolution; a second replica that sees the breaker already open
 * does not trip again.
 */
import type { Logger } from '../../log.js';
import { misbehaviourTripReason, type Breakers } from '../breaker.js';
import type { QueryPath } from './query-path.js';

export function tripOnMisbehaviour(
  qp: QueryPath,
  breakers: Breakers,
  actorDid: string,
  logger: Logger,
  intervalMs: number,
): { stop(): void } {
  const done = new Set<string>();
  let running = false;
  const check = async (): Promise<void> => {
    if (running) return;
    running = true;
    try {
      for (const c of qp.manager.chains()) {
        const v = qp.manager.view(c.chainId);
        if (v.status !== 'frozen') continue;
        const id = `${c.chainId}@${v.misbehaviour?.frozenAtMs ?? 0}`;
        if (done.has(id)) continue;
        done.add(id);
        if ((await breakers.get(c.chainId)).state === 'open') continue;
        // The log names the misbehaviour the evidence shows (lunatic_attack, fork_detected, ...).
        await breakers.trip(c.chainId, 'misbehaviour', misbehaviourTripReason(v.misbehaviour), actorDid);
      }
    } catch (e) {
      logger.error({ err: e }, 'misbehaviour breaker check failed');
    } finally {
      running = false;
    }
  };
  const timer = setInterval(() => void check(), intervalMs);
  timer.unref();
  void check();
  return { stop: () => clearInterval(timer) };
}
