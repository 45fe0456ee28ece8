// A JSON file owned by one store: read back through a zod schema (users and older versions can
// edit it), written atomically (temp file + rename) and one write at a time.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { Logger } from '../logging/logger';

export interface JsonFile<T> {
  readonly path: string;
  /** The stored value, or undefined when the file is missing or does not fit the schema. */
  read(): Promise<T | undefined>;
  write(value: T): Promise<void>;
}

export function jsonFile<S extends z.ZodType>(filePath: string, schema: S, logger: Logger): JsonFile<z.output<S>> {
  let queue: Promise<unknown> = Promise.resolve();
  let counter = 0;
  return {
    path: filePath,
    async read() {
      let text: string;
      try {
        text = await readFile(filePath, 'utf8');
      } catch {
        return undefined;
      }
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch {
        logger.warn('workbench.file_unreadable', { file: path.basename(filePath) });
        return undefined;
      }
      const parsed = schema.safeParse(raw);
      if (!parsed.success) logger.warn('workbench.file_invalid', { file: path.basename(filePath), issues: parsed.error.issues.length });
      return parsed.success ? parsed.data : undefined;
    },
    write(value) {
      counter += 1;
      const temp = `${filePath}.${process.pid}.${counter}.tmp`;
      const next = queue.then(async () => {
        await mkdir(path.dirname(filePath), { recursive: true });
        await writeFile(temp, JSON.stringify(value), 'utf8');
        await rename(temp, filePath);
      });
      queue = next.catch(() => undefined);
      return next;
    },
  };
}
