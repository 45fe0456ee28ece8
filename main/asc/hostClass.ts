// Classifies a URL host as loopback, private, link-local, unspecified, multicast, reserved or an
// address-translation range from its literal form only (no DNS): the base-URL and download
// policies use it to keep requests off the user's own machine and network when Orchard talks to Apple.

/**
 * 'private' includes carrier-grade NAT (100.64/10) and IPv6 site-local; 'translated' is an IPv6
 * address that reaches an IPv4 one through a gateway (NAT64 64:ff9b::/96 and 64:ff9b:1::/48,
 * 6to4 2002::/16, Teredo 2001::/32), whose real target the spelling does not vouch for.
 */
export type HostClass = 'loopback' | 'private' | 'link-local' | 'unspecified' | 'multicast' | 'reserved' | 'translated' | 'public';

/** `URL.hostname` keeps IPv6 literals in brackets; strip them for parsing. */
function bare(hostname: string): string {
  return hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname;
}

function ipv4Parts(host: string): number[] | undefined {
  // WHATWG URL parsing already turned 0x7f.1, 2130706433 and friends into dotted decimal.
  const match = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(host);
  if (!match) return undefined;
  const parts = match.slice(1).map(Number);
  return parts.every((p) => p <= 255) ? parts : undefined;
}

function classifyIpv4([a, b]: number[]): HostClass {
  if (a === 127) return 'loopback';
  if (a === 0) return 'unspecified';
  if (a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168) || (a === 100 && b! >= 64 && b! <= 127)) return 'private';
  if (a === 169 && b === 254) return 'link-local';
  if (a! >= 224 && a! <= 239) return 'multicast';
  if (a! >= 240) return 'reserved';
  return 'public';
}

/** Expands an IPv6 literal to eight 16-bit groups; undefined when it is not one. URL parsing has
 *  already rewritten an embedded IPv4 tail (::ffff:127.0.0.1) as hex groups. */
function ipv6Groups(host: string): number[] | undefined {
  if (!host.includes(':')) return undefined;
  const [head, rest, extra] = host.split('::') as [string, string | undefined, string | undefined];
  if (extra !== undefined) return undefined;
  const parse = (s: string) => (s === '' ? [] : s.split(':').map((g) => (/^[0-9a-f]{1,4}$/.test(g) ? parseInt(g, 16) : NaN)));
  const front = parse(head);
  const back = rest === undefined ? [] : parse(rest);
  const missing = 8 - front.length - back.length;
  if (rest === undefined ? missing !== 0 : missing < 0) return undefined;
  const groups = [...front, ...Array<number>(missing).fill(0), ...back];
  return groups.every((g) => Number.isInteger(g)) ? groups : undefined;
}

function classifyIpv6(g: number[]): HostClass {
  if (g.every((x) => x === 0)) return 'unspecified';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'loopback';
  // IPv4-mapped (::ffff:a.b.c.d) and the old IPv4-compatible form (::a.b.c.d) reach the IPv4 address: judge that one.
  if (g.slice(0, 5).every((x) => x === 0) && (g[5] === 0xffff || g[5] === 0)) return classifyIpv4([g[6]! >> 8, g[6]! & 255, g[7]! >> 8, g[7]! & 255]);
  if (g[0] === 0x64 && g[1] === 0xff9b) return 'translated';
  if (g[0] === 0x2002 || (g[0] === 0x2001 && g[1] === 0)) return 'translated';
  if ((g[0]! & 0xfe00) === 0xfc00 || (g[0]! & 0xffc0) === 0xfec0) return 'private';
  if ((g[0]! & 0xffc0) === 0xfe80) return 'link-local';
  if ((g[0]! & 0xff00) === 0xff00) return 'multicast';
  return 'public';
}

/** What a URL's `hostname` names, judged from its spelling. Host names other than localhost are 'public'. */
export function classifyHost(hostname: string): HostClass {
  const host = bare(hostname).toLowerCase().replace(/\.$/, '');
  if (host === 'localhost' || host.endsWith('.localhost')) return 'loopback';
  const v4 = ipv4Parts(host);
  if (v4) return classifyIpv4(v4);
  const v6 = ipv6Groups(host);
  if (v6) return classifyIpv6(v6);
  return 'public';
}

export function isLoopbackHost(hostname: string): boolean {
  return classifyHost(hostname) === 'loopback';
}

/**
 * This machine for certain: a loopback IP literal or exactly `localhost`. Names under .localhost
 * count as loopback when refusing, but not when trusting: a resolver or hosts file may send them
 * elsewhere, so plain http and the API token never go to them.
 */
export function isLoopbackLiteral(hostname: string): boolean {
  const host = bare(hostname).toLowerCase().replace(/\.$/, '');
  const literal = host === 'localhost' || ipv4Parts(host) !== undefined || ipv6Groups(host) !== undefined;
  return literal && classifyHost(host) === 'loopback';
}
