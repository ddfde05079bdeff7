/**
 * Breaker states kept in memory from a watch on the breaker bucket, so ChainStatus (synchronous)
 * shows the state every replica sees (DESIGN.md "Scale": the state is in JetStream).
 */
import type { KV } from 'nats';

import { fromUtf8 } from '../encoding/bytes.js';
import type { Logger } from '../log.js';
import type { BreakerRecord } from './breaker.js';
import type { BreakerView } from './modules/chains.js';

export async function watchBreakerViews(kv: KV, logger: Logger): Promise<{ view(chain: string): BreakerView; stop(): void }> {
  const views = new Map<string, BreakerView>();
  const w = await kv.watch({ key: '>' });
  void (async () => {
    for await (const e of w) {
      if (e.operation !== 'PUT' || e.value.length === 0) {
        views.delete(e.key);
        continue;
      }
      try {
        const r = JSON.parse(fromUtf8(e.value)) as BreakerRecord;
        views.set(e.key, { state: r.state, reason: r.state === 'open' ? `breaker_open: ${r.cause}: ${r.reason}` : '' });
      } catch {
        logger.warn({ chain: e.key }, 'unreadable breaker record ignored');
      }
    }
  })();
  return { view: (chain) => views.get(chain) ?? { state: 'closed', reason: '' }, stop: () => w.stop() };
}
