// Every instance of the report, newest first, in a virtualized list (a DAILY report alone has
// 35 live instances, and Orchard remembers older ones). Arrow keys move between rows.
import { useRef, type KeyboardEvent } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import type { InstanceView } from '../../../shared/browse';
import { GRANULARITY_LABELS } from '../reports/reportText';
import { accessTypeLabel } from '../requests/requestText';
import { formatCount, formatDay } from '../sync/format';
import { STATE_LABELS } from './instanceText';

const ROW_HEIGHT = 40;

export function InstanceList({ instances, selectedId, onSelect }: {
  instances: readonly InstanceView[];
  selectedId: string | undefined;
  onSelect: (instance: InstanceView) => void;
}) {
  const scroller = useRef<HTMLDivElement>(null);
  const virtual = useVirtualizer({ count: instances.length, getScrollElement: () => scroller.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const move = (e: KeyboardEvent<HTMLButtonElement>, index: number) => {
    const next = e.key === 'ArrowDown' ? index + 1 : e.key === 'ArrowUp' ? index - 1 : -1;
    if (next < 0 || next >= instances.length) return;
    e.preventDefault();
    virtual.scrollToIndex(next);
    requestAnimationFrame(() => scroller.current?.querySelector<HTMLButtonElement>(`[data-index="${next}"] button`)?.focus());
  };
  return (
    <div ref={scroller} className="virtual-scroller instance-scroller">
      <div className="instance-head" aria-hidden="true">
        <span>Processing date</span><span>Granularity</span><span>Request</span><span>State</span><span>Rows</span><span>Files</span>
      </div>
      <div role="list" aria-label="Instances" style={{ height: virtual.getTotalSize(), position: 'relative' }}>
        {virtual.getVirtualItems().map((item) => {
          const i = instances[item.index];
          if (!i) return null;
          return (
            <div key={i.instanceId} role="listitem" data-index={item.index} className="virtual-row" style={{ height: item.size, transform: `translateY(${item.start}px)` }}>
              <button type="button" className="instance-row" aria-pressed={i.instanceId === selectedId} data-state={i.state}
                aria-label={`${GRANULARITY_LABELS[i.granularity]} ${i.processingDate} ${accessTypeLabel(i.accessType)}: ${STATE_LABELS[i.state]}`}
                onClick={() => onSelect(i)} onKeyDown={(e) => move(e, item.index)}>
                <span>{formatDay(i.processingDate)}</span>
                <span>{GRANULARITY_LABELS[i.granularity]}</span>
                <span>{accessTypeLabel(i.accessType)}</span>
                <span><span className={`status status-${i.state}`}>{STATE_LABELS[i.state]}</span></span>
                <span>{i.rowCount === null ? '—' : formatCount(i.rowCount)}</span>
                <span>{i.segmentCount ?? '—'}</span>
              </button>
            </div>
          );
        })}
      </div>
    </div>
  );
}
