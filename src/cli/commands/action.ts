/**
 * `courtbridge action submit|status`: a court's signed order (freeze, seize, list, restrict,
 * release) sent to ActionService with an idempotency id, and its status. The order is an ES256K
 * JWT (purpose `order`, audience the destination adapter's DID) whose claims are exactly those
 * the adapter compares (src/judicial/order.ts `orderClaimsOf`).
 */
import { randomBytes } from 'node:crypto';
import { judicialOrderRecordKey } from '../../judicial/record-keys.js';
import { orderClaimsOf, type JudicialOrder } from '../../judicial/order.js';
import { wireKindOf } from '../../judicial/wire-kind.js';
import { requestTargetOf } from '../../judicial/order-check.js';
import { orderCheckSchemaOf } from '../../relay/chain-catalog.js';
import { ALLIANCE_CATALOG } from '../../../adapters/catalog.js';
import { toHex } from '../../encoding/bytes.js';
import type { Action__Output } from '../../generated/courtbridge/v1/Action.js';
import { signJwtNative } from '../../identity/jwt.js';
import { formatOptions, parseCommandArgs, type OptionSpecs } from '../args.js';
import { dispatchSubcommand, helpText, type Command } from '../command.js';
import { loadCliConfig } from '../config.js';
import { CourtbridgeError, ErrorCode } from '../../errors.js';
import { parseDurationMs } from '../duration.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import type { GatewayConnection } from '../../client/gateway-client.js';
import { emit } from '../output.js';
import { authenticatedConnection, keyFileOf } from '../session.js';

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
const STATUS_OPTIONS: OptionSpecs = {
  as: { type: 'string', value: 'KEYFILE', description: 'key file of the court (default $COURTBRIDGE_KEY)' },
};

const help = (): string =>
  helpText({
    usage: [
      'courtbridge action submit --chain CHAIN --kind KIND --target ID [--amount N] --case CASE_ID --order ORDER_ID --as COURT_KEY [--action-id ID] [--wait 30s]',
      'courtbridge action status ACTION_ID --as KEYFILE',
    ],
    description:
      "Submits a court's order as a signed action (delivered at least once, executed exactly once), or\n" +
      "shows an action's status. Exit codes for a final status: executed 0, rejected/failed 1; pending or\n" +
      'delivered 0 (not final yet).',
    options: `submit: ${formatOptions(SUBMIT_OPTIONS, false)}\n\nstatus: ${formatOptions(STATUS_OPTIONS, false)}\n\n${formatOptions({})}`,
    examples: [
      'courtbridge action submit --chain finance --kind freeze --target 6222020200112233 --amount 1200000 \\\n' +
        '    --case C-2024-001 --order O-2024-001 --as court.key --wait 30s',
      'courtbridge action status act-7f3a9c --as court.key --json',
    ],
  });

const statusName = (a: Action__Output): string => a.status.replace('ACTION_STATUS_', '').toLowerCase();

function actionLines(a: Action__Output): string[] {
  return [
    `${a.actionId}: ${statusName(a)}${a.reason !== '' ? ` (${a.reason})` : ''}`,
    `  ${a.kind.replace('ACTION_KIND_', '').toLowerCase()} on ${a.chainId}: ${a.target?.key ?? ''}${a.amount !== '' ? ` amount ${a.amount}` : ''}  case ${a.caseId}  attempts ${a.attempts}`,
  ];
}

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

export const actionCommand: Command = {
  name: 'action',
  summary: "action submit|status: a court's signed order to another chain",
  help,
  run: (argv, io) =>
    dispatchSubcommand('action', argv, io, help, {
      async submit(rest) {
        const command = 'action submit';
        const args = parseCommandArgs(rest, SUBMIT_OPTIONS, command);
        if (args.flag('help')) {
          io.out(help());
          return ExitCode.Ok;
        }
        const config = loadCliConfig(args, io, command);
        const chain = args.required('chain');
        const kind = args.required('kind').toLowerCase();
        if (!/^[a-z][a-z_]{0,31}$/.test(kind))
          throw new UsageError(`--kind: '${kind}' is not an action kind (e.g. freeze, deduct, seize, list, release)`, command);
        const target = args.required('target');
        // The request names the record as the chain's schema does (key prefix, record type), so the
        // gateway's and the adapter's order check find it; a chain outside the catalog takes the flags as given.
        const schema = orderCheckSchemaOf(ALLIANCE_CATALOG, chain);
        const known = schema === undefined ? undefined : requestTargetOf(schema, kind, target);
        const recordType = args.string('target-type') ?? known?.recordType ?? '';
        const targetKey = known?.key ?? target;
        const amount = args.string('amount') ?? '';
        if (amount !== '' && !/^\d{1,30}$/.test(amount)) throw new UsageError('--amount: expected minor units as decimal digits', command);
        const actionId = args.string('action-id') ?? `act-${toHex(randomBytes(8))}`;
        if (!/^[A-Za-z0-9._:-]{1,128}$/.test(actionId))
          throw new UsageError('--action-id: 1 to 128 characters of [A-Za-z0-9._:-]', command);
        const caseId = args.required('case');
        const orderId = args.required('order');
        const wait = args.string('wait');
        const waitMs = wait === undefined ? 0 : parseDurationMs(wait, '--wait', command);
        const { conn, signer } = await authenticatedConnection(config, keyFileOf(args.string('as'), config, command), io);
        try {
          const order: JudicialOrder = { orderId, court: signer.did, caseId, chain, actionId, kind, target, amount };
          const audience = args.string('order-aud') ?? (await adapterDidOf(conn, chain));
          const orderJwt = signJwtNative(signer, {
            audience,
            purpose: 'order',
            nowMs: io.nowMs(),
            lifetimeMs: ORDER_TTL_MS,
            jti: `order-${orderId}-${actionId}`,
            claims: orderClaimsOf(order),
          });
          const actions = conn.client('ActionService');
          let action = await conn.unary(actions, 'submitAction', {
            actionId,
            chainId: chain,
            kind: wireKindOf(kind),
            target: { recordType, key: targetKey },
            amount,
            orderJwt,
            judicialProof: { caseId, recordKey: judicialOrderRecordKey(orderId) },
          });
          const deadline = io.nowMs() + waitMs;
          while (
            waitMs > 0 &&
            (action.status === 'ACTION_STATUS_PENDING' || action.status === 'ACTION_STATUS_DELIVERED') &&
            io.nowMs() < deadline
          ) {
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
        try {
          const action = await conn.unary(conn.client('ActionService'), 'getAction', { actionId });
          emit(io, args.flag('json'), action, () => actionLines(action));
          return exitOf(action);
        } finally {
          conn.close();
        }
      },
    }),
};
