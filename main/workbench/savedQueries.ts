// Saved queries are plain `.sql` files in `<dataDir>/queries/`, one per query, named after it, so
// they can be opened, shared and kept in git outside Orchard.
import { mkdir, readdir, readFile, rename, stat, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { OrchardError } from '../../shared/errors';
import { SAFE_NAME, type SavedQueries, type SavedQuery } from '../../shared/workbench';

const EXTENSION = '.sql';
const MAX_FILE_BYTES = 1_000_000;

export interface SavedQueryStore {
  readonly folder: string;
  list(): Promise<SavedQueries>;
  save(name: string, sql: string): Promise<SavedQuery>;
  remove(name: string): Promise<boolean>;
}

function fileFor(folder: string, name: string): string {
  if (!SAFE_NAME.test(name)) throw new OrchardError('BAD_INPUT', 'A query name uses letters, digits, spaces and _ . ( ) - only.');
  return path.join(folder, `${name}${EXTENSION}`);
}

export function createSavedQueryStore(folder: string): SavedQueryStore {
  const read = async (fileName: string): Promise<SavedQuery | null> => {
    const file = path.join(folder, fileName);
    const info = await stat(file).catch(() => null);
    if (info === null || !info.isFile() || info.size > MAX_FILE_BYTES) return null;
    return { name: fileName.slice(0, -EXTENSION.length), fileName, sql: await readFile(file, 'utf8'), modifiedAt: info.mtime.toISOString() };
  };

  return {
    folder,
    async list() {
      await mkdir(folder, { recursive: true });
      const names = (await readdir(folder)).filter((f) => f.toLowerCase().endsWith(EXTENSION) && SAFE_NAME.test(f.slice(0, -EXTENSION.length)));
      const queries = (await Promise.all(names.map(read))).filter((q): q is SavedQuery => q !== null);
      return { folder, queries: queries.sort((a, b) => a.name.localeCompare(b.name)) };
    },
    async save(name, sql) {
      const file = fileFor(folder, name);
      await mkdir(folder, { recursive: true });
      const temp = `${file}.${process.pid}.tmp`;
      await writeFile(temp, sql.endsWith('\n') ? sql : `${sql}\n`, 'utf8');
      await rename(temp, file);
      const saved = await read(path.basename(file));
      if (saved === null) throw new OrchardError('INTERNAL', `Could not read back ${file}.`);
      return saved;
    },
    async remove(name) {
      return unlink(fileFor(folder, name)).then(
        () => true,
        () => false,
      );
    },
  };
}
