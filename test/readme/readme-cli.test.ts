/**
 * Keeps the README's CLI section and docs/cli.md true: every command line of their fenced `sh`
 * blocks (continuation lines joined) either runs here, as written, in bash, or is mapped below to
 * the test that runs it (MAPPED: the test's file must hold its title and the command's words). A
 * line added to either file with neither fails this test; so does a mapping whose line is gone.
 *
 * The setup is the demo's, small: the e2e alliance (test/relay/e2e/e2e-setup.ts: a private
 * nats-server, the five domain adapters on chains seeded with the demo cast, a gateway), and on
 * disk what the demo leaves: its alliance directory (genesis.json, keys/court.key, the CLI config
 * src/demo/cli-config.ts writes). The README's lines run in one bash session from the clone's root,
 * starting with PATH as it is (its own `export PATH="$PWD/bin:$PATH"` puts `courtbridge` there)
 * and the demo's `cd ... && export COURTBRIDGE_CONFIG=...` line with that directory and hash.
 * docs/cli.md's run in an operator's directory (genesis.json, court.key, admin1.key, admin2.key,
 * gateway.key, gateway.json) with $COURTBRIDGE_GATEWAY, $NATS_URL and $GENESIS_HASH set and no
 * gateway DID anywhere: the CLI learns it from the gateway without a token. A line's expected exit
 * code is 0 unless its comment says `exit N`.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NatsConnection } from 'nats';
import { startJudicialTxServer, type JudicialTxServer } from '../../adapters/judicial/tx-server.js';
import { MemoryReplayGuard } from '../../src/bus/replay-guard.js';
import { writeDemoCliConfig } from '../../src/demo/cli-config.js';
import { toHex } from '../../src/encoding/bytes.js';
import { writeKeyFile } from '../../src/identity/keystore.js';
import type { JudicialOrder } from '../../src/judicial/order.js';
import type { RunningGateway } from '../../src/relay/gateway.js';
import { DEMO_SALT } from '../../src/seed/demo-cast.js';
import { FixtureDids, issueJudicialOrder } from '../helpers/alliance-fixture.js';
import { startE2e, type E2e } from '../relay/e2e/e2e-setup.js';

const ROOT = resolve(import.meta.dirname, '..', '..');
const BIN = join(ROOT, 'bin', 'courtbridge.mjs');

/** A command line of a fenced `sh` block, continuation lines joined. */
interface DocLine {
  file: string;
  text: string;
}

/** The `sh` blocks' lines of `markdown` (comment-only and blank lines left out). */
function shLines(file: string, markdown: string): DocLine[] {
  const out: DocLine[] = [];
  for (const block of markdown.matchAll(/```sh\n([\s\S]*?)```/g)) {
    let pending = '';
    for (const raw of block[1]!.split('\n')) {
      const line = raw.trim();
      if (pending === '' && (line === '' || line.startsWith('#'))) continue;
      if (line.endsWith('\\')) {
        pending += `${line.slice(0, -1).trim()} `;
        continue;
      }
      out.push({ file, text: pending + line });
      pending = '';
    }
  }
  return out;
}

/** The README's CLI section: from its heading to the next `## `. */
function readmeCliSection(): string {
  const md = readFileSync(join(ROOT, 'README.md'), 'utf8');
  const start = md.indexOf('## The `courtbridge` CLI');
  if (start < 0) throw new Error('README.md has no "The `courtbridge` CLI" section');
  const end = md.indexOf('\n## ', start + 5);
  return md.slice(start, end < 0 ? undefined : end);
}

const README_LINES = shLines('README.md', readmeCliSection());
const DOCS_LINES = shLines('docs/cli.md', readFileSync(join(ROOT, 'docs/cli.md'), 'utf8'));

/**
 * Lines another test runs (they need what this setup does not give: a registry change that would
 * pull a chain from under the other lines, a chain entry file, adapters as processes, a ledger
 * directory of its own), with that test and the command words it runs.
 */
