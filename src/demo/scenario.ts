/**
 * `npm run demo`: a court's day on the alliance, end to end, over the real parts: a private
 * nats-server, six adapter processes on seeded dev chains, the gateway, and a court calling it
 * over gRPC with a bearer token. Every answer shown is re-verified here from its bytes alone
 * (`src/verify/`), as a party would. Outcomes go to a JSON summary (`--summary FILE`) that the
 * demo's test checks.
 */
import { createWriteStream, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createLogger } from '../log.js';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fromUtf8, toHex } from '../encoding/bytes.js';
import { readKeyFile } from '../identity/keystore.js';
import { loadGatewayConfig } from '../config/gateway-config.js';
import { startGateway, type RunningGateway } from '../relay/gateway.js';
import { connectGateway, type GatewayConnection } from '../cli/gateway-client.js';
import { mintAuthToken } from '../cli/session.js';
import { verifyBundle } from '../verify/bundle-verify.js';
import { authorityFromGenesisFile } from '../conformance/authority.js';
import type { Authority } from '../identity/authority.js';
import type { MessageOutput } from '../wire/messages.js';
import { DEMO_CAST } from '../seed/demo-cast.js';
import { freePort } from '../devtools/nats-server.js';
import { startDemoStack, DEMO_CHAINS, type DemoStack } from './stack.js';

export interface DemoOptions {
  root: string;
  keep: boolean;
  summaryFile?: string;
  records: number;
  port?: number;
}

/** What happened, for the demo test (outcomes, not text). */
export interface DemoSummary {
  gateway: string;
  chainsActive: string[];
  lawyer: { licence: string; status: string; verdict: string };
  property: { items: number; domains: string[]; allVerified: boolean; failures: string[] };
  creditAbsent: { proven: boolean; verdict: string };
  steps: string[];
}

const say = (line = ''): void => void process.stdout.write(line + '\n');

let stepNo = 0;
function step(title: string): void {
  stepNo++;
  say();
  say(`[${String(stepNo).padStart(2)}] ${title}`);
}
const detail = (line: string): void => say(`     ${line}`);

async function waitFor<T>(what: string, fn: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const v = await fn();
      if (v !== undefined) return v;
    } catch (e) {
      last = e;
    }
    await new Promise((r) => setTimeout(r, 300));
  }
  throw new Error(`timed out waiting for ${what}${last instanceof Error ? `: ${last.message}` : ''}`);
}

/** Verify a gRPC bundle offline and say so in one line. */
function offline(bundle: MessageOutput<'ProofBundle'>, authority: Authority, nowMs: number): { verdict: string; failed: string[] } {
  const v = verifyBundle(bundle, { atMs: nowMs, authority });
  const failed = v.checks.filter((c) => c.outcome === 'failed').map((c) => `${c.name} (${c.reason})`);
  return { verdict: v.verdict, failed };
}

