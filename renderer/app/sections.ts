// The app's top-level sections, in sidebar order. Ctrl/Cmd + the digit jumps to one.
export const SECTIONS = [
  { id: 'overview', label: 'Overview' },
  { id: 'insights', label: 'Insights' },
  { id: 'apps', label: 'Apps' },
  { id: 'requests', label: 'Requests' },
  { id: 'reports', label: 'Reports' },
  { id: 'instances', label: 'Instances' },
  { id: 'sync', label: 'Sync' },
  { id: 'sales', label: 'Sales' },
  { id: 'workbench', label: 'SQL Workbench' },
  { id: 'keys', label: 'API Keys' },
  { id: 'settings', label: 'Settings' },
] as const;

export type SectionId = (typeof SECTIONS)[number]['id'];

export function isSectionId(value: string): value is SectionId {
  return SECTIONS.some((s) => s.id === value);
}
