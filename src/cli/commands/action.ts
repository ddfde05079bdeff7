/**
 * `courtbridge action order|submit|status`: a court's signed order (freeze, seize, list, restrict,
 * release) sent to ActionService with an idempotency id, and its status. The order is a JWT
 * (ES256K, or SM2SM3 for an SM2 key; purpose `order`, audience the destination adapter's DID) whose claims are exactly those
 * the adapter compares (src/judicial/order.ts `orderClaimsOf`), backed by the judicial chain's
 * record `order/<ORDER_ID>`. `order` writes that record (through the judicial chain's write door,
 * ../order-desk.ts) and prints the order JWT, for an integrator calling SubmitAction itself
 * (grpcurl, docs/grpcurl-tour.md); `submit` signs the JWT and calls SubmitAction for an order
 * already on the judicial chain.
 */
import { randomBytes } from 'node:crypto';
import { connectNats } from '../../bus/connection.js';
import { judicialOrderRecordKey } from '../../judicial/record-keys.js';
import { orderClaimsOf, type JudicialOrder } from '../../judicial/order.js';
import { wireKindOf } from '../../judicial/wire-kind.js';
import { requestTargetOf } from '../../judicial/order-check.js';
import { orderCheckSchemaOf } from '../../relay/chain-catalog.js';
import { ALLIANCE_CATALOG } from '../../../adapters/catalog.js';
import { toHex } from '../../encoding/bytes.js';
import type { Action__Output } from '../../generated/courtbridge/v1/Action.js';
import { signJwtNative } from '../../identity/jwt.js';
import { formatOptions, parseCommandArgs, type OptionSpecs, type ParsedArgs } from '../args.js';
import { dispatchSubcommand, helpText, type Command } from '../command.js';
import { loadCliConfig } from '../config.js';
import { CourtbridgeError, ErrorCode, isCourtbridgeError } from '../../errors.js';
import type { Signer } from '../../identity/signer.js';
import type { SubmitActionRequest } from '../../generated/courtbridge/v1/SubmitActionRequest.js';
import { parseDurationMs } from '../duration.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { GatewayConnection } from '../../client/gateway-client.js';
import { issueOrderOnJudicialChain, judicialLedgerOverNats } from '../order-desk.js';
import { emit } from '../output.js';
import { authenticatedConnection, keyFileOf, loadSigner } from '../session.js';

/** Order lifetime: long enough to cross a busy JetStream, within the adapter's limit (jwt.ts DEFAULT_MAX_LIFETIME_MS.order). */
const ORDER_TTL_MS = 30 * 60_000;

const SUBMIT_OPTIONS: OptionSpecs = {
  chain: { type: 'string', value: 'CHAIN', description: 'destination chain' },
  kind: { type: 'string', value: 'KIND', description: "the chain's action kind, e.g. freeze, deduct, seize, list, restrict, release" },
  target: { type: 'string', value: 'ID', description: 'id of the target record, e.g. an account number' },
  'target-type': {
    type: 'string',
    value: 'TYPE',
    description: "record type of the target (default: the one the chain's schema names for --kind)",
  },
  amount: { type: 'string', value: 'MINOR_UNITS', description: 'amount in minor units (decimal digits), for freeze/deduct' },
  case: { type: 'string', value: 'CASE_ID', description: 'the case on the judicial chain' },
  order: { type: 'string', value: 'ORDER_ID', description: 'the order on the judicial chain (record order/<ORDER_ID>)' },
  'action-id': { type: 'string', value: 'ID', description: 'idempotency id (default: random); resubmitting an id returns the same action' },
  'order-aud': { type: 'string', value: 'DID', description: "the destination adapter's DID (default: asked of the alliance registry)" },
  as: { type: 'string', value: 'COURT_KEY', description: "the court's key file (default $COURTBRIDGE_KEY)" },
  wait: { type: 'string', value: 'DURATION', description: 'poll the status until executed/rejected or this long' },
};
const { wait: _wait, ...ORDER_FIELDS } = SUBMIT_OPTIONS;
const ORDER_OPTIONS: OptionSpecs = {
  ...ORDER_FIELDS,
  'gateway-key': {
    type: 'string',
    value: 'FILE',
    description: "a gateway's key file: signs the write to the judicial chain's write door (role gateway)",
  },
  respondent: {
    type: 'string',
    value: 'ID_HASH',
    description: "file the case first, if the judicial chain has none, with this respondent (keyed id hash, 64 hex; e.g. the debtor's)",
  },
  'legal-basis': {
    type: 'string',
    value: 'TEXT',
    description: 'the legal basis the order record cites (default 《民事诉讼法》第二百四十九条)',
  },
  'valid-for': {
    type: 'string',
    value: 'DURATION',
    description: 'how long the order may be executed (default 1h; the JWT lives at most 30m)',
  },
  'judicial-chain': { type: 'string', value: 'CHAIN', description: "the judicial chain's id (default judicial)" },
};
const STATUS_OPTIONS: OptionSpecs = {
  as: { type: 'string', value: 'KEYFILE', description: 'key file of the court (default $COURTBRIDGE_KEY)' },
  wait: SUBMIT_OPTIONS.wait!,
};

