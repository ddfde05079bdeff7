/**
 * The partner path, as the command lines the documentation shows (README "Write your own
 * adapter", adapters/sdk/README.md) and the end-to-end test runs, word for word. `$GENESIS_HASH`,
 * `$GATEWAY` and `$NATS` are shell variables the documentation sets; the test sets them to the
 * hash `alliance init` printed and to its own gateway port and nats-server.
 */

/**
 * One command line; `background` ones keep running (the gateway, the adapter); `shell` ones are
 * not courtbridge lines and run in bash as written, with `$COURTBRIDGE_HOME` the checkout.
 */
export interface PathStep {
  line: string;
  background?: true;
  shell?: true;
}

export const ALLIANCE_STEPS: readonly PathStep[] = [
  { line: 'courtbridge keys new --out admin-1.key --did-alliance admin-1' },
  { line: 'courtbridge keys new --out admin-2.key --did-alliance admin-2' },
  { line: 'courtbridge keys new --out admin-3.key --did-alliance admin-3' },
  { line: 'courtbridge keys new --out court.key --did-alliance court-bj-01' },
  { line: 'courtbridge keys new --out gateway.key --did-alliance gateway-1' },
  {
    line: 'courtbridge alliance init --alliance-id partner-alliance --admin admin-1.key --admin admin-2.key --admin admin-3.key --quorum 2 --member court=court.key --member gateway=gateway.key --out genesis.json',
  },
  {
    line: 'COURTBRIDGE_KEY_FILE=gateway.key COURTBRIDGE_GENESIS_FILE=genesis.json COURTBRIDGE_GENESIS_HASH=$GENESIS_HASH courtbridge gateway start --listen $GATEWAY --nats $NATS',
    background: true,
  },
];

export const PARTNER_REQUEST_STEPS: readonly PathStep[] = [
  { line: 'courtbridge keys new --out partner.key --did-alliance licence-office' },
  // The partner's package, outside the repository: courtbridge linked in as `npm install courtbridge` would.
  { line: `mkdir -p my-adapter/node_modules && echo '{ "type": "module" }' > my-adapter/package.json`, shell: true },
  { line: 'ln -s "$COURTBRIDGE_HOME" my-adapter/node_modules/courtbridge   # the courtbridge checkout', shell: true },
  {
    line: `cp "$COURTBRIDGE_HOME/test/onboarding/partner-adapter/definition.ts" my-adapter/   # your definition; imports only 'courtbridge/sdk'`,
    shell: true,
  },
  {
    line: 'courtbridge alliance request --key partner.key --genesis genesis.json --genesis-hash $GENESIS_HASH --org "Licence Office" --role adapter --chain licence-registry --chain-data-dir my-adapter/chain-data --module my-adapter/definition.ts --display-name 执业许可登记链 --out request.json',
  },
];

export const ADMIN_APPROVAL_STEPS: readonly PathStep[] = [
  { line: 'courtbridge alliance register --request request.json --admin-key admin-1.key --admin-key admin-2.key --gateway $GATEWAY' },
  { line: 'courtbridge alliance admit-chain --request request.json --admin-key admin-2.key --admin-key admin-3.key --gateway $GATEWAY' },
];

export const PARTNER_RUN_STEPS: readonly PathStep[] = [
  {
    line: 'courtbridge adapter start --module my-adapter/definition.ts --data-dir my-adapter/chain-data --key partner.key --genesis genesis.json --genesis-hash $GENESIS_HASH --nats $NATS',
    background: true,
  },
  {
    line: 'courtbridge conformance --chain licence-registry --court-key court.key --gateway-key gateway.key --genesis genesis.json --genesis-hash $GENESIS_HASH --probe-key licence/11010001 --nats $NATS',
  },
  { line: 'courtbridge query --chain licence-registry --type licence --id 11010001 --as court.key --gateway $GATEWAY' },
];

export const PARTNER_PATH: readonly PathStep[] = [
  ...ALLIANCE_STEPS,
  ...PARTNER_REQUEST_STEPS,
  ...ADMIN_APPROVAL_STEPS,
  ...PARTNER_RUN_STEPS,
];

/**
 * A line as a shell splits it: leading `VAR=value` assignments, then words; double quotes group,
 * `$VAR` expands from `vars`.
 */
export function shellWords(line: string, vars: Readonly<Record<string, string>>): { env: Record<string, string>; argv: string[] } {
  const words: string[] = [];
  for (const m of line.matchAll(/"([^"]*)"|(\S+)/g)) {
    const w = m[1] ?? m[2]!;
    words.push(w.replace(/\$([A-Z_]+)/g, (_, name: string) => vars[name] ?? `$${name}`));
  }
  const env: Record<string, string> = {};
  while (words.length > 0 && /^[A-Z_]+=/.test(words[0]!)) {
    const [k, ...v] = words.shift()!.split('=');
    env[k!] = v.join('=');
  }
  if (words.shift() !== 'courtbridge') throw new Error(`not a courtbridge line: ${line}`);
  return { env, argv: words };
}
