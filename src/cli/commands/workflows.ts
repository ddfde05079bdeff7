/**
 * `courtbridge workflows start`: run the enforcement contract (src/workflows/service/
 * workflows-service.ts) in the foreground until Ctrl-C / SIGTERM, then drain it (the step in
 * flight finishes, the case leases are released for the other replicas).
 */
import { resolve } from 'node:path';
import { formatOptions, parseCommandArgs, type OptionSpecs } from '../args.js';
import { dispatchSubcommand, helpText, type Command } from '../command.js';
import { ExitCode } from '../exit-codes.js';
import { loadFunction } from '../optional-module.js';
import { natsAuthFlags } from '../config.js';

const OPTIONS: OptionSpecs = {
  config: { type: 'string', value: 'FILE', description: 'the workflows config file (JSON); default $COURTBRIDGE_WF_CONFIG' },
  'replica-id': { type: 'string', value: 'ID', description: "this replica's id, unique per process (default host-pid)" },
};

const help = (): string =>
  helpText({
    usage: ['courtbridge workflows start [--config workflows.json] [--replica-id ID] [--nats URL]'],
    description:
      '在前台运行执行合约（调解协议到期未履行 → 立案、查控、冻结/查封、失信惩戒）。可同时运行多个副本：\n' +
      '每个案件同一时刻只有一个副本执行（JetStream KV 中的案件租约）。每个副本都应答网关转发的 MediationService 调用。\n' +
      'Ctrl-C / SIGTERM 时排空并释放租约。\n' +
      'Runs the enforcement contract in the foreground. Several replicas may run at once: one is\n' +
      'active per case (a case lease in JetStream KV). Every replica answers the MediationService\n' +
      'calls gateways forward over NATS; metrics on COURTBRIDGE_WF_METRICS_PORT. Configuration: the config file,\n' +
      'COURTBRIDGE_WF_* variables (see README "Judicial smart contracts"); flags override.',
    options: formatOptions(OPTIONS),
    examples: [
      'courtbridge workflows start --config workflows.json',
      'courtbridge workflows start --config workflows.json --replica-id wf-2',
    ],
  });

interface WorkflowsHandle {
  replicaId: string;
  courtDid: string;
  metricsPort: number | undefined;
  shutdown(): Promise<void>;
}

export const workflowsCommand: Command = {
  name: 'workflows',
  summary: 'workflows start: run the enforcement contract (one active replica per case)',
  help,
  run: (argv, io) =>
    dispatchSubcommand('workflows', argv, io, help, {
      async start(rest) {
        const args = parseCommandArgs(rest, OPTIONS, 'workflows start');
        if (args.flag('help')) {
          io.out(help());
          return ExitCode.Ok;
        }
        const loadWorkflowsConfig = await loadFunction(
          'the workflows configuration',
          ['src/config/workflows-config.ts'],
          'loadWorkflowsConfig',
        );
        const startWorkflowsService = await loadFunction(
          'the enforcement contract service',
          ['src/workflows/service/workflows-service.ts'],
          'startWorkflowsService',
        );
        const file = args.string('config') ?? io.env.COURTBRIDGE_WF_CONFIG;
        const overrides: Record<string, unknown> = {};
        const replicaId = args.string('replica-id');
        if (replicaId !== undefined) overrides.replicaId = replicaId;
        const nats = args.string('nats');
        if (nats !== undefined) overrides.natsServers = nats.split(',');
        const natsAuth = natsAuthFlags(args, io);
        if (natsAuth !== undefined) overrides.natsAuth = natsAuth;
        const config = loadWorkflowsConfig({
          ...(file !== undefined && file !== '' ? { file: resolve(io.cwd, file) } : {}),
          env: io.env,
          overrides,
        });
        const json = args.flag('json');
        // A service log: with --json, one JSON object per line (NDJSON), for a log shipper.
        const emit = (data: Record<string, unknown>, text: string): void => io.out(`${json ? JSON.stringify(data) : text}\n`);
        const service = (await startWorkflowsService(config, {
          onStep: (s: { caseId: string; step: string; actionId?: string }) =>
            emit({ event: 'step', ...s }, `案件 ${s.caseId}: ${s.step}${s.actionId ? ` ${s.actionId}` : ''} / case step`),
          onFiling: (p: { filing: { caseId: string; causeType: string }; seq: number; outcome: string }) =>
            emit(
              { event: 'filing_published', caseId: p.filing.caseId, cause: p.filing.causeType, seq: p.seq, outcome: p.outcome },
              `立案 ${p.filing.caseId} 已发布 (${p.filing.causeType}, #${p.seq}) / filing published`,
            ),
          onFilingError: (caseId: string, e: unknown) =>
            io.err(
              `立案发布${caseId ? ` ${caseId}` : ''}失败，下一轮重试 / filing publish${caseId ? ` ${caseId}` : ''} failed, retried next pass: ${e instanceof Error ? e.message : String(e)}\n`,
            ),
          onError: (caseId: string, e: unknown) =>
            io.err(
              `案件 ${caseId} 推进失败，下一轮重试 / case ${caseId} failed, retried next pass: ${e instanceof Error ? e.message : String(e)}\n`,
            ),
        })) as WorkflowsHandle;
        // Listen for Ctrl-C / SIGTERM before saying it is up: a stop sent on reading that line drains it.
        const stopped = io.untilSignal();
        emit(
          { event: 'started', replicaId: service.replicaId, court: service.courtDid, metricsPort: service.metricsPort ?? null },
          `执行合约副本 ${service.replicaId} 已启动，代表 ${service.courtDid}，应答网关的 MediationService 调用${service.metricsPort === undefined ? '' : `，指标 :${service.metricsPort}/metrics`} (Ctrl-C 停止) / enforcement contract replica started, answering MediationService for the gateways`,
        );
        const signal = await stopped;
        io.err(`${signal}: draining workflows replica ${service.replicaId}...\n`);
        await service.shutdown();
        return ExitCode.Ok;
      },
    }),
};
