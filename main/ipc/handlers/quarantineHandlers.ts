// Handlers for quarantine:* commands: always <data>/quarantine, never a path from the caller.
import path from 'node:path';
import { openQuarantine } from '../../sync/quarantine';
import type { PartialHandlers } from '../handlerTypes';

export function quarantineHandlers(dataDir: string) {
  const quarantine = () => openQuarantine(path.join(dataDir, 'quarantine'));
  return {
    'quarantine:list': async () => quarantine().list(),
    'quarantine:clear': async () => {
      await quarantine().clear();
      return quarantine().list();
    },
  } satisfies PartialHandlers;
}
