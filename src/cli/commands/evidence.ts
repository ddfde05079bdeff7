/**
 * `courtbridge evidence anchor|verify FILE`: anchor a file's SHA-256 on the judicial chain, or
 * check whether it is anchored. Only the hash leaves the machine, never the file (the policy:
 * evidence stored tamper-proof and verifiable online by the parties).
 *
 * The claim is signed as `utf8("courtbridge/v1/evidence") || 0x00 || sha256(deterministic
 * protobuf of EvidenceClaim)` (proto/courtbridge/v1/evidence.proto, EvidenceClaim; the same
 * construction as src/crypto/hash.ts signingInput).
 */
import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { resolve } from 'node:path';
import { sha256 } from '../../crypto/hash.js';
import { concatBytes, toHex, utf8 } from '../../encoding/bytes.js';
import type { EvidenceClaim } from '../../generated/courtbridge/v1/EvidenceClaim.js';
import { encodeMessage } from '../../wire/codec.js';
import { formatOptions, parseCommandArgs, type OptionSpecs } from '../args.js';
import { dispatchSubcommand, helpText, type Command } from '../command.js';
import { loadCliConfig } from '../config.js';
import { UsageError } from '../errors.js';
import { ExitCode } from '../exit-codes.js';
import { emit } from '../output.js';
import { authenticatedConnection, keyFileOf, readConnection } from '../session.js';

/** Domain-separation tag of evidence claims (evidence.proto). */
export const EVIDENCE_SIGN_TAG = 'courtbridge/v1/evidence';

const ANCHOR_OPTIONS: OptionSpecs = {
  as: { type: 'string', value: 'KEYFILE', description: "the submitter's key file (default $COURTBRIDGE_KEY)" },
  meta: { type: 'string', multiple: true, value: 'NAME=VALUE', description: 'metadata entry, e.g. case_id=C-1 (no personal identifiers)' },
};
const VERIFY_OPTIONS: OptionSpecs = {
  as: { type: 'string', value: 'KEYFILE', description: 'authenticate as this key (default $COURTBRIDGE_KEY; verification is open)' },
};

const help = (): string =>
  helpText({
    usage: ['courtbridge evidence anchor FILE --as KEYFILE [--meta NAME=VALUE]...', 'courtbridge evidence verify FILE'],
    description:
      "anchor: signs a claim over the file's SHA-256 and anchors it on the judicial chain (the file itself\n" +
      'is not sent). verify: asks whether that hash is anchored, by whom and when, with proof.\n' +
      'Exit codes for verify: 0 anchored, 1 not anchored.',
    options: `anchor: ${formatOptions(ANCHOR_OPTIONS, false)}\n\nverify: ${formatOptions(VERIFY_OPTIONS, false)}\n\n${formatOptions({})}`,
    examples: [
      'courtbridge evidence anchor contract.pdf --as court.key --meta case_id=C-2024-001 --meta media_type=application/pdf',
      'courtbridge evidence verify contract.pdf --json',
    ],
  });

/** SHA-256 of a file, streamed. */
export async function sha256File(path: string): Promise<Uint8Array> {
  const h = createHash('sha256');
  for await (const chunk of createReadStream(path)) h.update(chunk as Buffer);
  return new Uint8Array(h.digest());
}

/** The bytes the submitter signs (file header). */
export function evidenceSigningInput(claim: EvidenceClaim): Uint8Array {
  return concatBytes(utf8(EVIDENCE_SIGN_TAG), Uint8Array.of(0), sha256(encodeMessage('EvidenceClaim', claim)));
}

function fileArg(positionals: readonly string[], command: string, cwd: string): string {
  const f = positionals[0];
  if (f === undefined) throw new UsageError(`expected a FILE: courtbridge ${command} FILE`, command);
  return resolve(cwd, f);
}

export const evidenceCommand: Command = {
  name: 'evidence',
  summary: "evidence anchor|verify FILE: anchor or check a file's SHA-256",
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
          const claim: EvidenceClaim = { contentHash, metadata, submitterDid: signer.did, kid: signer.kid, signedAtMs: io.nowMs() };
          const signature = signer.sign(evidenceSigningInput(claim));
          const anchor = await conn.unary(conn.client('EvidenceService'), 'anchorEvidence', { claim, signature });
          emit(io, args.flag('json'), anchor, () => [
            `${file}: sha256 ${toHex(contentHash)}`,
            `  anchor ${anchor.anchorId}: ${anchor.status.replace('ANCHOR_STATUS_', '').toLowerCase()} by ${signer.did}`,
          ]);
          return anchor.status === 'ANCHOR_STATUS_NOT_ANCHORED' ? ExitCode.Failure : ExitCode.Ok;
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
        const contentHash = await sha256File(file);
        const conn = await readConnection(config, args.string('as') ?? config.keyFile, io);
        try {
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
