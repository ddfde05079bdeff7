/**
 * `courtbridge evidence anchor|verify FILE`: anchor a file's SHA-256 on the judicial chain, or
 * check whether it is anchored. Only the hash leaves the machine, never the file (the policy:
 * evidence stored tamper-proof and verifiable online by the parties).
 * `courtbridge evidence receipt FILE --service ID --as KEYFILE`: the recipient of a served document
 * signs its receipt of service over the service id and the document's SHA-256 (so it shows it
 * holds that document); printed as the RecordServiceReceipt request, or relayed at once by a
 * member (`--relay-as`): a recipient's did:key cannot call the gateway itself.
 *
 * The claim is signed the way the gateway checks it (src/workflows/evidence.ts): one anchor is a
 * batch of one, and the signature covers the batch claim (submitter, kid, time, size, the RFC 6962
 * root of the item's leaf), made by `signEvidenceClaim`, the one writer of those bytes.
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { toHex } from '../../encoding/bytes.js';
import { signEvidenceClaim, singleClaimOf } from '../../workflows/evidence.js';
import { signReceipt } from '../../workflows/service-of-process.js';
import { beijingTime } from '../../verify/proven-record.js';
import { loadSigner } from '../session.js';
import { formatOptions, parseCommandArgs, type OptionSpecs } from '../args.js';
import { dispatchSubcommand, helpText, type Command } from '../command.js';
import { loadCliConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { emit } from '../output.js';
import { authenticatedConnection, keyFileOf, readConnection } from '../session.js';

const ANCHOR_OPTIONS: OptionSpecs = {
  as: { type: 'string', value: 'KEYFILE', description: "the submitter's key file (default $COURTBRIDGE_KEY)" },
  meta: { type: 'string', multiple: true, value: 'NAME=VALUE', description: 'metadata entry, e.g. case_id=C-1 (no personal identifiers)' },
};
const VERIFY_OPTIONS: OptionSpecs = {
  as: {
    type: 'string',
    value: 'KEYFILE',
    description: 'a member key file (default $COURTBRIDGE_KEY); without one, verify on the verification page',
  },
};

const RECEIPT_OPTIONS: OptionSpecs = {
  service: { type: 'string', value: 'ID', description: 'the service id (64 hex), as the court or the verification page gives it' },
  as: { type: 'string', value: 'KEYFILE', description: "the recipient's key file (the DID the court named)" },
  'relay-as': {
    type: 'string',
    value: 'KEYFILE',
    description: "a member's key file that relays the receipt to the gateway now; without it the signed request is printed",
  },
};

const help = (): string =>
  helpText({
    usage: [
      'courtbridge evidence anchor FILE --as KEYFILE [--meta NAME=VALUE]...',
      'courtbridge evidence verify FILE --as KEYFILE',
      'courtbridge evidence receipt FILE --service ID --as KEYFILE [--relay-as KEYFILE]',
    ],
    description:
      "anchor: signs a claim over the file's SHA-256 and anchors it on the judicial chain (the file itself\n" +
      'is not sent). verify: asks whether that hash is anchored, by whom and when, with proof; it needs a\n' +
      "member key like every gateway call (a party without one drops the file on the gateway's\n" +
      'verification page, which needs no token).\n' +
      'Exit codes for verify: 0 anchored, 1 not anchored.\n' +
      '送达签收 receipt: the recipient of a served document signs its receipt of service over the service id and\n' +
      "the document's SHA-256 (the file is not sent). Only the DID the court named may sign (receipt_not_recipient).\n" +
      'Prints the RecordServiceReceipt request, or relays it with a member key (--relay-as).',
    options: `anchor: ${formatOptions(ANCHOR_OPTIONS, false)}\n\nverify: ${formatOptions(VERIFY_OPTIONS, false)}\n\nreceipt: ${formatOptions(RECEIPT_OPTIONS, false)}\n\n${formatOptions({})}`,
    examples: [
      'courtbridge evidence anchor contract.pdf --as court.key --meta case_id=C-2024-001 --meta media_type=application/pdf',
      'courtbridge evidence verify contract.pdf --json --as court.key',
      'courtbridge evidence receipt summons.pdf --service 3f2a... --as recipient.key --relay-as court.key',
    ],
  });

/** SHA-256 of a file, streamed. */
export async function sha256File(path: string): Promise<Uint8Array> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return new Uint8Array(h.digest());
}

function fileArg(positionals: readonly string[], command: string, cwd: string): string {
  const f = positionals[0];
  if (f === undefined) throw new UsageError(`expected a FILE: courtbridge ${command} FILE`, command);
  return resolve(cwd, f);
}

