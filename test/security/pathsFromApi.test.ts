// Attack replay (issue 9 item 3): a segment ID of `../../../../tmp/evil/x` with a bad checksum made
// the quarantine write outside the data folder. Every path built from API data now goes through
// one function that sanitises each component and proves the result stays under its folder.
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { pathFromApi, provenInside, safeComponent } from '../../main/sync/dataPaths';
import { segmentPath } from '../../main/sync/instancePipeline';
import { OrchardError } from '../../shared/errors';
import { filesOutside, filesUnder } from './diskScan';
import { startSecurityHarness, type SecurityHarness } from './networkHarness';

let h: SecurityHarness | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
});

const HOSTILE_IDS = ['../../evil/x', '../../../../tmp/evil/x', '..', '/tmp/evil-absolute', '..\\..\\evil\\win', '.hidden'];

describe('API-supplied IDs never leave the data folder', () => {
  it.each(HOSTILE_IDS)('quarantines a bad file with segment ID %j inside <data>/quarantine', async (hostileId) => {
    h = await startSecurityHarness();
    // The folder the traversal aims at exists, so an unchecked rename would land there.
    await mkdir(path.join(h.parent, 'evil'));
    const target = h.targetSegmentId();
    h.fake.faults.segmentRewrite = (s) => (s.id === target ? { id: hostileId, checksum: '0'.repeat(32) } : undefined);

    const summary = await h.sync();

    expect(summary.outcome).toBe('partial');
    expect(summary.quarantined).toBe(1);
    expect(await filesOutside(h.parent, h.dataDir)).toEqual([]);
    const kept = [...(await filesUnder(path.join(h.dataDir, 'quarantine'))).keys()];
    expect(kept.filter((f) => f.endsWith('.csv.gz'))).toHaveLength(1);
    expect(kept.every((f) => f.split(path.sep).every((part) => part !== '..' && part !== '.'))).toBe(true);
  });

  it('stores and loads a good file with a path-traversal segment ID inside the cache', async () => {
    h = await startSecurityHarness();
    const target = h.targetSegmentId();
    h.fake.faults.segmentRewrite = (s) => (s.id === target ? { id: '../../../../escape' } : undefined);
    const summary = await h.sync();
    expect(summary.outcome).toBe('succeeded');
    expect(await filesOutside(h.parent, h.dataDir)).toEqual([]);
    const rows = await h.sql(`SELECT file_path FROM orchard.segments WHERE segment_id = '../../../../escape'`);
    expect(rows).toHaveLength(1);
    // Stored relative to the data folder (a moved folder keeps working).
    expect(path.resolve(h.dataDir, String(rows[0]!.file_path)).startsWith(path.join(h.dataDir, 'segments') + path.sep)).toBe(true);
  });
});

describe('pathFromApi', () => {
  const root = path.resolve('/data/segments');

  it('reduces every untrusted component to one safe file name', () => {
    expect(safeComponent('..')).toBe('_..');
    expect(safeComponent('.')).toBe('_.');
    expect(safeComponent('')).toBe('_');
    expect(safeComponent('../../etc/passwd')).toBe('_.._.._etc_passwd');
    expect(safeComponent('a/b\\c:d\0e')).toBe('a_b_c_d_e');
    expect(safeComponent('x'.repeat(500))).toHaveLength(120);
    expect(safeComponent('2024-04-01_d4a141c8-7647')).toBe('2024-04-01_d4a141c8-7647');
  });

  it('keeps every combination of hostile app, report, granularity, date and IDs under the root', () => {
    const hostile = ['..', '.', '', '/', '/etc', '../..', 'a/../../b', 'C:\\Windows', '\0', '.ssh'];
    for (const a of hostile) {
      for (const b of hostile) {
        const result = pathFromApi(root, a, 'app_downloads_standard', b, [b, '_', a], [a, '.csv.gz']);
        expect(result.startsWith(root + path.sep), `${a} ${b}`).toBe(true);
        expect(path.relative(root, result).split(path.sep)).toHaveLength(5);
      }
    }
  });

  it('the cache path of a hostile instance stays in the cache', () => {
    const ref = {
      appId: '..',
      reportName: '../../Evil',
      instance: { id: '../../../x', granularity: '..' as never, processingDate: '../..' },
    } as unknown as Parameters<typeof segmentPath>[1];
    expect(segmentPath(root, ref, '../../y').startsWith(root + path.sep)).toBe(true);
  });

  it('refuses a target outside (or equal to) its root', () => {
    for (const target of ['/data', '/data/segments', '/data/segments/../quarantine/x', '/tmp/x']) {
      expect(() => provenInside(root, path.resolve(target)), target).toThrow(OrchardError);
    }
    expect(provenInside(root, path.join(root, '..x', 'y'))).toBe(path.join(root, '..x', 'y'));
  });
});
