/**
 * Safe resolution of the page's static assets (OWASP "Path Traversal"): only plain files
 * directly under the web root, with a known extension, reached without `..`, encoded
 * separators, NUL bytes or symbolic links leaving the root. Everything else is NOT_FOUND, so a
 * probe learns nothing about the file system.
 */
import { realpath, readFile, stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';
import { CourtbridgeError, ErrorCode } from '../../errors.js';

/** Content types served, by extension; any other file is not served. */
export const CONTENT_TYPES: Readonly<Record<string, string>> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.txt': 'text/plain; charset=utf-8',
};

/** A static file ready to send. */
export interface StaticFile {
  contentType: string;
  body: Buffer;
}

const notFound = (name: string): CourtbridgeError => new CourtbridgeError(ErrorCode.NotFound, 'not_found', `no such asset: ${name}`);

/** A file name as requested: one path segment of safe characters (no separators, no dot files). */
const SAFE_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

/**
 * Read `name` (the part after `/static/`, still URL-encoded) from `root`.
 * @throws CourtbridgeError NOT_FOUND `not_found` for anything not a plain, known file under root
 */
export async function readStaticFile(root: string, name: string): Promise<StaticFile> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    throw notFound('(malformed name)');
  }
  // One segment only: rejects `..`, `/`, `\`, NUL and hidden files before touching the disk.
  if (!SAFE_NAME.test(decoded) || decoded.includes('..')) throw notFound('(refused name)');
  const contentType = CONTENT_TYPES[extname(decoded).toLowerCase()];
  if (contentType === undefined) throw notFound(decoded);
  const rootReal = await realpath(root);
  const candidate = resolve(rootReal, decoded);
  let real: string;
  try {
    real = await realpath(candidate);
    if (!real.startsWith(rootReal + sep) || !(await stat(real)).isFile()) throw notFound(decoded);
  } catch (e) {
    if (e instanceof CourtbridgeError) throw e;
    throw notFound(decoded);
  }
  return { contentType, body: await readFile(real) };
}
