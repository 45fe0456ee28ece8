// Commands behind the Sync page's quarantine section: what Orchard refused to load, and clearing it.
import { z } from 'zod';
import { command } from './define';
import { confirmationSchema } from './confirmCommands';
import type { QuarantineListing } from '../quarantine';

export const quarantineCommands = {
  'quarantine:list': command(z.object({}).strict()).returns<QuarantineListing>(),
  /**
   * Deletes the kept files and failure records inside <data>/quarantine; stopped files are downloaded
   * again next sync. `confirmation`: a ticket from confirm:prepare ({ action: 'quarantine:clear' }).
   */
  'quarantine:clear': command(z.object({ confirmation: confirmationSchema }).strict()).returns<QuarantineListing>(),
};
