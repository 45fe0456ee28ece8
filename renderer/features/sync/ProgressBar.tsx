// An accessible progress bar: a labelled role="progressbar" with its value in words.
export function ProgressBar({ label, value, detail, state = 'active' }: {
  label: string;
  /** 0..1 */
  value: number;
  detail?: string;
  /** 'stopped': a cancelled or failed run, shown neutral. */
  state?: 'waiting' | 'active' | 'done' | 'stopped';
}) {
  const pct = Math.max(0, Math.min(100, Math.round(value * 100)));
  return (
    <div className="progress" data-state={state}>
      <div className="progress-label">
        <span>{label}</span>
        <span className="muted">{detail ?? `${pct}%`}</span>
      </div>
      <div className="progress-track" role="progressbar" aria-label={label} aria-valuemin={0} aria-valuemax={100} aria-valuenow={pct} aria-valuetext={detail ?? `${pct}%`}>
        <div className="progress-fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}
