/**
 * `npm run demo`: a court's day on the alliance, end to end, over the real parts: a private
 * nats-server, six adapter processes on seeded dev chains, the gateway, the enforcement contract
 * service's two replica processes (enforcement-step.ts, mediation-step.ts), and a court calling the
 * gateway over gRPC with a bearer token. Every answer shown is re-verified here from its bytes alone
 * (`src/verify/`), as a party would. Outcomes go to a JSON summary (`--summary FILE`) that the
 * demo's test checks.
 */
import { createWriteStream, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createLogger } from '../log.js';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { connectNats } from '../bus/connection.js';
import { busUserOf, intakeBusUserOf } from '../bus/permissions.js';
import { fromUtf8, utf8 } from '../encoding/bytes.js';
import { sha256 } from '../crypto/hash.js';
import { signEvidenceClaim, singleClaimOf } from '../workflows/evidence.js';
import { readKeyFile } from '../identity/keystore.js';
import { loadGatewayConfig } from '../config/gateway-config.js';
import { startGatewayNode } from '../node/gateway-node.js';
import type { RunningGateway } from '../relay/gateway.js';
import { connectGateway, type GatewayConnection } from '../client/gateway-client.js';
import { mintAuthToken } from '../cli/session.js';
import { verifyBundle } from '../verify/bundle-verify.js';
import { authorityFromGenesisFile } from '../conformance/mod.js';
import type { Authority } from '../identity/authority.js';
import { hashSuiteAt, type ChainDirectory } from '../identity/chain-entry.js';
import type { MessageOutput } from '../wire/messages.js';
import { DEMO_CAST } from '../seed/demo-cast.js';
import { freePort } from '../devtools/nats-server.js';
import { startDemoStack, DEMO_CHAINS, DEMO_EVM_CHAIN, DEMO_NOTARY_CHAIN, type DemoStack } from './stack.js';
import { type EnterpriseStepSummary, runEnterpriseStep } from './enterprise-step.js';
import { type BankruptcyStepSummary, runBankruptcyStep } from './bankruptcy-step.js';
import { type BankStepSummary, runBankStep } from './bank-step.js';
import { type EquityStepSummary, runEquityStep } from './equity-step.js';
import { bankAccountId, DEMO_BANK_ACCOUNTS } from './bank-chain.js';
import { writeDemoCliConfig } from './cli-config.js';
import { type EnforcementStepSummary, runEnforcementStep } from './enforcement-step.js';
import { type MediationStepSummary, runMediationStep } from './mediation-step.js';
import { allianceSuiteLine, bundleSuites, bundleSuitesText } from './suite-text.js';
import type { HashSuite } from '../crypto/hash-suite.js';
import type { SignatureSuite } from '../crypto/signature-suite.js';

export interface DemoOptions {
  root: string;
  keep: boolean;
  summaryFile?: string;
  records: number;
  port?: number;
  /** Port of the verification page (default: a free one). */
  pagePort?: number;
  /** Port of the metrics endpoint (default: a free one). */
  metricsPort?: number;
  /**
   * The alliance on the national cryptography suite: every member key SM2, every dev-ledger chain
   * SM3-hashed with SM2 validators. The EVM chain and the database registry keep their own rules.
   */
  sm2?: boolean;
}

/** What happened, for the demo test (outcomes, not text). */
export interface DemoSummary {
  gateway: string;
  chainsActive: string[];
  lawyer: { licence: string; status: string; verdict: string };
  property: { items: number; domains: string[]; allVerified: boolean; failures: string[] };
  creditAbsent: { proven: boolean; verdict: string };
  bank: BankStepSummary;
  enterprise: EnterpriseStepSummary;
  equity: EquityStepSummary;
  bankruptcy: BankruptcyStepSummary;
  evidence: { anchored: boolean; verified: boolean; alteredAnchored: boolean };
  enforcement: EnforcementStepSummary;
  mediation: MediationStepSummary;
  /** The suites the run really used: the court's key (every member's), the judicial chain entry's hash. */
  suites: { signature: SignatureSuite; judicialHash: HashSuite };
  /** The genesis file the run made (its text, hashing to the pinned hash), kept since its directory is removed at the end. */
  genesis: { sha256Hex: string; text: string };
  steps: string[];
}

