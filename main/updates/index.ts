// The update check's public surface: choose the feed, build the service.
export { chooseUpdateFeed, isAcceptableFeedUrl, BUILT_IN_FEED_URL, type FeedChoice } from './updateFeed';
export { createUpdateService, type UpdateService, type UpdateServiceDeps } from './updateService';
export { compareVersions, parseVersion, type Version } from './semver';
