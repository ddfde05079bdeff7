/**
 * The enforcement contract end to end: `workflow.cases_per_s` is cases taken from a registered
 * instrument to closed per second, with every chain live: a nats-server, the five domain adapters
 * over their dev ledgers, a gateway with its production gate (tokens, policy, limits), the judicial
 * chain's write door and the workflow service as deployed (`startWorkflowsService`: the state and
 * case leases in JetStream KV, investigations and orders through the gateway). Each case is a
 * debtor with one bank account: overdue -> filed -> investigated -> frozen -> deducted into the
 * court's custody -> paid to the creditor -> closed. The line carries `actions_per_case` (orders
 * executed on partner chains) and `judicial_writes_per_case` (txs on the judicial chain).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NatsConnection } from 'nats';
import { startJudicialTxServer } from '../adapters/judicial/tx-server.js';
import { MemoryReplayGuard } from '../src/bus/replay-guard.js';
import { courtBearer } from '../src/client/court-bearer.js';
import { connectGateway } from '../src/client/gateway-client.js';
import { loadWorkflowsConfig } from '../src/config/workflows-config.js';
import { sha256 } from '../src/crypto/hash.js';
import { encodeCanonical } from '../src/encoding/canonical-json.js';
import { toHex, utf8 } from '../src/encoding/bytes.js';
import { agreementWire, signAgreement } from '../src/workflows/enforcement/agreement.js';
import { startWorkflowsService } from '../src/workflows/service/workflows-service.js';
import { writeAllianceFiles } from '../test/cli/cli-helpers.js';
import { FixtureDids } from '../test/helpers/alliance-fixture.js';
import { startE2e } from '../test/relay/e2e/e2e-setup.js';
import { round, type BenchContext, type BenchSuite } from './lib.js';

const STATE_BUCKET = 'cb_workflows_bench';
const LEASE_BUCKET = 'cb_workflow_leases_bench';
const DEBT_CENTS = 1_000_000n;

export const workflow: BenchSuite = {
  name: 'workflow',
  async run(ctx: BenchContext): Promise<void> {
    const cases = ctx.quick ? 4 : 16;
    ctx.progress(`workflow: starting nats, five adapters, the gateway and the workflow service (${cases} cases)`);
    // The bus lets the workflow service use only its own buckets: name the bench's.
    const e2e = await startE2e({ records: 20, workflowsBuckets: { state: STATE_BUCKET, lease: LEASE_BUCKET } });
    const dir = mkdtempSync(join(tmpdir(), 'cb-bench-workflow-'));
    let nc: NatsConnection | undefined;
    const stops: (() => Promise<void>)[] = [];
    try {
      const gw = await e2e.startGateway();
      // The test's own parts (the judicial door, a court desk) share one connection: the operator's.
      nc = await e2e.connectAs('operator');
      const door = startJudicialTxServer({
        nc,
        ledger: e2e.backends.judicial.ledger,
        authority: e2e.fx.authority,
        replay: new MemoryReplayGuard({ windowMs: 120_000 }),
        now: Date.now,
      });
      stops.push(() => door.stop());
      const files = await writeAllianceFiles(e2e.fx, dir);
      const service = await startWorkflowsService(
        loadWorkflowsConfig({
          env: {},
          overrides: {
            natsServers: [e2e.nats.url],
            natsAuth: e2e.natsAuth('workflows'),
            courtKeyFile: files.keyFile(FixtureDids.court),
            ledgerKeyFile: files.keyFile(FixtureDids.gateway),
            gatewayAddress: gw.address,
            gatewayDid: FixtureDids.gateway,
            genesisFile: files.genesis,
            genesisHash: files.genesisHash,
            tickIntervalMs: 50,
            leaseTtlMs: 5_000,
            replicaId: 'bench-wf-1',
            policy: {
              legalBasis: '《民事诉讼法》第二百四十九条',
              maxOrderCents: '10000000000',
              orderLifetimeMs: 600_000,
              deductAfterMs: 1,
            },
            stateBucket: STATE_BUCKET,
            leaseBucket: LEASE_BUCKET,
          },
        }),
        { onError: (caseId, e) => ctx.progress(`workflow: case ${caseId}: ${e instanceof Error ? e.message : String(e)}`) },
      );
      stops.push(() => service.shutdown());

      // The court's desk: registers the instruments and reads the state the service shares.
      const client = connectGateway({
        address: gw.address,
        bearer: courtBearer({ caller: e2e.fx.court, gatewayDid: FixtureDids.gateway, now: Date.now }),
        timeoutMs: 20_000,
      });
      stops.push(async () => client.close());
      // The court's desk: registers each instrument and reads the case through the gateway's MediationService.
      const mediation = client.client('MediationService');

      // One debtor per case, each with one bank account holding twice the debt.
      const run = `${Date.now().toString(36)}`;
      const debtors = Array.from({ length: cases }, (_, i) => sha256(utf8(`bench debtor ${run} ${i}`)));
      const creditor = sha256(utf8(`bench creditor ${run}`));
      const payee = `6225-bench-${run}`;
      const accounts = [
        ...debtors.map((d, i) => ({ no: `6222-bench-${run}-${i}`, holder: d, cents: DEBT_CENTS * 2n })),
        { no: payee, holder: creditor, cents: 0n },
      ];
      await Promise.all(
        accounts.map((a, i) =>
          e2e.backends.finance.ledger.submit({
            type: 'finance.account.open',
            sender: 'did:alliance:finance-registry',
            id: `bench:${run}:${i}`,
            body: encodeCanonical(
              {
                type: 'account_open',
                schema: 1,
                accountNo: a.no,
                holder: toHex(a.holder),
                bank: '基准测试银行',
                kind: 'personal',
                balanceCents: a.cents.toString(),
              },
              'finance.account.open',
            ),
          }),
        ),
      );
      let judicialTxs = 0;
      const unsub = e2e.backends.judicial.ledger.onBlock((b) => (judicialTxs += b.txs.length));
      stops.push(async () => unsub());

      ctx.progress('workflow: measuring');
      const t0 = performance.now();
      const cpu0 = process.cpuUsage();
      const ids: string[] = [];
      for (const [i, debtor] of debtors.entries()) {
        const caseId = `BENCH-${run}-${i}`;
        const { agreement, signature } = signAgreement(e2e.fx.court, {
          caseId,
          documentHash: sha256(utf8(`bench agreement ${caseId}`)),
          parties: [
            { partyIdHash: debtor, role: 'obligor' },
            { partyIdHash: creditor, role: 'obligee' },
          ],
          obligations: [
            {
              obligationId: '1',
              obligorIdHash: debtor,
              obligeeIdHash: creditor,
              amount: DEBT_CENTS.toString(),
              description: 'repay',
              dueAtMs: Date.now(),
              payeeAccount: payee,
            },
          ],
          confirmedAtMs: Date.now() - 1000,
        });
        await client.unary(mediation, 'registerAgreement', {
          agreement: agreementWire(agreement),
          signature,
        });
        ids.push(caseId);
      }
      const limitMs = ctx.quick ? 40_000 : 240_000;
      let actions = 0;
      for (;;) {
        const states = await Promise.all(ids.map((caseId) => client.unary(mediation, 'getCase', { caseId })));
        // Closed with the debt covered (CASE_STATUS_PERFORMED): paid out, released, audited.
        if (states.every((s) => s.status === 'CASE_STATUS_PERFORMED')) {
          actions = states.reduce((n, s) => n + s.actionIds.length, 0);
          break;
        }
        if (performance.now() - t0 > limitMs) {
          const open = states.filter((s) => s.status !== 'CASE_STATUS_PERFORMED').map((s) => `${s.agreement?.caseId}:${s.status}`);
          throw new Error(`workflow bench: ${open.length} cases not closed within ${limitMs} ms (${open.slice(0, 4).join(', ')})`);
        }
        await new Promise((r) => setTimeout(r, 50));
      }
      const seconds = (performance.now() - t0) / 1000;
      const cpu = process.cpuUsage(cpu0);
      ctx.emit({ name: 'workflow.cases_per_s', value: round(cases / seconds, 2), unit: 'cases/s' });
      ctx.emit({ name: 'workflow.actions_per_case', value: round(actions / cases), unit: 'actions/case' });
      ctx.emit({ name: 'workflow.judicial_writes_per_case', value: round(judicialTxs / cases), unit: 'txs/case' });
      // Every part runs in this process (adapters, gateway, service): the whole system's CPU per case.
      ctx.emit({ name: 'workflow.cpu_ms_per_case', value: round((cpu.user + cpu.system) / 1000 / cases), unit: 'ms/case' });
    } finally {
      for (const s of stops.reverse()) await s().catch(() => undefined);
      await nc?.close().catch(() => undefined);
      await e2e.stop();
      rmSync(dir, { recursive: true, force: true });
    }
  },
};
