// The editor's tabs, remembered across restarts in `<dataDir>/workbench/tabs.json`.
import path from 'node:path';
import { tabsStateSchema } from '../../shared/ipc/queryCommands';
import type { TabsState } from '../../shared/workbench';
import type { Logger } from '../logging/logger';
import { jsonFile } from './jsonFile';

export const FIRST_TAB_SQL = `-- Query your App Store data. Ctrl/Cmd+Enter runs the statement under the cursor.
SELECT table_schema, table_name, table_type
FROM information_schema.tables
ORDER BY table_schema, table_name;`;

export interface TabStore {
  load(): Promise<TabsState>;
  save(state: TabsState): Promise<void>;
}

export function createTabStore(dir: string, logger: Logger, newId: () => string): TabStore {
  const file = jsonFile(path.join(dir, 'tabs.json'), tabsStateSchema, logger);
  return {
    async load() {
      const stored = await file.read();
      if (stored !== undefined) {
        const activeId = stored.tabs.some((t) => t.id === stored.activeId) ? stored.activeId : (stored.tabs[0]?.id ?? '');
        return { ...stored, activeId };
      }
      const id = newId();
      return { tabs: [{ id, title: 'Query 1', sql: FIRST_TAB_SQL }], activeId: id };
    },
    save: (state) => file.write(state),
  };
}
