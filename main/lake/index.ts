// The Parquet lake: publish the warehouse as snapshots of Hive-partitioned Parquet, and read one back.
export { publishLake, type PublishOptions, type PublishProgress, type PublishSummary } from './publishLake';
export { readCurrentSnapshot, type LakeSnapshot, type LakeTable, type LakeCurrent } from './lakeManifest';
export { lakeDescription, lakePublished, openLake, type OpenedLake } from './openLake';
