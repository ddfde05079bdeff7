import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Tests live under test/ only, mirroring the source tree.
    include: ['test/**/*.test.ts'],
    // Integration tests start real nats-server processes and gRPC servers on loopback.
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
  },
});
