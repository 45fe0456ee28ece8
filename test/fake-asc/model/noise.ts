// Seeded noise shapes for the app model: bell-shaped deviates and multiplicative jitter, all pure
// functions of a 32-bit hash so a seed always gives the same numbers.

import { mix32, unitOf } from '../hash';

/** A bell-shaped deviate with mean 0 and standard deviation ≈ 1 (sum of three uniforms). */
export function bellOf(hash: number): number {
  const sum = unitOf(mix32(hash, 1)) + unitOf(mix32(hash, 2)) + unitOf(mix32(hash, 3));
  return (sum - 1.5) * 2;
}

/** A multiplicative jitter around 1: exp(spread × bell). */
export function jitterOf(hash: number, spread: number): number {
  return Math.exp(spread * bellOf(hash));
}

/** A value in [lo, hi) picked by the hash. */
export function between(hash: number, lo: number, hi: number): number {
  return lo + unitOf(hash) * (hi - lo);
}
