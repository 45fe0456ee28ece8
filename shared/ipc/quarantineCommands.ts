// Commands behind the Sync page's quarantine section: what Orchard refused to load, and clearing it.
import { z } from 'zod';
import { command } from './define';
import type { QuarantineListing } from '../quarantine';

export const quarantineCommands = {
  'quarantine:list': command(z.object({}).strict()).returns<QuarantineListing>(),
  /** Deletes the kept files and failure records inside <data>/quarantine; stopped files are downloaded again next sync. */
  'quarantine:clear': command(z.object({ confirmed: z.literal(true) }).strict()).returns<QuarantineListing>(),
};
