/**
 * How the CLI turns an error into its one line and exit code (src/cli/errors.ts): a part this
 * build does not have exits 7 (docs/cli.md "Exit codes"), and a gateway refusal names the reason
 * the gateway sent in its `courtbridge-reason` trailer.
 */
import * as grpc from '@grpc/grpc-js';
import { describe, expect, it } from 'vitest';
import { describeError } from '../../src/cli/errors.js';
import { ExitCode } from '../../src/cli/exit-codes.js';
import { loadExport, moduleUnavailable } from '../../src/cli/optional-module.js';
import { REASON_TRAILER } from '../../src/wire/reason-trailer.js';

describe('describeError', () => {
  it('a module missing from this build: exit 7, module_unavailable named', async () => {
    expect(describeError(moduleUnavailable('no adapter for chain nosuch'))).toEqual({
      line: 'courtbridge: NOT_FOUND module_unavailable: no adapter for chain nosuch',
      exitCode: ExitCode.Unavailable,
    });
    const missing = await loadExport('the tutorial', ['adapters/nosuch/main.ts'], 'main').catch((e: unknown) => e);
    expect(describeError(missing).exitCode).toBe(ExitCode.Unavailable);
  });

  it("a gateway refusal: the line carries the gateway's reason trailer", () => {
    const metadata = new grpc.Metadata();
    metadata.set(REASON_TRAILER, 'not_a_member');
    const e = Object.assign(new Error('7 PERMISSION_DENIED: not_a_member: ...'), {
      code: grpc.status.PERMISSION_DENIED,
      details: 'not_a_member: did:key:z6M is not an active member',
      metadata,
    });
    const d = describeError(e);
    expect(d.exitCode).toBe(ExitCode.Denied);
    expect(d.line).toBe('courtbridge: gateway answered PERMISSION_DENIED not_a_member: not_a_member: did:key:z6M is not an active member');
  });
});
