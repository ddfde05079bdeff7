/** The named reason `f` is refused with ('accepted' when it is not; the error's text when it names none). */
import { isCourtbridgeError } from '../../src/errors.js';

export function reasonOf(f: () => unknown): string {
  try {
    f();
    return 'accepted';
  } catch (e) {
    return isCourtbridgeError(e) ? e.reason : String(e);
  }
}
