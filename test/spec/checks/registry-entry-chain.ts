/** docs/spec/records.md `records-registry-chain`: the judicial contract's `registry.put` on the case (registry-entry-put.ts). */
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';
import { checkPut } from './registry-entry-put.js';

export function check(_file: VectorFile, c: VectorCase | InvalidCase): string {
  return checkPut(c);
}
