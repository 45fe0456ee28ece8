// The app's side of the lake, through the real services and dispatcher over the fake App Store
// Connect: the folder comes only from main's folder dialog (a stub here), every successful sync
// publishes, Publish now reports progress, a cancel keeps the previous snapshot, a failed publish
// never fails the sync, and an opened lake refuses to publish.
import { mkdir, mkdtemp, readdir, rename, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OrchardError } from '../../../shared/errors';
import type { CommandInput, CommandName, CommandOutput } from '../../../shared/ipc/contract';
import type { EventMap } from '../../../shared/ipc/events';
import type { LakeFinished, LakePublishProgress } from '../../../shared/ipc/lakeCommands';
import type { SyncSummary } from '../../../shared/sync';
import { createMemorySecretStore } from '../../../main/credentials';
import { lakeDescription, openLake, readCurrentSnapshot } from '../../../main/lake';
import { silentLogger } from '../../../main/logging/logger';
import { createNodePlatform } from '../../../main/platform/nodePlatform';
import type { DesktopDialogs } from '../../../main/platform/desktopDialogs';
import { createServices, type Services } from '../../../main/services';
import { openWarehouse } from '../../../main/warehouse';
import { startFakeAsc, type FakeAsc } from '../../fake-asc';
import { makeTestApiKey } from '../../support/testKeys';
import { expectReportTotalsEqual, readLake, REPORTS, rowsOf, type LakeHarness } from './lakeHarness';

const APP_ID = '1476097583';
const DAY_MS = 86_400_000;

type Call = <N extends CommandName>(command: N, input: CommandInput<N>) => Promise<CommandOutput<N>>;

let fake: FakeAsc;
let root: string;
let dataDir: string;
let lakeDir: string;
/** What the stubbed native folder dialog answers next (null: the user cancelled). */
let dialogAnswer: string | null = null;
let services: Services;
let call: Call;

function caller(s: Services): Call {
  return async (command, input) => {
    const envelope = await s.dispatch(command, input, { transport: 'test' });
    if (!envelope.ok) throw OrchardError.fromPayload(envelope.error);
    return envelope.value as never;
  };
}

async function failure(work: Promise<unknown>): Promise<OrchardError> {
  const error = await work.then(() => undefined, (e: unknown) => e);
  if (!(error instanceof OrchardError)) throw new Error(`expected an OrchardError, got ${String(error)}`);
  return error;
}

/** Resolves with the next event of that name whose payload `match` accepts. */
function next<E extends keyof EventMap>(s: Services, event: E, match: (p: EventMap[E]) => boolean = () => true): Promise<EventMap[E]> {
  return new Promise((resolve) => {
    const off = s.events.subscribe((name: string, payload: unknown) => {
      if (name === event && match(payload as EventMap[E])) {
        off();
        resolve(payload as EventMap[E]);
      }
    });
  });
}

/** A sync through the dispatcher, and the publish it sets off. */
async function syncAndPublish(): Promise<{ sync: SyncSummary; publish: LakeFinished }> {
  const synced = next(services, 'sync:finished');
  const published = next(services, 'lake:finished', (f) => f.last.trigger === 'after-sync');
  await call('sync:start', { appId: APP_ID, reportNames: REPORTS, granularities: ['DAILY'] });
  return { sync: await synced, publish: await published };
}

/** The warehouse's own totals, read from a second READ_ONLY instance (as the publish reads it). */
async function warehouseSql(text: string) {
  const reader = await openWarehouse({ dataDir, logger: silentLogger, readOnly: true });
  try {
    return await rowsOf(reader, text);
  } finally {
    await reader.close();
  }
}

