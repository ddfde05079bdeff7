/**
 * The trust code mutation testing covers, by area. Each area runs as its own Stryker run with
 * its own incremental file, so one area can be run again alone (`npm run mutate -- proof`) and
 * the score is reported per area. Outside: builders and storage (the prover's trees, the dev
 * ledger, key stores, wire codecs), whose output the verifiers below check again.
 */
export const AREAS = {
  chain: ['src/chain/*.ts'],
  proof: ['src/proof/{binary-merkle,node-hash,path,proof-codec,smt-proof,verify}.ts'],
  lightclient: ['src/lightclient/*.ts', '!src/lightclient/memory-store.ts'],
  identity: [
    'src/identity/{admission-request,alliance-authority,authority,chain-entry,did-key,did-url,jwt,jwt-inspect,jwt-verify,jwt-verify-fast,registry,registry-update,resolver,trust-file}.ts',
  ],
  verify: ['src/verify/*.ts'],
  'verify-evm': ['src/verify/evm/*.ts'],
  bus: ['src/bus/{envelope,envelope-verify,envelope-policy,replay-guard}.ts'],
  gate: ['src/relay/auth/*.ts', 'src/relay/policy.ts'],
  orders: ['src/judicial/order-check.ts', 'adapters/sdk/{order-check,order-replay,judicial-trust}.ts'],
};

/** How the README's score table names each area's code. */
export const AREA_LABELS = {
  chain: '`src/chain/*.ts`',
  proof: '`src/proof/` checks',
  lightclient: '`src/lightclient/`',
  identity: '`src/identity/` (verify half)',
  verify: '`src/verify/*.ts`',
  'verify-evm': '`src/verify/evm/`',
  bus: '`src/bus/` envelopes, replay guard',
  gate: '`src/relay/auth/`, `src/relay/policy.ts`',
  orders: 'order checks, order replay, judicial trust',
};

export const areaNames = Object.keys(AREAS);
/** An area's record: Stryker's incremental file, a full mutation report (committed, so the score can be read on any clone). */
export const incrementalFileOf = (area) => `test/mutation/incremental/${area}.json`;
