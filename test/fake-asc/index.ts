// Public entry of the fake App Store Connect server (tests and the app's demo mode).

export { startFakeAsc } from './fake';
export { seedDemo, DEMO_APPS, type DemoCredentials } from './demo';
export { runFakeAscCli, type DemoServer } from './cli';
export { fakeReportCatalogue, type FakeReportInfo } from './catalogueInfo';
export { startHostileServer, type HostileServer, type RenderedSegment, type SegmentRewrite } from './hostileSegments';
export type { FakeClock } from './clock';
export type {
  AccessType, AppSpec, Category, FakeAsc, FakeAscOptions, FakeFaults, FakeStats, FileFormat, Granularity,
  InstanceInfo, InstanceQuery, KeyRegistration, KeyRole, LatestTotalsQuery, RequestInfo,
} from './types';
