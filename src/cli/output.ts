/**
 * Printing results: JSON (`--json`, one document on stdout, bytes as hex) or plain text
 * lines for a person.
 */
import { toHex } from '../encoding/bytes.js';
import type { CliIo } from './io.js';

/** JSON.stringify that writes Uint8Array/Buffer as hex (protobuf bytes fields) and bigint as a string. */
export function toJson(value: unknown): string {
  return JSON.stringify(
    value,
    function (this: unknown, key: string, v: unknown) {
      const raw = (this as Record<string, unknown>)[key];
      if (raw instanceof Uint8Array) return toHex(raw);
      if (typeof v === 'bigint') return v.toString();
      return v;
    },
    2,
  );
}

/** Print `data` as JSON when `json`, else the text lines. */
export function emit(io: CliIo, json: boolean, data: unknown, text: () => string[]): void {
  if (json) io.out(`${toJson(data)}\n`);
  else {
    const lines = text();
    if (lines.length > 0) io.out(`${lines.join('\n')}\n`);
  }
}
