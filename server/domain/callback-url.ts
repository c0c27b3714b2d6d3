/** Longer than any link the app makes; a longer one is not worth parsing. */
const MAX_CALLBACK_URL_LENGTH = 2048;

// Browsers read "\" as "/" in a URL and drop tabs and newlines from it, so "/\evil.example" and "/\t/evil.example"
// would leave the origin however innocent they look: any of these characters makes a callback hostile.
// eslint-disable-next-line no-control-regex
const UNSAFE_CHARACTERS = /[\u0000-\u0020\u007f\\]/;

/**
 * Where a sign-in or sign-out may send the browser afterwards: a path on this origin ("/inbox?view=mine") or an
 * absolute URL on exactly this origin, returned as an absolute URL. Anything else (another origin, a
 * protocol-relative "//host", javascript: and other schemes, something that is not a URL) is null.
 */
export function sameOriginCallbackUrl(value: unknown, origin: string): string | null {
  if (typeof value !== 'string' || value === '' || value.length > MAX_CALLBACK_URL_LENGTH) return null;
  if (UNSAFE_CHARACTERS.test(value)) return null;
  let base: URL;
  try {
    base = new URL(origin);
  } catch {
    return null;
  }
  if (value.startsWith('/')) {
    if (value.startsWith('//')) return null;
    const resolved = new URL(value, base);
    return resolved.origin === base.origin ? resolved.href : null;
  }
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.username || url.password) return null;
  return url.origin === base.origin ? url.href : null;
}