export async function runDemo(opts: DemoOptions): Promise<DemoSummary> {
  const dir = mkdtempSync(join(tmpdir(), 'courtbridge-demo-'));
  const steps: string[] = [];
  let stack: DemoStack | undefined;
  let gw: RunningGateway | undefined;
  let conn: GatewayConnection | undefined;
  const stopAll = async (): Promise<void> => {
    conn?.close();
    await gw?.shutdown();
    await stack?.stop();
  };
  try {
    say('courtbridge demo: a court queries partner chains with proof, and its orders act on them.');
    say(`working directory ${dir}`);

    step('Start the alliance: NATS, keys and genesis, six seeded chains, their adapters');
    stack = await startDemoStack({ root: opts.root, dir, records: opts.records, nowMs: Date.now(), progress: detail });
    steps.push('stack');

    step('Start the gateway (gRPC with reflection, health, metrics, the verification page)');
    const port = opts.port ?? (await freePort());
    const pagePort = await freePort();
    const config = loadGatewayConfig({
      env: {},
      overrides: {
        listen: `127.0.0.1:${port}`,
        natsServers: [stack.natsUrl],
        keyFile: stack.alliance.keyFiles['gateway']!,
        genesisFile: stack.alliance.genesisFile,
        genesisHash: stack.alliance.genesisHashHex,
        metricsPort: 0,
        logLevel: 'info',
        chains: DEMO_CHAINS.map((ch) => ch.id),
        verificationHttp: { host: '127.0.0.1', port: pagePort },
        chainTrust: Object.fromEntries(
          [...stack.anchors].map(([chain, a]) => [chain, { start: { kind: 'anchor', height: a.height, headerHash: a.hashHex }, trustingPeriodMs: 14 * 86_400_000, maxClockDriftMs: 10_000, defaultMaxStalenessMs: 0 }]),
        ),
      },
    });
    const logFile = join(dir, 'logs', 'gateway.log');
    gw = await startGateway(config, { logger: createLogger({ component: 'gateway', level: 'info', destination: createWriteStream(logFile) }) });
    detail(`gateway logs (JSON) in ${logFile}`);
    detail(`gateway ${gw.did} on ${gw.address}`);
    if (gw.verificationUrl) detail(`verification page ${gw.verificationUrl}`);
    if (gw.metricsPort) detail(`metrics http://127.0.0.1:${gw.metricsPort}/metrics`);
    steps.push('gateway');

    const authority = authorityFromGenesisFile(stack.alliance.genesisFile, stack.alliance.genesisHashHex);
    const court = await readKeyFile(stack.alliance.keyFiles['court']!);
    conn = connectGateway({ address: gw.address, timeoutMs: 10_000, bearer: mintAuthToken(court, gw.did, Date.now()) });
    const c = conn;
    const chainsService = c.client('ChainService');

    step('Wait until the gateway trusts every chain (light clients synced from signed headers)');
    const active = await waitFor(
      'every chain active',
      async () => {
        const statuses = await Promise.all(DEMO_CHAINS.map((ch) => c.unary(chainsService, 'getChainStatus', { chainId: ch.id })));
        const ok = statuses.filter((s) => String(s.status).endsWith('ACTIVE')).map((s) => s.chainId);
        return ok.length === DEMO_CHAINS.length ? ok : undefined;
      },
      60_000,
    );
    for (const ch of DEMO_CHAINS) {
      const s = await c.unary(chainsService, 'getChainStatus', { chainId: ch.id });
      detail(`${ch.id.padEnd(9)} trusted height ${s.trustedHeight}, adapter replicas seen ${s.replicas.length}`);
    }
    steps.push('chains_active');

    const query = c.client('QueryService');
    const cast = DEMO_CAST;

    step(`Check lawyer ${cast.lawyer.name}'s licence ${cast.lawyer.licenceNo} on the lawyer registry`);
    const lawyerAnswer = await c.unary(query, 'query', { query: { chainId: 'lawyer', recordType: 'lawyer', key: cast.lawyer.key, height: { latest: {} } } });
    const lb = lawyerAnswer.bundle!;
    const lawyerRecord = JSON.parse(fromUtf8(lb.record!.value as Uint8Array)) as { status?: string; licenceStatus?: string };
    const lawyerCheck = offline(lb, authority, Date.now());
    const licenceStatus = lawyerRecord.licenceStatus ?? lawyerRecord.status ?? 'unknown';
    detail(`licence status: ${licenceStatus} at lawyer height ${lb.stateHeight}; bundle re-verified offline: ${lawyerCheck.verdict}`);
    steps.push('lawyer');

    step(`Investigate debtor ${cast.debtor.name}'s assets across property, finance and IP (by keyed id hash only)`);
    const inv = await c.unary(c.client('InvestigationService'), 'investigate', {
      ownerIdHash: Buffer.from(cast.debtor.idHash, 'hex'),
      domains: ['ASSET_DOMAIN_PROPERTY', 'ASSET_DOMAIN_FINANCE', 'ASSET_DOMAIN_IP'],
    });
    let allVerified = true;
    for (const item of inv.items ?? []) {
      const v = offline(item.bundle!, authority, Date.now());
      allVerified &&= v.verdict === 'valid';
      detail(`${String(item.domain).replace('ASSET_DOMAIN_', '').toLowerCase().padEnd(8)} ${item.bundle?.record?.key}  proof: ${v.verdict}`);
    }
    const failures = (inv.failures ?? []).map((f) => `${f.chainId}: ${f.message}`);
    for (const f of failures) detail(`did not answer: ${f}`);
    steps.push('investigate');

    step(`Prove ${cast.debtor.name} is NOT on the dishonest judgment debtors list (non-membership)`);
    const absent = await c.unary(query, 'query', { query: { chainId: 'credit', recordType: 'dishonest', key: cast.debtor.dishonestKey, height: { latest: {} } }, maxStalenessMs: 60_000 });
    const ab = absent.bundle!;
    const absentCheck = offline(ab, authority, Date.now());
    const proven = ab.result === 'absence';
    detail(`${proven ? 'absent' : 'PRESENT'} at credit height ${ab.stateHeight}, proof verified offline: ${absentCheck.verdict}`);
    steps.push('credit_absent');

    const summary: DemoSummary = {
      gateway: gw.address,
      chainsActive: active,
      lawyer: { licence: cast.lawyer.licenceNo, status: licenceStatus, verdict: lawyerCheck.verdict },
      property: { items: inv.items?.length ?? 0, domains: [...new Set((inv.items ?? []).map((i) => String(i.domain)))], allVerified, failures },
      creditAbsent: { proven, verdict: absentCheck.verdict },
      steps,
    };
    if (opts.summaryFile) {
      mkdirSync(resolve(opts.summaryFile, '..'), { recursive: true });
      writeFileSync(opts.summaryFile, JSON.stringify(summary, null, 2));
    }

    step('Try it yourself');
    printTour(gw, stack, opts.keep);
    if (opts.keep) {
      say('     the system keeps running: press Ctrl-C to stop it');
      await new Promise<void>((r) => {
        process.once('SIGINT', () => r());
        process.once('SIGTERM', () => r());
      });
    }
    return summary;
  } finally {
    say();
    say('stopping: gateway, adapters, NATS');
    await stopAll();
    say('stopped cleanly');
  }
}

function printTour(gw: RunningGateway, stack: DemoStack, keep: boolean): void {
  const keyOf = (n: string): string => stack.alliance.keyFiles[n]!;
  const lines = [
    `GW=${gw.address}`,
    `TOKEN=$(npx courtbridge token --as ${keyOf('court')} --aud ${gw.did})`,
    `grpcurl -plaintext $GW list`,
    `grpcurl -plaintext -H "authorization: Bearer $TOKEN" -d '{}' $GW courtbridge.v1.ChainService/ListChains`,
    `grpcurl -plaintext -H "authorization: Bearer $TOKEN" -d '{"query":{"chain_id":"property","record_type":"title","key":"${DEMO_CAST.debtor.apartment.key}","height":{"latest":{}}}}' $GW courtbridge.v1.QueryService/Query`,
  ];
  if (!keep) say('     (run `npm run demo -- --keep` to keep the system up and paste these)');
  for (const l of lines) say(`     ${l}`);
  void toHex;
}
