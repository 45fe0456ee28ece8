// Saving a tab as a saved query. Over an existing .sql file main wants a confirmation ticket: the
// page asks for one, then (browser mode) asks the user unless the tab is that very saved query;
// the desktop app asks in main's own dialog.
import type { SavedQuery } from '../../../shared/workbench';
import type { OrchardClient } from '../../ipc/client';
import { asOrchardError } from '../../ipc/asOrchardError';

/** The saved query, or null when the user chose not to overwrite. */
export async function saveQueryConfirmed(client: OrchardClient, request: { name: string; sql: string; isThisTabs: boolean }): Promise<SavedQuery | null> {
  const { name, sql } = request;
  try {
    return await client.invoke('query:save', { name, sql });
  } catch (error) {
    const failure = asOrchardError(error);
    if (failure.code !== 'CONFLICT' || failure.details?.savedQueryExists !== true) throw failure;
  }
  const { ticket, nativeDialog } = await client.invoke('confirm:prepare', { action: 'query:overwriteSaved', name });
  if (!nativeDialog && !request.isThisTabs && !window.confirm(`A saved query named “${name}” exists. Replace its SQL with this tab’s?`)) return null;
  try {
    return await client.invoke('query:save', { name, sql, confirmation: ticket });
  } catch (error) {
    const failure = asOrchardError(error);
    if (failure.code === 'CANCELLED') return null;
    throw failure;
  }
}
