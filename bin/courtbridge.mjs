#!/usr/bin/env node
// The `courtbridge` command. Runs the TypeScript sources directly (no build step) through tsx's
// ESM loader, so `npx courtbridge --help` works on a fresh clone after `npm ci`.
// Nothing in src/cli/main.ts runs on import; main(argv) does the work and returns the exit code.
import { register } from 'tsx/esm/api';

register();
const { main } = await import('../src/cli/main.ts');
const code = await main(process.argv.slice(2));
// Let stdout drain before exiting (a pipe may still hold the output); if a library left a
// handle open (a socket in close-wait), leave anyway shortly after.
process.exitCode = code;
setTimeout(() => process.exit(code), 2000).unref();