const help = (): string =>
  helpText({
    usage: [
      'courtbridge action order --chain CHAIN --kind KIND --target ID [--amount N] --case CASE_ID --order ORDER_ID --action-id ID --as COURT_KEY --gateway-key FILE [--respondent ID_HASH]',
      'courtbridge action submit --chain CHAIN --kind KIND --target ID [--amount N] --case CASE_ID --order ORDER_ID --as COURT_KEY [--action-id ID] [--wait 30s]',
      'courtbridge action status ACTION_ID --as KEYFILE [--wait 30s]',
    ],
    description:
      "order: writes the court's order on the judicial chain (record order/ORDER_ID, filing the case first with\n" +
      "--respondent) and prints the order JWT (ES256K or SM2SM3 by the key's suite, purpose order, audience the chain's adapter DID, claims =\n" +
      'the order) that SubmitAction takes as order_jwt: what an integrator calling the gateway itself needs.\n' +
      "submit: submits a court's order as a signed action (delivered at least once, executed exactly once), or\n" +
      "shows an action's status. Exit codes for a final status: executed 0, rejected/failed 1; pending or\n" +
      'delivered 0 (not final yet).',
    options: `order: ${formatOptions(ORDER_OPTIONS, false)}\n\nsubmit: ${formatOptions(SUBMIT_OPTIONS, false)}\n\nstatus: ${formatOptions(STATUS_OPTIONS, false)}\n\n${formatOptions({})}`,
    examples: [
      'ORDER_JWT=$(courtbridge action order --chain finance --kind freeze --target 6222020200112345678 --amount 100000 \\\n' +
        '    --case "(2026) Jing 0101 Zhi 77" --order demo-order-1 --action-id demo-freeze-1 --as court.key --gateway-key gateway.key \\\n' +
        '    --respondent 136225f99edb0835f0261513ec5a34179ced797f07a970a4c08617fa9d95ac99)',
      'courtbridge action submit --chain finance --kind freeze --target 6222020200112233 --amount 1200000 \\\n' +
        '    --case C-2024-001 --order O-2024-001 --as court.key --wait 30s',
      'courtbridge action status act-7f3a9c --as court.key --json',
    ],
  });

const statusName = (a: Action__Output): string => a.status.replace('ACTION_STATUS_', '').toLowerCase();

function actionLines(a: Action__Output): string[] {
  const lines = [
    `${a.actionId}: ${statusName(a)}${a.reason !== '' ? ` (${a.reason})` : ''}`,
    `  ${a.kind.replace('ACTION_KIND_', '').toLowerCase()} on ${a.chainId}: ${a.target?.key ?? ''}${a.amount !== '' ? ` amount ${a.amount}` : ''}  case ${a.caseId}  attempts ${a.attempts}`,
  ];
  const env = a.outcome?.signedResult;
  if (env !== null && env !== undefined) {
    const at = a.outcome?.result?.header?.height;
    lines.push(
      `  结果由 ${env.senderDid} 签名 / result signed by ${env.senderDid} (${env.kid})${at !== undefined ? `, new state at height ${at}` : ''}`,
    );
  }
  return lines;
}

const isFinal = (a: Action__Output): boolean => a.status !== 'ACTION_STATUS_PENDING' && a.status !== 'ACTION_STATUS_DELIVERED';

function exitOf(a: Action__Output): ExitCode {
  return a.status === 'ACTION_STATUS_REJECTED' || a.status === 'ACTION_STATUS_FAILED' ? ExitCode.Failure : ExitCode.Ok;
}

async function adapterDidOf(conn: GatewayConnection, chain: string): Promise<string> {
  const res = await conn.unary(conn.client('AllianceService'), 'listMembers', {
    role: 'MEMBER_ROLE_ADAPTER',
    status: 'MEMBER_STATUS_ACTIVE',
  });
  const dids = res.members.filter((m) => m.chains.includes(chain)).map((m) => m.did);
  if (dids.length !== 1) {
    throw new CourtbridgeError(
      ErrorCode.FailedPrecondition,
      'adapter_did_ambiguous',
      `the registry lists ${dids.length} adapters for chain ${chain}; give --order-aud DID`,
    );
  }
  return dids[0]!;
}

