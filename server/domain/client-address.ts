/**
 * The address a request came from, for throttling. The socket's peer unless the app is told it sits behind a
 * proxy (TRUST_PROXY): then the last X-Forwarded-For entry, the one our own proxy appended (entries before it are
 * whatever the client sent, so trusting the first one would let anyone pick their own address).
 */
export function clientAddress(input: {
  remoteAddress: string | undefined | null;
  forwardedFor: string | string[] | undefined | null;
  trustProxy: boolean;
}): string {
  if (input.trustProxy) {
    const header = Array.isArray(input.forwardedFor) ? input.forwardedFor.join(',') : (input.forwardedFor ?? '');
    const last = header
      .split(',')
      .map((part) => part.trim())
      .filter(Boolean)
      .at(-1);
    if (last) return normalizeAddress(last);
  }
  return normalizeAddress(input.remoteAddress ?? '') || 'unknown';
}

function normalizeAddress(raw: string): string {
  let address = raw.trim().toLowerCase();
  // "[2001:db8::1]:443" and "203.0.113.7:51234" as some proxies write them
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(address);
  if (bracketed) address = bracketed[1]!;
  else if (/^\d{1,3}(\.\d{1,3}){3}:\d+$/.test(address)) address = address.slice(0, address.lastIndexOf(':'));
  const mapped = /^::ffff:(\d{1,3}(\.\d{1,3}){3})$/.exec(address);
  return mapped ? mapped[1]! : address;
}

/**
 * The unit a throttle counts: an IPv4 address, or an IPv6 /64. One subscriber usually holds a whole /64 and can
 * pick any address in it, so counting single IPv6 addresses would hand an attacker 2^64 fresh budgets.
 */
export function throttleUnit(address: string): string {
  if (!address.includes(':')) return address;
  const groups = expandIpv6(address);
  return groups ? `${groups.slice(0, 4).join(':')}::/64` : address;
}

function expandIpv6(address: string): string[] | null {
  const withoutZone = address.split('%')[0]!;
  const halves = withoutZone.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  if (tail.length && tail.at(-1)!.includes('.')) tail.splice(-1, 1, '0', '0'); // embedded IPv4 in the last 32 bits
  const missing = 8 - head.length - tail.length;
  if (halves.length === 1 ? missing !== 0 : missing < 1) return null;
  const groups = [...head, ...Array<string>(missing).fill('0'), ...tail];
  if (!groups.every((g) => /^[0-9a-f]{1,4}$/.test(g))) return null;
  return groups.map((g) => g.replace(/^0+(?=.)/, ''));
}
