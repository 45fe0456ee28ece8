// Which tabs hold edits their saved .sql file does not: the tab bar marks them, and Pin (which
// runs the saved file) warns. Reads the saved queries again whenever one is saved or deleted.
import { useEffect, useMemo, useState } from 'react';
import type { QueryTab } from '../../../shared/workbench';
import type { OrchardClient } from '../../ipc/client';

/** `version` changes whenever a saved query is written or removed. */
export function useUnsavedTabs(client: OrchardClient, tabs: readonly QueryTab[], version: number): ReadonlySet<string> {
  const [savedSql, setSavedSql] = useState<ReadonlyMap<string, string>>(new Map());
  useEffect(() => {
    let live = true;
    client.invoke('query:savedList', {}).then(
      (list) => live && setSavedSql(new Map(list.queries.map((q) => [q.name, q.sql]))),
      // Without the list nothing is marked: a missing mark is better than a false one.
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [client, version]);
  return useMemo(() => new Set(tabs.filter((tab) => isUnsaved(tab, savedSql)).map((tab) => tab.id)), [tabs, savedSql]);
}

/** A tab of a saved query whose text differs from the file's (trailing blank space aside). */
export function isUnsaved(tab: QueryTab, savedSql: ReadonlyMap<string, string>): boolean {
  if (tab.savedName === undefined) return false;
  const saved = savedSql.get(tab.savedName);
  return saved !== undefined && saved.trimEnd() !== tab.sql.trimEnd();
}