/** The legal basis an order record cites unless told. */
const DEFAULT_LEGAL_BASIS = '《民事诉讼法》第二百四十九条';

/** An order as the flags give it (the court is the signer's DID), and the target as the chain's schema names it. */
interface OrderFields {
  order: Omit<JudicialOrder, 'court'>;
  recordType: string;
  targetKey: string;
}

function orderFieldsOf(args: ParsedArgs, command: string): OrderFields {
  const chain = args.required('chain');
  const kind = args.required('kind').toLowerCase();
  if (!/^[a-z][a-z_]{0,31}$/.test(kind))
    throw new UsageError(`--kind: '${kind}' is not an action kind (e.g. freeze, deduct, seize, list, release)`, command);
  const target = args.required('target');
  // The request names the record as the chain's schema does (key prefix, record type), so the
  // gateway's and the adapter's order check find it; a chain outside the catalog takes the flags as given.
  const schema = orderCheckSchemaOf(ALLIANCE_CATALOG, chain);
  const known = schema === undefined ? undefined : requestTargetOf(schema, kind, target);
  const amount = args.string('amount') ?? '';
  if (amount !== '' && !/^\d{1,30}$/.test(amount)) throw new UsageError('--amount: expected minor units as decimal digits', command);
  const actionId = args.string('action-id') ?? `act-${toHex(randomBytes(8))}`;
  if (!/^[A-Za-z0-9._:-]{1,128}$/.test(actionId)) throw new UsageError('--action-id: 1 to 128 characters of [A-Za-z0-9._:-]', command);
  return {
    order: { orderId: args.required('order'), caseId: args.required('case'), chain, actionId, kind, target, amount },
    recordType: args.string('target-type') ?? known?.recordType ?? '',
    targetKey: known?.key ?? target,
  };
}

/** The court's order JWT: purpose `order`, audience the chain's adapter, claims the order's (src/judicial/order.ts). */
function signOrderJwt(signer: Signer, order: JudicialOrder, audience: string, nowMs: number, lifetimeMs: number): string {
  return signJwtNative(signer, {
    audience,
    purpose: 'order',
    nowMs,
    lifetimeMs,
    jti: `order-${order.orderId}-${order.actionId}`,
    claims: orderClaimsOf(order),
  });
}

/** SubmitAction's request for an order (camelCase, as grpc-js takes it; grpcurl takes the same in snake_case). */
function submitRequestOf(f: OrderFields, orderJwt: string): SubmitActionRequest {
  return {
    actionId: f.order.actionId,
    chainId: f.order.chain,
    kind: wireKindOf(f.order.kind),
    target: { recordType: f.recordType, key: f.targetKey },
    amount: f.order.amount,
    orderJwt,
    judicialProof: { caseId: f.order.caseId, recordKey: judicialOrderRecordKey(f.order.orderId) },
  };
}

