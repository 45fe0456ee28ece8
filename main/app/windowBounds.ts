// Remembering the main window's position and size across launches. The saved value comes from a
// file users can edit (or from a machine with other monitors), so it is parsed with zod and
// moved back onto a visible display before use. Pure: displays are passed in.
import { z } from 'zod';

export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState extends Rect {
  maximized: boolean;
}

export const MIN_WINDOW_SIZE = { width: 800, height: 560 };
export const DEFAULT_WINDOW_SIZE = { width: 1280, height: 820 };
/** How much of the window (its title bar, in practice) must be on a display to count as visible. */
const MIN_VISIBLE = 64;

export const windowStateSchema = z.object({
  x: z.number().int().min(-100_000).max(100_000),
  y: z.number().int().min(-100_000).max(100_000),
  width: z.number().int().min(1).max(100_000),
  height: z.number().int().min(1).max(100_000),
  maximized: z.boolean().default(false),
});

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

function fitSize(width: number, height: number, area: Rect): { width: number; height: number } {
  return {
    width: Math.max(Math.min(width, area.width), Math.min(MIN_WINDOW_SIZE.width, area.width)),
    height: Math.max(Math.min(height, area.height), Math.min(MIN_WINDOW_SIZE.height, area.height)),
  };
}

function centredIn(area: Rect, width: number, height: number): Rect {
  const size = fitSize(width, height, area);
  return {
    x: Math.round(area.x + (area.width - size.width) / 2),
    y: Math.round(area.y + (area.height - size.height) / 2),
    ...size,
  };
}

/**
 * The bounds to open the window with: the saved ones when they are valid and their top strip is
 * on one of `workAreas` (resized to fit that display), otherwise the saved or default size
 * centred on the primary display.
 */
export function restoreWindowState(saved: unknown, workAreas: readonly Rect[], primary: Rect): WindowState {
  const parsed = windowStateSchema.safeParse(saved);
  if (!parsed.success) return { ...centredIn(primary, DEFAULT_WINDOW_SIZE.width, DEFAULT_WINDOW_SIZE.height), maximized: false };
  const state = parsed.data;
  const titleBar: Rect = { x: state.x, y: state.y, width: state.width, height: Math.min(state.height, MIN_VISIBLE) };
  const home = workAreas.find((area) => {
    const o = overlap(titleBar, area);
    return o.width >= Math.min(MIN_VISIBLE, state.width) && o.height >= titleBar.height;
  });
  if (!home) return { ...centredIn(primary, state.width, state.height), maximized: state.maximized };
  const size = fitSize(state.width, state.height, home);
  // Keep the window inside its display after shrinking it to fit.
  const x = Math.min(Math.max(state.x, home.x), home.x + home.width - size.width);
  const y = Math.min(Math.max(state.y, home.y), home.y + home.height - size.height);
  return { x, y, ...size, maximized: state.maximized };
}
