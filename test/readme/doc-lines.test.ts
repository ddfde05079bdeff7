/**
 * Every copyable command line of the docs is run by a test. The lines are those of the fenced
 * `sh` and `bash` blocks (comment-only and blank lines left out, backslash continuations joined) of
 * README.md, docs/*.md and every README.md under adapters/. Each must be claimed:
 *
 * - by a section a doc-line test runs whole (SECTIONS: README's CLI section and docs/cli.md by
 *   readme-cli.test.ts; README's grpcurl section, docs/grpcurl-tour.md and docs/api.md by
 *   readme-grpcurl.test.ts), found by the same headings those tests use, which they must still name;
 * - by the partner path (partner-path-steps.ts), which test/onboarding/partner-path.test.ts runs
 *   word for word;
 * - or by MAPPED below: the test that runs the same command, and the words its source must hold.
 *
 * A new line none of these claims fails here, naming its file and line and what to do.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PARTNER_PATH } from '../onboarding/partner-path-steps.js';

const ROOT = resolve(import.meta.dirname, '..', '..');

/** A command line of a fenced `sh`/`bash` block: where it is, its text (continuations joined), its block's language. */
interface DocLine {
  file: string;
  line: number;
  text: string;
  lang: string;
}

/** The command lines of `markdown`, numbered as in the file (a joined line by its first). */
function docLines(file: string, markdown: string): DocLine[] {
  const out: DocLine[] = [];
  for (const block of markdown.matchAll(/```(sh|bash)\n([\s\S]*?)```/g)) {
    const first = markdown.slice(0, block.index).split('\n').length + 1;
    let pending = '';
    let startedAt = 0;
    block[2]!.split('\n').forEach((raw, i) => {
      const line = raw.trim();
      if (pending === '' && (line === '' || line.startsWith('#'))) return;
      if (pending === '') startedAt = first + i;
      if (line.endsWith('\\')) {
        pending += `${line.slice(0, -1).trim()} `;
        return;
      }
      out.push({ file, line: startedAt, text: pending + line, lang: block[1]! });
      pending = '';
    });
  }
  return out;
}

/** The files whose command lines must be claimed. */
function docFiles(): string[] {
  const adapters: string[] = [];
  const walk = (dir: string): void => {
    for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
      if (e.isDirectory()) walk(`${dir}/${e.name}`);
      else if (e.name === 'README.md') adapters.push(`${dir}/${e.name}`);
    }
  };
  walk('adapters');
  const docs = readdirSync(join(ROOT, 'docs'))
    .filter((n) => n.endsWith('.md'))
    .map((n) => `docs/${n}`);
  return ['README.md', ...docs.sort(), ...adapters.sort()];
}

/** A heading's section of `markdown`: from it to the next heading matching `end`. */
function section(markdown: string, heading: string, end: RegExp): { from: number; to: number } | undefined {
  const from = markdown.indexOf(heading);
  if (from < 0) return undefined;
  const rest = markdown.slice(from + heading.length);
  const at = rest.search(end);
  return { from, to: at < 0 ? markdown.length : from + heading.length + at };
}

/**
 * Sections a doc-line test runs line by line: the file, the heading it starts at (none: the whole
 * file) and where it ends, as that test computes it. The test must still name the heading and file.
 */
