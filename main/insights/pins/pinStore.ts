// The layout of "My dashboard": `<dataDir>/dashboard.json`, written atomically (jsonFile). A file
// that cannot be read (bad JSON, or not this shape) is renamed `dashboard.json.corrupt-<time>` and
// the dashboard starts empty, saying where the old file went, so nothing the user made is lost.
import { rename, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { OrchardError } from '../../../shared/errors';
import { MAX_PINS, PIN_SIZES, type Pin, type PinSize } from '../../../shared/pins';
import { pinChartSchema } from '../../../shared/ipc/pinCommands';
import { SAFE_NAME } from '../../../shared/workbench';
import type { Logger } from '../../logging/logger';
import { jsonFile } from '../../workbench/jsonFile';

export const DASHBOARD_FILE = 'dashboard.json';

const pinSchema = z
  .object({
    id: z.string().uuid(),
    title: z.string().min(1).max(120),
    queryName: z.string().regex(SAFE_NAME),
    chart: pinChartSchema,
    size: z.enum(PIN_SIZES),
    pinnedAt: z.string().max(40),
  })
  .strict();

const layoutSchema = z.object({ version: z.literal(1), pins: z.array(pinSchema).max(MAX_PINS) }).strict();

export interface PinLayout {
  pins: Pin[];
  /** Why the dashboard started empty (the file kept aside); only for the session that found it. */
  notice?: string;
}

export interface PinStore {
  readonly file: string;
  load(): Promise<PinLayout>;
  add(pin: Pin): Promise<void>;
  remove(pinId: string): Promise<boolean>;
  move(pinId: string, change: { position?: number | undefined; size?: PinSize | undefined }): Promise<void>;
}

export function createPinStore(dataDir: string, logger: Logger, now: () => Date): PinStore {
  const file = jsonFile(path.join(dataDir, DASHBOARD_FILE), layoutSchema, logger);
  let layout: Promise<PinLayout> | undefined;
  // Changes one at a time, each on the layout the previous one left.
  let changes: Promise<unknown> = Promise.resolve();

  async function readLayout(): Promise<PinLayout> {
    const stored = await file.read();
    if (stored !== undefined) return { pins: stored.pins };
    const exists = await stat(file.path).then(() => true, () => false);
    if (!exists) return { pins: [] };
    const aside = `${file.path}.corrupt-${now().toISOString().replace(/[:.]/g, '-')}`;
    await rename(file.path, aside);
    logger.warn('dashboard.layout_set_aside', { file: path.basename(aside) });
    return { pins: [], notice: `The dashboard layout could not be read, so My dashboard starts empty; the old file was kept as ${path.basename(aside)} in the data folder.` };
  }

  const load = () => {
    layout ??= readLayout().catch((error: unknown) => {
      layout = undefined;
      throw error;
    });
    return layout;
  };

  function change(apply: (pins: Pin[]) => Pin[]): Promise<void> {
    const next = changes.then(async () => {
      const current = await load();
      const pins = apply(current.pins);
      await file.write({ version: 1, pins });
      current.pins = pins;
    });
    changes = next.catch(() => undefined);
    return next;
  }

  const indexOf = (pins: Pin[], pinId: string) => {
    const at = pins.findIndex((p) => p.id === pinId);
    if (at === -1) throw new OrchardError('NOT_FOUND', 'This tile is no longer on My dashboard.');
    return at;
  };

  return {
    file: file.path,
    load,
    add: (pin) =>
      change((pins) => {
        if (pins.length >= MAX_PINS) throw new OrchardError('CONFLICT', `My dashboard holds ${MAX_PINS} tiles at most; remove one first.`);
        return [...pins, pin];
      }),
    async remove(pinId) {
      let removed = false;
      await change((pins) => {
        removed = pins.some((p) => p.id === pinId);
        return pins.filter((p) => p.id !== pinId);
      });
      return removed;
    },
    move: (pinId, { position, size }) =>
      change((pins) => {
        const at = indexOf(pins, pinId);
        const rest = pins.filter((_, i) => i !== at);
        const pin = pins[at] as Pin;
        const moved = size === undefined ? pin : { ...pin, size };
        const to = Math.min(position ?? at, rest.length);
        return [...rest.slice(0, to), moved, ...rest.slice(to)];
      }),
  };
}