/** Licence states of the lawyer registry, as a clerk reads them. */
const LICENCE_STATUS_ZH: Readonly<Record<string, string>> = { active: '正常执业', suspended: '暂停执业', revoked: '已吊销' };
/** Asset domains of an investigation. */
const DOMAIN_ZH: Readonly<Record<string, string>> = {
  ASSET_DOMAIN_PROPERTY: '不动产 property',
  ASSET_DOMAIN_FINANCE: '金融 finance',
  ASSET_DOMAIN_IP: '知识产权 ip',
};

const say = (line = ''): void => void process.stdout.write(`${line}\n`);

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
function offline(
  bundle: MessageOutput<'ProofBundle'>,
  authority: Authority & ChainDirectory,
  nowMs: number,
): { verdict: string; failed: string[] } {
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
    say('courtbridge 演示：法院查询合作方链上的记录并取得证明，法院的执行令在合作方链上生效。');
    say('courtbridge demo: a court queries partner chains with proof, and its orders act on them.');
    say(allianceSuiteLine(opts.sm2 === true));
    say(`工作目录 / working directory ${dir}`);

    step(
      '启动联盟：NATS、密钥与创世文件、八条开发链、一条 EVM 链和一个数据库登记簿及其公证人、各链适配器 / Start the alliance: NATS, keys and genesis, eight seeded dev-ledger chains, an EVM chain and a database registry with their notaries, their adapters',
    );
    const devChains = DEMO_CHAINS.map((ch) => ch.id);
    stack = await startDemoStack({
      root: opts.root,
      dir,
      records: opts.records,
      nowMs: Date.now(),
      progress: detail,
      ...(opts.sm2
        ? {
            hashSuites: Object.fromEntries(devChains.map((id) => [id, 'sm3' as const])),
            signatureSuites: Object.fromEntries(devChains.map((id) => [id, 'sm2' as const])),
            memberKeySuite: 'sm2' as const,
          }
        : {}),
    });
    steps.push('stack');

    step(
      '启动网关（gRPC 反射、健康检查、指标、核验页面） / Start the gateway (gRPC with reflection, health, metrics, the verification page)',
    );
    const port = opts.port ?? (await freePort());
    const pagePort = opts.pagePort ?? (await freePort());
    const config = loadGatewayConfig({
      env: {},
      overrides: {
        listen: `127.0.0.1:${port}`,
        natsServers: [stack.natsUrl],
        natsAuth: stack.natsAuth(busUserOf('gateway', stack.alliance.dids['gateway']!)),
        keyFile: stack.alliance.keyFiles['gateway']!,
        genesisFile: stack.alliance.genesisFile,
        genesisHash: stack.alliance.genesisHashHex,
        metricsPort: opts.metricsPort ?? 0,
        logLevel: 'info',
        chains: [...DEMO_CHAINS.map((ch) => ch.id), DEMO_EVM_CHAIN, DEMO_NOTARY_CHAIN],
        verificationHttp: { host: '127.0.0.1', port: pagePort },
        chainTrust: Object.fromEntries(
          [...stack.anchors].map(([chain, a]) => [
            chain,
            {
              start: { kind: 'anchor', height: a.height, headerHash: a.hashHex },
              trustingPeriodMs: 14 * 86_400_000,
              maxClockDriftMs: 10_000,
              defaultMaxStalenessMs: 0,
            },
          ]),
        ),
      },
    });
    const logFile = join(dir, 'logs', 'gateway.log');
    gw = await startGatewayNode(config, {
      logger: createLogger({ component: 'gateway', level: 'info', destination: createWriteStream(logFile) }),
    });
    detail(`网关日志 / gateway logs (JSON): ${logFile}`);
    detail(`网关 / gateway ${gw.did}: ${gw.address}`);
    if (gw.verificationUrl) detail(`核验页面 / verification page: ${gw.verificationUrl}`);
    if (gw.metricsPort) detail(`指标 / metrics: http://127.0.0.1:${gw.metricsPort}/metrics`);
    steps.push('gateway');
    // The enforcement contract service starts now, in the background: its replicas are needed from step 11 on.
    const replicasStarting = stack.startWorkflows({ address: gw.address, did: gw.did });
    replicasStarting.catch(() => undefined);
    detail(
      `执行合约服务的两个副本进程正在启动（courtbridge workflows start，配置 / config ${join(stack.alliance.dir, 'workflows.json')}） / two replica processes of the enforcement contract service are starting`,
    );

    const authority = authorityFromGenesisFile(stack.alliance.genesisFile, stack.alliance.genesisHashHex);
    const court = await readKeyFile(stack.alliance.keyFiles['court']!);
    conn = connectGateway({ address: gw.address, timeoutMs: 10_000, bearer: mintAuthToken(court, gw.did, Date.now()) });
    const c = conn;
    const chainsService = c.client('ChainService');

    step(
      '等待网关信任每条链（轻客户端按签名区块头同步；EVM 链以公证人签名的区块为准） / Wait until the gateway trusts every chain (light clients synced from signed headers; the EVM chain: blocks its notaries signed)',
    );
    const chainIds = [...DEMO_CHAINS.map((ch) => ch.id), DEMO_EVM_CHAIN, DEMO_NOTARY_CHAIN];
    // Trusted and served: an EVM chain turns ACTIVE from its notaries' signed blocks, which can
    // come before its adapter has announced itself, and the scenario queries it at once.
    const active = await waitFor(
      'every chain active and served by an adapter',
      async () => {
        const statuses = await Promise.all(chainIds.map((id) => c.unary(chainsService, 'getChainStatus', { chainId: id })));
        const ok = statuses.filter((s) => String(s.status).endsWith('ACTIVE') && s.replicas.length > 0).map((s) => s.chainId);
        return ok.length === chainIds.length ? ok : undefined;
      },
      60_000,
    );
    for (const id of chainIds) {
      const s = await c.unary(chainsService, 'getChainStatus', { chainId: id });
      detail(`${id.padEnd(10)} 已信任高度 / trusted height ${s.trustedHeight}，适配器副本 / adapter replicas ${s.replicas.length}`);
    }
    steps.push('chains_active');

    const query = c.client('QueryService');
    const cast = DEMO_CAST;

    step(
      `在律师登记链上核验律师${cast.lawyer.nameZh}的执业证 ${cast.lawyer.licenceNo} / Check lawyer ${cast.lawyer.name}'s licence on the lawyer registry`,
    );
    const lawyerAnswer = await c.unary(query, 'query', {
      query: { chainId: 'lawyer', recordType: 'lawyer', key: cast.lawyer.key, height: { latest: {} } },
    });
    const lb = lawyerAnswer.bundle!;
    const lawyerRecord = JSON.parse(fromUtf8(lb.record!.value as Uint8Array)) as { status?: string; licenceStatus?: string };
    const lawyerCheck = offline(lb, authority, Date.now());
    const licenceStatus = lawyerRecord.licenceStatus ?? lawyerRecord.status ?? 'unknown';
    detail(
      `执业状态 / licence status: ${LICENCE_STATUS_ZH[licenceStatus] ?? licenceStatus} (${licenceStatus})，律师链高度 / height ${lb.stateHeight}；证明包离线复核 / verified offline: ${lawyerCheck.verdict}`,
    );
    detail(bundleSuitesText(bundleSuites(lb, authority, Date.now())));
    steps.push('lawyer');

    step(
      `查询被执行人${cast.debtor.nameZh}在不动产、金融、知识产权链上的财产（只用身份证号的加密哈希） / Investigate the debtor's assets across property, finance and IP (by keyed id hash only)`,
    );
    const inv = await c.unary(c.client('InvestigationService'), 'investigate', {
      ownerIdHash: Buffer.from(cast.debtor.idHash, 'hex'),
      domains: ['ASSET_DOMAIN_PROPERTY', 'ASSET_DOMAIN_FINANCE', 'ASSET_DOMAIN_IP'],
    });
    let allVerified = true;
    for (const item of inv.items ?? []) {
      const v = offline(item.bundle!, authority, Date.now());
      allVerified &&= v.verdict === 'valid';
      detail(
        `${DOMAIN_ZH[String(item.domain)] ?? String(item.domain)} [${item.bundle?.record?.chainId}] ${item.bundle?.record?.key}  证明 / proof: ${v.verdict}`,
      );
    }
    const failures = (inv.failures ?? []).map((f) => `${f.chainId}: ${f.message}`);
    for (const f of failures) detail(`未答复 / did not answer: ${f}`);
    steps.push('investigate');

    step(
      `证明${cast.debtor.nameZh}不在失信被执行人名单上（不存在证明） / Prove the debtor is NOT on the dishonest judgment debtors list (non-membership)`,
    );
    const absent = await c.unary(query, 'query', {
      query: { chainId: 'credit', recordType: 'dishonest', key: cast.debtor.dishonestKey, height: { latest: {} } },
      maxStalenessMs: 60_000,
    });
    const ab = absent.bundle!;
    const absentCheck = offline(ab, authority, Date.now());
    const proven = ab.result === 'absence';
    detail(
      `${proven ? '不在名单上（已证明） / absent, proven' : '在名单上 / PRESENT'}，信用链高度 / height ${ab.stateHeight}；离线复核 / verified offline: ${absentCheck.verdict}`,
    );
    detail(bundleSuitesText(bundleSuites(ab, authority, Date.now())));
    steps.push('credit_absent');

    step(
      "银行联盟链（EVM，2/3 公证人）: 查询被执行人账户并冻结 / the bank consortium's EVM chain: query the debtor's account, then freeze it",
    );
    // The court's desk writes the order on the judicial chain as the workflow service does (its bus identity).
    const nc = await connectNats({ servers: stack.natsUrl, name: 'courtbridge-demo-bank' }, stack.natsAuth('workflows'));
    let bank: BankStepSummary;
    try {
      bank = await runBankStep({
        c,
        nc,
        court,
        gatewaySigner: await readKeyFile(stack.alliance.keyFiles['gateway']!),
        adapterDid: stack.alliance.dids[`adapter:${DEMO_EVM_CHAIN}`]!,
        authority,
        detail,
      });
    } finally {
      await nc.close();
    }
    steps.push('bank_evm');

    step(
      '企业登记簿（数据库，2/3 公证人）: 查询企业 / the enterprise registry, a database whose notaries sign each record: look a company up',
    );
    const enterprise = await runEnterpriseStep({ c, authority, detail });
    steps.push('enterprise_notary');

    step(
      `市场监管链：查得被执行人${cast.debtor.nameZh}的股权并冻结 / the market regulation chain: find the debtor's equity stake and freeze it`,
    );
    const equityNats = await connectNats({ servers: stack.natsUrl, name: 'courtbridge-demo-equity' }, stack.natsAuth('workflows'));
    let equity: EquityStepSummary;
    try {
      equity = await runEquityStep({
        c,
        nc: equityNats,
        court,
        gatewaySigner: await readKeyFile(stack.alliance.keyFiles['gateway']!),
        adapterDid: stack.alliance.dids['adapter:market']!,
        authority,
        detail,
      });
    } finally {
      await equityNats.close();
    }
    steps.push('equity_freeze');

    step(
      "破产链：债权人会议表决（企业破产法第六十四条），法院结束表决，计票结果可独立复核 / the bankruptcy chain: a creditors' meeting votes (art. 64), the court closes it, anyone re-checks the tally",
    );
    // The platform hands creditors' signed ballots to the chain's intake; the court desk files the order.
    const platformNc = await connectNats(
      { servers: stack.natsUrl, name: 'courtbridge-demo-bankruptcy-platform' },
      stack.natsAuth(intakeBusUserOf('bankruptcy')),
    );
    const deskNc = await connectNats({ servers: stack.natsUrl, name: 'courtbridge-demo-bankruptcy-desk' }, stack.natsAuth('workflows'));
    let bankruptcy: BankruptcyStepSummary;
    try {
      bankruptcy = await runBankruptcyStep({
        c,
        nc: deskNc,
        platformNc,
        court,
        gatewaySigner: await readKeyFile(stack.alliance.keyFiles['gateway']!),
        adapterDid: stack.alliance.dids['adapter:bankruptcy']!,
        authority,
        detail,
      });
    } finally {
      await platformNc.close();
      await deskNc.close();
    }
    steps.push('bankruptcy_meeting');

    step(
      '在司法链上存证一份证据，再核验它（以及改动一个字节的副本） / Anchor a piece of evidence on the judicial chain, then verify it (and a one-byte-altered copy)',
    );
    const evidenceDir = join(dir, 'evidence');
    mkdirSync(evidenceDir, { recursive: true });
    const original = utf8(
      `民事调解书 (2026)京0101民初${String(Date.now() % 100_000).padStart(5, '0')}号: 张伟 shall pay 李娜 8,000,000 yuan by the agreed deadline.\n`,
    );
    const altered = original.slice();
    altered[altered.length - 3]! ^= 1;
    writeFileSync(join(evidenceDir, 'mediation-agreement.txt'), original);
    writeFileSync(join(evidenceDir, 'mediation-agreement-altered.txt'), altered);
    const evidence = c.client('EvidenceService');
    const claim = signEvidenceClaim(
      court,
      sha256(original),
      [
        { name: 'kind', value: 'case_file' },
        { name: 'case', value: 'DEMO-MEDIATION' },
      ],
      Date.now(),
    );
    const anchored = await c.unary(evidence, 'anchorEvidence', singleClaimOf(claim));
    detail(
      `${anchored.anchorId} ${String(anchored.status) === 'ANCHOR_STATUS_ANCHORED' ? '已存证 / anchored' : String(anchored.status)}（只传输 SHA-256，文件本身不离开本机 / only the SHA-256 travels, never the file）`,
    );
    const check = await c.unary(evidence, 'verifyEvidence', { contentHash: sha256(original) });
    const checkAltered = await c.unary(evidence, 'verifyEvidence', { contentHash: sha256(altered) });
    const evidenceOk = String(check.status) === 'ANCHOR_STATUS_ANCHORED';
    const alteredAnchored = String(checkAltered.status) === 'ANCHOR_STATUS_ANCHORED';
    detail(
      `原件 / original: ${evidenceOk ? '已存证 / anchored' : '未存证 / NOT anchored'}；改动副本 / altered copy: ${alteredAnchored ? '已存证（错误！） / ANCHORED (wrong!)' : '未存证（已证明不存在） / not anchored (absence proven)'}`,
    );
    detail(`可拖入核验页面的文件 / files to drop on the verification page: ${evidenceDir}`);
    steps.push('evidence');

    step(
      '生效判决到期未履行：执行合约服务（两个副本进程）自动立案、冻结、扣划、按顺位分配 / An effective judgment is left unperformed: the enforcement contract service (two replica processes) files, freezes, deducts and distributes by rank',
    );
    const replicas = await replicasStarting;
    const wfNats = await connectNats({ servers: stack.natsUrl, name: 'courtbridge-demo-court-desk' }, stack.natsAuth('workflows'));
    let enforcement: EnforcementStepSummary;
    try {
      enforcement = await runEnforcementStep({
        conn: c,
        gateway: { address: gw.address, did: gw.did },
        nc: wfNats,
        court,
        gatewaySigner: await readKeyFile(stack.alliance.keyFiles['gateway']!),
        authority,
        replicas,
        detail,
      });
    } finally {
      await wfNats.close();
    }
    steps.push('enforcement');

    step(
      '调解不成：一方撤回调解，执行合约服务在司法链上转诉讼立案 / A mediation fails: a party withdraws, and the contract files the trial on the judicial chain',
    );
    const mediation = await runMediationStep({ conn: c, gatewayDid: gw.did, court, authority, detail });
    steps.push('mediation_trial');

    const summary: DemoSummary = {
      gateway: gw.address,
      chainsActive: active,
      lawyer: { licence: cast.lawyer.licenceNo, status: licenceStatus, verdict: lawyerCheck.verdict },
      property: {
        items: inv.items?.length ?? 0,
        domains: [...new Set((inv.items ?? []).map((i) => String(i.domain)))],
        allVerified,
        failures,
      },
      creditAbsent: { proven, verdict: absentCheck.verdict },
      bank,
      enterprise,
      equity,
      bankruptcy,
      evidence: { anchored: String(anchored.status) === 'ANCHOR_STATUS_ANCHORED', verified: evidenceOk, alteredAnchored },
      enforcement,
      mediation,
      suites: { signature: court.suite, judicialHash: hashSuiteAt(authority, 'judicial', Date.now()) },
      genesis: { sha256Hex: stack.alliance.genesisHashHex, text: fromUtf8(stack.alliance.genesisBytes) },
      steps,
    };
    if (opts.summaryFile) {
      mkdirSync(resolve(opts.summaryFile, '..'), { recursive: true });
      writeFileSync(opts.summaryFile, JSON.stringify(summary, null, 2));
    }

    step('自己动手试试 / Try it yourself');
    printTour(gw, stack, opts.keep, enforcement.caseId);
    if (opts.keep) {
      say('     系统保持运行，按 Ctrl-C 停止 / the system keeps running: press Ctrl-C to stop it');
      await new Promise<void>((r) => {
        process.once('SIGINT', () => r());
        process.once('SIGTERM', () => r());
      });
    }
    return summary;
  } finally {
    say();
    say(
      '正在停止：网关、执行合约副本、适配器、公证人、EVM 节点、NATS / stopping: gateway, contract replicas, adapters, notaries, the EVM node, NATS',
    );
    await stopAll();
    // The alliance's keys, the ledgers and the logs were made for this run only: none outlives it.
    // Retries: a child's last log line can land while the tree is being removed (ENOTEMPTY).
    rmSync(dir, { recursive: true, force: true, maxRetries: 10, retryDelay: 100 });
    say(`已干净停止，已删除 ${dir}（密钥、账本、日志） / stopped cleanly; removed it (keys, ledgers, logs)`);
  }
}