export const evidenceCommand: Command = {
  name: 'evidence',
  summary: "evidence anchor|verify|receipt FILE: anchor or check a file's SHA-256, sign a receipt of service",
  help,
  run: (argv, io) =>
    dispatchSubcommand('evidence', argv, io, help, {
      async anchor(rest) {
        const command = 'evidence anchor';
        const args = parseCommandArgs(rest, ANCHOR_OPTIONS, command, 1);
        if (args.flag('help')) {
          io.out(help());
          return ExitCode.Ok;
        }
        const config = loadCliConfig(args, io, command);
        const file = fileArg(args.positionals, command, io.cwd);
        const metadata = args
          .strings('meta')
          .map((m) => {
            const i = m.indexOf('=');
            if (i < 1) throw new UsageError(`--meta: expected NAME=VALUE, got '${m}'`, command);
            return { name: m.slice(0, i), value: m.slice(i + 1) };
          })
          .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0)); // evidence.proto: sorted by name, unique
        for (let i = 1; i < metadata.length; i++)
          if (metadata[i]!.name === metadata[i - 1]!.name) throw new UsageError(`--meta: '${metadata[i]!.name}' given twice`, command);
        const contentHash = await sha256File(file);
        const { conn, signer } = await authenticatedConnection(config, keyFileOf(args.string('as'), config, command), io);
        try {
          const anchor = await conn.unary(
            conn.client('EvidenceService'),
            'anchorEvidence',
            singleClaimOf(signEvidenceClaim(signer, contentHash, metadata, io.nowMs())),
          );
          emit(io, args.flag('json'), anchor, () => [
            `${file}: sha256 ${toHex(contentHash)}`,
            `  anchor ${anchor.anchorId}: ${anchor.status.replace('ANCHOR_STATUS_', '').toLowerCase()} by ${signer.did}`,
          ]);
          return anchor.status === 'ANCHOR_STATUS_NOT_ANCHORED' ? ExitCode.Failure : ExitCode.Ok;
        } finally {
          conn.close();
        }
      },
      async receipt(rest) {
        const command = 'evidence receipt';
        const args = parseCommandArgs(rest, RECEIPT_OPTIONS, command, 1);
        if (args.flag('help')) {
          io.out(help());
          return ExitCode.Ok;
        }
        const config = loadCliConfig(args, io, command);
        const file = fileArg(args.positionals, command, io.cwd);
        const serviceId = args.string('service');
        if (serviceId === undefined || !/^[0-9a-f]{64}$/.test(serviceId))
          throw new UsageError('--service ID: expected the service id, 64 lowercase hex digits', command);
        const recipient = await loadSigner(keyFileOf(args.string('as'), config, command), config.passphraseEnv, io);
        const documentHash = await sha256File(file);
        const r = signReceipt(recipient, serviceId, documentHash, io.nowMs());
        const request = {
          serviceId: r.serviceId,
          recipientDid: r.recipientDid,
          kid: r.kid,
          signedAtMs: String(r.signedAtMs),
          signature: Buffer.from(r.signature).toString('base64'),
        };
        const relay = args.string('relay-as');
        if (relay === undefined) {
          // proto3 JSON of RecordServiceReceiptRequest: what a member sends (grpcurl -d @).
          io.out(JSON.stringify(request));
          return ExitCode.Ok;
        }
        const { conn } = await authenticatedConnection(config, relay, io);
        try {
          const rec = await conn.unary(conn.client('EvidenceService'), 'recordServiceReceipt', {
            serviceId: r.serviceId,
            recipientDid: r.recipientDid,
            kid: r.kid,
            signedAtMs: r.signedAtMs,
            signature: r.signature,
          });
          const at = Number(rec.receipt?.receivedAtMs ?? 0);
          emit(io, args.flag('json'), rec, () => [
            `已签收 received: 送达 ${rec.serviceId}，签收人 ${recipient.did}，签收时间 ${at > 0 ? beijingTime(at) : '?'}`,
            `Receipt of service ${rec.serviceId} recorded on the judicial chain, signed by ${recipient.did}`,
          ]);
          return ExitCode.Ok;
        } finally {
          conn.close();
        }
      },
      async verify(rest) {
        const command = 'evidence verify';
        const args = parseCommandArgs(rest, VERIFY_OPTIONS, command, 1);
        if (args.flag('help')) {
          io.out(help());
          return ExitCode.Ok;
        }
        const config = loadCliConfig(args, io, command);
        const file = fileArg(args.positionals, command, io.cwd);
        // The key first: without one nothing can be asked, whatever the file.
        const conn = await readConnection(config, args.string('as') ?? config.keyFile, io, command);
        try {
          const contentHash = await sha256File(file);
          const res = await conn.unary(conn.client('EvidenceService'), 'verifyEvidence', { contentHash });
          const anchored = res.status === 'ANCHOR_STATUS_ANCHORED';
          emit(io, args.flag('json'), { file, contentHashHex: toHex(contentHash), ...res }, () => [
            `${file}: sha256 ${toHex(contentHash)}: ${anchored ? 'ANCHORED' : res.status === 'ANCHOR_STATUS_PENDING' ? 'pending' : 'NOT anchored'}`,
            ...res.anchors.map(
              (a) =>
                `  by ${a.claim?.submitterDid ?? '?'} at ${a.claim !== null && a.claim.signedAtMs > 0 ? new Date(a.claim.signedAtMs).toISOString() : '?'}${a.bundle !== null ? ` (height ${a.bundle.stateHeight})` : ''}`,
            ),
          ]);
          return anchored ? ExitCode.Ok : ExitCode.Failure;
        } finally {
          conn.close();
        }
      },
    }),
};
