// `npm run web`: the real services behind the loopback bridge, serving the built renderer to a
// browser. Usage: node dist/web.js [--port N] [--data-dir DIR] [--demo] [--help]
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createLogger } from '../logging/logger';
import { createFileSink, stderrSink, teeSinks } from '../logging/fileSink';
import { defaultDataDir } from '../platform/defaultDataDir';
import { createNodePlatform } from '../platform/nodePlatform';
import { createServices } from '../services';
import { startBridgeServer } from './bridgeServer';
import { enterDemo, startDemoBackend } from './demoMode';
import { EXPORTS_FOLDER } from '../workbench/exportTarget';
import { lakeDescription, lakePublished, openLake } from '../lake';

declare const ORCHARD_VERSION: string;

const WEB_HELP = `Usage: npm run web -- [options]

Runs Orchard's services on this computer and serves its UI to your browser at 127.0.0.1 only.
Open the URL it prints: it carries a key (#token=…) that changes at every start.

Options:
  --port N        port to listen on (default: 0, a free port the system picks; the URL shows it)
  --data-dir DIR  data folder (default: Orchard's usual data folder, or ORCHARD_DATA_DIR)
  --demo          use a bundled fake App Store Connect with three generated apps and a month of
                  history; its key is kept for this session only
  --lake DIR      browse a published Parquet lake (orchard publish --lake) read-only: no Apple key,
                  no sync; the data folder is a temporary one
  --help          print this help

Environment:
  ORCHARD_LAKE_DIR  the folder Settings › Lake folder publishes to (browser mode has no folder dialog)
`;

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      port: { type: 'string' },
      'data-dir': { type: 'string' },
      demo: { type: 'boolean', default: false },
      lake: { type: 'string' },
      help: { type: 'boolean', short: 'h', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(WEB_HELP);
    return;
  }
  const lake = values.lake ? await openLake(values.lake, { logger: createLogger({ sink: stderrSink }) }) : null;
  // A lake session keeps nothing of its own: settings and logs go to the lake's temporary folder.
  const dataDir = lake ? lake.warehouse.dataDir : values['data-dir'] ? path.resolve(values['data-dir']) : defaultDataDir();
  const logger = createLogger({ sink: teeSinks(stderrSink, createFileSink(dataDir)) });
  const demo = values.demo ? await startDemoBackend() : null;
  const env = demo ? { ...process.env, ORCHARD_ASC_BASE_URL: demo.fake.baseUrl } : process.env;
  const platform = createNodePlatform({ dataDir, demo: values.demo, appVersion: ORCHARD_VERSION, logger, env });
  const services = await createServices(platform, lake ? { lake: { warehouse: lake.warehouse, description: lakeDescription(lake), published: lakePublished(lake) } } : {});
  if (demo) await enterDemo(services.dispatch, demo, logger);
  const bridge = await startBridgeServer({
    dispatch: services.dispatch,
    events: services.events,
    staticDir: path.join(__dirname, 'renderer'),
    port: values.port ? Number(values.port) : 0,
    token: process.env.ORCHARD_WEB_TOKEN || undefined,
    downloads: { tickets: services.downloads, folder: path.join(dataDir, EXPORTS_FOLDER) },
  });
  process.stdout.write(`Orchard (browser mode) is running. Open:\n  ${bridge.launchUrl}\nData folder: ${dataDir}\n`);
  if (lake) process.stdout.write(`${lakeDescription(lake)}\n`);
  if (demo) process.stdout.write(`Demo: a fake App Store Connect at ${demo.fake.baseUrl} with generated apps; its key is kept for this session only.\n`);
  const shutdown = async () => {
    await bridge.close();
    await services.close();
    await lake?.close();
    await demo?.fake.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((err: unknown) => {
  const usage = err instanceof Error && 'code' in err && String(err.code).startsWith('ERR_PARSE_ARGS') ? ' (npm run web -- --help lists the options)' : '';
  process.stderr.write(`orchard web: ${err instanceof Error ? err.message : String(err)}${usage}\n`);
  process.exit(1);
});
