// The dashboard controls: presets end yesterday, a custom range must run forwards, "the selected
// app" follows the switcher, and whatever localStorage held is kept only where it is still valid.
import { describe, expect, it } from 'vitest';
import { defaultControlsState, parseControlsState, rangeOf, toControls } from '../../../renderer/features/dashboards/controlsModel';

const today = new Date('2026-03-10T15:00:00Z');

describe('controls', () => {
  it('turns presets into inclusive ranges ending yesterday', () => {
    const state = defaultControlsState(today);
    expect(rangeOf(state, today)).toEqual({ from: '2026-02-10', to: '2026-03-09' });
    expect(rangeOf({ ...state, range: '7d' }, today)).toEqual({ from: '2026-03-03', to: '2026-03-09' });
    expect(rangeOf({ ...state, range: '12m' }, today)).toEqual({ from: '2025-03-10', to: '2026-03-09' });
  });

  it('asks for the selected app, all apps or a list, and nothing without an app', () => {
    const state = defaultControlsState(today);
    expect(toControls(state, '123', today)?.apps).toEqual(['123']);
    expect(toControls(state, undefined, today)).toBeNull();
    expect(toControls({ ...state, apps: 'all' }, undefined, today)?.apps).toBe('all');
    expect(toControls({ ...state, apps: [] }, '123', today)).toBeNull();
    // A preset is "the last N": main ends it where every chosen app's data end; a custom range is kept as typed.
    expect(toControls(state, '123', today)?.endAtData).toBe(true);
    expect(toControls({ ...state, range: 'custom' }, '123', today)?.endAtData).toBeUndefined();
  });

  it('refuses a custom range that runs backwards and drops empty filters', () => {
    const state = { ...defaultControlsState(today), range: 'custom' as const, customFrom: '2026-02-01', customTo: '2026-01-01' };
    expect(toControls(state, '1', today)).toBeNull();
    const ok = toControls({ ...state, customTo: '2026-02-05', filters: { territory: ['US'], device: [] } }, '1', today);
    expect(ok).toMatchObject({ from: '2026-02-01', to: '2026-02-05', filters: { territory: ['US'] } });
    expect(ok?.filters).not.toHaveProperty('device');
  });

  it('reads stored state field by field', () => {
    const stored = JSON.stringify({ apps: ['1', 'x; drop'], range: '90d', granularity: 'WEEKLY', compare: 'yearAgo', topN: 99, filters: { territory: ['US', ''], bogus: ['a'] } });
    const state = parseControlsState(stored, today);
    expect(state.apps).toEqual(['1']);
    expect(state.range).toBe('90d');
    expect(state.granularity).toBe('WEEKLY');
    expect(state.compare).toBe('yearAgo');
    expect(state.topN).toBe(8);
    expect(state.filters).toEqual({ territory: ['US'] });
    expect(parseControlsState('not json', today)).toEqual(defaultControlsState(today));
  });
});
