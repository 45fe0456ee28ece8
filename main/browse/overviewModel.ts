// The overview's pure parts: the notices that say what is going on with an app's requests and
// what to do next, and one card per report category with its data freshness.
import { REPORT_CATEGORIES } from '../../shared/ascTypes';
import { categoryLabel, type CategoryCard, type Notice, type ReportView, type RequestsView } from '../../shared/browse';

export function overviewNotices(requests: RequestsView, reports: readonly ReportView[], running: boolean): Notice[] {
  const notices: Notice[] = [];
  const { role, snapshot } = requests;
  const error = requests.liveError;
  if (error?.code === 'NOT_FOUND' && error.details?.reason === 'no-keys') {
    return [{ tone: 'error', text: 'Add an App Store Connect API key so Orchard can request and download reports.', action: 'add-key' }];
  }
  if (error) notices.push({ tone: 'warning', text: `Could not reach App Store Connect (${error.message}) — showing what Orchard knew.` });

  const ongoing = requests.requests.find((r) => r.accessType === 'ONGOING');
  if (ongoing === undefined) {
    notices.push(role.canManage
      ? { tone: 'info', text: 'No ongoing report request yet — request reports so Apple starts producing them.', action: 'request-reports' }
      : { tone: 'warning', text: `No ongoing report request yet. ${role.reason ?? ''}`.trim() });
  } else if (ongoing.state === 'stopped') {
    notices.push(role.canManage
      ? { tone: 'error', text: 'Stopped: no downloads for a while — Recreate the request to receive new data.', action: 'recreate', requestId: ongoing.requestId }
      : { tone: 'error', text: `Stopped: no downloads for a while — an Admin key must recreate the request. ${role.reason ?? ''}`.trim() });
  } else if (ongoing.state === 'waiting') {
    notices.push({ tone: 'info', text: ongoing.summary });
  } else if (ongoing.state === 'not-synced' && !running) {
    notices.push({ tone: 'info', text: ongoing.summary, action: 'sync' });
  }

  const history = requests.requests.find((r) => r.accessType === 'ONE_TIME_SNAPSHOT');
  if (history?.state === 'snapshot-waiting' || history?.state === 'snapshot-not-synced') notices.push({ tone: 'info', text: history.summary });
  else if (history === undefined && snapshot.availableFrom && !snapshot.allowedNow) {
    notices.push({ tone: 'info', text: `History snapshot available again on ${snapshot.availableFrom}.` });
  } else if (history === undefined && snapshot.allowedNow && role.canManage && ongoing !== undefined) {
    notices.push({ tone: 'info', text: 'No history snapshot yet — request one to backfill the data Apple kept from before.', action: 'request-snapshot' });
  }

  if (reports.length > 0 && !reports.some((r) => r.selected)) {
    notices.push({ tone: 'warning', text: 'No report is included in sync — choose the reports to download.', action: 'choose-reports' });
  }
  const selected = reports.filter((r) => r.selected);
  const pending = selected.reduce((n, r) => n + r.instances.pending + r.instances.failed, 0);
  if (pending > 0 && !running) {
    notices.push({ tone: 'info', text: `${pending} instance${pending === 1 ? ' is' : 's are'} waiting to be downloaded — sync now.`, action: 'sync' });
  }
  const expired = selected.reduce((n, r) => n + r.instances.expired, 0);
  if (expired > 0) {
    notices.push({ tone: 'warning', text: `${expired} instance${expired === 1 ? '' : 's'} expired before Orchard downloaded ${expired === 1 ? 'it' : 'them'}; only a new history snapshot can recover those dates.` });
  }
  return notices;
}

const categoryRank = (c: string) => {
  const i = (REPORT_CATEGORIES as readonly string[]).indexOf(c);
  return i === -1 ? REPORT_CATEGORIES.length : i;
};

export function categoryCards(reports: readonly ReportView[], newest: ReadonlyMap<string, string>): CategoryCard[] {
  const byCategory = new Map<string, ReportView[]>();
  for (const r of reports) byCategory.set(r.category, [...(byCategory.get(r.category) ?? []), r]);
  return [...byCategory.entries()]
    .sort(([a], [b]) => categoryRank(a) - categoryRank(b) || a.localeCompare(b))
    .map(([category, list]): CategoryCard => {
      const shown = list.filter((r) => r.selected || r.rowsLoaded > 0 || newest.has(r.name));
      const freshness = shown
        .map((r) => {
          const newestDate = newest.get(r.name);
          return {
            reportName: r.name,
            ...(newestDate ? { newestDate } : {}),
            rows: r.rowsLoaded,
            ...(r.status ? { status: r.status } : {}),
            ...(r.reason ? { reason: r.reason } : {}),
          };
        })
        .sort((a, b) => (b.newestDate ?? '').localeCompare(a.newestDate ?? '') || a.reportName.localeCompare(b.reportName));
      const newestDate = freshness.map((f) => f.newestDate).filter((d): d is string => d !== undefined).sort().at(-1);
      return {
        category,
        label: categoryLabel(category),
        reports: list.length,
        selected: list.filter((r) => r.selected).length,
        instancesDownloaded: list.reduce((n, r) => n + r.instances.downloaded, 0),
        instancesPending: list.filter((r) => r.selected).reduce((n, r) => n + r.instances.pending + r.instances.failed, 0),
        rowsLoaded: list.reduce((n, r) => n + r.rowsLoaded, 0),
        ...(newestDate ? { newestDate } : {}),
        freshness,
      };
    });
}