/** `via`: the helper the test runs the command through (the words are there; the test imports it). */
const MAPPED: Readonly<Record<string, { test: string; title: string; words: string[]; via?: string }>> = {
  // Needs a closed creditors' meeting's saved bundles: the bankruptcy chain's e2e makes them and runs it.
  'courtbridge tally case.json meeting.json claim-*.json ballot-*.json --genesis genesis.json --genesis-hash $GENESIS_HASH': {
    test: 'test/relay/e2e/bankruptcy-chain.test.ts',
    title: '`courtbridge tally` re-checks the tally offline from saved bundle files; a tampered bundle or a withheld ballot is refused',
    words: ['tally', '--genesis', '--genesis-hash'],
  },
  'courtbridge evidence receipt summons.pdf --service 3f2a... --as recipient.key > receipt.json': {
    test: 'test/cli/cli-verify-document.test.ts',
    title: "the recipient signs its receipt over the file's hash: the request the registry records; a stranger's is refused",
    words: ['evidence', 'receipt', '--service', '--as'],
  },
  'courtbridge evidence receipt summons.pdf --service 3f2a... --as recipient.key --relay-as court.key': {
    test: 'test/workflows/gateway-services.test.ts',
    title: 'courtbridge evidence receipt --relay-as: a member relays the receipt of the recipient to the gateway',
    words: ['evidence', 'receipt', '--relay-as'],
  },
  'courtbridge verify --document summons.pdf --page http://127.0.0.1:8080/ --genesis genesis.json --genesis-hash $GENESIS_HASH': {
    test: 'test/cli/cli-verify-document.test.ts',
    title: 'a served and received document: VALID, zh-CN first, the court by its organisation, the receipt signed by the recipient',
    words: ['verify', '--document', '--page'],
  },
  'courtbridge alliance rotate did:alliance:court-sh-02 --new-kid key-2 --new-public-key 03cd... --admin-key admin1.key --admin-key admin2.key':
    { test: 'test/cli/cli-alliance.test.ts', title: 'rotate with two admin keys adds key-2 to the court', words: ['alliance', 'rotate'] },
  'courtbridge alliance admit-chain --entry property-chain.json --admin-key admin1.key --admin-key admin2.key': {
    test: 'test/cli/cli-alliance.test.ts',
    title: 'admit-chain with the quorum admits it; chains lists it zh-CN first; remove-chain removes it',
    words: ['alliance', 'admit-chain'],
  },
  'courtbridge alliance remove-chain property --admin-key admin1.key --admin-key admin2.key': {
    test: 'test/cli/cli-alliance.test.ts',
    title: 'admit-chain with the quorum admits it; chains lists it zh-CN first; remove-chain removes it',
    words: ['alliance', 'remove-chain'],
  },
  'courtbridge adapter start --chain credit --nats nats://127.0.0.1:4222 --key credit-adapter.key --genesis genesis.json --genesis-hash 5f3c... --judicial-height 12 --judicial-hash 9a0b...':
    {
      test: 'test/cli/cli-live.test.ts',
      title: 'adapter start runs the credit adapter: it announces itself and exits 0 on SIGTERM',
      words: ['adapter', 'start'],
    },
  'ORDER_JWT=$(courtbridge action order --chain finance --kind freeze --target 6222020200112345678 --amount 100000 --case C-2024-002 --order O-2024-002 --action-id act-2024-002 --as court.key --gateway-key gateway.key --respondent 136225f99edb0835f0261513ec5a34179ced797f07a970a4c08617fa9d95ac99)':
    {
      test: 'test/readme/readme-grpcurl.test.ts',
      title:
        'courtbridge action order: a case not on the judicial chain names --respondent; --json gives the JWT and the SubmitAction request',
      words: ['action', 'order'],
    },
  'courtbridge workflows start --config workflows.json --replica-id wf-1': {
    test: 'test/workflows/service-replicas.test.ts',
    title: 'the replica holding the case is killed with SIGKILL mid-case; the other finishes it, every action exactly once',
    words: ['workflows', 'start', '--config', '--replica-id'],
    via: 'test/workflows/replica-harness.ts',
  },
  'courtbridge seed --chain notarial --definition ../notarial-adapter/definition.ts --txs notarial-records.jsonl': {
    test: 'test/cli/cli-seed-partner.test.ts',
    title: 'with its definition and records, the chain is written and reopens with them',
    words: ['seed', '--definition', '--txs'],
  },
  'courtbridge seed --records 5000': {
    test: 'test/cli/cli-live.test.ts',
    title: 'seed writes a credit ledger that reopens at the reported height with its records',
    words: ['seed'],
  },
  'courtbridge seed --chain credit --chain finance --data-dir /var/lib/courtbridge': {
    test: 'test/cli/cli-live.test.ts',
    title: 'seed writes a credit ledger that reopens at the reported height with its records',
    words: ['seed'],
  },
  'courtbridge trust export --out trust.json --genesis genesis.json --updates updates.jsonl --genesis-hash 5f3c...': {
    test: 'test/cli/cli-trust.test.ts',
    title: 'a chain admitted after genesis: exported, then the bundle verifies VALID from the trust file and the pinned hash',
    words: ['trust', 'export'],
  },
  'courtbridge trust export --out trust.json --registry /var/lib/courtbridge/registry --genesis-hash 5f3c...': {
    test: 'test/cli/cli-trust.test.ts',
    title: 'a registry file store directory exports the same file',
    words: ['trust', 'export'],
  },
  'courtbridge conformance --chain lawyer --nats nats://127.0.0.1:4222 --court-key court.key --gateway-key gateway.key --genesis genesis.json --genesis-hash 5f3c... --action suspend:lawyer/11101201010000001 --json':
    {
      test: 'test/cli/cli-live.test.ts',
      title: 'certifies the lawyer adapter: every check passes, exit 0, JSON report',
      words: ['conformance'],
    },
};

