// Original file: courtbridge/v1/action.proto

/**
 * What a court's order does on a partner chain (DESIGN.md "Actions").
 */
export const ActionKind = {
  /**
   * Never valid.
   */
  ACTION_KIND_UNSPECIFIED: 'ACTION_KIND_UNSPECIFIED',
  /**
   * Freeze an account or asset (no transfer out).
   */
  ACTION_KIND_FREEZE: 'ACTION_KIND_FREEZE',
  /**
   * Seize a title or asset for enforcement.
   */
  ACTION_KIND_SEIZE: 'ACTION_KIND_SEIZE',
  /**
   * List a person on the dishonest judgment debtor list.
   */
  ACTION_KIND_LIST_DEBTOR: 'ACTION_KIND_LIST_DEBTOR',
  /**
   * Restrict high consumption.
   */
  ACTION_KIND_RESTRICT: 'ACTION_KIND_RESTRICT',
  /**
   * Release an earlier freeze, seizure, listing or restriction.
   */
  ACTION_KIND_RELEASE: 'ACTION_KIND_RELEASE',
} as const;

/**
 * What a court's order does on a partner chain (DESIGN.md "Actions").
 */
export type ActionKind =
  /**
   * Never valid.
   */
  | 'ACTION_KIND_UNSPECIFIED'
  | 0
  /**
   * Freeze an account or asset (no transfer out).
   */
  | 'ACTION_KIND_FREEZE'
  | 1
  /**
   * Seize a title or asset for enforcement.
   */
  | 'ACTION_KIND_SEIZE'
  | 2
  /**
   * List a person on the dishonest judgment debtor list.
   */
  | 'ACTION_KIND_LIST_DEBTOR'
  | 3
  /**
   * Restrict high consumption.
   */
  | 'ACTION_KIND_RESTRICT'
  | 4
  /**
   * Release an earlier freeze, seizure, listing or restriction.
   */
  | 'ACTION_KIND_RELEASE'
  | 5

/**
 * What a court's order does on a partner chain (DESIGN.md "Actions").
 */
export type ActionKind__Output = typeof ActionKind[keyof typeof ActionKind]
