/**
 * The end of a long-running adapters process (an adapter, a notary): on the first SIGTERM or
 * SIGINT run its `stop`, then exit 0, or 1 when stopping failed. What a `main.ts` calls; never on
 * import. The log lines name what is stopping.
 */
import type { Logger } from '../../src/log.js';

export interface StopWording {
  /** Logged with the signal when stopping begins, e.g. 'stopping notary'. */
  stopping: string;
  /** Logged with the error when `stop` fails, e.g. 'stopping failed'. */
  failed: string;
}

export function stopOnSignals(stop: () => Promise<void>, logger: Logger, wording: StopWording): void {
  let once = false;
  const onSignal = (signal: NodeJS.Signals): void => {
    if (once) return;
    once = true;
    logger.info({ signal }, wording.stopping);
    stop().then(
      () => process.exit(0),
      (e: unknown) => {
        logger.error({ err: e }, wording.failed);
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', onSignal);
  process.once('SIGINT', onSignal);
}
