/**
 * `courtbridge verify` shows what was proven, and only that (the real binary, offline, with the
 * network made impossible): a real property-title bundle under a real alliance genesis.
 *   - a genuine file: VALID, and the record decoded from the protobuf (area, value in 元, the
 *     owner as its keyed hash), zh-CN first;
 *   - a file written with a readable `bundle` part in which the title's area and owner were
 *     edited: the edit is never shown; the proven values are, and the tool says the readable
 *     part was ignored;
 *   - the protobuf itself edited (area): INVALID, exit 4, no record shown as proven;
 *   - a bare ProofBundle JSON (grpcurl output): encoded first, shown from those bytes;
 *   - without the genesis the verdict is indeterminate and nothing is shown as proven.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toJson } from '../../src/cli/output.js';
import { decodeCanonicalObject, encodeCanonical } from '../../src/encoding/canonical-json.js';
import { toBase64url, toHex } from '../../src/encoding/bytes.js';
import { DEMO_CAST } from '../../src/seed/demo-cast.js';
import { decodeMessage, encodeMessage } from '../../src/wire/codec.js';
import type { MessageInput } from '../../src/wire/messages.js';
import { APARTMENT, titleBundles, type TitleBundles } from '../helpers/title-bundle.js';
import { cli, ROOT } from './cli-helpers.js';

const FORGED_OWNER = 'f'.repeat(64);
const OFFLINE = ['--import', join(ROOT, 'test', 'cli', 'no-network.mjs')];

let dir: string;
let b: TitleBundles;
let genesisArgs: string[];

/** The title value with the area and the owner changed, as canonical JSON bytes. */
function editedValue(value: Uint8Array): Uint8Array {
  const v = decodeCanonicalObject(value) as Record<string, unknown>;
  return encodeCanonical({ ...v, areaM2: 189, owners: [{ owner: FORGED_OWNER, shareBp: 10_000 }] });
}

