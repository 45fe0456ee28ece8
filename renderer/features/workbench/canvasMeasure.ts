// Text widths for sizing columns (see columnWidths.ts), measured with a canvas in the fonts the
// grid's cells and headers use.
import type { TextMeasure } from './columnWidths';

/** Measures text with a canvas in the fonts the grid's cells and headers use. */
export function canvasMeasure(grid: HTMLElement): TextMeasure | null {
  const context = document.createElement('canvas').getContext('2d');
  if (context === null) return null;
  const style = getComputedStyle(grid);
  const size = Number.parseFloat(style.fontSize) || 12;
  const mono = "ui-monospace, 'SF Mono', Menlo, Consolas, monospace";
  const sans = style.fontFamily || 'system-ui, sans-serif';
  const width = (font: string) => (text: string) => {
    context.font = font;
    return context.measureText(text).width;
  };
  return { cell: width(`${size}px ${mono}`), header: width(`600 ${size}px ${sans}`), type: width(`${size - 2}px ${mono}`) };
}
