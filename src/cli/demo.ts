/**
 * Entry of `npm run demo` (runs from source via tsx). Options:
 *   --keep           keep the system running after the scenario (Ctrl-C stops it)
 *   --summary FILE   write the scenario's outcomes as JSON (the demo test reads it)
 *   --records N      seed records per chain (default 2000)
 *   --port N         gRPC port of the gateway (default: a free one)
 * NATS_URL uses an existing NATS server instead of starting a private one.
 */
import { parseArgs } from 'node:util';
import { fileURLToPath } from 'node:url';
import { dirname, resolve } from 'node:path';
import { runDemo } from '../demo/scenario.js';

const { values } = parseArgs({
  options: {
    keep: { type: 'boolean', default: false },
    summary: { type: 'string' },
    records: { type: 'string', default: '2000' },
    port: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  process.stdout.write('usage: npm run demo [-- --keep] [--summary FILE] [--records N] [--port N]\n');
  process.exit(0);
}
const root = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
try {
  await runDemo({
    root,
    keep: values.keep,
    records: Number(values.records),
    ...(values.summary === undefined ? {} : { summaryFile: resolve(values.summary) }),
    ...(values.port === undefined ? {} : { port: Number(values.port) }),
  });
  process.exit(0);
} catch (e) {
  const err = e as { message?: string; code?: string; reason?: string };
  process.stderr.write(`\ndemo failed: ${err.message ?? String(e)}\n`);
  if (process.env['COURTBRIDGE_DEBUG']) process.stderr.write(`${(e as Error).stack ?? ''}\n`);
  process.exit(1);
}
