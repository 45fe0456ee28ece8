// Destructive commands (requests:delete/:recreate, keys:remove, keys:add with replace,
// query:clearHistory/:deleteSaved/:save over a file, quarantine:clear, imports:drop/:finish with
// replace, warehouse:rebuild) pass this gate. A ticket
// from confirm:prepare, bound to exactly that action and target, single use and short-lived, must
// come with the command, so one forged or replayed call cannot do damage. In the desktop app main
// then asks the user itself in a native dialog: the renderer cannot skip or answer it.
import type { ConfirmationTicket, DestructiveAction } from '../../shared/confirmations';
import { OrchardError } from '../../shared/errors';
import type { ConfirmRequest, DesktopDialogs } from '../platform/desktopDialogs';
import { createTicketBook } from './ticketBook';

/** Long enough to read the renderer's dialog (or upload a file to import); a stale one only means confirming again. */
const CONFIRMATION_TTL_MS = 10 * 60_000;
/** Live tickets at most: a full book refuses new ones rather than evicting one a user is about to use. */
const MAX_PENDING = 256;

export interface ConfirmationGate {
  prepare(action: DestructiveAction): ConfirmationTicket;
  /**
   * Spends the ticket when it was issued for exactly this action; in the desktop app then shows
   * the native confirmation `describe` words. Throws FORBIDDEN (no valid ticket) or CANCELLED.
   */
  authorize(action: DestructiveAction, ticket: string, describe: () => Promise<ConfirmRequest>): Promise<void>;
}

export interface ConfirmationGateDeps {
  now: () => Date;
  dialogs?: DesktopDialogs;
  ttlMs?: number;
}

/** One string per action and target: `keys:remove` of A never matches `keys:remove` of B. */
function targetOf(action: DestructiveAction): string {
  switch (action.action) {
    case 'requests:delete':
    case 'requests:recreate':
      return `${action.action}\n${action.appId}\n${action.requestId}`;
    case 'keys:remove':
    case 'keys:replace':
      return `${action.action}\n${action.keyId}`;
    case 'query:deleteSaved':
    case 'query:overwriteSaved':
      return `${action.action}\n${action.name}`;
    case 'imports:drop':
    case 'imports:replace':
      return `${action.action}\n${action.table}`;
    case 'query:clearHistory':
    case 'quarantine:clear':
    case 'warehouse:rebuild':
      return action.action;
  }
}

export function createConfirmationGate(deps: ConfirmationGateDeps): ConfirmationGate {
  const tickets = createTicketBook<string>({ now: deps.now, ttlMs: deps.ttlMs ?? CONFIRMATION_TTL_MS, maxLive: MAX_PENDING, whenFull: 'refuse' });
  return {
    prepare(action) {
      const { ticket, expiresAt } = tickets.issue(targetOf(action));
      return { ticket, expiresAt: expiresAt.toISOString(), nativeDialog: deps.dialogs !== undefined };
    },
    async authorize(action, ticket, describe) {
      const expected = targetOf(action);
      if (tickets.redeem(ticket, (target) => target === expected) === undefined) {
        throw new OrchardError('FORBIDDEN', 'This action needs a fresh confirmation (the one given is missing, used, expired or for something else). Try again.');
      }
      if (deps.dialogs && !(await deps.dialogs.confirm(await describe()))) {
        throw new OrchardError('CANCELLED', 'Cancelled: nothing was changed.');
      }
    },
  };
}
