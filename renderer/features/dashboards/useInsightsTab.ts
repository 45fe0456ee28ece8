// Which Insights page is open, remembered across visits (opening a tile in SQL and coming back
// lands on the same page).
import { useCallback, useState } from 'react';

const STORAGE_KEY = 'orchard.insightsTab';

export function useInsightsTab(valid: readonly string[]): [string, (id: string) => void] {
  const [tab, setTab] = useState<string>(() => {
    try {
      const stored = window.localStorage.getItem(STORAGE_KEY);
      return stored !== null && valid.includes(stored) ? stored : (valid[0] ?? 'overview');
    } catch {
      return valid[0] ?? 'overview';
    }
  });
  const select = useCallback((id: string) => {
    setTab(id);
    try {
      window.localStorage.setItem(STORAGE_KEY, id);
    } catch {
      // Not remembered this time; the tab still opens.
    }
  }, []);
  return [tab, select];
}
