/**
 * Disk state suite (docs/state-store.md): a dev ledger with a data dir ingests `n` evidence
 * records of ~64 bytes (one bulk tx of up to 125k records per block, so the block log stays small and the state store
 * does the work), keeping two heights provable. Lines, each named with n:
 *   state.build_records_per_s.<n>   records committed per second (tree, values, log, one LMDB txn per block)
 *   state.rss_mb.<n>                peak anonymous RSS of the suite's own process while building (the memory-mapped store's file pages are the OS's cache, reported apart)
 *   state.disk_bytes_per_record.<n> the state store's data file over n
 *   state.restart_s.<n>             reopening the ledger from a cold page cache (checks the log's headers, opens the store, checks its root)
 *   state.prove_us.<n>.p50          one proof with its value, from a cold page cache
 * `npm run bench` and `--quick`: n = 30k; `npm run bench -- --scale`: n = 10M (only this suite).
 * The page cache is emptied for the store's files with posix_fadvise(DONTNEED) (python3), which
 * needs no root; the progress line says whether it worked.
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';
import { ContractRegistry, type ContractHandler } from '../src/chain/ledger/contract.js';
import { DevLedger } from '../src/chain/ledger/ledger.js';
import { fromUtf8, utf8 } from '../src/encoding/bytes.js';
import { verifyProof } from '../src/proof/verify.js';
import { round, type BenchContext, type BenchLine, type BenchSuite } from './lib.js';

const recordKey = (i: number): string => `evidence/${i}`;
/** ~64 bytes: an evidence digest reference and its filing. */
const recordValue = (i: number): Uint8Array => utf8(`{"sha256":"${(i * 2654435761).toString(16).padStart(16, '0')}","case":"(2026)${i}"}`);

/** One tx files `count` records from `from` (the body is "from,count"): the bench's bulk loader. */
const bulk: ContractHandler = {
  types: ['bench.bulk'],
  apply(tx) {
    const [from, count] = fromUtf8(tx.body).split(',').map(Number) as [number, number];
    const writes = new Array(count);
    for (let i = 0; i < count; i++) writes[i] = { key: recordKey(from + i), value: recordValue(from + i) };
    return writes;
  },
};

const label = (n: number): string => (n >= 1e6 ? `${n / 1e6}m` : `${n / 1e3}k`);

/** Anonymous and file-backed resident memory of this process (MB), from /proc. */
function rssParts(): { anon: number; file: number } {
  const status = readFileSync('/proc/self/status', 'utf8');
  const kb = (f: string): number => Number(new RegExp(`${f}:\\s+(\\d+)`).exec(status)?.[1] ?? 0);
  return { anon: kb('RssAnon') / 1024, file: (kb('RssFile') + kb('RssShmem')) / 1024 };
}

/** Drop `files` from the page cache (posix_fadvise DONTNEED, no root needed); says how. */
function evict(files: string[]): string {
  try {
    execFileSync('python3', [
      '-c',
      'import os,sys\nfor p in sys.argv[1:]:\n fd=os.open(p,os.O_RDONLY); os.fsync(fd); os.posix_fadvise(fd,0,0,os.POSIX_FADV_DONTNEED); os.close(fd)',
      ...files,
    ]);
    return 'page cache of the store files dropped with posix_fadvise(DONTNEED)';
  } catch (e) {
    return `page cache NOT dropped (${e instanceof Error ? e.message.split('\n')[0] : String(e)}): warm numbers`;
  }
}

