import type { BenchSuite } from './lib.js';
import { ceilings } from './ceilings.js';
import { jwt } from './jwt.js';
import { wire } from './wire.js';

/** Order matters: ceilings first, so every later line can state its ratio. */
export const suites: BenchSuite[] = [ceilings, jwt, wire];
