// Performance: crashes by version, device and OS, crashes per 1,000 sessions, and install
// performance where Apple provides it.
import { col, measure, meaningOf } from './catalogueRefs';
import { CRASHES, INSTALL_PERFORMANCE, SESSIONS } from './reports';
import type { TileSpec } from './spec';

const crashes = measure('Crashes', CRASHES, 'Crashes');

export const PERFORMANCE: readonly TileSpec[] = [
  { id: 'crash-rate', title: 'Crashes per 1,000 sessions', unit: 'per1000',
    meaning: `Crashes (${CRASHES}) ÷ sessions (${SESSIONS}) × 1,000 per period; a gap where there were no sessions.`,
    shape: { kind: 'trend', series: [{ label: 'Crashes per 1,000 sessions', numerator: crashes,
      denominator: measure('Sessions', SESSIONS, 'Sessions'), scale: 1000 }] } },
  { id: 'crashes-trend', title: 'Crashes', unit: 'count',
    meaning: `${meaningOf(CRASHES, 'Crashes')} Sum of Crashes of ${CRASHES}.`,
    shape: { kind: 'trend', series: [crashes] } },
  { id: 'crashes-by-version', title: 'Crashes by app version', unit: 'count',
    meaning: `Crashes per ${meaningOf(CRASHES, 'App Version')}`,
    shape: { kind: 'mix', measure: crashes, by: col(CRASHES, 'App Version') } },
  { id: 'crashes-by-device', title: 'Crashes by device', unit: 'count',
    meaning: `Crashes per ${meaningOf(CRASHES, 'Device')}`,
    shape: { kind: 'ranked', measure: crashes, by: col(CRASHES, 'Device') } },
  { id: 'crashes-by-os', title: 'Crashes by platform version', unit: 'count',
    meaning: `Crashes per ${meaningOf(CRASHES, 'Platform Version')}`,
    shape: { kind: 'ranked', measure: crashes, by: col(CRASHES, 'Platform Version') } },
  { id: 'install-status', title: 'Installs by status', unit: 'count',
    meaning: `Counts of ${INSTALL_PERFORMANCE} per ${meaningOf(INSTALL_PERFORMANCE, 'Install Status')} Apple publishes it daily only.`,
    shape: { kind: 'ranked', measure: measure('Installs', INSTALL_PERFORMANCE, 'Counts'), by: col(INSTALL_PERFORMANCE, 'Install Status') } },
];