beforeAll(async () => {
  fake = await startFakeAsc({ followWallClock: true, inactivityDays: Infinity });
  fake.addApp({ id: APP_ID, name: 'Example App', bundleId: 'com.example.app', sku: 'EXAMPLE' });
  const key = makeTestApiKey();
  fake.registerKey({ keyId: key.keyId, issuerId: key.issuerId, publicKeyPem: key.publicKeyPem, role: 'ADMIN' });
  root = await mkdtemp(path.join(os.tmpdir(), 'orchard-lake-app-'));
  dataDir = path.join(root, 'data');
  lakeDir = path.join(root, 'shared', 'lake');
  const dialogs: DesktopDialogs = {
    saveFile: async () => null,
    confirm: async () => false,
    chooseFolder: async () => dialogAnswer,
  };
  services = await createServices(
    createNodePlatform({ dataDir, logger: silentLogger, appVersion: 'test', secretStore: createMemorySecretStore(), env: { ORCHARD_ASC_BASE_URL: fake.baseUrl } }),
    { dialogs },
  );
  call = caller(services);
  await call('keys:add', { pem: key.privateKeyPem, keyId: key.keyId, issuerId: key.issuerId, individual: false, label: 'Test key' });
}, 60_000);

afterAll(async () => {
  await services?.close();
  await fake?.close();
  if (root) await rm(root, { recursive: true, force: true });
});

