// How many ranked values tiles show: the text is the user's while they type ("1" on the way to
// "12"), and the controls change only when it is a whole number in range.
import { useEffect, useState } from 'react';
import { TOP_N_RANGE } from '../../../shared/dashboards';

export function TopNInput({ value, onChange }: { value: number; onChange: (n: number) => void }) {
  const [text, setText] = useState(String(value));
  useEffect(() => setText(String(value)), [value]);
  const valid = (n: number) => Number.isInteger(n) && n >= TOP_N_RANGE.min && n <= TOP_N_RANGE.max;
  return (
    <input type="number" aria-label="Top N" className="top-n" min={TOP_N_RANGE.min} max={TOP_N_RANGE.max} value={text}
      aria-invalid={!valid(Number(text))}
      onChange={(e) => {
        setText(e.target.value);
        const n = Number(e.target.value);
        if (e.target.value !== '' && valid(n) && n !== value) onChange(n);
      }}
      onBlur={() => setText(String(value))} />
  );
}