/** The line the demo prints (src/demo/scenario.ts), as the README shows it. */
const DEMO_LINE = /^cd \/tmp\/courtbridge-demo-X+\/alliance && export COURTBRIDGE_CONFIG=\$PWD\/courtbridge\.json GENESIS_HASH=5f3c\.\.\.$/;
/** Lines that run until stopped: started, awaited until they print this, then sent SIGTERM (exit 0). */
const LONG_RUNNING: Readonly<Record<string, RegExp>> = {
  'courtbridge gateway start --config gateway.json': /listening on/,
};

/** The exit code a line's comment promises (`exit N`), else 0. */
const expectedExit = (line: string): number => Number(/#.*\bexit (\d)\b/.exec(line)?.[1] ?? 0);

interface LineRun {
  line: string;
  code: number;
  out: string;
}

/** Run `lines` in one bash session from `cwd`; each line's exit code and output. */
function runSession(lines: string[], cwd: string, env: Record<string, string>, scratch: string): Promise<LineRun[]> {
  const script = lines
    .map((l, i) => `{ ${l}\n} > ${join(scratch, `out-${i}`)} 2>&1 < /dev/null; echo $? > ${join(scratch, `rc-${i}`)}`)
    .join('\n');
  writeFileSync(join(scratch, 'session.sh'), script);
  return new Promise((res, rej) => {
    execFile('bash', [join(scratch, 'session.sh')], { cwd, env, timeout: 400_000 }, (err) => {
      if (err?.killed) return rej(err);
      res(
        lines.map((line, i) => {
          const read = (f: string): string => {
            try {
              return readFileSync(join(scratch, `${f}-${i}`), 'utf8');
            } catch {
              return '';
            }
          };
          return { line, code: Number(read('rc').trim() || -1), out: read('out') };
        }),
      );
    });
  });
}

/** Start a long-running line, wait for `ready` in its output, stop it with SIGTERM; its exit code. */
function runUntilReady(line: string, ready: RegExp, cwd: string, env: Record<string, string>): Promise<LineRun> {
  return new Promise((res) => {
    const child = spawn('bash', ['-c', `exec ${line}`], { cwd, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let sent = false;
    const timer = setTimeout(() => child.kill('SIGKILL'), 60_000);
    const on = (d: Buffer): void => {
      out += d.toString();
      if (!sent && ready.test(out)) {
        sent = true;
        child.kill('SIGTERM');
      }
    };
    child.stdout.on('data', on);
    child.stderr.on('data', on);
    child.on('exit', (code) => {
      clearTimeout(timer);
      res({ line, code: sent ? (code ?? -1) : -1, out });
    });
  });
}

let e2e: E2e;
let gw: RunningGateway;
let nc: NatsConnection;
let txServer: JudicialTxServer;
const work = mkdtempSync(join(tmpdir(), 'cb-readme-cli-'));
const allianceDir = join(work, 'demo', 'alliance');
const operatorDir = join(work, 'operator');
let genesisHash: string;
let readmeRuns: LineRun[] = [];
let docsRuns: LineRun[] = [];

beforeAll(async () => {
  e2e = await startE2e();
  gw = await e2e.startGateway();
  const fx = e2e.fx;
  // The judicial chain's write door, as the demo's judicial chain runs it: evidence is anchored through it.
  // The test's own parts (the judicial door, a court desk) share one connection: the operator's.
  nc = await e2e.connectAs('operator');
  txServer = startJudicialTxServer({
    nc,
    ledger: e2e.backends.judicial.ledger,
    authority: fx.authority,
    replay: new MemoryReplayGuard({ windowMs: 120_000 }),
    now: Date.now,
  });
  genesisHash = toHex(fx.loaded.hash);
  const key = (did: string, file: string): Promise<void> =>
    writeKeyFile(file, { did, kid: `${did}#key-1`, privateKey: fx.privateKeys.get(did)! });
  // What the demo leaves: its alliance directory and the CLI config it prints.
  mkdirSync(join(allianceDir, 'keys'), { recursive: true });
  writeFileSync(join(allianceDir, 'genesis.json'), fx.genesisBytes);
  await key(FixtureDids.court, join(allianceDir, 'keys', 'court.key'));
  writeDemoCliConfig({
    allianceDir,
    gateway: gw.address,
    gatewayDid: gw.did,
    natsUrl: e2e.nats.url,
    natsNkey: e2e.bus.seedFile('operator'),
  });
  // An operator's directory: the alliance's files and the keys docs/cli.md names.
  mkdirSync(operatorDir, { recursive: true });
  writeFileSync(join(operatorDir, 'genesis.json'), fx.genesisBytes);
  await key(FixtureDids.court, join(operatorDir, 'court.key'));
  await key(FixtureDids.admin1, join(operatorDir, 'admin1.key'));
  await key(FixtureDids.admin2, join(operatorDir, 'admin2.key'));
  await key(FixtureDids.gateway, join(operatorDir, 'gateway.key'));
  writeFileSync(
    join(operatorDir, 'gateway.json'),
    JSON.stringify({
      listen: '127.0.0.1:0',
      natsServers: [e2e.nats.url],
      natsAuth: e2e.natsAuth('gateway-gateway-1'),
      keyFile: join(operatorDir, 'gateway.key'),
      genesisFile: join(operatorDir, 'genesis.json'),
      genesisHash,
      metricsPort: -1,
      logLevel: 'silent',
      chains: ['judicial', 'ip', 'property', 'credit', 'finance'],
    }),
  );
  // docs/cli.md's action and investigate lines name order O-2024-001 of case C-2024-001: the court
  // issued it on the judicial chain first, as the text says.
  const order: JudicialOrder = {
    orderId: 'O-2024-001',
    court: FixtureDids.court,
    caseId: 'C-2024-001',
    chain: 'finance',
    actionId: 'act-2024-001',
    kind: 'freeze',
    target: '6222020200112345678',
    amount: '100000',
  };
  await issueJudicialOrder(e2e.backends.judicial.ledger, order, { nowMs: Date.now() });

  const basePath = process.env.PATH ?? '';
  const scratch = (n: string): string => {
    const d = join(work, n);
    mkdirSync(d, { recursive: true });
    return d;
  };
  // The README from the clone's root, PATH as the user has it; the demo's line with this setup's directory and hash.
  const readme = README_LINES.filter((l) => MAPPED[l.text] === undefined).map((l) =>
    DEMO_LINE.test(l.text) ? l.text.replace(/\/tmp\/courtbridge-demo-X+\/alliance/, allianceDir).replace('5f3c...', genesisHash) : l.text,
  );
  readmeRuns = await runSession(readme, ROOT, { PATH: basePath, HOME: process.env.HOME ?? work }, scratch('readme-run'));
  // docs/cli.md in the operator's directory, courtbridge on PATH, no gateway DID anywhere.
  const docsEnv = {
    PATH: `${join(ROOT, 'bin')}:${basePath}`,
    HOME: process.env.HOME ?? work,
    COURTBRIDGE_GATEWAY: gw.address,
    NATS_URL: e2e.nats.url,
    CB_NATS_NKEY_FILE: e2e.bus.seedFile('operator'),
    GENESIS_HASH: genesisHash,
    DEMO_SALT: toHex(DEMO_SALT),
  };
  const docs = DOCS_LINES.filter((l) => MAPPED[l.text] === undefined && LONG_RUNNING[l.text] === undefined).map((l) => l.text);
  docsRuns = await runSession(docs, operatorDir, docsEnv, scratch('docs-run'));
  for (const l of DOCS_LINES.filter((d) => LONG_RUNNING[d.text] !== undefined))
    docsRuns.push(await runUntilReady(l.text, LONG_RUNNING[l.text]!, operatorDir, docsEnv));
}, 600_000);

afterAll(async () => {
  await txServer?.stop();
  await nc?.close();
  await e2e?.stop();
  rmSync(work, { recursive: true, force: true });
}, 30_000);

describe("README's CLI section and docs/cli.md", () => {
  it('show the CLI', () => {
    expect(README_LINES.length).toBeGreaterThanOrEqual(10);
    expect(DOCS_LINES.length).toBeGreaterThanOrEqual(20);
  });

  it("the README's first line puts `courtbridge` on PATH from the clone, and the demo prints the line that follows", () => {
    expect(README_LINES[0]!.text).toMatch(/^export PATH="\$PWD\/bin:\$PATH"/);
    expect(README_LINES.some((l) => DEMO_LINE.test(l.text))).toBe(true);
    const scenario = readFileSync(join(ROOT, 'src/demo/scenario.ts'), 'utf8');
    // The template literal's text, as the demo's source has it.
    const printed = ['cd $', '{stack.alliance.dir} && export COURTBRIDGE_CONFIG=$PWD/courtbridge.json GENESIS_HASH=$', '{'].join('');
    expect(scenario).toContain(printed);
  });

  it.each([...README_LINES, ...DOCS_LINES].map((l) => [`${l.file}: ${l.text}`, l]))('%s', (_name, l) => {
    const line = l as DocLine;
    const mapped = MAPPED[line.text];
    if (mapped !== undefined) {
      const src = readFileSync(join(ROOT, mapped.test), 'utf8');
      expect(src, `${mapped.test} has no test '${mapped.title}'`).toContain(mapped.title);
      const runner = mapped.via === undefined ? src : readFileSync(join(ROOT, mapped.via), 'utf8');
      if (mapped.via !== undefined)
        expect(src, `${mapped.test} does not use ${mapped.via}`).toContain(`'./${basename(mapped.via, '.ts')}.js'`);
      for (const w of mapped.words) expect(runner, `${mapped.via ?? mapped.test} never runs '${w}'`).toContain(`'${w}'`);
      return;
    }
    const runs = line.file === 'README.md' ? readmeRuns : docsRuns;
    const run = runs.find((r) => r.line === line.text || (DEMO_LINE.test(line.text) && r.line.includes('export COURTBRIDGE_CONFIG')));
    expect(run, 'the line was not run').toBeDefined();
    expect(run!.code, run!.out).toBe(expectedExit(line.text));
  });

  it('every mapped line is still in the docs', () => {
    const all = new Set([...README_LINES, ...DOCS_LINES].map((l) => l.text));
    expect(Object.keys(MAPPED).filter((m) => !all.has(m))).toEqual([]);
  });

  it('the runs did what the lines say', () => {
    const out = (text: RegExp): string => [...readmeRuns, ...docsRuns].find((r) => text.test(r.line))?.out ?? '';
    expect(out(/^courtbridge --help$/)).toContain('Usage:');
    // The apartment, two accounts, the trademark, and the credit card the finance holder index lists with them.
    expect(out(/^courtbridge investigate --id-number/)).toMatch(/查得 5 条记录，完整 \/ owner [0-9a-f]+: 5 record\(s\), complete/);
    expect(out(/^courtbridge query --chain credit --type dishonest --id 75d4/)).toContain('ABSENT');
    expect(out(/^courtbridge query --chain credit .*--out absent\.json/)).toContain('ABSENT');
    expect(out(/^courtbridge verify absent\.json --genesis/)).toMatch(/VALID/);
    expect(out(/^courtbridge evidence verify genesis\.json$/)).toContain('ANCHORED');
    expect(out(/--case NO-SUCH-CASE/)).toMatch(/case_not_found.*NO-SUCH-CASE/);
    expect(out(/^courtbridge action status act-2024-001/)).toContain('act-2024-001');
    expect(out(/^courtbridge token --as court\.key$/)).toMatch(/^eyJ/);
    expect(out(/^courtbridge gateway start/)).toContain('listening on');
    // keys new writes a 0600 file; did show reads the same DID back.
    expect(statSync(join(allianceDir, 'my.key')).mode & 0o777).toBe(0o600);
    expect(out(/^courtbridge keys new --out my\.key/)).toContain('did:alliance:court-sh-02');
    expect(out(/^courtbridge did show --key my\.key$/)).toContain('did:alliance:court-sh-02');
  });
});

describe("the README's other way to run it", () => {
  it("npx courtbridge --help works from the clone (npm resolves the package's own bin, nothing installed)", async () => {
    const r = await new Promise<{ code: number; out: string }>((res) =>
      execFile(
        'npx',
        ['--no-install', 'courtbridge', '--help'],
        { cwd: ROOT, env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' } },
        (err, so, se) => res({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : 1, out: so + se }),
      ),
    );
    expect(r.code, r.out).toBe(0);
    expect(r.out).toContain('Usage:');
  }, 60_000);
});

describe('--help of every command the docs show', () => {
  const words = new Map<string, string[]>();
  for (const l of [...README_LINES, ...DOCS_LINES]) {
    const m = /(?:^|\s)courtbridge\s+(.*)$/.exec(l.text);
    if (!m) continue;
    const w: string[] = [];
    for (const t of m[1]!.split(/\s+/)) {
      if (!/^[a-z][a-z-]*$/.test(t) || w.length === 2) break;
      w.push(t);
    }
    if (w.length > 0) words.set(w.join(' '), w);
  }
  it.each([...words.values()].map((w) => [w.join(' '), w]))(
    'courtbridge %s --help exits 0',
    async (_name, w) => {
      const r = await new Promise<{ code: number; out: string }>((res) =>
        execFile(
          process.execPath,
          [BIN, ...(w as string[]), '--help'],
          { cwd: ROOT, env: { PATH: process.env.PATH ?? '' } },
          (err, so, se) => res({ code: err === null ? 0 : typeof err.code === 'number' ? err.code : 1, out: so + se }),
        ),
      );
      expect(r.code, r.out).toBe(0);
      expect(r.out).toContain('Usage:');
    },
    30_000,
  );
});
