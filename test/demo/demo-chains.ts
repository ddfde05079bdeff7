/** Every chain a demo run must report active, sorted: written out here once, so both demo tests expect the same list. */
export const DEMO_CHAINS_ACTIVE: readonly string[] = [
  'bank',
  'bankruptcy',
  'credit',
  'enterprise',
  'finance',
  'ip',
  'judicial',
  'lawyer',
  'market',
  'property',
];
