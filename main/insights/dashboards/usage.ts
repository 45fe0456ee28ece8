// Usage: how the app is used once installed — sessions, installs against deletions, which app
// versions people run, and active devices exactly as Apple publishes them.
import { col, measure, meaningOf, oneOf } from './catalogueRefs';
import { INSTALLS, SESSIONS, uniqueNoteFor } from './reports';
import type { TileSpec } from './spec';

const sessions = measure('Sessions', SESSIONS, 'Sessions');

export const USAGE: readonly TileSpec[] = [
  { id: 'sessions-trend', title: 'Sessions', unit: 'count',
    meaning: `${meaningOf(SESSIONS, 'Sessions')} Sum of Sessions (only people who share data with developers).`,
    shape: { kind: 'trend', series: [sessions] } },
  { id: 'installs-deletions', title: 'Installs and deletions', unit: 'count',
    meaning: `Counts of ${INSTALLS} with Event = Install, and with Event = Delete (every download type).`,
    shape: { kind: 'trend', series: [
      measure('Installs', INSTALLS, 'Counts', oneOf(INSTALLS, 'Event', ['Install'])),
      measure('Deletions', INSTALLS, 'Counts', oneOf(INSTALLS, 'Event', ['Delete'])),
    ] } },
  { id: 'version-adoption', title: 'Sessions by app version', unit: 'count',
    meaning: `Sessions per ${meaningOf(SESSIONS, 'App Version')} The mix shows how fast a release is adopted.`,
    shape: { kind: 'mix', measure: sessions, by: col(SESSIONS, 'App Version') } },
  { id: 'sessions-by-device', title: 'Sessions by device', unit: 'count',
    meaning: `Sessions per ${meaningOf(SESSIONS, 'Device')}`,
    shape: { kind: 'ranked', measure: sessions, by: col(SESSIONS, 'Device') } },
  { id: 'active-devices', title: 'Active devices (as Apple publishes them)', unit: 'count',
    meaning: `Unique Devices of ${SESSIONS}: distinct devices with at least one session.`,
    uniqueNote: uniqueNoteFor('Unique Devices', SESSIONS),
    shape: { kind: 'grain', report: SESSIONS, column: col(SESSIONS, 'Unique Devices') } },
];
