/**
 * The device's side of the intake (src/mobile/intake-wire.ts): send one signed record and wait for
 * the chain's answer. The bus connection is the device's least-privilege user `intake-<chain>`
 * (src/bus/permissions.ts): it may publish to the intake and read its own inbox, nothing else.
 */
import type { NatsConnection } from 'nats';
import { request } from '../bus/request.js';
import { chainIntakeSubject } from '../bus/subjects.js';
import { decodeIntakeReceipt, type IntakeReceipt } from '../bus/intake-reply.js';
import { intakeRequestOf } from './intake-wire.js';
import type { SignedOnsite } from './onsite-record.js';

/** Submit `record` to `chain`'s intake; resolves once committed, rejects with the contract's refusal or a transport error. */
export async function submitOnsite(nc: NatsConnection, chain: string, record: SignedOnsite, timeoutMs = 10_000): Promise<IntakeReceipt> {
  const reply = await request(nc, chainIntakeSubject(chain), intakeRequestOf(record), { deadlineMs: Date.now() + timeoutMs });
  return decodeIntakeReceipt(reply.data);
}