describe('the lake from the app', () => {
  it('takes no path from the renderer: a payload naming a folder is refused before any service runs', async () => {
    for (const [command, input] of [
      ['lake:chooseFolder', { folder: lakeDir }],
      ['lake:publish', { path: lakeDir }],
      ['lake:clearFolder', { folder: '/' }],
      ['lake:status', { lakeDir }],
    ] as const) {
      const envelope = await services.dispatch(command, input, { transport: 'test' });
      expect(envelope, command).toMatchObject({ ok: false, error: { code: 'BAD_INPUT' } });
    }
    expect(await call('lake:status', {})).toMatchObject({ folder: null, chooser: 'dialog', running: null, last: null });
    expect((await failure(call('lake:publish', {}))).message).toMatch(/Choose a lake folder first/);
  });

  it('keeps the folder the native dialog chose; a cancelled dialog or a folder of other files changes nothing', async () => {
    dialogAnswer = null;
    expect((await call('lake:chooseFolder', {})).folder).toBeNull();

    const busy = path.join(root, 'documents');
    await mkdir(busy, { recursive: true });
    await writeFile(path.join(busy, 'thesis.txt'), 'mine');
    dialogAnswer = busy;
    expect((await failure(call('lake:chooseFolder', {}))).code).toBe('BAD_INPUT');
    expect((await call('lake:status', {})).folder).toBeNull();

    dialogAnswer = lakeDir;
    expect((await call('lake:chooseFolder', {})).folder).toBe(lakeDir);
    expect((await call('lake:clearFolder', {})).folder).toBeNull();
    expect((await call('lake:chooseFolder', {})).folder).toBe(lakeDir);
  });

  it('publishes after every successful sync: current.json names a snapshot whose totals equal the warehouse', async () => {
    // The first sync asks Apple for the reports (an empty warehouse is published); instances come days later.
    const first = await syncAndPublish();
    expect(first.sync.outcome).toBe('succeeded');
    expect(first.publish.last).toMatchObject({ outcome: 'published', folder: lakeDir });
    fake.clock.advanceDays(12);
    fake.clock.set(new Date(fake.clock.now().getTime() - 12 * DAY_MS));

    const second = await syncAndPublish();
    expect(second.sync.outcome).toBe('succeeded');
    expect(second.sync.rowsLoaded).toBeGreaterThan(0);
    expect(second.publish.last).toMatchObject({ outcome: 'published', trigger: 'after-sync', snapshot: first.publish.last.snapshot! + 1 });
    expect(second.publish.last.filesWritten).toBeGreaterThan(0);

    const current = await readCurrentSnapshot(lakeDir);
    expect(current?.current.snapshot).toBe(second.publish.last.snapshot);
    const lake = await readLake(lakeDir, (t) => t.startsWith('main.'));
    expect(await expectReportTotalsEqual({ sql: warehouseSql } as unknown as LakeHarness, lake)).toEqual(new Set(['main']));
    expect((await call('lake:status', {})).last).toEqual(second.publish.last);
  }, 240_000);

  it('publishes now with progress events, writing only what changed', async () => {
    const before = (await readCurrentSnapshot(lakeDir))!.current.snapshot;
    const seen: LakePublishProgress[] = [];
    const off = services.events.subscribe((name, payload) => {
      if (name === 'lake:progress') seen.push(payload as LakePublishProgress);
    });
    const finished = next(services, 'lake:finished');
    const { jobId } = await call('lake:publish', {});
    expect((await call('lake:status', {})).running?.jobId).toBe(jobId);
    const done = await finished;
    off();
    expect(done.jobId).toBe(jobId);
    expect(done.last).toMatchObject({ outcome: 'published', trigger: 'manual', snapshot: before + 1, filesWritten: 0 });
    expect(done.last.reusedPartitions).toBeGreaterThan(0);
    expect(seen.every((p) => p.jobId === jobId)).toBe(true);
    const phases = [...new Set(seen.map((p) => p.phase))];
    expect(phases).toEqual(['waiting', 'reading', 'writing', 'checksums', 'committing', 'cleaning']);
    const writing = seen.filter((p) => p.phase === 'writing');
    expect(writing.length).toBeGreaterThan(5);
    expect(writing.map((p) => p.tablesDone)).toEqual([...writing.keys()]);
    expect((await call('lake:status', {})).running).toBeNull();
  }, 120_000);

  it('cancels a publish: the lake keeps its previous snapshot whole', async () => {
    const before = (await readCurrentSnapshot(lakeDir))!.current.snapshot;
    const manifests = await readdir(path.join(lakeDir, '_orchard', 'snapshots'));
    // Cancel as soon as the first table is being written.
    const off = services.events.subscribe((name, payload) => {
      const p = payload as LakePublishProgress;
      if (name === 'lake:progress' && p.phase === 'writing') {
        off();
        void call('lake:cancel', { jobId: p.jobId });
      }
    });
    const finished = next(services, 'lake:finished');
    await call('lake:publish', {});
    const done = await finished;
    expect(done.last).toMatchObject({ outcome: 'cancelled', error: { code: 'CANCELLED' } });
    expect((await readCurrentSnapshot(lakeDir))!.current.snapshot).toBe(before);
    expect(await readdir(path.join(lakeDir, '_orchard', 'snapshots'))).toEqual(manifests);
    await readLake(lakeDir, (t) => t.startsWith('main.'));
    expect(await call('lake:cancel', { jobId: done.jobId })).toEqual({ cancelled: false });
  }, 120_000);

  it('records a publish that fails after a sync, and the sync stays a success', async () => {
    // The lake folder is replaced by someone else's files (a share remounted elsewhere, say).
    const moved = `${lakeDir}-moved`;
    await rename(lakeDir, moved);
    await mkdir(lakeDir, { recursive: true });
    await writeFile(path.join(lakeDir, 'notes.txt'), 'not a lake');
    try {
      const { sync, publish } = await syncAndPublish();
      expect(sync.outcome).toBe('succeeded');
      expect(publish.last).toMatchObject({ outcome: 'failed', trigger: 'after-sync', error: { code: 'BAD_INPUT' } });
      expect(publish.last.error?.message).toMatch(/not an Orchard lake/);
      expect((await call('lake:status', {})).last).toEqual(publish.last);
      expect((await call('sync:history', { appId: APP_ID }))[0]?.outcome).toBe('succeeded');
    } finally {
      await rm(lakeDir, { recursive: true, force: true });
      await rename(moved, lakeDir);
    }
  }, 240_000);

  it('refuses to publish an opened lake, with the reason', async () => {
    const opened = await openLake(lakeDir);
    const overLake = await createServices(
      createNodePlatform({ dataDir: opened.warehouse.dataDir, logger: silentLogger, appVersion: 'test', secretStore: createMemorySecretStore(), env: { ORCHARD_LAKE_DIR: root } }),
      { lake: { warehouse: opened.warehouse, description: lakeDescription(opened) } },
    );
    try {
      const callLake = caller(overLake);
      const status = await callLake('lake:status', {});
      expect(status).toMatchObject({ folder: null, chooser: 'none', running: null });
      expect(status.unavailable).toMatch(/read-only Parquet lake/);
      for (const refused of [callLake('lake:publish', {}), callLake('lake:chooseFolder', {}), callLake('lake:clearFolder', {})]) {
        const error = await failure(refused);
        expect(error.code).toBe('READ_ONLY');
        expect(error.message).toMatch(/^Publishing is off here: This is a read-only Parquet lake/);
      }
    } finally {
      await overLake.close();
      await opened.close();
    }
  }, 60_000);
});
