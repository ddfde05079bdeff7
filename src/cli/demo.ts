/**
 * Entry of `npm run demo` (runs from source via tsx). Options:
 *   --keep           keep the system running after the scenario (Ctrl-C stops it)
 *   --summary FILE   write the scenario's outcomes as JSON (the demo test reads it)
 *   --records N      seed records per chain (default 2000)
 *   --port N         gRPC port of the gateway (default: a free one)
 *   --page-port N    port of the verification page (default: a free one)
 *   --metrics-port N port of the metrics endpoint (default: a free one)
 *   --sm2            the alliance on SM2/SM3: member keys SM2, the dev-ledger chains SM3 with SM2 validators
 * NATS_URL uses an existing NATS server instead of starting a private one; the demo first deletes
 * the streams and KV buckets an earlier demo run left there (only the demo's own).
 *
 * Nothing outlives the demo: its children exit when it dies (stack.ts), and it stops itself as on
 * Ctrl-C when a launcher above it (npm, tsx) is killed.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { runDemo } from '../demo/scenario.js';
import { watchLaunchers } from './launcher-watch.js';

const { values } = parseArgs({
  options: {
    keep: { type: 'boolean', default: false },
    summary: { type: 'string' },
    records: { type: 'string', default: '2000' },
    port: { type: 'string' },
    'page-port': { type: 'string' },
    'metrics-port': { type: 'string' },
    sm2: { type: 'boolean', default: false },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write(
    [
      'usage: npm run demo [-- --keep] [--sm2] [--summary FILE] [--records N] [--port N] [--page-port N] [--metrics-port N]',
      '  --sm2  国密 SM2/SM3：成员密钥 SM2，开发链 SM3 哈希、SM2 验证人（EVM 链与数据库登记簿不变） /',
      '         national cryptography: member keys SM2, dev-ledger chains SM3 with SM2 validators (EVM chain and database registry unchanged)',
      '',
    ].join('\n'),
  );
  process.exit(0);
}
// SIGTERM: the same clean stop as Ctrl-C with --keep; without --keep the children's guards clean up.
watchLaunchers(() => process.kill(process.pid, 'SIGTERM'));
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
try {
  await runDemo({
    root,
    keep: values.keep,
    records: Number(values.records),
    sm2: values.sm2,
    ...(values.summary === undefined ? {} : { summaryFile: resolve(values.summary) }),
    ...(values.port === undefined ? {} : { port: Number(values.port) }),
    ...(values['page-port'] === undefined ? {} : { pagePort: Number(values['page-port']) }),
    ...(values['metrics-port'] === undefined ? {} : { metricsPort: Number(values['metrics-port']) }),
  });
  process.exit(0);
} catch (e) {
  const err = e as { message?: string; code?: string; reason?: string };
  process.stderr.write(`\ndemo failed: ${err.message ?? String(e)}\n`);
  if (process.env['COURTBRIDGE_DEBUG']) process.stderr.write(`${(e as Error).stack ?? ''}\n`);
  process.exit(1);
}
