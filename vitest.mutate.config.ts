import { defineConfig } from 'vitest/config';

/**
 * The tests mutation testing runs against the trust code (stryker.config.mjs): the unit and
 * loopback-gRPC tests of the verifiers and the gate. Tests that start nats-server, hardhat or
 * child processes stay in the main suite; every trust check has a test at its own layer here.
 * Exceptions: test/adapters/sdk/order-replay.test.ts and judicial-trust.test.ts each start one
 * nats-server for the file (the KV replay guard needs real JetStream, the judicial anchor is
 * fetched over request/reply); both are small and run in about a second.
 */
export default defineConfig({
  test: {
    include: [
      'test/proof/**/*.test.ts',
      'test/chain/{commit,header,header-vectors,misbehaviour,signed-header,validator-set,sm3-chain,record-fields}.test.ts',
      'test/lightclient/**/*.test.ts',
      'test/identity/**/*.test.ts',
      'test/verify/**/*.test.ts',
      'test/relay/verify/**/*.test.ts',
      'test/relay/control/{admission-queue,admin-approvals,authenticate,auth-key-times,guard-admission,guard-limits,guard-log,guard-trust,guard-wrap,policy-standing,policy-table,policy-times,token-cache}.test.ts',
      'test/bus/{envelope,envelope-fields,envelope-policy,envelope-verify,envelope-verify-options,envelope-verify-records,envelope-vectors,replay-guard}.test.ts',
      'test/adapters/sdk/{order-check,order-replay,judicial-trust}.test.ts',
      'test/judicial/**/*.test.ts',
      'test/vectors/**/*.test.ts',
      'test/spec/**/*.test.ts',
    ],
    exclude: [
      'test/lightclient/trusted-store-kv.test.ts',
      // Verifies in a child process, which the mutants never reach.
      'test/verify/offline-schema.test.ts',
    ],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
