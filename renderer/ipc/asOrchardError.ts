// Any rejection as an OrchardError (a JSX-free module, so hooks tested in Node can import it).
import { OrchardError } from '../../shared/errors';

export function asOrchardError(err: unknown): OrchardError {
  return err instanceof OrchardError ? err : new OrchardError('INTERNAL', err instanceof Error ? err.message : String(err));
}