const verify = (file: string, extra: string[] = genesisArgs) =>
  cli(['verify', file, ...extra], { nodeArgs: OFFLINE, env: { COURTBRIDGE_GATEWAY: '127.0.0.1:1' } });

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'cb-verify-shown-'));
  b = await titleBundles();
  await writeFile(join(dir, 'genesis.json'), b.genesisBytes);
  genesisArgs = ['--genesis', join(dir, 'genesis.json'), '--genesis-hash', b.genesisHash];
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('courtbridge verify shows the proven record', () => {
  it('a genuine file: VALID, and the record decoded from the protobuf, zh-CN first', async () => {
    const file = join(dir, 'title.json');
    await writeFile(file, JSON.stringify({ format: 'courtbridge.v1.ProofBundle', protobuf: toBase64url(b.bytes(b.title)) }));
    const r = await verify(file);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('有效 VALID');
    expect(r.stdout).toContain('已证明的记录 Proven record: 不动产/动产权属 Property title');
    expect(r.stdout).toContain(`权证号 Title number: ${APARTMENT.titleNo}`);
    expect(r.stdout).toContain('面积 Area: 89 平方米 (m²)');
    expect(r.stdout).toContain('估值 Estimated value: 6,500,000.00 元');
    expect(r.stdout).toContain(`权利人 1 · 权利人（加密哈希） Owners 1: Owner (keyed hash): ${DEMO_CAST.debtor.idHash}`);
    expect(r.stdout).toMatch(/登记时间 Registered at: \d{4}-\d\d-\d\d \d\d:\d\d:\d\d \(北京时间 UTC\+8\)/);
    expect(r.stdout).not.toMatch(/已忽略/);

    const j = JSON.parse((await cli(['verify', file, ...genesisArgs, '--json'], { nodeArgs: OFFLINE })).stdout) as {
      verdict: string;
      readablePart: string;
      provenRecord: { shown: string; decoded: { ok: boolean; fields: { path: string; text: string }[] } };
    };
    expect(j).toMatchObject({ verdict: 'valid', readablePart: 'none', provenRecord: { shown: 'record', decoded: { ok: true } } });
    expect(j.provenRecord.decoded.fields.find((f) => f.path === 'areaM2')?.text).toBe('89 平方米 (m²)');
  });

  it('a file whose readable part was edited (area, owner): the edit is never shown, the proven values are, and the tool says it ignored that part', async () => {
    const readable = JSON.parse(toJson(decodeMessage('ProofBundle', b.bytes(b.title)))) as { record: { value: string } };
    readable.record.value = toHex(editedValue(b.title.record!.value as Uint8Array));
    const file = join(dir, 'title-edited-readable.json');
    await writeFile(
      file,
      JSON.stringify({ format: 'courtbridge.v1.ProofBundle', protobuf: toBase64url(b.bytes(b.title)), bundle: readable }, null, 2),
    );
    const r = await verify(file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('面积 Area: 89 平方米 (m²)');
    expect(r.stdout).toContain(DEMO_CAST.debtor.idHash);
    expect(r.stdout).not.toMatch(/(?<![0-9a-f])189(?![0-9a-f])/); // the forged area as a value (hex and ms times may hold 189)
    expect(r.stdout).not.toContain(FORGED_OWNER);
    expect(r.stdout).toContain('注意：文件中的可读部分 (bundle) 未经核验，已忽略');
    const j = JSON.parse((await cli(['verify', file, ...genesisArgs, '--json'], { nodeArgs: OFFLINE })).stdout) as { readablePart: string };
    expect(j.readablePart).toBe('ignored');
  });

  it('the protobuf itself edited (area, owner): INVALID with the named reason, exit 4, no record shown as proven', async () => {
    const edited = decodeMessage('ProofBundle', b.bytes(b.title));
    edited.record!.value = Buffer.from(editedValue(edited.record!.value));
    const file = join(dir, 'title-edited-protobuf.json');
    await writeFile(
      file,
      JSON.stringify({
        format: 'courtbridge.v1.ProofBundle',
        protobuf: toBase64url(encodeMessage('ProofBundle', edited as unknown as MessageInput<'ProofBundle'>)),
      }),
    );
    const r = await verify(file);
    expect(r.code).toBe(4);
    expect(r.stdout).toContain('无效 INVALID');
    expect(r.stdout).toMatch(/失败 FAIL state_proof: .*\[value_mismatch\]/);
    expect(r.stdout).toContain(
      '已证明的记录 Proven record: 证明未通过核验：不显示任何记录内容 · the proof did not verify: no record is shown',
    );
    expect(r.stdout).not.toContain('面积');
    expect(r.stdout).not.toMatch(/(?<![0-9a-f])189(?![0-9a-f])/); // the forged area as a value (hex and ms times may hold 189)
    expect(r.stdout).not.toContain(FORGED_OWNER);
  });

  it('a bare ProofBundle JSON as grpcurl prints it: encoded first, everything shown decoded from those bytes', async () => {
    const protoJson = JSON.stringify(decodeMessage('ProofBundle', b.bytes(b.title)), function (this: unknown, k: string, v: unknown) {
      const raw = (this as Record<string, unknown>)[k];
      return raw instanceof Uint8Array ? Buffer.from(raw).toString('base64') : v;
    });
    const file = join(dir, 'title-grpcurl.json');
    await writeFile(file, protoJson);
    const r = await verify(file);
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('面积 Area: 89 平方米 (m²)');
  });

  it('without the pinned genesis nothing is traced to an anchor: no record is shown as proven', async () => {
    const file = join(dir, 'title.json');
    const r = await verify(file, []);
    expect(r.code).toBe(1);
    expect(r.stdout).toContain('无法确定 INDETERMINATE');
    expect(r.stdout).toContain('证明未能完全核验：不显示任何记录内容');
    expect(r.stdout).not.toContain('面积');
  });
});
