import { mkdtemp, readFile, rm, stat, chmod, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inspect } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toHex, utf8 } from '../../src/encoding/bytes.js';
import { verify } from '../../src/crypto/secp256k1.js';
import { readKeyFile, writeKeyFile } from '../../src/identity/keystore.js';
import { signers, vectorKey } from './fixture.js';

const FAST = { N: 1 << 14, r: 8, p: 1 };
const court = signers['court-a'];
const content = { did: court.did, kid: court.kid, privateKey: vectorKey(4) };

describe('keystore', () => {
  let dir = '';
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'cb-keys-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('writes mode 0600 and reads back a signer that signs like the key', async () => {
    const p = join(dir, 'clear.json');
    await writeKeyFile(p, content);
    expect((await stat(p)).mode & 0o777).toBe(0o600);
    const s = await readKeyFile(p);
    expect(s.kid).toBe(court.kid);
    const sig = s.sign(utf8('hello'));
    expect(verify(sig, utf8('hello'), court.publicKey)).toBe(true);
  });

  it('refuses a key file that group or others can read', async () => {
    const p = join(dir, 'open.json');
    await writeKeyFile(p, content);
    await chmod(p, 0o644);
    await expect(readKeyFile(p)).rejects.toMatchObject({ reason: 'key_file_permissions' });
  });

  it('overwriting an existing file with loose permissions still yields 0600', async () => {
    const p = join(dir, 'over.json');
    await writeFile(p, '{}', { mode: 0o666 });
    await chmod(p, 0o666);
    await writeKeyFile(p, content);
    expect((await stat(p)).mode & 0o777).toBe(0o600);
  });

  it('encrypts: no key material in the file, round trip, wrong passphrase is a clear error', async () => {
    const p = join(dir, 'enc.json');
    await writeKeyFile(p, content, { passphrase: 'correct horse', scrypt: FAST });
    const text = await readFile(p, 'utf8');
    expect(text).not.toContain(toHex(content.privateKey));
    expect((await readKeyFile(p, { passphrase: 'correct horse' })).publicKey).toEqual(court.publicKey);
    const err = (await readKeyFile(p, { passphrase: 'wrong' }).then(
      () => new Error('accepted a wrong passphrase'),
      (e: unknown) => e as Error,
    )) as Error & { reason?: string };
    expect(err.reason).toBe('wrong_passphrase');
    expect(err.message).toMatch(/wrong passphrase/);
    expect(err.message).not.toContain(toHex(content.privateKey));
    await expect(readKeyFile(p)).rejects.toMatchObject({ reason: 'passphrase_required' });
  });

  it('binds the ciphertext to its identity (moving it to another DID fails)', async () => {
    const p = join(dir, 'moved.json');
    await writeKeyFile(p, content, { passphrase: 'pw', scrypt: FAST });
    const j = JSON.parse(await readFile(p, 'utf8')) as Record<string, unknown>;
    await writeFile(p, JSON.stringify({ ...j, kid: `${court.did}#key-2` }), { mode: 0o600 });
    await expect(readKeyFile(p, { passphrase: 'pw' })).rejects.toMatchObject({ reason: 'wrong_passphrase' });
  });

  it('a key that does not match its public key is refused', async () => {
    const p = join(dir, 'mismatch.json');
    await writeKeyFile(p, content);
    const j = JSON.parse(await readFile(p, 'utf8')) as Record<string, unknown>;
    await writeFile(p, JSON.stringify({ ...j, privateKeyHex: toHex(vectorKey(5)) }), { mode: 0o600 });
    await expect(readKeyFile(p)).rejects.toMatchObject({ reason: 'bad_key_file' });
  });

  it('the signer never shows its key (JSON, inspect, String)', async () => {
    const p = join(dir, 'show.json');
    await writeKeyFile(p, content);
    const s = await readKeyFile(p);
    const hex = toHex(content.privateKey);
    for (const shown of [JSON.stringify(s), inspect(s, { showHidden: true, depth: 5 }), String(s), JSON.stringify({ s })]) {
      expect(shown).not.toContain(hex);
      expect(shown).toContain(court.kid);
    }
    expect(Object.keys(s)).not.toContain('privateKey');
  });
});