const SECTIONS: readonly { file: string; heading?: string; end?: RegExp; test: string }[] = [
  { file: 'README.md', heading: '## The `courtbridge` CLI', end: /\n## /, test: 'test/readme/readme-cli.test.ts' },
  { file: 'docs/cli.md', test: 'test/readme/readme-cli.test.ts' },
  { file: 'README.md', heading: '### Calling it with grpcurl', end: /\n#{1,3} /, test: 'test/readme/readme-grpcurl.test.ts' },
  { file: 'docs/grpcurl-tour.md', test: 'test/readme/readme-grpcurl.test.ts' },
  { file: 'docs/api.md', test: 'test/readme/readme-grpcurl.test.ts' },
  { file: 'README.md', heading: '## Running on a cluster / 集群部署', end: /\n## /, test: 'test/readme/readme-cluster.test.ts' },
];

/** The partner path's documented files: partner-path-docs.test.ts checks its lines are in them. */
const PARTNER_FILES = ['README.md', 'adapters/sdk/README.md'];

/**
 * Lines another test runs (the command, not always the doc's literal values), keyed by the line
 * without its trailing comment: the test (and, when the command is started by code the test runs,
 * that file too) with words each must hold.
 */
const MAPPED: Readonly<Record<string, readonly { file: string; words: string[] }[]>> = {
  // The demo: its tests run src/cli/demo.ts, the script package.json's `demo` names (checked below).
  'npm run demo': [
    { file: 'test/demo/run-demo.ts', words: ["'src/cli/demo.ts'"] },
    { file: 'test/demo/demo.test.ts', words: ['runDemo('] },
  ],
  'npm run demo -- --keep': [{ file: 'test/demo/demo-orphans.test.ts', words: ["['run', 'demo', '--', '--keep'"] }],
  'npm run demo -- --records 10000': [
    { file: 'test/demo/run-demo.ts', words: ["'src/cli/demo.ts'"] },
    { file: 'test/demo/demo.test.ts', words: ['runDemo(', "'--records'"] },
  ],
  'npm run demo -- --keep --port 50051 --page-port 8080 --metrics-port 9464': [
    { file: 'test/demo/demo-orphans.test.ts', words: ["'--keep'", "'--page-port'", "'--metrics-port'"] },
    { file: 'test/demo/demo.test.ts', words: ["'--port'"] },
  ],
  'npm run demo -- --sm2': [
    { file: 'test/demo/run-demo.ts', words: ["'src/cli/demo.ts'"] },
    { file: 'test/demo/demo-sm2.test.ts', words: ['runDemo(', "'--sm2'"] },
  ],
  'NATS_URL=nats://127.0.0.1:4222 npm run demo': [
    { file: 'test/demo/run-demo.ts', words: ["'src/cli/demo.ts'", 'NATS_URL: natsUrl'] },
    { file: 'test/demo/demo-reused-nats.test.ts', words: ['runDemo(', 'nats.url);'] },
  ],
  // The enforcement contract as a service: two replicas as real processes, one killed mid-case.
  'courtbridge workflows start --config workflows.json --replica-id wf-1': [
    { file: 'test/workflows/replica-harness.ts', words: ["'workflows', 'start', '--config'", "'--replica-id'"] },
    { file: 'test/workflows/service-replicas.test.ts', words: ['startReplica', 'SIGKILL'] },
  ],
  // The secured bus: the config and seeds from the registry, and a real nats-server started with them.
  'courtbridge nats-config --genesis genesis.json --genesis-hash $GENESIS_HASH --out /etc/courtbridge/nats': [
    { file: 'test/cli/cli-nats-config.test.ts', words: ["'nats-config'", "'--genesis'", "'--genesis-hash'", "'--out'"] },
  ],
  'nats-server -c /etc/courtbridge/nats/nats-server.conf': [
    { file: 'test/cli/cli-nats-config.test.ts', words: ["extraArgs: ['-c', report.configFile]"] },
  ],
  // The whole suite: what CI runs (package.json's `test` script, checked below).
  'npm test': [{ file: '.ci/run', words: ['npm test'] }],
  // Mutation testing: a real Stryker run of one area's file, and the score over report files.
  'npm run mutate': [{ file: 'test/mutation/mutate-run.test.ts', words: ["['run', 'mutate', '--', 'identity-jwt'"] }],
  'npm run mutate -- gate orders': [{ file: 'test/mutation/mutate-run.test.ts', words: ["['run', 'mutate', '--', 'identity-jwt'"] }],
  'npm run mutate -- identity-jwt --files src/identity/jwt-verify-fast.ts': [
    { file: 'test/mutation/mutate-run.test.ts', words: ["'identity-jwt', '--files', 'src/identity/jwt-verify-fast.ts'"] },
  ],
  'npm run mutate -- --score': [{ file: 'test/mutation/score.test.ts', words: ["[SCRIPT, '--score']"] }],
  'npm run mutate -- --score --readme': [{ file: 'test/mutation/score.test.ts', words: ["[SCRIPT, '--score', '--readme']"] }],
  // The partner path's NATS and addresses: partner-path.test.ts starts its own nats-server and picks its own ports.
  'export GENESIS_HASH=...': [{ file: 'test/onboarding/partner-path.test.ts', words: ['vars.GENESIS_HASH = pinned'] }],
  'nats-server -js &': [{ file: 'test/onboarding/partner-path.test.ts', words: ['startNatsServer()'] }],
  'export NATS=nats://127.0.0.1:4222 GATEWAY=127.0.0.1:50051': [
    { file: 'test/onboarding/partner-path.test.ts', words: ['vars.NATS = nats.url', 'vars.GATEWAY ='] },
  ],
  // README's conformance synopsis: the kit certifying the lawyer adapter with an action, and with a probe key.
  'courtbridge conformance --chain lawyer --nats $NATS --court-key court.key --gateway-key gateway.key --genesis genesis.json --genesis-hash $GENESIS_HASH --action suspend:lawyer/11101201910123456 --probe-key lawyer/11101201910123456 --json':
    [
      {
        file: 'test/cli/cli-live.test.ts',
        words: ["'conformance'", "'--action'", '`suspend:lawyer/$', "'--probe-key'", '`lawyer/$', "'--json'"],
      },
    ],
  // Adapters started by their environment (CB_*), as real processes.
  'CB_NATS_URL=nats://127.0.0.1:4222 CB_KEY_FILE=notary-1.key.json CB_NOTARY_DB_FILE=/srv/enterprise/records.jsonl node --import tsx adapters/notary/notary-record-main.ts':
    [
      {
        file: 'test/adapters/notary/notary-record-main.test.ts',
        words: ["spawnMain('adapters/notary/notary-record-main.ts'", 'CB_NATS_URL:', 'CB_NOTARY_DB_FILE:', 'CB_KEY_FILE:'],
      },
    ],
  'CB_NATS_URL=nats://127.0.0.1:4222 CB_KEY_FILE=finance.key.json CB_GENESIS_FILE=genesis.json CB_GENESIS_HASH=$GENESIS_HASH CB_DATA_DIR=./data/finance CB_JUDICIAL_HEIGHT=$CB_JUDICIAL_HEIGHT CB_JUDICIAL_HASH=$CB_JUDICIAL_HASH CB_METRICS_PORT=9464 node --import tsx adapters/finance/main.ts':
    [
      {
        file: 'test/adapters/domain.test.ts',
        words: [
          "'adapters/finance/main.ts'",
          "['--import', 'tsx', MAINS[spec.chain]",
          'CB_NATS_URL:',
          'CB_KEY_FILE:',
          'CB_GENESIS_FILE:',
          'CB_GENESIS_HASH:',
          'CB_DATA_DIR:',
          'CB_JUDICIAL_HEIGHT:',
          'CB_JUDICIAL_HASH:',
          'CB_METRICS_PORT:',
        ],
      },
    ],
  // The config file and the flag over it: domain.test.ts starts finance's main.ts with CB_CONFIG alone.
  'CB_CONFIG=finance.adapter.json node --import tsx adapters/finance/main.ts --metrics-port 9465': [
    {
      file: 'test/adapters/domain.test.ts',
      words: ["'finance.adapter.json'", '{ CB_CONFIG: configFile }', "args: ['--metrics-port', String(flagPort)]"],
    },
  ],
  'CB_KEY_FILE=bank.key.json CB_GENESIS_FILE=genesis.json CB_GENESIS_HASH=$GENESIS_HASH CB_JUDICIAL_HEIGHT=$CB_JUDICIAL_HEIGHT CB_JUDICIAL_HASH=$CB_JUDICIAL_HASH CB_EVM_RPC_URL=http://127.0.0.1:8545 CB_EVM_CONTRACT=0x... CB_EVM_KEY_FILE=bank.eth.key CB_EVM_CONFIRMATIONS=6 node --import tsx adapters/evm/main.ts':
    [
      // The demo (which demo.test.ts plays) starts the bank's EVM adapter this way.
      { file: 'test/demo/run-demo.ts', words: ["'src/cli/demo.ts'"] },
      { file: 'test/demo/demo.test.ts', words: ['runDemo('] },
      {
        file: 'src/demo/stack.ts',
        words: ['adapters/evm/main.ts', 'CB_EVM_RPC_URL:', 'CB_EVM_CONTRACT:', 'CB_EVM_KEY_FILE:', 'CB_JUDICIAL_HEIGHT:'],
      },
    ],
  'CB_KEY_FILE=enterprise.key.json CB_GENESIS_FILE=genesis.json CB_GENESIS_HASH=$GENESIS_HASH CB_JUDICIAL_HEIGHT=$CB_JUDICIAL_HEIGHT CB_JUDICIAL_HASH=$CB_JUDICIAL_HASH CB_DATA_DIR=./data/enterprise node --import tsx adapters/notary/main.ts':
    [
      {
        file: 'test/adapters/notary/notary-runtime.test.ts',
        words: [
          "spawnMain('adapters/notary/main.ts'",
          'CB_KEY_FILE:',
          'CB_GENESIS_FILE:',
          'CB_GENESIS_HASH:',
          'CB_JUDICIAL_HEIGHT:',
          'CB_DATA_DIR:',
        ],
      },
    ],
  // The judicial anchor, printed from a gateway (docs/cli.md runs the eval form against its gateway).
  'courtbridge adapter judicial-anchor --gateway 127.0.0.1:50051 --as court.key': [
    { file: 'test/cli/cli-partner-adapter.test.ts', words: ["['adapter', 'judicial-anchor', '--as'", 'CB_JUDICIAL_HEIGHT=('] },
  ],
  'ANCHOR=$(courtbridge adapter judicial-anchor --gateway 127.0.0.1:50051 --as court.key) && eval "$ANCHOR" && export CB_JUDICIAL_HEIGHT CB_JUDICIAL_HASH':
    [
      { file: 'test/cli/cli-partner-adapter.test.ts', words: ["['adapter', 'judicial-anchor', '--as'"] },
      // docs/cli.md's same line, with the gateway from $COURTBRIDGE_GATEWAY, runs in readme-cli.test.ts.
      { file: 'docs/cli.md', words: ['ANCHOR=$(courtbridge adapter judicial-anchor --as court.key) && eval "$ANCHOR"'] },
    ],
};

/** The line without a trailing `# comment` (a `#` after whitespace, outside the command's words). */
const bare = (text: string): string => text.replace(/\s+#\s.*$/, '').trim();

const FILES = docFiles();
const LINES = FILES.flatMap((f) => docLines(f, readFileSync(join(ROOT, f), 'utf8')));
const partnerLines = new Set(PARTNER_PATH.map((s) => s.line));

/** What claims `l`, or undefined. */
function claimOf(l: DocLine): string | undefined {
  const md = readFileSync(join(ROOT, l.file), 'utf8');
  const offset = md
    .split('\n')
    .slice(0, l.line - 1)
    .join('\n').length;
  for (const s of SECTIONS) {
    if (s.file !== l.file || l.lang !== 'sh') continue;
    const range = s.heading === undefined ? { from: 0, to: md.length } : section(md, s.heading, s.end!);
    if (range !== undefined && offset >= range.from && offset < range.to) return s.test;
  }
  if (PARTNER_FILES.includes(l.file) && partnerLines.has(l.text)) return 'test/onboarding/partner-path.test.ts';
  if (MAPPED[bare(l.text)] !== undefined) return 'MAPPED';
  // `npx vitest run PATHS`: it runs tests; they must exist.
  if (/^npx vitest run /.test(l.text)) return 'vitest';
  return undefined;
}

describe('every command line of the docs is run by a test', () => {
  it('finds the docs and their lines', () => {
    expect(FILES).toEqual(expect.arrayContaining(['README.md', 'docs/cli.md', 'docs/api.md', 'adapters/sdk/README.md']));
    expect(LINES.length).toBeGreaterThan(100);
  });

  it('every line is claimed by a doc-line test, the partner path, or MAPPED', () => {
    const unclaimed = LINES.filter((l) => claimOf(l) === undefined).map(
      (l) =>
        `${l.file}:${l.line}: ${l.text}\n  no test runs this line. Run it in a test (a section readme-cli.test.ts or readme-grpcurl.test.ts runs, ` +
        'or a test of its own), or add it to MAPPED in test/readme/doc-lines.test.ts with the test that runs the same command and its words.',
    );
    expect(unclaimed, unclaimed.join('\n')).toEqual([]);
  });

  it('the sections claimed are still where the tests look: each test names its heading and file', () => {
    for (const s of SECTIONS) {
      const src = readFileSync(join(ROOT, s.test), 'utf8');
      expect(src.includes(s.file === 'README.md' ? "'README.md'" : s.file), `${s.test} does not name ${s.file}`).toBe(true);
      if (s.heading !== undefined) {
        expect(src.includes(s.heading), `${s.test} does not name the heading ${s.heading}`).toBe(true);
        expect(section(readFileSync(join(ROOT, s.file), 'utf8'), s.heading, s.end!), `${s.file} has no ${s.heading}`).toBeDefined();
      }
    }
    // The partner path's lines are checked against these files by partner-path-docs.test.ts.
    const docsTest = readFileSync(join(ROOT, 'test/onboarding/partner-path-docs.test.ts'), 'utf8');
    for (const f of PARTNER_FILES) expect(docsTest).toContain(`'${f}'`);
  });

  it.each(Object.entries(MAPPED).map(([line, runs]) => [line, runs]))('mapped: %s', (line, runs) => {
    expect(
      LINES.some((l) => bare(l.text) === line),
      `no doc line reads ${line} any more: remove it from MAPPED`,
    ).toBe(true);
    for (const r of runs as { file: string; words: string[] }[]) {
      expect(existsSync(join(ROOT, r.file)), `${r.file} is gone`).toBe(true);
      const src = readFileSync(join(ROOT, r.file), 'utf8');
      for (const w of r.words) expect(src.includes(w), `${r.file} does not hold ${w}: it no longer runs ${line}`).toBe(true);
    }
  });

  it('`npx vitest run` lines name test paths that exist', () => {
    for (const l of LINES.filter((x) => /^npx vitest run /.test(x.text)))
      for (const p of bare(l.text).split(/\s+/).slice(3))
        expect(existsSync(join(ROOT, p)), `${l.file}:${l.line}: ${p} does not exist`).toBe(true);
  });

  it('`npm run demo` runs src/cli/demo.ts, `npm run mutate` scripts/mutate.mjs and `npm test` vitest, as the mapped tests and CI do', () => {
    const scripts = (JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
    expect(scripts.demo).toBe('tsx src/cli/demo.ts');
    expect(scripts.mutate).toBe('node scripts/mutate.mjs');
    expect(scripts.test).toBe('vitest run');
  });
});
