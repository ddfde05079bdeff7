/**
 * The mobile chain's intake: officer devices submit signed on-site records. Runs next to the
 * mobile chain's dev ledger (main.ts) and serves, in queue group `mobile-intake`:
 *   `chainIntakeSubject(chain)`  the record as canonical JSON (`{type:'onsite', schema:1, ...}`,
 *       src/mobile/onsite-record.ts) -> reply u8 outcome (1 committed, 2 already_committed),
 *       u64 height, u64 timeMs once the tx is in a committed block (for 2: the chain's latest
 *       header); a refusal is an error reply with the contract's reason (src/bus/request.ts).
 * Not an envelope: the record's own device signature authenticates it (the contract checks it
 * against the device's did:key and delegation), so the bus only decides who may reach the door
 * (src/bus/permissions.ts, user `intake-<chain>`). The tx id is the record's hash: a record
 * delivered twice (its reply lost on the way back) is one tx, answered `already_committed`.
 */
import type { Msg, NatsConnection, Subscription } from 'nats';
import { replyError, replyOk } from '../../src/bus/request.js';
import { chainIntakeSubject } from '../../src/bus/subjects.js';
import type { DevLedger } from '../../src/chain/ledger/ledger.js';
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';
import { onsiteRecordHash } from '../../src/mobile/onsite-record.js';
import { encodeIntakeReceipt, type IntakeReceipt } from '../../src/bus/intake-reply.js';
import { intakeRequestOf, MAX_INTAKE_BYTES } from '../../src/mobile/intake-wire.js';
import { commitOnce } from '../sdk/commit-once.js';
import { onsiteTxId, readRecordTx } from './contract.js';
import { MobileTx } from './schema.js';

export interface MobileIntakeOptions {
  nc: NatsConnection;
  ledger: DevLedger;
}

export interface MobileIntake {
  stop(): Promise<void>;
}

/** Submit one record to the ledger (what the subject handler runs; exported for the contract tests). */
export async function intakeRecord(ledger: DevLedger, data: Uint8Array): Promise<IntakeReceipt> {
  const chain = ledger.chainId;
  if (data.length > MAX_INTAKE_BYTES)
    throw new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_record', `record: at most ${MAX_INTAKE_BYTES} bytes`);
  // Parse before anything (a malformed record is INVALID_ARGUMENT invalid_record, naming the field).
  const record = readRecordTx({ type: MobileTx.Record, sender: '', id: '', body: data });
  const id = onsiteTxId(onsiteRecordHash(chain, record));
  return commitOnce(ledger, { type: MobileTx.Record, sender: record.deviceDid, id, body: intakeRequestOf(record) });
}

export function startMobileIntake(o: MobileIntakeOptions): MobileIntake {
  const sub: Subscription = o.nc.subscribe(chainIntakeSubject(o.ledger.chainId), {
    queue: 'mobile-intake',
    callback: (err, msg: Msg) => {
      if (err) return;
      void intakeRecord(o.ledger, msg.data).then(
        (r) => replyOk(msg, encodeIntakeReceipt(r)),
        (e: unknown) => replyError(msg, e),
      );
    },
  });
  return {
    stop: async () => {
      sub.unsubscribe();
    },
  };
}
