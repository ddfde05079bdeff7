/**
 * One nkey seed file per bus participant, `<dir>/<user>.nk` (mode 0600): created once and kept,
 * so a participant's nkey is stable across re-generations of the server config; the seed of a
 * participant the registry no longer has is removed (no unused secret left lying around).
 */
import { chmodSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nkeys } from 'nats';

export const SEED_SUFFIX = '.nk';

export const seedFileOf = (dir: string, user: string): string => join(dir, `${user}${SEED_SUFFIX}`);

export interface SeedSync {
  /** Public nkey (`U...`) of each user. */
  publicKeys: Map<string, string>;
  created: string[];
  kept: string[];
  removed: string[];
}

/** Make sure `dir` holds exactly the seeds of `users` (existing ones kept as they are). */
export function syncSeeds(dir: string, users: readonly string[]): SeedSync {
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const out: SeedSync = { publicKeys: new Map(), created: [], kept: [], removed: [] };
  for (const user of users) {
    const file = seedFileOf(dir, user);
    if (existsSync(file)) {
      const kp = nkeys.fromSeed(new TextEncoder().encode(readFileSync(file, 'utf8').trim()));
      chmodSync(file, 0o600);
      out.publicKeys.set(user, kp.getPublicKey());
      out.kept.push(user);
    } else {
      const kp = nkeys.createUser();
      writeFileSync(file, `${new TextDecoder().decode(kp.getSeed())}\n`, { mode: 0o600 });
      out.publicKeys.set(user, kp.getPublicKey());
      out.created.push(user);
    }
  }
  const wanted = new Set(users);
  for (const f of readdirSync(dir)) {
    if (!f.endsWith(SEED_SUFFIX)) continue;
    const user = f.slice(0, -SEED_SUFFIX.length);
    if (wanted.has(user)) continue;
    rmSync(join(dir, f));
    out.removed.push(user);
  }
  return out;
}
