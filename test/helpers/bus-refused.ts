/**
 * Waits for a real nats-server to refuse `operation` on `subject` for `nc` after `act`: the
 * server's permission-violation status event (src/bus/connection.ts `permissionViolationOf`) is
 * what the bus permission tests check, not the failed promise a refused request also gives.
 */
import type { NatsConnection } from 'nats';
import { expect } from 'vitest';
import { permissionViolationOf } from '../../src/bus/connection.js';

export async function refused(
  nc: NatsConnection,
  operation: 'publish' | 'subscription',
  subject: string,
  act: () => unknown,
): Promise<void> {
  const seen = (async () => {
    for await (const s of nc.status()) {
      const v = permissionViolationOf(s);
      if (v !== undefined && v.subject === subject && v.operation === operation) return true;
    }
    return false;
  })();
  try {
    await act();
  } catch {
    // A refused request also fails its promise; the status event is what we check.
  }
  const timeout = new Promise<false>((r) => setTimeout(() => r(false), 3_000));
  expect(await Promise.race([seen, timeout]), `server did not refuse ${operation} ${subject}`).toBe(true);
}
