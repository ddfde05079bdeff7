/**
 * docs/spec/action.md, action ids: a valid case's id is the engine's own derivation of its fields
 * and passes SubmitAction's grammar; an invalid id is refused by that grammar.
 */
import { isActionId } from '../../../src/relay/modules/actions.js';
import { actionIdOf, orderIdOf } from '../../../src/workflows/enforcement/action-id.js';
import type { InvalidCase, VectorCase, VectorFile } from '../layout.js';

export function check(_file: VectorFile, c: VectorCase | InvalidCase): string {
  if (!('reason' in c)) {
    const f = c.fields as { caseId: string; step: string; chainId: string; target: string };
    const id = actionIdOf(f.caseId, f.step, f.chainId, f.target);
    if (id !== c.actionId || id !== c.hash) return 'action_id_mismatch';
    if (orderIdOf(id) !== c.orderId) return 'order_id_mismatch';
  }
  return isActionId(c.actionId as string) ? 'ok' : 'bad_action_id';
}
