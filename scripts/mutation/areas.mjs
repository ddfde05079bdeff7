/**
 * The trust code mutation testing covers, by area. Each area runs as its own Stryker run with
 * its own incremental file, so one area can be run again alone (`npm run mutate -- proof`) and
 * the score is reported per area. Areas are kept to a few hundred mutants, so one runs in well
 * under half an hour on two cores. Outside: builders and storage (the prover's trees, the dev
 * ledger, key stores, wire codecs), whose output the verifiers below check again.
 */
export const AREAS = {
  chain: ['src/chain/*.ts'],
  proof: ['src/proof/{binary-merkle,node-hash,path,proof-codec,smt-proof,verify}.ts'],
  lightclient: ['src/lightclient/*.ts', '!src/lightclient/memory-store.ts'],
  'identity-jwt': ['src/identity/{alliance-authority,authority,did-key,did-url,jwt,jwt-inspect,jwt-verify,jwt-verify-fast,resolver}.ts'],
  'identity-registry': ['src/identity/{registry,registry-update}.ts'],
  'identity-admission': ['src/identity/{admission-request,chain-entry,trust-file}.ts'],
  'verify-bundle': ['src/verify/{anchored-trace,bundle-convert,bundle-verify,proof-bundle-verify}.ts'],
  'verify-records': ['src/verify/{proven-record,receipt-layout,record-bundle,record-layout}.ts'],
  'verify-notary': [
    'src/verify/{attestations,notarized-bundle-checks,notary,notary-bundle-verify,notary-misbehaviour,notary-record,notary-wire,quorum,reasons}.ts',
  ],
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
  'identity-jwt': 'JWT, did:key, DID URLs, resolver',
  'identity-registry': 'the registry and its signed updates',
  'identity-admission': 'admission requests, chain entries, trust file',
  'verify-bundle': 'bundle verifier, anchored trace',
  'verify-records': 'proven records, record and receipt layout',
  'verify-notary': 'notaries, attestations, quorum',
  'verify-evm': '`src/verify/evm/`',
  bus: '`src/bus/` envelopes, replay guard',
  gate: '`src/relay/auth/`, `src/relay/policy.ts`',
  orders: 'order checks, order replay, judicial trust',
};

export const areaNames = Object.keys(AREAS);
/** An area's record: Stryker's incremental file, a full mutation report (committed, so the score can be read on any clone). */
export const incrementalFileOf = (area) => `test/mutation/incremental/${area}.json`;
