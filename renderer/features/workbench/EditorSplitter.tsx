// Drag (or arrow keys) to share the height between the editor and the results.
import type { KeyboardEvent, PointerEvent } from 'react';

const MIN = 80;
const MAX = 900;

export function EditorSplitter({ height, onResize }: { height: number; onResize: (height: number) => void }) {
  const clamp = (h: number) => Math.max(MIN, Math.min(MAX, Math.round(h)));
  const onPointerDown = (event: PointerEvent<HTMLDivElement>) => {
    const startY = event.clientY;
    const start = height;
    const target = event.currentTarget;
    target.setPointerCapture(event.pointerId);
    const move = (e: globalThis.PointerEvent) => onResize(clamp(start + e.clientY - startY));
    const up = () => {
      target.removeEventListener('pointermove', move);
      target.removeEventListener('pointerup', up);
    };
    target.addEventListener('pointermove', move);
    target.addEventListener('pointerup', up);
  };
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.key !== 'ArrowUp' && event.key !== 'ArrowDown') return;
    event.preventDefault();
    onResize(clamp(height + (event.key === 'ArrowDown' ? 20 : -20)));
  };
  return (
    <div
      className="wb-splitter"
      role="separator"
      aria-orientation="horizontal"
      aria-label="Resize editor"
      aria-valuenow={height}
      aria-valuemin={MIN}
      aria-valuemax={MAX}
      tabIndex={0}
      onPointerDown={onPointerDown}
      onKeyDown={onKeyDown}
    />
  );
}