function printTour(gw: RunningGateway, stack: DemoStack, keep: boolean, caseId: string): void {
  const keyOf = (n: string): string => stack.alliance.keyFiles[n]!;
  const lines = [
    `GW=${gw.address}`,
    `TOKEN=$(npx courtbridge token --as ${keyOf('court')} --aud ${gw.did})`,
    `grpcurl -plaintext $GW list`,
    `grpcurl -plaintext -H "authorization: Bearer $TOKEN" -d '{}' $GW courtbridge.v1.ChainService/ListChains`,
    `grpcurl -plaintext -H "authorization: Bearer $TOKEN" -d '{"query":{"chain_id":"property","record_type":"title","key":"${DEMO_CAST.debtor.apartment.key}","height":{"latest":{}}}}' $GW courtbridge.v1.QueryService/Query`,
    `grpcurl -plaintext -H "authorization: Bearer $TOKEN" -d '{"query":{"chain_id":"credit","record_type":"dishonest","key":"${DEMO_CAST.debtor.dishonestKey}","height":{"latest":{}}}}' $GW courtbridge.v1.QueryService/Query`,
    `grpcurl -plaintext -H "authorization: Bearer $TOKEN" -d '{"chain_id":"finance"}' $GW courtbridge.v1.ActionService/ListActions`,
    `grpcurl -plaintext -H "authorization: Bearer $TOKEN" -d '{"query":{"chain_id":"market","record_type":"equity","key":"${DEMO_CAST.debtor.equity.key}","height":{"latest":{}}}}' $GW courtbridge.v1.QueryService/Query`,
    `grpcurl -plaintext -H "authorization: Bearer $TOKEN" -d '{"query":{"chain_id":"${DEMO_EVM_CHAIN}","record_type":"bank_account","key":"bank_account/${bankAccountId(DEMO_BANK_ACCOUNTS.debtor.accountNo)}","height":{"latest":{}}}}' $GW courtbridge.v1.QueryService/Query`,
    `grpcurl -plaintext -H "authorization: Bearer $TOKEN" -d '{"chain_id":"judicial","from_height":0}' $GW courtbridge.v1.WatchService/WatchHeaders`,
    `grpcurl -plaintext -H "authorization: Bearer $TOKEN" -d '{"case_id":"${caseId}"}' $GW courtbridge.v1.MediationService/GetCase`,
    `grpcurl -plaintext -H "authorization: Bearer $TOKEN" -d '{"case_id":"${caseId}"}' $GW courtbridge.v1.MediationService/ExportAuditLog`,
  ];
  // The README's `courtbridge` lines run as written from the alliance directory with this config.
  writeDemoCliConfig({
    allianceDir: stack.alliance.dir,
    gateway: gw.address,
    gatewayDid: gw.did,
    natsUrl: stack.natsUrl,
    ...(stack.operatorSeed === undefined ? {} : { natsNkey: stack.operatorSeed }),
  });
  say(
    `     courtbridge CLI (README "The courtbridge CLI"): 网关、其 DID、法院密钥与联盟盐都在配置文件里 / gateway, its DID, the court key and the alliance salt are in the config file:`,
  );
  say(`     cd ${stack.alliance.dir} && export COURTBRIDGE_CONFIG=$PWD/courtbridge.json GENESIS_HASH=${stack.alliance.genesisHashHex}`);
  if (gw.verificationUrl) {
    const files = keep ? `（可拖入 / drop the files in ${join(stack.dir, 'evidence')}）` : '';
    say(`     核验页面 / verification page: ${gw.verificationUrl}${files}`);
  }
  say('     更多 / more: README.md "Using the gateway" 与 docs/grpcurl-tour.md');
  if (!keep)
    say('     （运行 `npm run demo -- --keep` 让系统保持运行，再粘贴下面几行 / run it with --keep to keep the system up and paste these）');
  for (const l of lines) say(`     ${l}`);
}
