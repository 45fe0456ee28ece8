// Headings of multi-app screens name whom they cover.
import { describe, expect, it } from 'vitest';
import { scopeLabel, type SelectedApp } from '../../../renderer/app/selectedApp';

const app = (id: string, name: string) => ({ id, name, bundleId: `com.example.${id}`, sku: id });
const selected: SelectedApp = { appId: '1', appName: 'Pocket Garden', apps: [app('1', 'Pocket Garden'), app('2', 'Trail Notes'), app('3', 'Quiet Hours')] };

describe('scopeLabel', () => {
  it('says "All apps" for all apps and the selected app by name', () => {
    expect(scopeLabel('all', selected)).toBe('All apps');
    expect(scopeLabel('selected', selected)).toBe('Pocket Garden');
    expect(scopeLabel('selected', { appId: '9', apps: [] })).toBe('app 9');
    expect(scopeLabel('selected', { apps: [] })).toBeUndefined();
  });

  it('names up to two chosen apps and counts more', () => {
    expect(scopeLabel(['2'], selected)).toBe('Trail Notes');
    expect(scopeLabel(['1', '2'], selected)).toBe('Pocket Garden and Trail Notes');
    expect(scopeLabel(['1', '2', '3'], selected)).toBe('3 apps');
    expect(scopeLabel([], selected)).toBeUndefined();
  });
});
