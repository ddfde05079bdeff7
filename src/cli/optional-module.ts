/**
 * Modules other parts of the project provide (the gateway, the adapter runtime, the seed
 * generator, the offline verifier, the conformance kit), loaded by their announced path when a
 * command needs them. Loaded lazily so `courtbridge --help` works, and so a build without one
 * of them says so clearly (exit 7) instead of failing to start.
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { CourtbridgeError, ErrorCode } from '../errors.js';

/** The repository root (two levels above src/cli). */
export function repoRoot(): string {
  return resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
}

/** The first of `candidates` (paths relative to the repo root, `.ts` sources) that exists, or undefined. */
export function findModule(candidates: readonly string[]): string | undefined {
  const root = repoRoot();
  for (const c of candidates) {
    const p = join(root, c);
    if (existsSync(p)) return p;
  }
  return undefined;
}

/** A part this build does not have: NOT_FOUND `module_unavailable`, which the CLI exits 7 for. */
export function moduleUnavailable(message: string): CourtbridgeError {
  return new CourtbridgeError(ErrorCode.NotFound, 'module_unavailable', message);
}

/**
 * Import the first existing candidate and return the named export.
 * @param what a person's name for it, for the message ("the gateway")
 * @throws CourtbridgeError NOT_FOUND `module_unavailable` when no candidate exists or none exports `name`
 */
export async function loadExport(what: string, candidates: readonly string[], name: string): Promise<unknown> {
  const path = findModule(candidates);
  if (path === undefined) {
    throw moduleUnavailable(`${what} is not part of this build (looked for ${candidates.join(', ')})`);
  }
  const mod = (await import(pathToFileURL(path).href)) as Record<string, unknown>;
  const value = mod[name];
  if (value === undefined) {
    throw moduleUnavailable(`${what}: ${path} does not export ${name}`);
  }
  return value;
}

/** `loadExport` for a function. */
export async function loadFunction(what: string, candidates: readonly string[], name: string): Promise<(...args: unknown[]) => unknown> {
  const value = await loadExport(what, candidates, name);
  if (typeof value !== 'function') {
    throw moduleUnavailable(`${what}: ${name} is not a function`);
  }
  return value as (...args: unknown[]) => unknown;
}
