// The lake part of settings, validated on read (users and older versions edit the file): the folder
// the app publishes to and how its last publish ended. An unreadable entry reads as "not set".
import path from 'node:path';
import { z } from 'zod';
import { ERROR_CODES } from '../../shared/errors';
import type { LakeLastPublish } from '../../shared/ipc/lakeCommands';
import type { SettingsStore } from '../settings/settingsStore';

const count = z.number().int().min(0).optional();

const lastSchema = z.object({
  outcome: z.enum(['published', 'failed', 'cancelled']),
  trigger: z.enum(['manual', 'after-sync']),
  folder: z.string().max(4096),
  endedAt: z.string().max(40),
  snapshot: count,
  tables: count,
  rows: count,
  filesWritten: count,
  bytesWritten: count,
  reusedPartitions: count,
  error: z.object({ code: z.enum(ERROR_CODES), message: z.string().max(2000) }).optional(),
});

const lakeSettingsSchema = z.object({
  folder: z.string().max(4096).refine((p) => path.isAbsolute(p)).optional().catch(undefined),
  last: lastSchema.optional().catch(undefined),
}).catch({});

export interface LakeSettings {
  folder(): string | undefined;
  setFolder(folder: string | undefined): void;
  last(): LakeLastPublish | undefined;
  setLast(last: LakeLastPublish): void;
}

export function createLakeSettings(settings: SettingsStore<Record<string, unknown>>): LakeSettings {
  const read = () => lakeSettingsSchema.parse(settings.get('lake') ?? {});
  const write = (patch: z.infer<typeof lakeSettingsSchema>) => settings.set('lake', { ...read(), ...patch });
  return {
    folder: () => read().folder,
    setFolder: (folder) => write({ folder }),
    last: () => read().last,
    setLast: (last) => write({ last }),
  };
}
