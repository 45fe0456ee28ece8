// A timeline of one report's instances: one strip per granularity, one cell per processing day,
// coloured by state. Apple keeps instances 35 days, so the strip covers at least that window.
import type { Granularity } from '../../../shared/ascTypes';
import type { InstanceView } from '../../../shared/browse';
import { GRANULARITY_LABELS } from '../reports/reportText';
import { formatDay } from '../sync/format';
import { STATE_LABELS, addDays, bestOf, daysBetween, today } from './instanceText';

const MIN_DAYS = 42;
const MAX_DAYS = 120;

export function InstanceTimeline({ instances, selectedId, onSelect }: {
  instances: readonly InstanceView[];
  selectedId: string | undefined;
  onSelect: (instance: InstanceView) => void;
}) {
  const dates = instances.map((i) => i.processingDate).sort();
  const last = [dates.at(-1) ?? today(), today()].sort().at(-1) ?? today();
  const first = [dates[0] ?? last, addDays(last, -(MIN_DAYS - 1))].sort()[0] ?? last;
  const days = daysBetween([first, addDays(last, -(MAX_DAYS - 1))].sort().at(-1) ?? first, last);
  const granularities = (['DAILY', 'WEEKLY', 'MONTHLY'] as Granularity[]).filter((g) => instances.some((i) => i.granularity === g));
  const byKey = new Map<string, InstanceView[]>();
  for (const i of instances) byKey.set(`${i.granularity}|${i.processingDate}`, [...(byKey.get(`${i.granularity}|${i.processingDate}`) ?? []), i]);

  return (
    <div className="timeline" role="group" aria-label="Instances by processing date">
      <div className="timeline-row timeline-months" aria-hidden="true">
        <span className="timeline-label" />
        <div className="timeline-cells" style={{ gridTemplateColumns: `repeat(${days.length}, 1fr)` }}>
          {days.map((d, n) => <span key={d} className="timeline-month">{n === 0 || d.endsWith('-01') ? formatDay(d).replace(/,? \d{4}$/, '') : ''}</span>)}
        </div>
      </div>
      {granularities.map((g) => (
        <div key={g} className="timeline-row">
          <span className="timeline-label">{GRANULARITY_LABELS[g]}</span>
          <div className="timeline-cells" style={{ gridTemplateColumns: `repeat(${days.length}, 1fr)` }}>
            {days.map((d) => {
              const here = byKey.get(`${g}|${d}`) ?? [];
              const shown = bestOf(here);
              if (!shown) return <span key={d} className="cell cell-empty" />;
              const label = `${GRANULARITY_LABELS[g]} ${d}: ${here.map((i) => STATE_LABELS[i.state].toLowerCase()).join(', ')}`;
              return (
                <button key={d} type="button" className={`cell cell-${shown.state}`} data-state={shown.state} aria-label={label} title={label}
                  aria-pressed={here.some((i) => i.instanceId === selectedId)} onClick={() => onSelect(shown)}>
                  {here.length > 1 ? <span className="cell-more" aria-hidden="true" /> : null}
                </button>
              );
            })}
          </div>
        </div>
      ))}
    </div>
  );
}
