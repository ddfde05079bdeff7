import type { BenchSuite } from './lib.js';
import { ceilings } from './ceilings.js';

/** Order matters: ceilings first, so every later line can state its ratio. */
export const suites: BenchSuite[] = [ceilings];
