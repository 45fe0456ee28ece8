// How the CLI prints progress, summaries and status (query rows: cliRows). Progress and summaries
// go to stderr, so stdout stays clean for pipes.
import type { RebuildSummary } from '../../shared/rebuild';
import type { ReportStatus, SyncProgress, SyncSummary } from '../../shared/sync';
import type { LocalStatus } from '../sync/localStatus';
import { rebuildLine } from '../sync/rebuild';
import type { StatusCheck } from '../sync/statusCheck';
import { countLabel, plural } from '../sync/wording';

export function progressLine(p: SyncProgress): string {
  const parts = [`[${p.phase}]`, p.message];
  if (p.instances.total) parts.push(`instances ${p.instances.done}/${p.instances.total}`);
  if (p.segments.total) parts.push(`files ${p.segments.done}/${p.segments.total}`);
  if (p.rows) parts.push(`rows ${p.rows}`);
  return parts.join('  ');
}

export function summaryText(s: SyncSummary): string {
  const lines = [
    `Sync ${s.outcome}: ${plural(s.reports, 'report')}, ${plural(s.instancesIngested, 'instance')} loaded, ${countLabel(s.instancesSkipped)} already loaded, ` +
      `${plural(s.segmentsDownloaded, 'file')} / ${plural(s.bytesDownloaded, 'byte')} downloaded, ${plural(s.rowsLoaded, 'row')}, ${countLabel(s.quarantined)} quarantined.`,
    ...s.notes.map((n) => `  note: ${n}`),
    ...s.issues.map((i) => `  problem: ${i.reportName ? `${i.reportName}: ` : ''}${i.error.message}`),
  ];
  return lines.join('\n');
}

export function statusText(check: StatusCheck): string {
  const requests = check.requests.length
    ? check.requests.map((r) => `  ${r.accessType.padEnd(18)} ${r.id}${r.stoppedDueToInactivity ? '  STOPPED (inactivity)' : ''}`)
    : ['  none: run `orchard sync` with an Admin key to request reports'];
  const reports = check.reports.map((r: ReportStatus) => `  ${r.status.padEnd(10)} ${r.reportName} — ${r.reason}`);
  return ['Requests:', ...requests, 'Reports:', ...(reports.length ? reports : ['  none listed yet'])].join('\n');
}

export function localStatusText(s: LocalStatus, dataDir: string): string {
  const run = s.lastRun;
  const lines = [
    `This computer (${dataDir}):`,
    run ? `  last sync: ${run.outcome} — app ${s.lastRunAppName ? `${s.lastRunAppName} (${run.appId})` : run.appId}, started ${run.startedAt}, ended ${run.endedAt}, ${plural(run.instancesIngested, 'instance')} loaded, ${plural(run.rowsLoaded, 'row')}` : '  last sync: none yet',
    ...(run ? [...run.issues.slice(0, 3).map((i) => `    problem: ${i.error.message}`), ...run.notes.filter((n) => /stopped before|could not be recorded/.test(n)).map((n) => `    note: ${n}`)] : []),
    `  instances listed but not loaded yet: ${s.pendingInstances}`,
    `  quarantined files: ${s.quarantinedFiles}`,
    '  data processed up to:',
    ...(s.reports.length ? s.reports.map((r) => `    ${r.latestProcessingDate}  ${r.granularity.padEnd(8)} ${r.reportName} (${plural(r.instances, 'instance')})`) : ['    nothing loaded yet']),
  ];
  return lines.join('\n');
}

export function rebuildText(s: RebuildSummary): string {
  return [
    rebuildLine(s),
    ...s.holes.map((h) => `  hole: ${h.reportName} ${h.processingDate}: ${h.file} is ${h.problem}`),
    ...s.failures.map((f) => `  problem: ${f.reportName ? `${f.reportName} ${f.processingDate}: ` : ''}${f.message}`),
    ...(s.mismatches ?? []).map((m) => `  row count: ${m.reportName} ${m.processingDate}: expected ${m.expected}, found ${m.found}`),
    ...(s.salesFailures ?? []).map((f) => `  sales file: ${f.file}: ${f.message}`),
    ...(s.unreadableManifests ? [`  ${s.unreadableManifests} manifest(s) could not be read and were skipped`] : []),
  ].join('\n');
}
