// The Sales and Trends part of settings, validated on read (users and older versions edit the
// file): the vendor number per team (a key cannot discover it), the report kinds kept, what Apple
// taught us about the key's finance access, and version overrides and learned versions.

import { z } from 'zod';
import { SALES_COMBINATIONS, salesKindKey, type SalesReportKind, VENDOR_NUMBER_PATTERN } from '../../shared/sales';
import type { SettingsStore } from '../settings/settingsStore';

const teamSchema = z.object({
  vendorNumber: z.string().regex(VENDOR_NUMBER_PATTERN),
  kept: z.array(z.string().max(100)).max(100).optional(),
  finance: z.enum(['readable', 'forbidden', 'unknown']).default('unknown'),
  checkedAt: z.string().max(40).optional(),
});

const salesSettingsSchema = z.object({
  teams: z.record(z.string().max(64), teamSchema).default({}),
  versionOverrides: z.record(z.string().max(64), z.string().regex(/^\d+_\d+$/)).default({}),
  learnedVersions: z.record(z.string().max(64), z.string().regex(/^\d+_\d+$/)).default({}),
});

export type SalesSettings = z.infer<typeof salesSettingsSchema>;
export type TeamSales = z.infer<typeof teamSchema>;

export interface SalesSettingsStore {
  read(): SalesSettings;
  team(issuerId: string): TeamSales | undefined;
  saveTeam(issuerId: string, team: TeamSales): void;
  saveLearned(learned: Record<string, string>): void;
}

/** Every kind Apple's table allows; the kept-by-default ones unless the team chose. */
export function allKinds(): SalesReportKind[] {
  return SALES_COMBINATIONS.flatMap((r) => r.frequencies.map((frequency) => ({ reportType: r.reportType, reportSubType: r.reportSubType, frequency })));
}

export function keptKinds(team: TeamSales | undefined): SalesReportKind[] {
  const kinds = allKinds();
  if (team?.kept !== undefined) return kinds.filter((k) => team.kept?.includes(salesKindKey(k)));
  return kinds.filter((k) => SALES_COMBINATIONS.find((r) => r.reportType === k.reportType)?.keptByDefault === true);
}

export function createSalesSettings(settings: SettingsStore<Record<string, unknown>>): SalesSettingsStore {
  const read = (): SalesSettings => {
    const parsed = salesSettingsSchema.safeParse(settings.get('sales') ?? {});
    return parsed.success ? parsed.data : salesSettingsSchema.parse({});
  };
  return {
    read,
    team: (issuerId) => read().teams[issuerId],
    saveTeam(issuerId, team) {
      const current = read();
      settings.set('sales', { ...current, teams: { ...current.teams, [issuerId]: team } });
    },
    saveLearned(learned) {
      settings.set('sales', { ...read(), learnedVersions: learned });
    },
  };
}
