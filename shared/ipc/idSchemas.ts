// Identifiers several command maps accept: one definition each, so a ticket names its target
// exactly as the command that spends it does.
import { z } from 'zod';

export const appIdSchema = z.string().regex(/^\d{1,20}$/, 'an App Store app ID is numeric');
/** Apple's IDs are opaque UUIDs (some upper-case); nothing else may reach a SQL literal or a URL. */
export const resourceIdSchema = z.string().regex(/^[A-Za-z0-9-]{1,100}$/, 'not an App Store Connect ID');
export const keyIdSchema = z.string().min(1).max(64);
