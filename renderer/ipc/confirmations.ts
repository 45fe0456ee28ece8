// The renderer's half of confirming a destructive action: ask main for a ticket bound to exactly
// this action, then either send the command at once (desktop app: main shows its own native
// dialog) or show the page's confirmation and send the ticket only when the user agrees.
import type { DestructiveAction } from '../../shared/confirmations';
import type { OrchardClient } from './client';

export async function beginConfirmation(
  client: OrchardClient,
  action: DestructiveAction,
  handlers: { runNow: (ticket: string) => void; askUser: (ticket: string) => void },
): Promise<void> {
  const { ticket, nativeDialog } = await client.invoke('confirm:prepare', action);
  (nativeDialog ? handlers.runNow : handlers.askUser)(ticket);
}
