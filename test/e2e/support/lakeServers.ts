// Lake e2e set-up, as a team runs it: a data folder synced from the fake by Orchard's services (closed
// afterwards, so the warehouse file is free), `orchard publish --lake` from the built CLI, and
// `npm run web`'s server (dist/web.js) started as its own process, on the folder or with --lake.
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { createMemorySecretStore } from '../../../main/credentials';
import { lakeDescription, openLake } from '../../../main/lake';
import { silentLogger } from '../../../main/logging/logger';
import { createNodePlatform } from '../../../main/platform/nodePlatform';
import { createServices } from '../../../main/services';
import { startBridgeServer } from '../../../main/web/bridgeServer';
import type { FakeAsc } from '../../fake-asc';
import { REPO_ROOT, type OrchardHarness } from './orchardFixture';
import { call, syncedExampleApp } from './syncedApp';

/**
 * The example app's `reports` synced into `dataDir` with `days` of Apple's data, then the key
 * removed and automatic sync turned off, so a server started on the folder later never calls out.
 */
export async function syncDataFolder(fake: FakeAsc, dataDir: string, reports: readonly string[], days: number): Promise<void> {
  const secretStore = createMemorySecretStore();
  const env = { ...process.env, ORCHARD_ASC_BASE_URL: fake.baseUrl };
  const services = await createServices(createNodePlatform({ dataDir, logger: silentLogger, appVersion: 'e2e', secretStore, env, now: () => fake.clock.now() }));
  const bridge = await startBridgeServer({
    dispatch: services.dispatch,
    events: services.events,
    staticDir: path.join(REPO_ROOT, 'dist', 'renderer'),
    downloads: { tickets: services.downloads, folder: path.join(dataDir, 'exports') },
  });
  const orchard: OrchardHarness = { dataDir, secretStore, services, bridge };
  try {
    await syncedExampleApp(orchard, fake, reports, days);
    await call(orchard, 'settings:update', { autoSync: { onLaunch: false, everyHours: 0 } });
    for (const key of await call<{ keyId: string }[]>(orchard, 'keys:list', {})) {
      const ticket = await call<{ ticket: string }>(orchard, 'confirm:prepare', { action: 'keys:remove', keyId: key.keyId });
      await call(orchard, 'keys:remove', { keyId: key.keyId, confirmation: ticket.ticket });
    }
  } finally {
    await bridge.close();
    await services.close();
  }
}

export interface ChildRun {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs the built CLI (dist/cli.js) to its end. */
export function runCli(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'cli.js'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Who published the lake's current snapshot, as its current.json says. */
export async function lakePublisher(lakeDir: string): Promise<{ snapshot: number; publisher: string; createdAt: string }> {
  const current = JSON.parse(await readFile(path.join(lakeDir, '_orchard', 'current.json'), 'utf8')) as {
    snapshot: number; createdAt: string; publisher: { user: string; host: string };
  };
  return { snapshot: current.snapshot, publisher: `${current.publisher.user}@${current.publisher.host}`, createdAt: current.createdAt };
}

/**
 * The lake behind an in-process bridge whose host also passes the publisher's details
 * (HostExtras.lake.published), so the screens can lay them out instead of quoting the message.
 */
export async function serveLakeWithDetails(lakeDir: string): Promise<{ url: string; close(): Promise<void> }> {
  const lake = await openLake(lakeDir);
  const { current } = lake;
  const services = await createServices(
    createNodePlatform({ dataDir: lake.warehouse.dataDir, logger: silentLogger, appVersion: 'e2e', secretStore: createMemorySecretStore(), env: {} }),
    {
      lake: {
        warehouse: lake.warehouse,
        description: lakeDescription(lake),
        published: { dir: lake.lakeDir, snapshot: current.snapshot, publisher: `${current.publisher.user}@${current.publisher.host}`, at: current.createdAt },
      },
    },
  );
  const bridge = await startBridgeServer({
    dispatch: services.dispatch,
    events: services.events,
    staticDir: path.join(REPO_ROOT, 'dist', 'renderer'),
    downloads: { tickets: services.downloads, folder: path.join(lake.warehouse.dataDir, 'exports') },
  });
  return {
    url: bridge.launchUrl,
    async close() {
      await bridge.close();
      await services.close();
      await lake.close();
    },
  };
}

export interface WebServer {
  /** The launch URL with its token, as printed. */
  url: string;
  output(): string;
  stop(): Promise<void>;
}

/** Starts dist/web.js with `args` and resolves once it printed its URL; rejects if it exits first. */
export function startWebServer(args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<WebServer> {
  const child = spawn(process.execPath, [path.join(REPO_ROOT, 'dist', 'web.js'), ...args], { env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '';
  let stderr = '';
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  return new Promise((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const url = /Open:\s+(http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/.exec(stdout)?.[1];
      if (url) resolve({ url, output: () => `${stdout}${stderr}`, stop });
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.once('error', reject);
    child.once('exit', (code) => reject(new Error(`web.js ${args.join(' ')} exited (${code}) before printing its URL:\n${stdout}${stderr}`)));
  });
}
