// Download speed from the byte counter of progress events: bytes over the last few seconds, so
// the figure neither jumps with every event nor lags behind for long.
import { useRef } from 'react';

const WINDOW_MS = 4000;

export function useSpeed(jobId: string | undefined, bytes: number): number | undefined {
  const samples = useRef<{ jobId: string | undefined; points: { t: number; bytes: number }[] }>({ jobId: undefined, points: [] });
  const s = samples.current;
  if (s.jobId !== jobId) {
    s.jobId = jobId;
    s.points = [];
  }
  const now = performance.now();
  const last = s.points.at(-1);
  if (!last || last.bytes !== bytes) s.points.push({ t: now, bytes });
  while (s.points.length > 2 && now - (s.points[0]?.t ?? now) > WINDOW_MS) s.points.shift();
  const first = s.points[0];
  const newest = s.points.at(-1);
  if (!first || !newest || newest.t - first.t < 300) return undefined;
  return ((newest.bytes - first.bytes) * 1000) / (newest.t - first.t);
}
