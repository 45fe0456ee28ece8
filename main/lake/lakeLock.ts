// One publisher at a time: `_orchard/publish.lock`, created exclusively, holding who took it
// (host, user, pid) and when. A lock is stale when its process is gone (same host) or when it has
// not been refreshed for `staleAfterMs` (any host: a crashed laptop on a shared folder); a stale
// lock is moved aside under a unique name first, so two publishers taking it over at once cannot
// both win. Anyone else is refused with CONFLICT, naming the holder.
import { randomUUID } from 'node:crypto';
import { mkdir, open, readFile, rename, rm, stat, utimes } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'zod';
import { OrchardError } from '../../shared/errors';
import { metaDir, type LakePublisher } from './lakeManifest';

export const LOCK_FILE = 'publish.lock';
/** How often a running publish touches its lock, and after how long without a touch it is stale. */
const REFRESH_MS = 30_000;
export const DEFAULT_STALE_AFTER_MS = 10 * 60_000;

const lockSchema = z.object({ host: z.string(), user: z.string(), pid: z.number().int(), startedAt: z.string() });
export type LockOwner = z.infer<typeof lockSchema>;

export interface LakeLock {
  owner: LockOwner;
  release(): Promise<void>;
}

export function thisPublisher(): LakePublisher {
  return { host: os.hostname(), user: safeUser(), pid: process.pid };
}

function safeUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return 'unknown';
  }
}

function processAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

async function readOwner(file: string): Promise<{ owner?: LockOwner; touchedAt: number } | undefined> {
  const info = await stat(file).catch(() => undefined);
  if (!info) return undefined;
  const text = await readFile(file, 'utf8').catch(() => '');
  let owner: LockOwner | undefined;
  try {
    owner = lockSchema.parse(JSON.parse(text));
  } catch {
    owner = undefined;
  }
  return { owner, touchedAt: info.mtimeMs };
}

function isStale(held: { owner?: LockOwner; touchedAt: number }, now: number, staleAfterMs: number): boolean {
  if (now - held.touchedAt > staleAfterMs) return true;
  // A lock whose text could not be read yet is one being written right now: not stale.
  if (!held.owner) return false;
  return held.owner.host === os.hostname() && !processAlive(held.owner.pid);
}

export async function acquireLakeLock(lakeDir: string, options: { now?: () => Date; staleAfterMs?: number } = {}): Promise<LakeLock> {
  const now = options.now ?? (() => new Date());
  const staleAfterMs = options.staleAfterMs ?? DEFAULT_STALE_AFTER_MS;
  const dir = metaDir(lakeDir);
  await mkdir(dir, { recursive: true });
  const file = path.join(dir, LOCK_FILE);
  const owner: LockOwner = { ...thisPublisher(), startedAt: now().toISOString() };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    try {
      const handle = await open(file, 'wx');
      try {
        await handle.writeFile(JSON.stringify(owner));
        await handle.sync();
      } finally {
        await handle.close();
      }
      return held(file, owner);
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
    }
    const current = await readOwner(file);
    if (current && !isStale(current, now().getTime(), staleAfterMs)) {
      const who = current.owner ? `${current.owner.user}@${current.owner.host} (pid ${current.owner.pid}) since ${current.owner.startedAt}` : 'another publisher';
      throw new OrchardError('CONFLICT', `Another publish to this lake is running: ${who}. Wait for it to finish.`, current.owner ? { owner: current.owner } : undefined);
    }
    // Moving it aside is atomic: of two publishers taking over the same stale lock, one rename fails.
    await rename(file, `${file}.stale-${randomUUID()}`).catch(() => undefined);
  }
  throw new OrchardError('CONFLICT', 'Another publish to this lake keeps taking the lock. Try again.');
}

function held(file: string, owner: LockOwner): LakeLock {
  const timer = setInterval(() => {
    const t = new Date();
    utimes(file, t, t).catch(() => undefined);
  }, REFRESH_MS);
  timer.unref();
  return {
    owner,
    async release() {
      clearInterval(timer);
      const current = await readOwner(file);
      // Only remove our own lock: after a long pause ours may have been taken over as stale.
      if (current?.owner?.pid === owner.pid && current.owner.host === owner.host && current.owner.startedAt === owner.startedAt) await rm(file, { force: true });
    },
  };
}
