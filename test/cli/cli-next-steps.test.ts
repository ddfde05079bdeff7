/**
 * What the CLI says when it cannot go on: zh-CN first, English after, and the next command to run
 * (a missing key, a missing alliance salt, a gateway refusal); and `--gateway-did`, which names the
 * token audience without asking any gateway.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as grpc from '@grpc/grpc-js';
import { afterAll, describe, expect, it } from 'vitest';
import { nextStepOf } from '../../src/cli/errors.js';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { createGatewayServer } from '../../src/relay/host/server.js';
import { runCli, type CliRun } from '../helpers/cli-in-process.js';
import { freePort } from '../helpers/nats-server.js';

const dir = mkdtempSync(join(tmpdir(), 'cb-next-steps-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const run = (argv: string[]): Promise<CliRun> => runCli(argv, dir);

/** zh-CN text comes before the English of the same message. */
function zhFirst(line: string, english: string): void {
  const zh = line.search(/[\u4e00-\u9fff]/);
  expect(zh).toBeGreaterThanOrEqual(0);
  expect(zh).toBeLessThan(line.indexOf(english));
}

describe('next steps', () => {
  it.each([
    ['status', ['status']],
    ['alliance list', ['alliance', 'list']],
    ['evidence verify', ['evidence', 'verify', 'x']],
    ['query', ['query', '--chain', 'credit', '--type', 'dishonest', '--id', 'x']],
  ])('%s without a key: refused before any call, naming --as and `courtbridge keys new`', async (_n, argv) => {
    const r = await run(argv as string[]);
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.err).toContain('--as KEYFILE');
    expect(r.err).toContain('courtbridge keys new --out court.key --did-alliance ORG');
    zhFirst(r.err, 'no key to sign with');
  });

  it('investigate --id-number without the alliance salt says where the salt comes from', async () => {
    const r = await run(['investigate', '--id-number', '110101199003077777', '--as', 'court.key']);
    expect(r.code).toBe(ExitCode.Usage);
    expect(r.err).toContain('COURTBRIDGE_ALLIANCE_SALT=HEX');
    expect(r.err).toContain('allianceSaltHex');
    expect(r.err).toContain('--owner HASH');
    zhFirst(r.err, '--id-number needs the alliance salt');
  });

  it('a gateway refusal for a missing or unknown key names the next command, zh-CN first', () => {
    zhFirst(nextStepOf(16, 'missing_token'), 'add --as KEYFILE');
    expect(nextStepOf(16, 'unknown_issuer')).toContain('courtbridge alliance register');
    zhFirst(nextStepOf(16, 'unknown_issuer'), "the key's DID is not an active member");
    expect(nextStepOf(16, 'wrong_audience')).toContain('--gateway-did');
    expect(nextStepOf(3, 'anything')).toBe('');
  });

  it('--gateway-did names the audience: no gateway is asked (none listens here)', async () => {
    const key = join(dir, 'k.key');
    const made = await run(['keys', 'new', '--out', key, '--json']);
    expect(made.code, made.err).toBe(0);
    const r = await run(['token', '--as', key, '--gateway-did', 'did:alliance:gateway-9', '--gateway', '127.0.0.1:9', '--json']);
    expect(r.code, r.err).toBe(0);
    const { token, audience } = JSON.parse(r.out) as { token: string; audience: string };
    expect(audience).toBe('did:alliance:gateway-9');
    const payload = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString('utf8')) as { aud: string };
    expect(payload.aud).toBe('did:alliance:gateway-9');
  });

  it('a gateway that refuses a tokenless call without naming its DID: the error says to give --gateway-did, zh-CN first', async () => {
    // A proxy that drops trailers looks like this: UNAUTHENTICATED and no `courtbridge-audience`.
    const server = createGatewayServer({
      handlers: { AllianceService: { ListMembers: (_call, cb) => cb({ code: grpc.status.UNAUTHENTICATED, details: 'missing_token' }) } },
    });
    const address = `127.0.0.1:${(await server.start(`127.0.0.1:${await freePort()}`)).port}`;
    try {
      const key = join(dir, 'k2.key');
      expect((await run(['keys', 'new', '--out', key])).code).toBe(0);
      const r = await run(['token', '--as', key, '--gateway', address]);
      expect(r.code).not.toBe(0);
      expect(r.err).toContain('gateway_did_unknown');
      expect(r.err).toContain('--gateway-did DID');
      zhFirst(r.err, 'did not name its DID');
      const given = await run(['token', '--as', key, '--gateway', address, '--gateway-did', 'did:alliance:gateway-1']);
      expect(given.code, given.err).toBe(0);
    } finally {
      await server.shutdown(1000);
    }
  });
});
