/**
 * `TrustedStore` in plain files, for a single gateway or an offline verifier
 * (DESIGN.md: "a restart resumes without re-sync"). Layout under `dir`:
 *   <chainId>/client.json        { revision, state }   (state: state-codec.ts form)
 *   <chainId>/cs/<height>.json   consensus state       (state-codec.ts form)
 * Every write goes to a temp file, is fsynced, then renamed over the target (atomic on POSIX).
 * The client-state compare-and-set holds `<chainId>/client.lock` (created exclusively), so
 * two processes sharing the directory cannot both win.
 */
import { mkdir, open, readFile, readdir, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { CHAIN_ID_PATTERN } from '../chain/header.js';
import { CourtbridgeError, ErrorCode } from '../errors.js';
import type { ClientState } from '../lightclient/client-state.js';
import type { ConsensusState } from '../lightclient/consensus-state.js';
import { decodeClientState, decodeConsensusState, encodeClientState, encodeConsensusState } from '../lightclient/state-codec.js';
import { storeConflict, type TrustedStore, type Versioned } from '../lightclient/store.js';

const LOCK_WAIT_MS = 5_000;

export class FileTrustedStore implements TrustedStore {
  constructor(private readonly dir: string) {}

  private chainDir(chainId: string): string {
    // Chain ids become path segments: only the header.ts pattern (no '/', no '..') is allowed.
    if (!CHAIN_ID_PATTERN.test(chainId))
      throw new TypeError(`chainId: expected ${CHAIN_ID_PATTERN.source}, got ${JSON.stringify(chainId)}`);
    return join(this.dir, chainId);
  }

  private csPath(chainId: string, height: number): string {
    if (!Number.isSafeInteger(height) || height < 1) throw new TypeError(`height: expected an integer >= 1, got ${height}`);
    return join(this.chainDir(chainId), 'cs', `${height}.json`);
  }

  async getClientState(chainId: string): Promise<Versioned<ClientState> | undefined> {
    const text = await readIfExists(join(this.chainDir(chainId), 'client.json'));
    if (text === undefined) return undefined;
    const j = JSON.parse(text) as { revision: number; state: string };
    return { value: decodeClientState(j.state), revision: j.revision };
  }

  async putClientState(state: ClientState, expectedRevision: number): Promise<number> {
    const dir = this.chainDir(state.chainId);
    await mkdir(dir, { recursive: true });
    const unlock = await lock(join(dir, 'client.lock'));
    try {
      const cur = (await this.getClientState(state.chainId))?.revision ?? 0;
      if (cur !== expectedRevision) throw storeConflict(state.chainId, expectedRevision, cur);
      await writeAtomic(join(dir, 'client.json'), JSON.stringify({ revision: cur + 1, state: encodeClientState(state) }));
      return cur + 1;
    } finally {
      await unlock();
    }
  }

  async getConsensusState(chainId: string, height: number): Promise<ConsensusState | undefined> {
    const text = await readIfExists(this.csPath(chainId, height));
    return text === undefined ? undefined : decodeConsensusState(text);
  }

  async putConsensusState(chainId: string, cs: ConsensusState): Promise<void> {
    await mkdir(join(this.chainDir(chainId), 'cs'), { recursive: true });
    await writeAtomic(this.csPath(chainId, cs.height), encodeConsensusState(cs));
  }

  async deleteConsensusState(chainId: string, height: number): Promise<void> {
    await rm(this.csPath(chainId, height), { force: true });
  }

  async heights(chainId: string): Promise<number[]> {
    let names: string[];
    try {
      names = await readdir(join(this.chainDir(chainId), 'cs'));
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw e;
    }
    return names
      .map((n) => /^(\d+)\.json$/.exec(n)?.[1])
      .filter((n): n is string => n !== undefined)
      .map(Number)
      .sort((a, b) => a - b);
  }
}

async function readIfExists(path: string): Promise<string | undefined> {
  try {
    return await readFile(path, 'utf8');
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
}

let tmpCounter = 0;

async function writeAtomic(path: string, text: string): Promise<void> {
  const tmp = `${path}.${process.pid}.${++tmpCounter}.tmp`;
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(text, 'utf8');
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
}

async function lock(path: string): Promise<() => Promise<void>> {
  const deadline = performance.now() + LOCK_WAIT_MS;
  for (;;) {
    try {
      const fh = await open(path, 'wx');
      await fh.close();
      return () => rm(path, { force: true });
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
      if (performance.now() > deadline) {
        throw new CourtbridgeError(
          ErrorCode.Unavailable,
          'store_locked',
          `trusted store lock ${path} held for more than ${LOCK_WAIT_MS} ms (remove it if its process died)`,
        );
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }
}
