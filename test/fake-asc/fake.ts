// startFakeAsc: assembles one fake App Store Connect (API listener + S3 listener + state) and
// returns the handle tests and the demo drive it with. Everything lives inside this closure.

import { createHmac, createPublicKey, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { importSPKI } from 'jose';
import { handleApiRequest } from './apiServer';
import { ControlledClock } from './clock';
import type { FakeContext, ResolvedOptions } from './context';
import { dayToIso } from './dates';
import { appRoutes } from './handlersApps';
import { reportRoutes } from './handlersReports';
import { requestRoutes } from './handlersRequests';
import { financeRoutes } from './sales/financeHandlers';
import { salesRoutes } from './sales/salesHandlers';
import { createSalesControl } from './sales/salesState';
import { SeededRandom } from './hash';
import { latestTotals } from './oracle';
import { catchUpProduction, creationConflict, createRequestRecord } from './production';
import { RateLimiter } from './rateLimit';
import { S3Signer } from './s3Signer';
import { newBlockCache } from './rows';
import { segmentFile } from './segmentFiles';
import { handleS3Request } from './s3Server';
import { FakeStore, type InstanceRecord } from './store';
import type { AccessType, AppSpec, FakeAsc, FakeAscOptions, FakeFaults, FakeStats, InstanceInfo, InstanceQuery, KeyRegistration } from './types';

function resolveOptions(opts: FakeAscOptions): ResolvedOptions {
  return {
    seed: opts.seed ?? 1, pageDefault: opts.pageDefault ?? 50, shuffle: opts.shuffle ?? false,
    rowsScale: opts.rowsScale ?? 1, maxRowsPerSegment: opts.maxRowsPerSegment ?? 50_000,
    snapshotBackfillDays: opts.snapshotBackfillDays ?? 60, snapshotLayout: opts.snapshotLayout ?? 'single',
    inactivityDays: opts.inactivityDays ?? 14, retentionDays: opts.retentionDays ?? 35,
    firstDataDelayHours: opts.firstDataDelayHours ?? [24, 48], snapshotCooldownDays: opts.snapshotCooldownDays ?? 31,
    fileFormat: opts.fileFormat ?? {}, fileFormats: opts.fileFormats ?? {}, varyJson: opts.varyJson ?? true,
  };
}

function freshStats(): FakeStats {
  return { apiCalls: 0, downloads: 0, bytesServed: 0, callsByPath: {} };
}

function listen(server: Server, port: number): Promise<string> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`));
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

function instanceInfo(store: FakeStore, instance: InstanceRecord, nowMs: number): InstanceInfo {
  const report = instance.report;
  return {
    id: instance.id, requestId: report.request.id, reportId: report.id, reportName: report.def.name,
    accessType: report.request.accessType, granularity: instance.granularity, processingDate: dayToIso(instance.processingDay),
    producedAt: new Date(instance.producedAt), dates: instance.dates.map(dayToIso), segmentIds: instance.segments.map((s) => s.id),
    gone: !store.isInstanceLive(instance, nowMs),
  };
}

export async function startFakeAsc(opts: FakeAscOptions = {}): Promise<FakeAsc> {
  const options = resolveOptions(opts);
  const store = new FakeStore(options.retentionDays);
  const cursorSecret = randomBytes(32);
  const faults: FakeFaults = {
    serverErrorRate: 0, serverErrorNext: 0, rateLimitBurst: 0, truncateNextDownloads: 0, resetNextDownloads: 0,
    corruptBodyNext: 0, corruptChecksumNext: 0, wrongSizeNext: 0, zeroSegmentInstances: false,
  };
  const limits = { perHour: opts.rateLimitPerHour ?? 3500 };
  const ctx: FakeContext = {
    options, store, faults, stats: freshStats(),
    clock: new ControlledClock((opts.now ?? new Date()).getTime(), opts.followWallClock ?? false, () => catchUpProduction(ctx)),
    ids: new SeededRandom(options.seed), dice: new SeededRandom(options.seed ^ 0x5bd1e995),
    urls: { api: '', segments: '' }, signer: new S3Signer(randomBytes(32)), rateLimiter: new RateLimiter(),
    rateLimitPerHour: () => limits.perHour,
    mac: (text) => createHmac('sha256', cursorSecret).update(text).digest('base64url'),
    blockCache: newBlockCache(),
    catchUp: () => catchUpProduction(ctx),
  };
  const sales = createSalesControl(ctx);
  const routes = [...requestRoutes, ...reportRoutes, ...appRoutes, ...salesRoutes(sales), ...financeRoutes(sales)];
  const api = createServer((req, res) => void handleApiRequest(ctx, routes, req, res));
  const s3 = createServer((req, res) => handleS3Request(ctx, req, res));
  ctx.urls.api = await listen(api, opts.port ?? 0);
  ctx.urls.segments = await listen(s3, opts.segmentPort ?? 0);

  const fake: FakeAsc = {
    baseUrl: ctx.urls.api,
    segmentBaseUrl: ctx.urls.segments,
    clock: ctx.clock,
    faults,
    sales,
    get rateLimitPerHour() {
      return limits.perHour;
    },
    set rateLimitPerHour(value: number) {
      limits.perHour = value;
    },
    registerKey(key: KeyRegistration) {
      const publicKey = createPublicKey(key.publicKeyPem);
      if (publicKey.asymmetricKeyType !== 'ec' || publicKey.asymmetricKeyDetails?.namedCurve !== 'prime256v1') {
        throw new Error(`registerKey: key ${key.keyId} is not an EC P-256 public key`);
      }
      const individual = key.individual ?? key.issuerId === undefined;
      if (!individual && !key.issuerId) throw new Error(`registerKey: team key ${key.keyId} needs an issuerId`);
      store.keys.set(key.keyId, {
        keyId: key.keyId, issuerId: key.issuerId, individual, role: key.role, revoked: key.revoked ?? false,
        publicKey: importSPKI(key.publicKeyPem, 'ES256').catch(() => undefined),
      });
    },
    revokeKey(keyId: string) {
      const key = store.keys.get(keyId);
      if (!key) throw new Error(`revokeKey: unknown key ${keyId}`);
      key.revoked = true;
    },
    addApp(app: AppSpec) {
      if (store.apps.has(app.id)) throw new Error(`addApp: app ${app.id} already exists`);
      store.apps.set(app.id, {
        id: app.id, name: app.name, bundleId: app.bundleId, sku: app.sku, activity: app.activity ?? 1,
        commerce: app.commerce ?? true, ordinal: store.apps.size,
      });
    },
    stats: () => ({ ...ctx.stats, callsByPath: { ...ctx.stats.callsByPath } }),
    resetStats: () => {
      ctx.stats = freshStats();
    },
    latestTotals: (query) => latestTotals(ctx, query),
    createRequest(appId: string, accessType: AccessType, createOptions?: { createdAt?: Date }) {
      ctx.catchUp();
      const app = store.apps.get(appId);
      if (!app) throw new Error(`createRequest: unknown app ${appId}`);
      const createdAt = createOptions?.createdAt?.getTime() ?? ctx.clock.nowMs();
      const conflict = creationConflict(ctx, appId, accessType, createdAt);
      if (conflict) throw new Error(`createRequest: ${conflict}`);
      const request = createRequestRecord(ctx, app, accessType, createdAt);
      ctx.catchUp();
      return request.id;
    },
    requests(appId: string) {
      ctx.catchUp();
      return store.requestsOfApp(appId).map((r) => ({
        id: r.id, appId: r.app.id, accessType: r.accessType, createdAt: new Date(r.createdAt), firstDataAt: new Date(r.firstDataAt),
        stoppedDueToInactivity: r.stoppedAt !== undefined, deleted: r.deletedAt !== undefined,
      }));
    },
    reports(requestId: string) {
      const request = store.requests.get(requestId);
      if (!request) throw new Error(`reports: unknown request ${requestId}`);
      return request.reports.map((r) => ({ id: r.id, name: r.def.name, category: r.def.category }));
    },
    instances(query: InstanceQuery = {}) {
      ctx.catchUp();
      const now = ctx.clock.nowMs();
      return [...store.instances.values()]
        .filter((i) => (query.appId === undefined || i.report.request.app.id === query.appId)
          && (query.requestId === undefined || i.report.request.id === query.requestId)
          && (query.reportName === undefined || i.report.def.name === query.reportName)
          && (query.granularity === undefined || i.granularity === query.granularity)
          && (query.includeGone === true || store.isInstanceLive(i, now)))
        .map((i) => instanceInfo(store, i, now));
    },
    prepareSegmentFiles(query: InstanceQuery = {}) {
      let bytes = 0;
      for (const info of fake.instances({ ...query, includeGone: false })) {
        for (const segmentId of info.segmentIds) {
          const segment = store.segments.get(segmentId);
          if (segment) bytes += segmentFile(ctx, segment).gz.length;
        }
      }
      return bytes;
    },
    close: async () => {
      await Promise.all([closeServer(api), closeServer(s3)]);
    },
  };
  return fake;
}