export const actionCommand: Command = {
  name: 'action',
  summary: "action order|submit|status: a court's signed order to another chain",
  help,
  run: (argv, io) =>
    dispatchSubcommand('action', argv, io, help, {
      async order(rest) {
        const command = 'action order';
        const args = parseCommandArgs(rest, ORDER_OPTIONS, command);
        if (args.flag('help')) {
          io.out(help());
          return ExitCode.Ok;
        }
        const config = loadCliConfig(args, io, command);
        const f = orderFieldsOf(args, command);
        const respondent = args.string('respondent');
        if (respondent !== undefined && !/^[0-9a-f]{64}$/.test(respondent))
          throw new UsageError("--respondent: expected the respondent's keyed id hash, 64 lowercase hex", command);
        const validFor = args.string('valid-for');
        const validForMs = validFor === undefined ? 3_600_000 : parseDurationMs(validFor, '--valid-for', command);
        const gatewayKey = args.string('gateway-key');
        if (gatewayKey === undefined)
          throw new UsageError("missing --gateway-key FILE: the judicial chain's write door takes writes signed by a gateway", command);
        const gateway = await loadSigner(gatewayKey, config.passphraseEnv, io);
        const { conn, signer } = await authenticatedConnection(config, keyFileOf(args.string('as'), config, command), io);
        const nc = await connectNats({ servers: config.natsUrl.split(','), name: 'courtbridge-action-order' }, config.natsAuth);
        try {
          const order: JudicialOrder = { ...f.order, court: signer.did };
          const audience = args.string('order-aud') ?? (await adapterDidOf(conn, order.chain));
          const nowMs = io.nowMs();
          const ledger = judicialLedgerOverNats({
            nc,
            gateway,
            judicialChainId: args.string('judicial-chain') ?? 'judicial',
            now: () => io.nowMs(),
            timeoutMs: config.timeoutMs,
          });
          const committed = await issueOrderOnJudicialChain(ledger, order, {
            legalBasis: args.string('legal-basis') ?? DEFAULT_LEGAL_BASIS,
            expiresAtMs: nowMs + validForMs,
            ...(respondent === undefined
              ? {}
              : {
                  caseFiling: {
                    kind: 'enforcement',
                    cause: 'enforcement of a judgment',
                    parties: [{ role: 'respondent', party: respondent }],
                  },
                }),
          }).catch((e: unknown) => {
            if (isCourtbridgeError(e) && e.reason === 'unknown_case')
              throw new CourtbridgeError(
                ErrorCode.NotFound,
                'unknown_case',
                `案件 ${order.caseId} 不在司法链上：加 --respondent ID_HASH 先立案 / case ${order.caseId} is not on the judicial chain: add --respondent ID_HASH to file it first`,
                { cause: e },
              );
            throw e;
          });
          const orderJwt = signOrderJwt(signer, order, audience, nowMs, Math.min(ORDER_TTL_MS, validForMs));
          const recordKey = judicialOrderRecordKey(order.orderId);
          const out = {
            orderJwt,
            orderId: order.orderId,
            actionId: order.actionId,
            recordKey,
            judicialHeight: committed.height,
            outcome: committed.outcome,
            audience,
            submit: submitRequestOf(f, orderJwt),
          };
          if (args.flag('json')) emit(io, true, out, () => []);
          else {
            io.err(
              `司法链已记录裁定 ${recordKey} (高度 ${committed.height}) / order written on the judicial chain as ${recordKey} (height ${committed.height}, ${committed.outcome})\n` +
                `下一步 / next: SubmitAction with this order_jwt and judicial_proof.record_key ${recordKey}, action_id ${order.actionId}\n`,
            );
            io.out(`${orderJwt}\n`);
          }
          return ExitCode.Ok;
        } finally {
          conn.close();
          await nc.close();
        }
      },
      async submit(rest) {
        const command = 'action submit';
        const args = parseCommandArgs(rest, SUBMIT_OPTIONS, command);
        if (args.flag('help')) {
          io.out(help());
          return ExitCode.Ok;
        }
        const config = loadCliConfig(args, io, command);
        const f = orderFieldsOf(args, command);
        const actionId = f.order.actionId;
        const wait = args.string('wait');
        const waitMs = wait === undefined ? 0 : parseDurationMs(wait, '--wait', command);
        const { conn, signer } = await authenticatedConnection(config, keyFileOf(args.string('as'), config, command), io);
        try {
          const order: JudicialOrder = { ...f.order, court: signer.did };
          const audience = args.string('order-aud') ?? (await adapterDidOf(conn, order.chain));
          const orderJwt = signOrderJwt(signer, order, audience, io.nowMs(), ORDER_TTL_MS);
          const actions = conn.client('ActionService');
          let action = await conn.unary(actions, 'submitAction', submitRequestOf(f, orderJwt));
          const deadline = io.nowMs() + waitMs;
          while (waitMs > 0 && !isFinal(action) && io.nowMs() < deadline) {
            if (!args.flag('json')) io.err(`${actionId}: ${statusName(action)}...\n`);
            await new Promise((r) => setTimeout(r, 250));
            action = await conn.unary(actions, 'getAction', { actionId });
          }
          emit(io, args.flag('json'), action, () => actionLines(action));
          return exitOf(action);
        } finally {
          conn.close();
        }
      },
      async status(rest) {
        const args = parseCommandArgs(rest, STATUS_OPTIONS, 'action status', 1);
        if (args.flag('help')) {
          io.out(help());
          return ExitCode.Ok;
        }
        const actionId = args.positionals[0];
        if (actionId === undefined) throw new UsageError('expected the action id: courtbridge action status ACTION_ID', 'action status');
        const config = loadCliConfig(args, io, 'action status');
        const { conn } = await authenticatedConnection(config, keyFileOf(args.string('as'), config, 'action status'), io);
        const wait = args.string('wait');
        const waitMs = wait === undefined ? 0 : parseDurationMs(wait, '--wait', 'action status');
        try {
          const actions = conn.client('ActionService');
          let action = await conn.unary(actions, 'getAction', { actionId });
          const deadline = io.nowMs() + waitMs;
          while (waitMs > 0 && !isFinal(action) && io.nowMs() < deadline) {
            await new Promise((r) => setTimeout(r, 250));
            action = await conn.unary(actions, 'getAction', { actionId });
          }
          emit(io, args.flag('json'), action, () => actionLines(action));
          return exitOf(action);
        } finally {
          conn.close();
        }
      },
    }),
};
