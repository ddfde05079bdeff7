/**
 * Proto comments cannot drift from the spec: a message that carries a signature (a `signature` or
 * `*_signature` bytes field) or names a tag points to its docs/spec page (`Spec: docs/spec/<page>.md`),
 * names only tags whose vectors that page specifies, and restates no byte layout and no source
 * path (the layout lives on the page, where test/spec/spec-vectors.test.ts checks it against the
 * vectors).
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadVectorFiles } from './layout.js';

const PROTO_DIR = 'proto/courtbridge/v1';

interface ProtoMessage {
  file: string;
  name: string;
  /** The message's leading comment. */
  comment: string;
  /** Its fields' comments, joined. */
  fieldComments: string;
  signatureFields: string[];
}

/** Messages with their comments (a small reader: `//` comments, one declaration per line). */
function readMessages(file: string): ProtoMessage[] {
  const out: ProtoMessage[] = [];
  const stack: (ProtoMessage | null)[] = [];
  let pending: string[] = [];
  for (const raw of readFileSync(file, 'utf8').split('\n')) {
    const line = raw.trim();
    if (line.startsWith('//')) {
      pending.push(line.slice(2).trim());
      continue;
    }
    const top = stack.at(-1) ?? null;
    const msg = /^message\s+(\w+)\s*\{/.exec(line);
    if (msg) {
      const m: ProtoMessage = { file, name: msg[1]!, comment: pending.join('\n'), fieldComments: '', signatureFields: [] };
      out.push(m);
      stack.push(m);
    } else if (/\{\s*$/.test(line)) {
      stack.push(top); // oneof, enum, service: comments inside still belong to the message
    } else if (line.startsWith('}')) {
      stack.pop();
    } else if (top !== null) {
      const field = /^(?:repeated\s+|optional\s+)?([\w.]+)\s+(\w+)\s*=\s*\d+/.exec(line);
      if (field) {
        if (pending.length > 0) top.fieldComments += `${pending.join('\n')}\n`;
        if (field[1] === 'bytes' && /(^|_)signature$/.test(field[2]!)) top.signatureFields.push(field[2]!);
      }
    }
    pending = [];
  }
  return out;
}

const messages = readdirSync(PROTO_DIR)
  .filter((f) => f.endsWith('.proto'))
  .flatMap((f) => readMessages(join(PROTO_DIR, f)));
const vectorFiles = loadVectorFiles();
const TAG = /courtbridge\/v1\/[a-z0-9-]+/g;
const signed = messages.filter((m) => m.signatureFields.length > 0 || /courtbridge\/v1\/[a-z0-9-]+/.test(m.comment + m.fieldComments));

describe('proto comments point to the spec', () => {
  it('finds the signed messages', () => {
    expect(signed.length).toBeGreaterThan(5);
  });

  it.each(signed.map((m) => [`${m.file.split('/').at(-1)} ${m.name}`, m] as const))('%s', (_n, m) => {
    const spec = /Spec: (docs\/spec\/[a-z0-9-]+\.md)/.exec(m.comment)?.[1];
    expect(spec, `${m.name}: its comment must say "Spec: docs/spec/<page>.md"`).toBeDefined();
    expect(existsSync(spec!), spec).toBe(true);
    const pageTags = new Set(vectorFiles.filter((v) => v.spec === spec && v.tag !== null).map((v) => v.tag));
    for (const t of `${m.comment}\n${m.fieldComments}`.match(TAG) ?? [])
      expect(pageTags.has(t), `${m.name} names ${t}, which ${spec}'s vectors do not sign under`).toBe(true);
    const text = `${m.comment}\n${m.fieldComments}`;
    expect(text, `${m.name}: a source path in its comments (the spec page is the reference)`).not.toMatch(/\bsrc\//);
    expect(text, `${m.name}: a byte layout restated in its comments (it belongs on ${spec})`).not.toMatch(/\b(u8|u16|u32|u64|fixed\d+)\b/);
  });
});
