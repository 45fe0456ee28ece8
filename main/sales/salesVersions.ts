// The version Orchard asks for per report type: the user's override, else the version Apple last
// told us is the latest ("The latest version for this report is 1_4"), else Orchard's default.

import { salesRuleOf, type SalesReportKind } from '../../shared/sales';

export interface SalesVersionBook {
  versionFor(kind: SalesReportKind): string;
  /** Remembers Apple's answer so the next sync starts with it. */
  learn(reportType: string, version: string): void;
}

export interface VersionSettings {
  overrides: Readonly<Record<string, string>>;
  learned: Readonly<Record<string, string>>;
  saveLearned(learned: Record<string, string>): void;
}

export function createVersionBook(settings: VersionSettings): SalesVersionBook {
  let learned = { ...settings.learned };
  return {
    versionFor(kind) {
      return settings.overrides[kind.reportType] ?? learned[kind.reportType] ?? salesRuleOf(kind)?.defaultVersion ?? '1_0';
    },
    learn(reportType, version) {
      learned = { ...learned, [reportType]: version };
      settings.saveLearned(learned);
    },
  };
}
