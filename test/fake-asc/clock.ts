// The fake's controllable clock. Tests move it forward; the demo can let it follow the wall clock.
// Every change notifies the owner so production (new instances, expiry, inactivity) catches up.

import { DAY_MS, MINUTE_MS } from './dates';

export interface FakeClock {
  now(): Date;
  advanceDays(days: number): void;
  advanceMinutes(minutes: number): void;
  /** Moving backwards is allowed but undoes nothing already produced. */
  set(date: Date): void;
}

export class ControlledClock implements FakeClock {
  private offsetMs = 0;
  private readonly wallStartMs = Date.now();

  constructor(
    private readonly baseMs: number,
    private readonly followWallClock: boolean,
    private readonly onChange: () => void,
  ) {}

  nowMs(): number {
    const wallElapsed = this.followWallClock ? Date.now() - this.wallStartMs : 0;
    return this.baseMs + this.offsetMs + wallElapsed;
  }

  now(): Date {
    return new Date(this.nowMs());
  }

  advanceDays(days: number): void {
    this.shift(days * DAY_MS);
  }

  advanceMinutes(minutes: number): void {
    this.shift(minutes * MINUTE_MS);
  }

  set(date: Date): void {
    this.shift(date.getTime() - this.nowMs());
  }

  private shift(deltaMs: number): void {
    if (!Number.isFinite(deltaMs)) throw new RangeError('clock shift must be a finite number');
    this.offsetMs += deltaMs;
    this.onChange();
  }
}
