// The production schedule: creates requests with their report catalogue, and on every catch-up
// produces the instances Apple would have published by now (DAILY daily, WEEKLY on Fridays,
// MONTHLY on the 5th, snapshots once as a backfill), honouring inactivity stops.

import { REPORT_CATALOGUE, type Granularity, type ReportDef } from './catalogue';
import type { FakeContext } from './context';
import { compactDate, DAY_MS, dayOf, dayOfMonth, firstOfMonth, firstOfNextMonth, firstOfPreviousMonth, HOUR_MS, isoToDay, MINUTE_MS, weekdayOf } from './dates';
import { hashOf, unitOf, uuidFromSeed } from './hash';
import { DateBlock, restatedDateFor, type RowScope } from './rows';
import type { AppRecord, InstanceRecord, ReportRecord, RequestRecord, SegmentRecord } from './store';
import type { AccessType } from './types';

const FRIDAY = 5;
/**
 * An ONGOING request's first DAILY instances all start at its first processing day minus the longest
 * window, so every report of the app covers the same Dates (shorter windows get a few final days more).
 */
const LONGEST_WINDOW = Math.max(...REPORT_CATALOGUE.filter((def) => def.produces !== 'never').map((def) => def.windowDays));

export function rowScopeOf(ctx: FakeContext, app: AppRecord, def: ReportDef, granularity: Granularity): RowScope {
  return { seed: ctx.options.seed, app, def, granularity, rowsScale: ctx.options.rowsScale, cache: ctx.blockCache };
}

/** The 409 detail that forbids creating this request now, if any. */
export function creationConflict(ctx: FakeContext, appId: string, accessType: AccessType, nowMs: number): string | undefined {
  const existing = ctx.store.requestsOfApp(appId).filter((r) => r.accessType === accessType);
  if (existing.some((r) => r.deletedAt === undefined)) return 'You already have such an entity';
  if (accessType === 'ONE_TIME_SNAPSHOT') {
    const cooldownMs = ctx.options.snapshotCooldownDays * DAY_MS;
    if (existing.some((r) => nowMs - r.createdAt < cooldownMs)) {
      return 'A one-time snapshot for this app was already requested in the last month; try again later';
    }
  }
  return undefined;
}

export function createRequestRecord(ctx: FakeContext, app: AppRecord, accessType: AccessType, createdAtMs: number): RequestRecord {
  const id = ctx.ids.uuid();
  const [minHours, maxHours] = ctx.options.firstDataDelayHours;
  const delayHours = minHours + unitOf(hashOf(ctx.options.seed, id, 'delay')) * (maxHours - minHours);
  const firstDataAt = createdAtMs + Math.round((delayHours * HOUR_MS) / MINUTE_MS) * MINUTE_MS;
  const request: RequestRecord = {
    id, app, accessType, createdAt: createdAtMs, firstDataAt,
    lastActivityAt: Math.max(createdAtMs, ctx.clock.nowMs()),
    stoppedAt: undefined, deletedAt: undefined, nextProcessingDay: dayOf(firstDataAt), snapshotProduced: false, reports: [],
  };
  const order = (def: ReportDef) => hashOf(ctx.options.seed, id, def.number);
  for (const def of [...REPORT_CATALOGUE].sort((a, b) => order(a) - order(b))) {
    const report: ReportRecord = { id: `r${def.number}-${id}`, def, request, instances: [] };
    request.reports.push(report);
    ctx.store.reports.set(report.id, report);
  }
  ctx.store.requests.set(id, request);
  return request;
}

export function catchUpProduction(ctx: FakeContext): void {
  const now = ctx.clock.nowMs();
  for (const request of ctx.store.requests.values()) {
    if (request.deletedAt !== undefined) continue;
    if (request.accessType === 'ONE_TIME_SNAPSHOT') {
      if (!request.snapshotProduced && request.firstDataAt <= now) {
        request.snapshotProduced = true;
        produceSnapshot(ctx, request);
      }
      continue;
    }
    if (request.stoppedAt === undefined && Number.isFinite(ctx.options.inactivityDays)) {
      const stopAt = request.lastActivityAt + ctx.options.inactivityDays * DAY_MS;
      if (stopAt <= now) request.stoppedAt = stopAt;
    }
    const end = Math.min(now, request.stoppedAt ?? now);
    const timeOfDay = request.firstDataAt - dayOf(request.firstDataAt) * DAY_MS;
    while (request.nextProcessingDay * DAY_MS + timeOfDay <= end) {
      produceOngoingDay(ctx, request, request.nextProcessingDay, request.nextProcessingDay * DAY_MS + timeOfDay);
      request.nextProcessingDay++;
    }
  }
}

/** A segment download keeps its request alive (unless it already stopped). */
export function recordDownload(ctx: FakeContext, segment: SegmentRecord): void {
  const request = segment.instance.report.request;
  if (request.stoppedAt === undefined) request.lastActivityAt = Math.max(request.lastActivityAt, ctx.clock.nowMs());
}

function isProduced(def: ReportDef, app: AppRecord): boolean {
  if (app.activity <= 0 || def.produces === 'never') return false;
  return def.produces === 'always' || app.commerce;
}

