/**
 * `RecordDbBackend`: the `notary` chain kind's backend over a record database (record-db.ts): the
 * adapter's process is the database's one writer. Queries read a key at a version; an action
 * becomes writes (the registry's `RecordDbDefinition.actionWrites`) appended in ONE batch with the
 * record `applied/<actionId>`, so an action either took effect with its mark or not at all, and
 * the mark, fsync'd with it, is what makes it exactly once: a second call with the same id (in
 * this process or after a restart) writes nothing and returns the target as of the version that
 * applied it (`already_applied`). The notaries read the same file read-only (record-notary.ts).
 *
 * `applyAction` reads and writes without awaiting in between, so two actions in one process never
 * interleave their read and their write.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { encodeCanonical } from '../../src/encoding/canonical-json.js';
import { CourtbridgeError, ErrorCode } from '../../src/errors.js';
import type { BackendMaker } from '../sdk/backend-factory.js';
import type { NotaryActionEffect, NotaryChainBackend, NotaryRecordRead, QueryHeight } from '../sdk/chain-backend.js';
import { type ActionInput, type AdapterDefinition, checkAction } from '../sdk/definition.js';
import { RecordDb, type RecordWrite } from './record-db.js';

/** A registry kept in a record database: its definition, and how a court's action becomes writes. */
export interface RecordDbDefinition extends AdapterDefinition {
  /** The key whose record shows an action's effect (its target record). */
  actionTargetKey(action: ActionInput): string;
  /**
   * The writes that apply a checked `action`, reading the database's latest state through `read`.
   * A refusal by the registry's rules is a `CourtbridgeError` (not UNAVAILABLE/INTERNAL): final.
   */
  actionWrites(action: ActionInput, read: (key: string) => Uint8Array | null, nowMs: number): RecordWrite[];
}

/** Whether `def` carries a record database's members. */
export function isRecordDbDefinition(def: AdapterDefinition): def is RecordDbDefinition {
  const d = def as Partial<RecordDbDefinition>;
  return typeof d.actionTargetKey === 'function' && typeof d.actionWrites === 'function';
}

/** The database file in the adapter's data directory. */
export const RECORD_DB_FILE = 'records.jsonl';

/** The backend name `main.ts` registers (`CB_BACKEND=record-db`). */
export const RECORD_DB_BACKEND = 'record-db';

/** The key marking an action as applied (written in the action's own batch). */
export const appliedKey = (actionId: string): string => `applied/${actionId}`;

export interface RecordDbBackendOptions {
  definition: RecordDbDefinition;
  /** The database file (created when absent). */
  file: string;
  /** The clock actions are stamped with; `Date.now` unless told. */
  now?: () => number;
}

export class RecordDbBackend implements NotaryChainBackend {
  readonly kind = 'notary' as const;
  readonly chainId: string;
  private opened: RecordDb | undefined;

  constructor(private readonly o: RecordDbBackendOptions) {
    this.chainId = o.definition.chainId;
  }

  /** The open database (seeding a demo, tests). @throws FAILED_PRECONDITION `backend_not_started` */
  get db(): RecordDb {
    if (this.opened === undefined) {
      throw new CourtbridgeError(ErrorCode.FailedPrecondition, 'backend_not_started', `the ${this.chainId} record database is not open`);
    }
    return this.opened;
  }

  async start(): Promise<void> {
    if (this.opened !== undefined) return;
    mkdirSync(dirname(this.o.file), { recursive: true, mode: 0o700 });
    this.opened = RecordDb.open(this.o.file);
  }

  async close(): Promise<void> {
    this.opened?.close();
    this.opened = undefined;
  }

  async queryRecord(key: string, height: QueryHeight): Promise<NotaryRecordRead> {
    const db = this.db;
    const version = height.kind === 'latest' ? db.version() : height.height;
    if (version > db.version()) {
      throw new CourtbridgeError(
        ErrorCode.NotFound,
        'unknown_height',
        `the ${this.chainId} database is at version ${db.version()}, not yet at ${version}`,
      );
    }
    return { key, value: db.get(key, version), version };
  }

  async actionApplied(actionId: string): Promise<boolean> {
    return this.db.firstWrittenAt(appliedKey(actionId)) !== undefined;
  }

  async applyAction(action: ActionInput): Promise<NotaryActionEffect> {
    const db = this.db;
    const def = this.o.definition;
    checkAction(def, action);
    const target = def.actionTargetKey(action);
    const mark = appliedKey(action.actionId);
    const appliedAt = db.firstWrittenAt(mark);
    if (appliedAt !== undefined) {
      return {
        outcome: 'already_applied',
        actionId: action.actionId,
        height: appliedAt,
        state: { key: target, value: db.get(target, appliedAt), version: appliedAt },
      };
    }
    const nowMs = (this.o.now ?? Date.now)();
    const writes = def.actionWrites(action, (key) => db.get(key), nowMs);
    const markValue = encodeCanonical({
      type: 'applied_action',
      schema: 1,
      actionId: action.actionId,
      kind: action.kind,
      target,
      court: action.court,
      caseId: action.caseId,
      orderId: action.orderId,
      appliedAtMs: nowMs,
    });
    const version = db.put([...writes, { key: mark, value: markValue }]);
    return {
      outcome: 'applied',
      actionId: action.actionId,
      height: version,
      state: { key: target, value: db.get(target, version), version },
    };
  }
}

/** A `BackendMaker` for a registry kept in `<dataDir>/records.jsonl`. */
export function recordDbBackendMaker(definition: RecordDbDefinition): BackendMaker {
  return ({ config }) => {
    if (config.dataDir === undefined) {
      const message =
        'dataDir: required by the record-db backend (its database file lives there); set CB_DATA_DIR, --data-dir or "dataDir" in the config file';
      throw new CourtbridgeError(ErrorCode.InvalidArgument, 'invalid_config', message, { details: { field: 'dataDir' } });
    }
    return new RecordDbBackend({ definition, file: join(config.dataDir, RECORD_DB_FILE) });
  };
}
