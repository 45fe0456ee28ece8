// Restoring the window: saved bounds are untrusted (hand-edited files, unplugged monitors).
import { describe, expect, it } from 'vitest';
import { DEFAULT_WINDOW_SIZE, MIN_WINDOW_SIZE, restoreWindowState, type Rect } from '../../../main/app/windowBounds';

const primary: Rect = { x: 0, y: 25, width: 1920, height: 1055 };
const secondary: Rect = { x: 1920, y: 0, width: 2560, height: 1440 };

describe('restoreWindowState', () => {
  it.each([undefined, null, 'big', { x: 1, y: 2 }, { x: 0, y: 0, width: -5, height: 600 }, { x: 0.5, y: 0, width: 900, height: 600 }])(
    'centres the default size on the primary display when nothing valid was saved (%j)',
    (saved) => {
      const state = restoreWindowState(saved, [primary, secondary], primary);
      expect(state).toEqual({
        x: (1920 - DEFAULT_WINDOW_SIZE.width) / 2,
        y: 25 + Math.round((1055 - DEFAULT_WINDOW_SIZE.height) / 2),
        ...DEFAULT_WINDOW_SIZE,
        maximized: false,
      });
    },
  );

  it('keeps bounds that are on a display, on that display', () => {
    expect(restoreWindowState({ x: 100, y: 120, width: 1000, height: 700, maximized: true }, [primary, secondary], primary)).toEqual({
      x: 100,
      y: 120,
      width: 1000,
      height: 700,
      maximized: true,
    });
    expect(restoreWindowState({ x: 2500, y: 300, width: 1200, height: 900 }, [primary, secondary], primary)).toEqual({
      x: 2500,
      y: 300,
      width: 1200,
      height: 900,
      maximized: false,
    });
  });

  it('brings a window from an unplugged monitor back to the primary display, keeping its size', () => {
    const state = restoreWindowState({ x: 2500, y: 300, width: 1200, height: 900 }, [primary], primary);
    expect(state).toEqual({ x: 360, y: 25 + 78, width: 1200, height: 900, maximized: false });
  });

  it('recentres a window whose title bar is off screen (above the top edge)', () => {
    const state = restoreWindowState({ x: 100, y: -400, width: 1000, height: 700 }, [primary, secondary], primary);
    expect(state.y).toBeGreaterThanOrEqual(primary.y);
    expect(state.x).toBe(460);
  });

  it('pulls a partly visible window fully onto its display', () => {
    const state = restoreWindowState({ x: 1800, y: 500, width: 1000, height: 700 }, [primary], primary);
    expect(state).toEqual({ x: 920, y: 380, width: 1000, height: 700, maximized: false });
  });

  it('shrinks a window larger than its display and keeps it inside', () => {
    const state = restoreWindowState({ x: 10, y: 30, width: 5000, height: 3000 }, [primary], primary);
    expect(state).toEqual({ x: 0, y: 25, width: 1920, height: 1055, maximized: false });
  });

  it('grows a window below the minimum size', () => {
    const state = restoreWindowState({ x: 100, y: 100, width: 120, height: 90 }, [primary], primary);
    expect(state.width).toBe(MIN_WINDOW_SIZE.width);
    expect(state.height).toBe(MIN_WINDOW_SIZE.height);
  });
});
