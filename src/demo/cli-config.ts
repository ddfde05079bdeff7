/**
 * The CLI config file the demo leaves beside its alliance (`<alliance dir>/courtbridge.json`),
 * so the README's `courtbridge` lines run against it as written once `COURTBRIDGE_CONFIG` names
 * it: the gateway's address and DID, the court's key and the alliance salt (the demo's, public
 * in src/seed/demo-cast.ts; a real alliance's salt is a secret its operator hands members).
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { toHex } from '../encoding/bytes.js';
import { DEMO_SALT } from '../seed/demo-cast.js';

/** File name of the demo's CLI config, in the alliance directory. */
export const DEMO_CLI_CONFIG = 'courtbridge.json';

export interface DemoCliConfigInput {
  /** The alliance directory (genesis.json, keys/). */
  allianceDir: string;
  gateway: string;
  gatewayDid: string;
  natsUrl: string;
  /** The nkey seed the CLI uses on the demo's secured bus (the operator's: the README's lines act as several roles). */
  natsNkey?: string;
}

/** The config's contents: the `cli` section of src/cli/config.ts, paths relative to the file. */
export function demoCliConfig(o: DemoCliConfigInput): { cli: Record<string, string> } {
  return {
    cli: {
      gateway: o.gateway,
      gatewayDid: o.gatewayDid,
      nats: o.natsUrl,
      ...(o.natsNkey === undefined ? {} : { natsNkey: o.natsNkey }),
      key: 'keys/court.key',
      allianceSaltHex: toHex(DEMO_SALT),
    },
  };
}

/** Write the config (mode 0600: it holds the salt); returns its path. */
export function writeDemoCliConfig(o: DemoCliConfigInput): string {
  const file = join(o.allianceDir, DEMO_CLI_CONFIG);
  writeFileSync(file, `${JSON.stringify(demoCliConfig(o), null, 2)}\n`, { mode: 0o600 });
  return file;
}
