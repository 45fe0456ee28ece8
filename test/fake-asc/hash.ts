// Deterministic 32-bit hashing helpers. Every generated ID and value in the fake derives from
// these, so the same seed and the same history always give byte-identical responses and files.

/** Murmur3's 32-bit finaliser: spreads every input bit over the whole word. */
export function fmix32(input: number): number {
  let h = input >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines a running hash with one more 32-bit value. */
export function mix32(a: number, b: number): number {
  return fmix32(Math.imul(a ^ 0x9e3779b9, 0x85ebca6b) ^ fmix32((b + 0x7f4a7c15) | 0));
}

/** FNV-1a over UTF-16 code units, finalised; good enough to turn IDs and names into seeds. */
export function hashString(text: string, seed = 0): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return fmix32(h);
}

/** Hash of a list of numbers and strings, order-sensitive. */
export function hashOf(...parts: ReadonlyArray<number | string>): number {
  let h = 0x2545f491;
  for (const part of parts) h = mix32(h, typeof part === 'number' ? part | 0 : hashString(part));
  return h;
}

/** Maps a hash to [0, 1). */
export function unitOf(hash: number): number {
  return (hash >>> 0) / 4294967296;
}

/** A small seeded generator (mulberry32) for sequences such as request IDs and fault dice. */
export class SeededRandom {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  }

  next(): number {
    return this.nextUint32() / 4294967296;
  }

  uuid(): string {
    return uuidFromHashes([this.nextUint32(), this.nextUint32(), this.nextUint32(), this.nextUint32()]);
  }
}

/** Formats 128 bits as a version-4-looking UUID. */
export function uuidFromHashes(words: readonly [number, number, number, number] | number[]): string {
  const hex = words.map((w) => (w >>> 0).toString(16).padStart(8, '0')).join('');
  const variant = ((parseInt(hex[16] ?? '0', 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** A UUID derived from a seed hash; a few get an upper-case first letter, as Apple's do. */
export function uuidFromSeed(seedHash: number): string {
  const words = [mix32(seedHash, 1), mix32(seedHash, 2), mix32(seedHash, 3), mix32(seedHash, 4)];
  const id = uuidFromHashes(words);
  return mix32(seedHash, 5) % 8 === 0 ? id.charAt(0).toUpperCase() + id.slice(1) : id;
}
