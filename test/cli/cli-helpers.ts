/**
 * Running the real `courtbridge` binary (`node bin/courtbridge.mjs ...`) from a test, and writing
 * the fixture alliance's genesis and key files to a temp dir (what an operator hands the CLI).
 */
import { execFile } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { toHex } from '../../src/encoding/bytes.js';
import { writeKeyFile } from '../../src/identity/keystore.js';
import type { AllianceFixture } from '../helpers/alliance-fixture.js';

export const ROOT = resolve(import.meta.dirname, '..', '..');
export const BIN = join(ROOT, 'bin', 'courtbridge.mjs');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Run the binary as a child process with a minimal environment. */
export function cli(
  args: string[],
  opts: { env?: Record<string, string>; cwd?: string; nodeArgs?: string[]; timeoutMs?: number } = {},
): Promise<Run> {
  return new Promise((res) => {
    execFile(
      process.execPath,
      [...(opts.nodeArgs ?? []), BIN, ...args],
      {
        cwd: opts.cwd ?? ROOT,
        env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...opts.env },
        timeout: opts.timeoutMs ?? 120_000,
        maxBuffer: 16 * 1024 * 1024,
      },
      (error, stdout, stderr) => res({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : -1, stdout, stderr }),
    );
  });
}

/** The genesis file and its pinned hash, and a key file per member DID, under `dir`. */
export async function writeAllianceFiles(
  fx: AllianceFixture,
  dir: string,
): Promise<{ genesis: string; genesisHash: string; keyFile(did: string): string }> {
  const genesis = join(dir, 'genesis.json');
  await writeFile(genesis, fx.genesisBytes);
  const files = new Map<string, string>();
  for (const [did, sk] of fx.privateKeys) {
    const f = join(dir, `${did.replace(/[^a-z0-9-]/gi, '_')}.key`);
    await writeKeyFile(f, { did, kid: `${did}#key-1`, privateKey: sk });
    files.set(did, f);
  }
  return {
    genesis,
    genesisHash: toHex(fx.loaded.hash),
    keyFile: (did) => {
      const f = files.get(did);
      if (f === undefined) throw new Error(`no key file for ${did}`);
      return f;
    },
  };
}