function produceOngoingDay(ctx: FakeContext, request: RequestRecord, processingDay: number, producedAt: number): void {
  for (const report of request.reports) {
    if (!isProduced(report.def, request.app)) continue;
    const reportStart = isoToDay(report.def.startDate) ?? 0;
    const dailyStart = Math.max(reportStart, dayOf(request.firstDataAt) - LONGEST_WINDOW);
    for (const granularity of report.def.granularities) {
      const startDay = granularity === 'DAILY' ? dailyStart : reportStart;
      const from = processingDay === dayOf(request.firstDataAt) ? dailyStart : processingDay - report.def.windowDays;
      const dates = ongoingDates(ctx, report, granularity, processingDay, from).filter((d) => d >= startDay);
      if (dates.length > 0) addInstance(ctx, report, granularity, processingDay, dates, producedAt, 0);
    }
  }
}

function ongoingDates(ctx: FakeContext, report: ReportRecord, granularity: Granularity, day: number, from: number): number[] {
  if (granularity === 'WEEKLY') return weekdayOf(day) === FRIDAY ? [day - 11] : [];
  if (granularity === 'MONTHLY') return dayOfMonth(day) === 5 ? [firstOfPreviousMonth(day)] : [];
  const dates: number[] = [];
  const restated = restatedDateFor(rowScopeOf(ctx, report.request.app, report.def, granularity), day);
  if (restated !== undefined) dates.push(restated);
  for (let d = Math.min(from, day - report.def.windowDays); d < day; d++) if (!dates.includes(d)) dates.push(d);
  return dates;
}

function produceSnapshot(ctx: FakeContext, request: RequestRecord): void {
  const processingDay = dayOf(request.firstDataAt);
  for (const report of request.reports) {
    if (!isProduced(report.def, request.app)) continue;
    const from = Math.max(isoToDay(report.def.startDate) ?? 0, processingDay - ctx.options.snapshotBackfillDays);
    for (const granularity of report.def.granularities) {
      const dates = snapshotDates(granularity, from, processingDay);
      const chunks = granularity === 'DAILY' && ctx.options.snapshotLayout === 'perMonth' ? groupByMonth(dates) : [dates];
      chunks.forEach((chunk, index) => {
        if (chunk.length > 0) addInstance(ctx, report, granularity, processingDay, chunk, request.firstDataAt, index);
      });
    }
  }
}

function snapshotDates(granularity: Granularity, from: number, processingDay: number): number[] {
  const dates: number[] = [];
  if (granularity === 'DAILY') {
    for (let d = from; d < processingDay; d++) dates.push(d);
  } else if (granularity === 'WEEKLY') {
    for (let monday = from + ((8 - weekdayOf(from)) % 7); monday + 11 <= processingDay; monday += 7) dates.push(monday);
  } else {
    let month = firstOfMonth(from) === from ? from : firstOfNextMonth(from);
    for (; firstOfNextMonth(month) + 4 <= processingDay; month = firstOfNextMonth(month)) dates.push(month);
  }
  return dates;
}

function groupByMonth(dates: number[]): number[][] {
  const groups = new Map<number, number[]>();
  for (const d of dates) groups.set(firstOfMonth(d), [...(groups.get(firstOfMonth(d)) ?? []), d]);
  return [...groups.values()];
}

function addInstance(
  ctx: FakeContext, report: ReportRecord, granularity: Granularity, processingDay: number,
  dates: number[], producedAt: number, chunk: number,
): void {
  const { seed, maxRowsPerSegment } = ctx.options;
  const request = report.request;
  const hash = hashOf(seed, request.id, report.def.number, granularity, processingDay, chunk);
  const scope = rowScopeOf(ctx, request.app, report.def, granularity);
  const totalRows = dates.reduce((sum, d) => sum + new DateBlock(scope, d, processingDay).total, 0);
  const segmentCount = totalRows > maxRowsPerSegment ? Math.ceil(totalRows / maxRowsPerSegment) : Math.min(totalRows, 1 + (hash % 3));
  const instance: InstanceRecord = {
    id: uuidFromSeed(hash), report, granularity, processingDay, producedAt, dates: [...dates].sort((a, b) => a - b), segments: [],
  };
  let epochMs = producedAt + (hashOf(request.id, chunk, granularity) % 997);
  const prefix = `/reports/${request.app.id}/${report.def.internalKey}/${granularity}/${request.accessType}/${compactDate(processingDay)}`;
  while (ctx.store.segmentsByS3Path.has(`${prefix}/${epochMs}/0.csv.gz`)) epochMs++;
  for (let index = 0; index < segmentCount; index++) {
    const segment: SegmentRecord = {
      id: uuidFromSeed(hashOf(seed, instance.id, index)), instance, index,
      fromRow: Math.floor((index * totalRows) / segmentCount), toRow: Math.floor(((index + 1) * totalRows) / segmentCount),
      s3Path: `${prefix}/${epochMs}/${index}.csv.gz`, file: undefined,
    };
    instance.segments.push(segment);
    ctx.store.segments.set(segment.id, segment);
    ctx.store.segmentsByS3Path.set(segment.s3Path, segment);
  }
  report.instances.push(instance);
  ctx.store.instances.set(instance.id, instance);
}
