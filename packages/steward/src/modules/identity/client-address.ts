// The address the sign-in throttle counts a client by. IPv4 as it is; IPv6 by its /64 network, since
// one machine is usually handed a whole /64 and could otherwise take a fresh address per attempt.
import { isIPv6 } from 'node:net';

export function throttleAddress(ip: string): string {
  if (!isIPv6(ip)) return ip;
  const groups = ipv6Groups(ip);
  if (!groups) return ip;
  const mappedV4 = groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff;
  if (mappedV4) {
    const [high = 0, low = 0] = groups.slice(6);
    return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.');
  }
  return `${groups
    .slice(0, 4)
    .map((g) => g.toString(16))
    .join(':')}::/64`;
}

/** The eight 16-bit groups of an IPv6 address, or undefined for one node:net accepts but URL does not (zones). */
function ipv6Groups(ip: string): number[] | undefined {
  let canonical: string;
  try {
    // The URL parser writes IPv6 in one form: lower case, embedded IPv4 as hex, `::` for the zeros.
    canonical = new URL(`http://[${ip}]/`).hostname.slice(1, -1);
  } catch {
    return undefined;
  }
  const [head = '', tail] = canonical.split('::');
  const before = head ? head.split(':') : [];
  const after = tail ? tail.split(':') : [];
  const zeros = tail === undefined ? [] : Array(8 - before.length - after.length).fill('0');
  return [...before, ...zeros, ...after].map((g) => Number.parseInt(g, 16));
}
