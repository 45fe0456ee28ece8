// JSON output with the variety real responses have: compact, Jackson-style pretty (`"key" : value`)
// or two-space pretty, sometimes with keys in another order. Clients must not care.

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue | undefined };

/** Jackson's default pretty printer, as in Apple's bodies. */
export function jacksonStringify(value: unknown, indent = ''): string {
  if (Array.isArray(value)) {
    if (value.length === 0) return '[ ]';
    return `[ ${value.map((item) => jacksonStringify(item, indent)).join(', ')} ]`;
  }
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{ }';
    const inner = `${indent}  `;
    const body = entries.map(([k, v]) => `${inner}${JSON.stringify(k)} : ${jacksonStringify(v, inner)}`).join(',\n');
    return `{\n${body}\n${indent}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Rotates each object's keys by a fixed amount: same content, different order. */
export function rotateKeys(value: unknown, by: number): unknown {
  if (Array.isArray(value)) return value.map((item) => rotateKeys(item, by));
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value);
    const shift = entries.length === 0 ? 0 : by % entries.length;
    const rotated = [...entries.slice(shift), ...entries.slice(0, shift)];
    return Object.fromEntries(rotated.map(([k, v]) => [k, rotateKeys(v, by)]));
  }
  return value;
}

/** Picks one of four renderings from `dice` (a number in [0, 1)). */
export function stringifyVaried(value: unknown, dice: number | undefined): string {
  if (dice === undefined) return JSON.stringify(value);
  const variant = Math.floor(dice * 4);
  if (variant === 0) return JSON.stringify(value);
  if (variant === 1) return jacksonStringify(value);
  if (variant === 2) return JSON.stringify(value, null, 2);
  return JSON.stringify(rotateKeys(value, 1 + Math.floor(dice * 1000)));
}