async function measure(ctx: BenchContext, n: number): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'cb-bench-state-'));
  const contracts = () => new ContractRegistry().register(bulk);
  const open = (): DevLedger =>
    DevLedger.open({ chainId: 'bench-state', contracts: contracts(), dataDir: dir, retainHeights: 2, validators: 4 });
  const name = label(n);
  const perBlock = Math.min(125_000, Math.max(10_000, Math.floor(n / 4)));
  try {
    const ledger = open();
    let peakAnon = 0;
    const t0 = performance.now();
    let lastReport = t0;
    for (let from = 0, b = 0; from < n; from += perBlock, b++) {
      const count = Math.min(perBlock, n - from);
      const done = ledger.submit({ type: 'bench.bulk', sender: 'did:key:bench', id: `bulk-${b}`, body: utf8(`${from},${count}`) });
      ledger.produceBlock();
      await done;
      peakAnon = Math.max(peakAnon, rssParts().anon);
      if (performance.now() - lastReport > 15_000) {
        lastReport = performance.now();
        const s = (lastReport - t0) / 1000;
        const r = rssParts();
        ctx.progress(
          `state: ${from + count} records in ${s.toFixed(0)} s (${Math.round((from + count) / s)}/s), rss anon ${r.anon.toFixed(0)} MB + file ${r.file.toFixed(0)} MB`,
        );
      }
    }
    const buildS = (performance.now() - t0) / 1000;
    const files = [join(dir, 'state', 'data.mdb'), join(dir, 'blocks.log')];
    const stateBytes = statSync(files[0]!).size;
    ctx.progress(
      `state: built ${n} records in ${buildS.toFixed(1)} s at height ${ledger.height}; store ${(stateBytes / 1e6).toFixed(0)} MB, log ${(statSync(files[1]!).size / 1e6).toFixed(1)} MB`,
    );
    ledger.close();
    ctx.emit({ name: `state.build_records_per_s.${name}`, value: round(n / buildS), unit: 'records/s' });
    ctx.emit({ name: `state.rss_mb.${name}`, value: round(peakAnon), unit: 'MB' });
    ctx.emit({ name: `state.disk_bytes_per_record.${name}`, value: round(stateBytes / n), unit: 'B' });

    ctx.progress(`state: restart: ${evict(files)}`);
    const tr = performance.now();
    const again = open();
    const restartS = (performance.now() - tr) / 1000;
    ctx.emit({ name: `state.restart_s.${name}`, value: round(restartS, 2), unit: 's' });

    ctx.progress(`state: prove: ${evict(files)}`);
    const samples = ctx.quick ? 300 : 2000;
    const times = new Float64Array(samples);
    let x = 12345;
    for (let i = 0; i < samples; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      const key = recordKey(x % n);
      const t = performance.now();
      const p = again.prove(key);
      times[i] = (performance.now() - t) * 1000;
      if (i < 4) verifyProof(p.light.signedHeader.header.stateRoot, utf8(key), p.value, p.proof);
    }
    times.sort();
    ctx.progress(
      `state: prove from cold: p50 ${times[samples >> 1]!.toFixed(0)} µs, p90 ${times[Math.floor(samples * 0.9)]!.toFixed(0)} µs, first-ever ${Math.max(...times).toFixed(0)} µs max`,
    );
    ctx.emit({ name: `state.prove_us.${name}.p50`, value: round(times[samples >> 1]!), unit: 'µs' });
    again.close();
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * The suite runs in a process of its own (its own group, ended with the bench), so its RSS is the
 * store's and the ledger's alone, not what earlier suites left on the bench's heap.
 */
export const stateSuite: BenchSuite = {
  name: 'state',
  async run(ctx) {
    const n = ctx.scale === true ? 10_000_000 : 30_000;
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', String(n), ctx.quick ? 'quick' : 'full'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
        detached: true,
      },
    );
    const end = (): void => {
      try {
        if (child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    };
    process.once('exit', end);
    try {
      const lines = createInterface({ input: child.stdout });
      lines.on('line', (l) => ctx.emit(JSON.parse(l) as BenchLine));
      createInterface({ input: child.stderr }).on('line', (l) => ctx.progress(l));
      const code = await new Promise<number | null>((res) => child.on('exit', res));
      if (code !== 0) throw new Error(`state suite's process exited with ${code}`);
    } finally {
      end();
      process.off('exit', end);
    }
  },
};

if (process.argv[2] === '--child') {
  const n = Number(process.argv[3]);
  const child: BenchContext = {
    quick: process.argv[4] === 'quick',
    durationMs: 0,
    results: new Map(),
    emit: (line) => process.stdout.write(`${JSON.stringify(line)}\n`),
    progress: (msg) => process.stderr.write(`${msg}\n`),
  };
  measure(child, n).catch((e: unknown) => {
    process.stderr.write(`state: failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\n`);
    process.exit(1);
  });
}
