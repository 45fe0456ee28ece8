// Series colours come from the theme (--chart-1 … --chart-8 in styles.css); "Other" is grey so it
// never passes for one more series.
import { OTHER_LABEL } from './tileData';

export const PALETTE_SIZE = 8;

export function seriesColour(name: string, index: number): string {
  return name === OTHER_LABEL ? 'var(--chart-other)' : `var(--chart-${(index % PALETTE_SIZE) + 1})`;
}
