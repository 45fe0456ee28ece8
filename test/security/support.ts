// A data folder as a user has it (warehouse with rows, settings.json, logs, history, saved queries,
// quarantine), the real services behind the real dispatcher over it, and a snapshot of what an
// attack must not change: every file's bytes outside the logs and history, and the warehouse's
// tables and rows as a fresh DuckDB reads them after close.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DuckDBInstance, type DuckDBConnection } from '@duckdb/node-api';
import { OrchardError } from '../../shared/errors';
import type { CommandInput, CommandName, CommandOutput } from '../../shared/ipc/contract';
import { createMemorySecretStore } from '../../main/credentials';
import { createFileSink } from '../../main/logging/fileSink';
import { createLogger, silentLogger } from '../../main/logging/logger';
import { createNodePlatform } from '../../main/platform/nodePlatform';
import { createServices, type Services } from '../../main/services';
import { createConfSettingsStore } from '../../main/settings/confSettingsStore';
import { DEFAULT_SETTINGS, type OrchardSettings } from '../../main/settings/orchardSettings';
import { DATABASE_FILE, WAREHOUSE_CATALOG, openWarehouse } from '../../main/warehouse';
import { ConnectionLane } from '../../main/warehouse/lane';
import { instanceConfig, lockDown, sqlReadableDirs } from '../../main/warehouse/open';
import { attachResultsDatabase } from '../../main/warehouse/readOnlyRun';

/** Folders whose files the app itself rewrites while queries run (the log, the query history). */
const CHANGING = new Set(['logs', 'workbench']);

/** Seeds a data folder: two apps in the warehouse, settings with an API key entry, and user files. */
export async function seedDataDir(): Promise<string> {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'orchard-security-'));
  const warehouse = await openWarehouse({ dataDir, logger: silentLogger });
  await warehouse.metadata.upsertApps([
    { appId: '1000000001', name: 'Orchard Test App' },
    { appId: '1000000002', name: 'Second App' },
  ]);
  await warehouse.close();
  const settings = createConfSettingsStore<OrchardSettings>({ dir: dataDir, defaults: DEFAULT_SETTINGS });
  settings.set('apiKeys', [{ keyId: 'TESTKEY123', issuerId: '69a6de70-0000-0000-0000-000000000000', name: 'Main key' }]);
  settings.set('selectedAppId', '1000000001');
  await mkdir(path.join(dataDir, 'queries'), { recursive: true });
  await writeFile(path.join(dataDir, 'queries', 'saved.sql'), 'SELECT 1\n');
  await mkdir(path.join(dataDir, 'quarantine'), { recursive: true });
  await writeFile(path.join(dataDir, 'quarantine', 'bad.csv.gz'), 'not gzip');
  return dataDir;
}

/** Relative path → sha256 of every file, except the log and history the app rewrites itself. */
async function fileHashes(dataDir: string): Promise<Record<string, string>> {
  const hashes: Record<string, string> = {};
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      const relative = path.relative(dataDir, full);
      if (CHANGING.has(relative.split(path.sep)[0] ?? '')) continue;
      // The warehouse file and its WAL change on checkpoints; their tables are compared instead.
      if (entry.name.startsWith(DATABASE_FILE)) continue;
      if (entry.isDirectory()) await walk(full);
      else hashes[relative] = createHash('sha256').update(await readFile(full)).digest('hex');
    }
  };
  await walk(dataDir);
  return hashes;
}

/** Every table and view of the warehouse file with its rows, read by a fresh DuckDB (call when closed). */
async function warehouseContents(dataDir: string): Promise<Record<string, unknown>> {
  const instance = await DuckDBInstance.create(':memory:');
  try {
    const connection = await instance.connect();
    await connection.run(`ATTACH '${path.join(dataDir, DATABASE_FILE)}' AS w (READ_ONLY)`);
    const relations = (await connection.runAndReadAll(
      `SELECT schema_name, table_name, 'table' FROM duckdb_tables() WHERE database_name = 'w'
       UNION ALL SELECT schema_name, view_name, 'view' FROM duckdb_views() WHERE database_name = 'w' AND NOT internal ORDER BY ALL`,
    )).getRowsJson();
    const contents: Record<string, unknown> = {};
    for (const [schema, name, kind] of relations) {
      const key = `${String(schema)}.${String(name)}`;
      contents[key] = kind === 'view' ? 'view' : (await connection.runAndReadAll(`SELECT * FROM w."${String(schema)}"."${String(name)}" ORDER BY ALL`)).getRowsJson();
    }
    connection.closeSync();
    return contents;
  } finally {
    instance.closeSync();
  }
}

export interface DiskSnapshot {
  files: Record<string, string>;
  warehouse: Record<string, unknown>;
}

/** What an attack must leave as it was; take it while nothing has the warehouse open. */
export async function snapshot(dataDir: string): Promise<DiskSnapshot> {
  return { files: await fileHashes(dataDir), warehouse: await warehouseContents(dataDir) };
}

export interface SecuredOrchard {
  dataDir: string;
  /** A command through the real dispatcher, JSON both ways like the renderer's bridge. */
  call<N extends CommandName>(command: N, input: CommandInput<N>): Promise<CommandOutput<N>>;
  close(): Promise<void>;
}

/** The real services (as the app and browser mode build them) over `dataDir`. */
export async function startOrchard(dataDir: string): Promise<SecuredOrchard> {
  const services: Services = await createServices(createNodePlatform({
    dataDir,
    logger: createLogger({ minLevel: 'debug', sink: createFileSink(dataDir) }),
    appVersion: 'security-test',
    secretStore: createMemorySecretStore(),
    env: { ORCHARD_ASC_BASE_URL: 'http://127.0.0.1:9' },
  }));
  return {
    dataDir,
    async call(command, input) {
      const envelope = JSON.parse(JSON.stringify(await services.dispatch(command, JSON.parse(JSON.stringify(input)), { transport: 'test' })));
      if (!envelope.ok) throw OrchardError.fromPayload(envelope.error);
      return envelope.value;
    },
    close: () => services.close(),
  };
}

export async function removeDataDir(dataDir: string): Promise<void> {
  await rm(dataDir, { recursive: true, force: true });
}

export interface BareEngine {
  /** A workbench lane, as open.ts makes it, with no gate in front. */
  query: ConnectionLane;
  close(): Promise<void>;
}

/**
 * The warehouse's DuckDB set up exactly as open.ts does (same config, results database, locked
 * down to the same folders), without the query service: tests hand it statements the gate would
 * refuse, to show the walls behind the gate hold on their own. `beforeLock` runs while writes are
 * still Orchard's own (e.g. to make a sequence or a scratch table).
 */
export async function openBareEngine(dataDir: string, beforeLock: (setup: DuckDBConnection) => Promise<unknown> = async () => undefined): Promise<BareEngine> {
  const instance = await DuckDBInstance.create(':memory:', instanceConfig(dataDir));
  const setup = await instance.connect();
  await setup.run(`ATTACH '${path.join(dataDir, DATABASE_FILE)}' AS ${WAREHOUSE_CATALOG}`);
  await setup.run(`USE ${WAREHOUSE_CATALOG}`);
  await attachResultsDatabase(setup);
  await beforeLock(setup);
  await lockDown(setup, await sqlReadableDirs(dataDir));
  setup.closeSync();
  const connection = await instance.connect();
  await connection.run(`USE ${WAREHOUSE_CATALOG}`);
  const query = new ConnectionLane(connection);
  return {
    query,
    async close() {
      await query.close();
      instance.closeSync();
    },
  };
}
